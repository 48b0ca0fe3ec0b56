import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { processStripeEvent } from '#app/modules/billing/events.server'
import { getStripe } from '#app/modules/billing/stripe.server'
import { receiveStripeWebhook } from '#app/modules/billing/webhooks.server'
import { createWorker, getQueue } from '#app/modules/jobs/queue.server'
import { getLogger } from '#app/utils/logger.server'
import { runDigestBatch } from '#app/modules/digests/service.server'
import { billingProcessor } from '#workers/billing'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createHub, createMember, createUser } from '#tests/factories'
import { http, HttpResponse } from 'msw'
import { waitFor } from '#tests/helpers/wait'
import { server as msw } from '#tests/mocks/server'
import { signedWebhook, stripeEvent, stripeFake, TEST_STRIPE_ENV } from '#tests/mocks/stripe'

/**
 * The `billing.stripe-event` job's work (decision 0031), run here as the worker runs it: the object
 * fetched again from the Stripe double, the event id stored in the same transaction as its effect.
 * What a user notices: the membership's status and dates, the invoices, the e-mails in the outbox.
 */
beforeAll(() => {
  Object.assign(process.env, TEST_STRIPE_ENV)
  resetEnvForTests()
})

afterAll(() => {
  for (const key of Object.keys(TEST_STRIPE_ENV)) delete process.env[key]
  resetEnvForTests()
})

// One Stripe for the whole file: its ids (cus_test_000001…) are unique only until a reset, and the rows here stay.
beforeAll(() => stripeFake.reset())

/** An organisation of a hub (15 days' grace) with an owner, an admin and a plain member, its plan and its Stripe customer, as the billing page leaves them before Checkout. */
async function payingOrganisation() {
  const hub = await createHub({ requiresDues: true, duesGraceDays: 15 })
  const { user: owner, organisation } = await createMember(hub.id, 'FIRM')
  const admin = await createUser()
  const member = await createUser()
  await prisma.membership.createMany({
    data: [
      { userId: admin.id, organisationId: organisation.id, role: 'ADMIN' },
      { userId: member.id, organisationId: organisation.id, role: 'MEMBER' },
    ],
  })
  const stripe = getStripe()
  const price = await stripe.prices.create({ currency: 'eur', unit_amount: 45_000, recurring: { interval: 'year' }, product_data: { name: 'Adhésion PME' } })
  const plan = await prisma.membershipPlan.create({ data: { hubId: hub.id, name: 'PME 1–2 M€', orgKind: 'FIRM', amountCents: 45_000, stripePriceId: price.id } })
  const customer = await stripe.customers.create({ name: organisation.name, metadata: { organisationId: organisation.id } })
  await prisma.subscription.create({ data: { organisationId: organisation.id, planId: plan.id, stripeCustomerId: customer.id, billingEmail: owner.email } })
  return { hub, organisation, owner, admin, member, plan, price, customer }
}

const membership = (organisationId: string) => prisma.subscription.findUniqueOrThrow({ where: { organisationId } })
const emails = (organisationId: string, kind: string) =>
  prisma.emailMessage.findMany({ where: { recordType: 'ORGANISATION', recordId: organisationId, kind }, select: { toAddress: true, subject: true, textBody: true } })
const audits = (organisationId: string) =>
  prisma.auditLog.findMany({ where: { targetType: 'Organisation', targetId: organisationId, action: 'billing.status-changed' }, orderBy: { id: 'asc' } })

/** What the webhook route queues for an event (ids and its time). */
const jobOf = (event: ReturnType<typeof stripeEvent>) => ({
  eventId: event.id,
  type: event.type,
  objectId: (event.data.object as { id: string }).id,
  createdAt: new Date(event.created * 1000).toISOString(),
})

