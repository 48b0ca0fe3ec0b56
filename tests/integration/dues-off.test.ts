import { describe, expect, test } from 'vitest'
import { sendDuesReminders } from '#app/modules/billing/reminders.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff, needFormFields } from '#tests/factories'
import { signedIn } from '#tests/helpers/app'

/**
 * Without Stripe keys (the embedded default) dues are off (decision 0032): a hub that requires
 * dues refuses nobody, the staff page says dues are off here, no reminder is sent. Its own file:
 * the built app reads the environment once, and the other dues tests run with the keys.
 */
describe('dues off on this installation', () => {
  test('a hub requiring dues, a cancelled subscription: posting and applying go through; the staff page says why', async () => {
    const hub = await createHub({ requiresDues: true })
    const moderator = await createStaff(hub.id)
    const partner = await createMember(hub.id, 'PARTNER')
    const firm = await createMember(hub.id, 'FIRM')
    await prisma.subscription.create({ data: { organisationId: partner.organisation.id, status: 'CANCELED' } })
    await prisma.subscription.create({ data: { organisationId: firm.organisation.id, status: 'PAST_DUE', pastDueSince: new Date(Date.now() - 60 * 86_400_000) } })
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })

    const asPartner = await signedIn(partner.user.email)
    expect(await (await asPartner.get('/needs/new')).text()).not.toContain('role="alert"')
    expect((await asPartner.post('/needs/new', { ...needFormFields(), intent: 'submit' })).status).toBe(302)
    const asFirm = await signedIn(firm.user.email)
    const applied = await asFirm.post(`/needs/${need.id}/apply`, {
      intent: 'submit',
      approach: 'Capteurs vibratoires sur les poulies et modèle de détection d’anomalies entraîné sur deux saisons.',
      timeline: 'Dix semaines',
      priceEur: '45000',
      referencesText: '',
    })
    expect(applied.status).toBe(302)
    expect((await prisma.application.findFirstOrThrow({ where: { needId: need.id } })).status).toBe('SUBMITTED')

    const page = await (await signedIn(moderator.email)).get('/staff/dues')
    expect(await page.text()).toContain('Les cotisations en ligne ne sont pas activées sur cette installation')
    expect(await sendDuesReminders(new Date())).toBe(0)
  })
})
