import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createWorker, closeQueues } from '#app/modules/jobs/queue.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { billingProcessor } from '#workers/billing'
import { createMarketplace, createNeed } from '#tests/factories'
import { handleInProcess, signedIn, type Visitor } from '#tests/helpers/app'
import { waitFor } from '#tests/helpers/wait'
import { signedWebhook, stripeEvent, stripeFake, TEST_STRIPE_ENV } from '#tests/mocks/stripe'

/**
 * A firm's dues through a failed renewal, in a hub that requires them: it pays through Checkout
 * (the Stripe double's side completed by the test), its renewal fails → PAST_DUE, it may still
 * apply during the hub's grace period; once the grace period is over applying is refused with the
 * reason and a link to its billing page; it pays the open invoice (invoice.paid) → ACTIVE, and
 * applying works again. Webhooks signed as Stripe signs them, through the web app's handler; the
 * billing queue's real worker processes them (fetching the subscription again from the double).
 */
const APPLY = {
  intent: 'submit',
  approach: 'Capteurs vibratoires posés en deux jours, modèles de prédiction des pannes entraînés sur vos historiques.',
  timeline: '8 semaines',
  priceEur: '45000',
}

describe('dues lifecycle: paid, payment failed, grace, grace over, paid again', () => {
  let market: Awaited<ReturnType<typeof createMarketplace>>
  let firm: Visitor
  let worker: ReturnType<typeof createWorker>
  const saved: Record<string, string | undefined> = {}

  beforeAll(async () => {
    for (const [key, value] of Object.entries(TEST_STRIPE_ENV)) {
      saved[key] = process.env[key]
      process.env[key] = value
    }
    resetEnvForTests()
    stripeFake.reset()
    market = await createMarketplace()
    await prisma.hub.update({ where: { id: market.hub.id }, data: { requiresDues: true, duesGraceDays: 15 } })
    await prisma.membershipPlan.create({ data: { hubId: market.hub.id, name: 'Adhésion entreprise — 1 à 10 M€', orgKind: 'FIRM', interval: 'YEAR', amountCents: 96_000 } })
    firm = await signedIn(market.firm.user.email)
    worker = createWorker('billing', billingProcessor(getLogger()))
    await worker.waitUntilReady()
  })

  afterAll(async () => {
    await worker?.close()
    await closeQueues()
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    resetEnvForTests()
  })

  const subscription = () => prisma.subscription.findUnique({ where: { organisationId: market.firm.organisation.id } })

  /** Stripe delivers `type` about `object` to the product's webhook endpoint, signed with its secret. */
  async function deliver(type: string, object: Record<string, unknown>) {
    const { payload, headers } = signedWebhook(stripeEvent(type, object), TEST_STRIPE_ENV.STRIPE_WEBHOOK_SECRET)
    const response = await handleInProcess(new Request('http://localhost:3000/webhooks/stripe', { method: 'POST', headers, body: payload }))
    expect(response.status, await response.clone().text()).toBeLessThan(300)
  }

  async function publishedNeed(title: string) {
    return createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), title })
  }

  test('payment failed → PAST_DUE → still applying in grace → grace over: refused with the link → paid → ACTIVE → applying works', async () => {
    // Paying: the owner is sent to Checkout; on Stripe's side the customer pays.
    const started = await firm.post(`/orgs/${market.firm.organisation.slug}/billing`, { intent: 'checkout', billingEmail: 'compta@startup.example' })
    expect([302, 303]).toContain(started.status)
    const checkoutUrl = started.headers.get('Location')!
    const session = stripeFake.list('checkout.session').find((item) => item.url === checkoutUrl)!
    expect(session).toBeDefined()
    const paid = stripeFake.completeCheckout(session.id)
    await deliver('checkout.session.completed', paid.session)
    await waitFor(async () => (await subscription())?.status === 'ACTIVE', 'the subscription ACTIVE after Checkout')

    // The renewal's payment fails: PAST_DUE from now, the hub's 15 days of grace begin.
    const failed = stripeFake.failPayment(paid.subscription.id)
    await deliver('invoice.payment_failed', failed.invoice)
    const pastDue = await waitFor(async () => {
      const row = await subscription()
      return row?.status === 'PAST_DUE' && row
    }, 'the subscription PAST_DUE after the failed payment')
    expect(pastDue.pastDueSince).not.toBeNull()

    // During the grace period the firm is told, and still applies.
    const first = await publishedNeed('Maintenance prédictive des télésièges de Chamrousse')
    const form = await firm.get(`/needs/${first.id}/apply`)
    expect(await form.text()).toMatch(/Paiement en attente\u00a0: vous pouvez encore publier et candidater jusqu’au/)
    const inGrace = await firm.post(`/needs/${first.id}/apply`, APPLY)
    expect(inGrace.status).toBe(302)
    expect(await prisma.application.findFirst({ where: { needId: first.id, firmId: market.firm.organisation.id } })).toMatchObject({ status: 'SUBMITTED' })

    // Sixteen days later (the failure dated back, as the clock would have moved): the grace is over.
    await prisma.subscription.update({ where: { id: pastDue.id }, data: { pastDueSince: new Date(Date.now() - 16 * 86_400_000) } })
    const second = await publishedNeed('Jumeau numérique du barrage de Monteynard')
    const refused = await firm.post(`/needs/${second.id}/apply`, APPLY)
    expect(refused.status).toBe(403)
    const refusal = await refused.text()
    expect(refusal).toContain('n’est pas à jour\u00a0: le délai de grâce s’est terminé')
    // …with a link to pay, next to the form.
    expect(refusal).toMatch(new RegExp(`<a [^>]*href="/orgs/${market.firm.organisation.slug}/billing"[^>]*>Régler la cotisation</a>`))
    expect(await prisma.application.count({ where: { needId: second.id, status: 'SUBMITTED' } })).toBe(0)

    // The firm pays the open invoice (the portal, or Stripe's retry): invoice.paid → ACTIVE.
    const settled = stripeFake.payInvoice(failed.invoice.id)
    await deliver('invoice.paid', settled.invoice)
    const active = await waitFor(async () => {
      const row = await subscription()
      return row?.status === 'ACTIVE' && row
    }, 'the subscription ACTIVE after the invoice is paid')
    expect(active.pastDueSince).toBeNull()

    const applied = await firm.post(`/needs/${second.id}/apply`, APPLY)
    expect(applied.status).toBe(302)
    expect(await prisma.application.findFirst({ where: { needId: second.id, firmId: market.firm.organisation.id } })).toMatchObject({ status: 'SUBMITTED' })
  })
})
