import { describe, expect, test } from 'vitest'
import { renderEmail } from './email-templates'
import { templateSamples, TEMPLATE_SAMPLES } from './template-samples'

describe('template samples', () => {
  test('every template has a sample, in the order of the registry', () => {
    expect(templateSamples().map((template) => template.name)).toEqual(Object.keys(TEMPLATE_SAMPLES))
  })

  test.each(['fr', 'en'])('every template renders in %s without a missing text', async (locale) => {
    for (const template of templateSamples()) {
      const email = await renderEmail(template, locale, { preferencesUrl: 'https://sillon.example/settings/notifications' })
      // A missing key comes back as the key itself ("members.emails.removed.subject").
      expect(email.subject, template.name).not.toMatch(/^[a-z]+(\.[A-Za-z]+)+$/)
      expect(email.text, template.name).not.toMatch(/\bemails\.[A-Za-z]+\.(body|cta|subject)\b/)
      expect(email.text, template.name).toContain('https://sillon.example/settings/notifications')
    }
  })
})

describe('e-mail footer', () => {
  const sample = { name: 'needPublished', data: TEMPLATE_SAMPLES.needPublished } as const

  test('a non-transactional e-mail offers the preference centre and the one-click unsubscribe, in both parts', async () => {
    const unsubscribeUrl = 'https://sillon.example/unsubscribe?u=u1&s=MY_NEEDS&t=abc'
    const email = await renderEmail(sample, 'fr', { preferencesUrl: 'https://sillon.example/settings/notifications', unsubscribeUrl })
    expect(email.text).toContain('Choisir les e-mails que vous recevez')
    expect(email.text).toContain('Se désabonner')
    expect(email.text).toContain(unsubscribeUrl)
    expect(email.html).toContain('href="https://sillon.example/settings/notifications"')
    expect(email.html).toContain(`href="${unsubscribeUrl.replaceAll('&', '&amp;')}"`)
  })

  test('a transactional e-mail has no unsubscribe line; one to an address without an account has no preferences link', async () => {
    const reset = await renderEmail({ name: 'passwordReset', data: TEMPLATE_SAMPLES.passwordReset }, 'en', { preferencesUrl: 'https://sillon.example/settings/notifications' })
    expect(reset.text).not.toMatch(/unsubscribe/i)
    expect(reset.text).toContain('https://sillon.example/settings/notifications')
    const invitation = await renderEmail({ name: 'invitation', data: TEMPLATE_SAMPLES.invitation }, 'fr')
    expect(invitation.text).not.toContain('/settings/notifications')
    expect(invitation.text).not.toContain('Se désabonner')
    expect(invitation.text).not.toContain('vous avez un compte')
  })
})