describe('processing a Stripe event', () => {
  test('the same checkout.session.completed processed five times at once: one event row, one status change, one e-mail per owner and admin', async () => {
    const world = await payingOrganisation()
    const session = await getStripe().checkout.sessions.create({
      mode: 'subscription',
      customer: world.customer.id,
      client_reference_id: world.organisation.id,
      line_items: [{ price: world.price.id, quantity: 1 }],
      subscription_data: { metadata: { organisationId: world.organisation.id, planId: world.plan.id } },
      success_url: 'http://localhost:3000/ok',
    })
    const { subscription } = stripeFake.completeCheckout(session.id)
    const event = stripeEvent('checkout.session.completed', stripeFake.get(session.id)!)

    const outcomes = await Promise.all(Array.from({ length: 5 }, () => processStripeEvent(jobOf(event))))
    expect(outcomes.filter((outcome) => outcome.outcome === 'processed')).toHaveLength(1)
    expect(outcomes.filter((outcome) => outcome.outcome === 'duplicate')).toHaveLength(4)

    expect(await prisma.stripeEvent.count({ where: { id: event.id } })).toBe(1)
    const row = await membership(world.organisation.id)
    expect(row).toMatchObject({ status: 'ACTIVE', stripeStatus: 'active', stripeSubscriptionId: subscription.id, planId: world.plan.id, pastDueSince: null, cancelAtPeriodEnd: false })
    const periodEnd = (subscription.items as { data: Array<{ current_period_end: number }> }).data[0]!.current_period_end
    expect(row.currentPeriodEnd?.getTime()).toBe(periodEnd * 1000)
    expect(await audits(world.organisation.id)).toHaveLength(1)

    const sent = await emails(world.organisation.id, 'payments-activated')
    expect(sent.map((email) => email.toAddress).sort()).toEqual([world.owner.email, world.admin.email].sort())
    expect(sent[0]!.subject).toBe(`Adhésion active\u202f: ${world.organisation.name}`)
    expect(sent[0]!.textBody).toContain(`/orgs/${world.organisation.slug}/billing`)
    // The plain member hears nothing.
    expect(await prisma.notification.count({ where: { userId: world.member.id } })).toBe(0)
    expect(await prisma.notification.count({ where: { userId: world.owner.id, kind: 'payments:activated', category: 'BILLING' } })).toBe(1)
  })

  test('customer.subscription.updated processed before created: ACTIVE with the right period end, whichever comes first', async () => {
    const world = await payingOrganisation()
    const { subscription } = stripeFake.createSubscription(world.customer.id, world.price.id, { organisationId: world.organisation.id })
    const created = stripeEvent('customer.subscription.created', { ...subscription, status: 'incomplete' })
    const updated = stripeEvent('customer.subscription.updated', subscription)

    expect(await processStripeEvent(jobOf(updated))).toMatchObject({ outcome: 'processed', status: { from: 'NONE', to: 'ACTIVE', changed: true } })
    // The older event's copy said "incomplete"; what Stripe says now is applied: nothing changes.
    expect(await processStripeEvent(jobOf(created))).toMatchObject({ outcome: 'processed', status: { from: 'ACTIVE', to: 'ACTIVE', changed: false } })

    const row = await membership(world.organisation.id)
    expect(row.status).toBe('ACTIVE')
    const periodEnd = (subscription.items as { data: Array<{ current_period_end: number }> }).data[0]!.current_period_end
    expect(row.currentPeriodEnd?.toISOString()).toBe(new Date(periodEnd * 1000).toISOString())
    expect(await emails(world.organisation.id, 'payments-activated')).toHaveLength(2)
    expect(await audits(world.organisation.id)).toHaveLength(1)
  })

  test('a failed payment: PAST_DUE from now, one e-mail naming the grace end; paid again: ACTIVE and the date cleared', async () => {
    const world = await payingOrganisation()
    const { subscription } = stripeFake.createSubscription(world.customer.id, world.price.id, { organisationId: world.organisation.id })
    await processStripeEvent(jobOf(stripeEvent('customer.subscription.created', subscription)))

    const failed = stripeFake.failPayment(subscription.id)
    const failedEvent = stripeEvent('invoice.payment_failed', failed.invoice)
    const before = Date.now()
    await Promise.all([processStripeEvent(jobOf(failedEvent)), processStripeEvent(jobOf(failedEvent))])
    // Stripe also says the subscription changed: applying the same state again tells nobody again.
    await processStripeEvent(jobOf(stripeEvent('customer.subscription.updated', failed.subscription)))

    const pastDue = await membership(world.organisation.id)
    expect(pastDue.status).toBe('PAST_DUE')
    expect(pastDue.stripeStatus).toBe('past_due')
    expect(pastDue.pastDueSince!.getTime()).toBeGreaterThanOrEqual(before - 1000)
    const failedMails = await emails(world.organisation.id, 'payments-payment-failed')
    expect(failedMails).toHaveLength(2)
    const graceEnd = new Date(pastDue.pastDueSince!.getTime() + 15 * 86_400_000)
    const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: 'Europe/Paris' }).format(graceEnd).replace(' ', '\u00a0')
    expect(failedMails[0]!.textBody).toContain(day.replace(/^1(?=\u00a0)/, '1er'))
    expect(failedMails[0]!.textBody).toContain(`/orgs/${world.organisation.slug}/billing`)
    const invoice = await prisma.billingInvoice.findUniqueOrThrow({ where: { id: failed.invoice.id } })
    expect(invoice).toMatchObject({ organisationId: world.organisation.id, status: 'open', amountPaidCents: 0, amountDueCents: 45_000 })

    const paid = stripeFake.payInvoice(failed.invoice.id)
    await processStripeEvent(jobOf(stripeEvent('invoice.paid', paid.invoice)))
    const active = await membership(world.organisation.id)
    expect(active).toMatchObject({ status: 'ACTIVE', pastDueSince: null, stripeStatus: 'active' })
    expect(await prisma.billingInvoice.findUniqueOrThrow({ where: { id: failed.invoice.id } })).toMatchObject({ status: 'paid', amountPaidCents: 45_000 })
    expect(await emails(world.organisation.id, 'payments-activated')).toHaveLength(4)
    expect((await audits(world.organisation.id)).map((row) => (row.after as { status: string }).status)).toEqual(['ACTIVE', 'PAST_DUE', 'ACTIVE'])
  })

  test('a failed payment delivered two days late: the grace runs from Stripe’s failure; the notice reaches the digest of an admin who chose it, not of one who lost the role', async () => {
    const world = await payingOrganisation()
    const demoted = await createUser()
    await prisma.membership.create({ data: { userId: demoted.id, organisationId: world.organisation.id, role: 'ADMIN' } })
    await prisma.notificationSetting.createMany({
      data: [
        { userId: world.admin.id, category: 'BILLING', channel: 'DIGEST' },
        { userId: demoted.id, category: 'BILLING', channel: 'DIGEST' },
      ],
    })
    // The subscription's current period began forty days ago; its payment failed two days ago.
    stripeFake.setNow(new Date(Date.now() - 40 * 86_400_000))
    const { subscription } = stripeFake.createSubscription(world.customer.id, world.price.id, { organisationId: world.organisation.id })
    stripeFake.setNow(null)
    await processStripeEvent(jobOf(stripeEvent('customer.subscription.created', subscription)))

    const failedAt = new Date(Math.floor((Date.now() - 2 * 86_400_000) / 1000) * 1000)
    const failed = stripeFake.failPayment(subscription.id)
    const event = stripeEvent('invoice.payment_failed', failed.invoice, { created: failedAt })
    // Delivered (and signed) now: the webhook service queues the event's time with its ids.
    const { payload, headers } = signedWebhook(event, TEST_STRIPE_ENV.STRIPE_WEBHOOK_SECRET)
    expect((await receiveStripeWebhook({ rawBody: Buffer.from(payload), signature: headers['stripe-signature'] })).status).toBe(200)
    const job = (await getQueue('billing').getJob(event.id))!
    expect(job.data).toMatchObject({ eventId: event.id, createdAt: failedAt.toISOString() })
    await job.remove()
    await processStripeEvent(job.data as Parameters<typeof processStripeEvent>[0])

    const pastDue = await membership(world.organisation.id)
    expect(pastDue.status).toBe('PAST_DUE')
    expect(pastDue.pastDueSince).toEqual(failedAt)
    // On EMAIL (the default) the owner was told at once; the admins chose the digest.
    expect((await emails(world.organisation.id, 'payments-payment-failed')).map((mail) => mail.toAddress)).toEqual([world.owner.email])

    await prisma.membership.update({ where: { userId_organisationId: { userId: demoted.id, organisationId: world.organisation.id } }, data: { role: 'MEMBER' } })
    await runDigestBatch({ at: new Date(), userIds: [world.admin.id, demoted.id], force: true })
    const digest = await prisma.emailMessage.findFirstOrThrow({ where: { userId: world.admin.id, kind: 'digest' } })
    expect(digest.textBody).toContain(`Le paiement de la cotisation de ${world.organisation.name} a échoué`)
    expect(digest.textBody).toContain(`/orgs/${world.organisation.slug}/billing`)
    const other = await prisma.emailMessage.findMany({ where: { userId: demoted.id, kind: 'digest' }, select: { textBody: true } })
    for (const mail of other) expect(mail.textBody).not.toContain('cotisation de')
  })

  test('customer.subscription.deleted: CANCELED, one e-mail each to the owner and the admin', async () => {
    const world = await payingOrganisation()
    const { subscription } = stripeFake.createSubscription(world.customer.id, world.price.id, { organisationId: world.organisation.id })
    await processStripeEvent(jobOf(stripeEvent('customer.subscription.created', subscription)))
    const canceled = stripeFake.cancelSubscription(subscription.id)
    const event = stripeEvent('customer.subscription.deleted', canceled)
    await processStripeEvent(jobOf(event))
    await processStripeEvent(jobOf(event))
    expect(await membership(world.organisation.id)).toMatchObject({ status: 'CANCELED', stripeStatus: 'canceled' })
    expect(await emails(world.organisation.id, 'payments-canceled')).toHaveLength(2)
  })

  test('the late cancellation of an older subscription leaves the current membership alone', async () => {
    const world = await payingOrganisation()
    const first = stripeFake.createSubscription(world.customer.id, world.price.id, { organisationId: world.organisation.id }).subscription
    const second = stripeFake.createSubscription(world.customer.id, world.price.id, { organisationId: world.organisation.id }).subscription
    await processStripeEvent(jobOf(stripeEvent('customer.subscription.created', second)))
    await processStripeEvent(jobOf(stripeEvent('customer.subscription.deleted', stripeFake.cancelSubscription(first.id))))
    expect(await membership(world.organisation.id)).toMatchObject({ status: 'ACTIVE', stripeSubscriptionId: second.id })
  })

  test('charge.refunded: the refunded amount on the invoice the charge paid, one e-mail with the amount; the same refund again says nothing', async () => {
    const world = await payingOrganisation()
    const { subscription, invoice } = stripeFake.createSubscription(world.customer.id, world.price.id, { organisationId: world.organisation.id })
    await processStripeEvent(jobOf(stripeEvent('customer.subscription.created', subscription)))
    const charge = stripeFake.refundCharge(String(stripeFake.get(invoice.id)!.charge_id), 15_000)

    await processStripeEvent(jobOf(stripeEvent('charge.refunded', charge)))
    await processStripeEvent(jobOf(stripeEvent('charge.refunded', charge)))
    expect(await prisma.billingInvoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ organisationId: world.organisation.id, amountRefundedCents: 15_000, status: 'paid' })
    const refunds = await emails(world.organisation.id, 'payments-refunded')
    expect(refunds).toHaveLength(2)
    expect(refunds[0]!.textBody).toMatch(/150,00\s€/)
    // The invoice was found through the charge's PaymentIntent, as Stripe's API offers it.
    expect(stripeFake.calls.some((call) => call.path === '/v1/invoice_payments' && call.body['payment[payment_intent]'] === charge.payment_intent)).toBe(true)
  })

  test('an object of no organisation known here: stored as processed, nothing else, no crash', async () => {
    const stripe = getStripe()
    const price = await stripe.prices.create({ currency: 'eur', unit_amount: 1000, recurring: { interval: 'month' }, product_data: { name: 'Autre' } })
    const stranger = await stripe.customers.create({ name: 'Inconnue' })
    const { subscription } = stripeFake.createSubscription(stranger.id, price.id, { organisationId: 'no-such-organisation' })
    const event = stripeEvent('customer.subscription.updated', subscription)
    expect(await processStripeEvent(jobOf(event))).toEqual({ outcome: 'unknown-organisation' })
    expect(await prisma.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ organisationId: null, processedAt: expect.any(Date) })
    expect(await prisma.subscription.count({ where: { stripeSubscriptionId: subscription.id } })).toBe(0)
    expect(await processStripeEvent(jobOf(event))).toEqual({ outcome: 'duplicate' })
  })

  test('a Stripe error while fetching: the job fails (BullMQ retries it) and nothing is written', async () => {
    const world = await payingOrganisation()
    const event = stripeEvent('customer.subscription.updated', { id: 'sub_missing', object: 'subscription', customer: world.customer.id })
    await expect(processStripeEvent(jobOf(event))).rejects.toThrow(/No such object/)
    expect(await prisma.stripeEvent.count({ where: { id: event.id } })).toBe(0)
    expect((await membership(world.organisation.id)).status).toBe('NONE')
  })
})

