import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff } from '#tests/factories'
import { loadBuild, signedIn } from '#tests/helpers/app'
import { stripeFake } from '#tests/mocks/stripe'

/**
 * Without Stripe keys (the embedded default), dues are off (decision 0030): the billing page says
 * so and offers no payment, plans are kept here only and nothing calls Stripe.
 */
let hubId: string

beforeAll(async () => {
  delete process.env.STRIPE_SECRET_KEY
  delete process.env.STRIPE_WEBHOOK_SECRET
  await loadBuild()
  hubId = (await createHub({ requiresDues: true })).id
})

beforeEach(() => stripeFake.reset())

describe('dues off', () => {
  test('the billing page says online dues are not enabled, with no pay button; paying and the portal are refused', async () => {
    await prisma.membershipPlan.create({ data: { hubId, name: 'Adhésion entreprise', orgKind: 'FIRM', interval: 'YEAR', amountCents: 48_000 } })
    const { user, organisation } = await createMember(hubId, 'FIRM')
    const owner = await signedIn(user.email)
    const page = await owner.get(`/orgs/${organisation.slug}/billing`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Les cotisations en ligne ne sont pas activées sur cette installation : il n’y a rien à payer ici.')
    expect(html).not.toContain('Payer avec Stripe')
    expect(html).not.toContain('Ouvrir le portail de facturation')
    expect(html).toContain('Aucune facture pour l’instant.')
    // The hub's gate is off too: no sentence about dues being required.
    expect(html).not.toContain('Votre association demande une cotisation')
    for (const intent of ['checkout', 'portal']) {
      const refused = await owner.post(`/orgs/${organisation.slug}/billing`, { intent, billingEmail: user.email })
      expect(refused.status).toBe(409)
      expect(await refused.text()).toContain('Les cotisations en ligne ne sont pas activées sur cette installation.')
    }
    expect(stripeFake.calls).toHaveLength(0)
    expect(await prisma.subscription.count()).toBe(0)
  })

  test('plans are stored here only, and the page says they will be created in Stripe once the keys are set', async () => {
    const admin = await signedIn((await createStaff(hubId, 'ADMIN')).email)
    const page = await (await admin.get('/staff/dues/plans')).text()
    expect(page).toContain('seront créées dans Stripe quand les clés Stripe seront configurées')
    const created = await admin.post('/staff/dues/plans', { intent: 'create', hubId, name: 'Grand compte', orgKind: 'PARTNER', revenueBand: 'ANY', interval: 'YEAR', amount: '2500' })
    expect(created.status).toBe(302)
    const plan = await prisma.membershipPlan.findFirstOrThrow({ where: { hubId, name: 'Grand compte' } })
    expect(plan).toMatchObject({ amountCents: 250_000, stripeProductId: null, stripePriceId: null })
    expect(await (await admin.get('/staff/dues/plans')).text()).toContain('Pas encore dans Stripe')
    expect((await admin.post('/staff/dues/plans', { intent: 'update', planId: plan.id, name: 'Grand compte', interval: 'MONTH', amount: '250' })).status).toBe(302)
    expect(await prisma.membershipPlan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({ amountCents: 25_000, interval: 'MONTH', stripePriceId: null })
    expect(await prisma.auditLog.count({ where: { targetId: plan.id, action: { startsWith: 'billing.plan-' } } })).toBe(2)
    expect(stripeFake.calls).toHaveLength(0)
  })
})
