import { supportedLocales } from '#app/i18n/config'
import { isStaff, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { renderEmail, type EmailTemplate } from './email-templates'
import { SAMPLE_APP_URL, templateSamples, TRANSACTIONAL_TEMPLATES } from './template-samples'

/**
 * The staff outbox's template previews: every template, and one of them rendered in each language
 * with its sample data and the footer it has when sent (the unsubscribe line on non-transactional
 * e-mails). Staff only, as the outbox itself.
 */
export async function templatePreviews(actor: Actor, selected: string | null) {
  if (!isStaff(actor)) throw AppError.forbidden()
  const templates = templateSamples()
  const template = templates.find((entry) => entry.name === selected) ?? templates[0]!
  const renders = await Promise.all(
    supportedLocales.map(async (locale) => ({ locale, ...(await renderSample(template, locale)) })),
  )
  return {
    templates: templates.map((entry) => ({ name: entry.name, transactional: TRANSACTIONAL_TEMPLATES.has(entry.name) })),
    selected: template.name,
    renders,
  }
}

function renderSample(template: EmailTemplate, locale: string) {
  return renderEmail(template, locale, {
    preferencesUrl: template.name === 'invitation' ? null : `${SAMPLE_APP_URL}/settings/notifications`,
    unsubscribeUrl: TRANSACTIONAL_TEMPLATES.has(template.name) ? null : `${SAMPLE_APP_URL}/unsubscribe?u=exemple&s=MY_APPLICATIONS&t=exemple`,
  })
}