describe('through the billing worker', () => {
  test('a delivery verified by the webhook service is applied by the worker’s job; one that failed for good is put back by Stripe’s next delivery', async () => {
    const world = await payingOrganisation()
    const { subscription } = stripeFake.createSubscription(world.customer.id, world.price.id, { organisationId: world.organisation.id })
    const event = stripeEvent('customer.subscription.created', subscription)
    const { payload, headers } = signedWebhook(event, TEST_STRIPE_ENV.STRIPE_WEBHOOK_SECRET)
    // Stripe is down: the job of this event (given a single attempt here) fails for good.
    msw.use(http.get(`https://api.stripe.com/v1/subscriptions/${subscription.id}`, () => HttpResponse.json({ error: { type: 'api_error', message: 'down' } }, { status: 503 })))
    await getQueue('billing').add('billing.stripe-event', { eventId: event.id, type: event.type, objectId: subscription.id }, { jobId: event.id, attempts: 1 })
    const worker = createWorker('billing', billingProcessor(getLogger()))
    try {
      await waitFor(async () => (await (await getQueue('billing').getJob(event.id))?.getState()) === 'failed', 'the job to fail')
      expect((await membership(world.organisation.id)).status).toBe('NONE')
      expect(await prisma.stripeEvent.count({ where: { id: event.id } })).toBe(0)

      // Stripe is back and delivers the event again.
      msw.resetHandlers()
      const answer = await receiveStripeWebhook({ rawBody: Buffer.from(payload), signature: headers['stripe-signature'], requestId: 'test-request' })
      expect(answer).toEqual({ status: 200, body: { received: true, eventId: event.id, queued: true } })
      await waitFor(async () => (await membership(world.organisation.id)).status === 'ACTIVE', 'the membership to become ACTIVE')
      expect(await prisma.stripeEvent.count({ where: { id: event.id } })).toBe(1)
      expect(await emails(world.organisation.id, 'payments-activated')).toHaveLength(2)
    } finally {
      await worker.close()
    }
  })
})
