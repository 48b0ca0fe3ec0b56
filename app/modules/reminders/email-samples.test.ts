import { describe, expect, test } from 'vitest'
import { renderEmail, type EmailTemplate } from '#app/modules/notifications/email-templates'
import { reminderEmailSamples } from './email-samples'

const templates = Object.entries(reminderEmailSamples).map(([name, data]) => ({ template: { name, data } as EmailTemplate, data }))

describe('the reminders’ e-mails, in both languages', () => {
  test.each(templates.map(({ template, data }) => [template.name, template, data] as const))('%s: subject, HTML and text, every text translated', async (_name, template, data) => {
    for (const locale of ['fr', 'en']) {
      const email = await renderEmail(template, locale)
      for (const part of [email.subject, email.text, email.html]) expect(part).not.toMatch(/reminders\.emails\./)
      expect(email.text).toContain(data.link)
      expect(email.html).toContain(data.link)
      expect(email.text).toContain(data.needTitle)
    }
  })

  test('French typography: a non-breaking space before the colon, dates as the sweep writes them', async () => {
    const soon = await renderEmail({ name: 'reminders.charterSoon', data: reminderEmailSamples['reminders.charterSoon'] }, 'fr')
    expect(soon.subject).toBe('Réponse attendue le 1er\u00a0décembre\u00a0: Capteurs Alpins')
    expect(soon.text).toContain('une réponse est attendue le 1er\u00a0décembre.')
    const english = await renderEmail({ name: 'reminders.pilotEnding', data: { ...reminderEmailSamples['reminders.pilotEnding'], endsOn: 'on 14\u00a0December' } }, 'en')
    expect(english.subject).toBe('Pilot ends on 14\u00a0December: Maintenance prédictive des télésièges')
    expect(english.text).toContain('The pilot “Maintenance prédictive des télésièges” with Compagnie des Alpes ends on 14\u00a0December.')
  })
})
