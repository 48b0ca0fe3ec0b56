import type Stripe from 'stripe'
import type { Prisma } from '#app/generated/prisma/client'
import type { JobPayload } from '#app/modules/jobs/jobs'
import { transaction, type Tx } from '#app/utils/db.server'
import { getLogger } from '#app/utils/logger.server'
import {
  applyStripeSubscription,
  lockSubscription,
  organisationOfStripeObject,
  recordRefund,
  subscriptionIdOfInvoice,
  upsertStripeInvoice,
} from './mirror.server'
import { stateEnteredAt } from './mirror'
import { getStripe } from './stripe.server'

/**
 * The `billing.stripe-event` job (decision 0031): a verified webhook, processed once.
 *
 * 1. The object is fetched again from Stripe, never taken from the event: events arrive late, out
 *    of order and more than once, and the latest state is what the membership must mirror.
 * 2. One transaction stores the event id (`INSERT … ON CONFLICT DO NOTHING`: a second run finds
 *    it and does nothing), locks the organisation's Subscription row, reads the subscription from
 *    Stripe once more under that lock (events of one organisation apply in the order they read
 *    Stripe) and applies the state; the
 *    audit rows, notifications and e-mails are written in the same transaction.
 *
 * A Stripe error (network, 5xx, rate limit) throws before anything is written: the job fails and
 * BullMQ tries again (jobOptionsFor). An object whose organisation is unknown here is logged and
 * its event stored as processed.
 */
export type StripeEventJob = JobPayload<'billing.stripe-event'>

/** The event types that change a membership or an invoice; others are acknowledged and dropped. */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
  'charge.refunded',
] as const

export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number]

export function isHandledEventType(type: string): type is HandledEventType {
  return (HANDLED_EVENT_TYPES as readonly string[]).includes(type)
}

/** What was fetched from Stripe for an event. */
interface Fetched {
  subscription: Stripe.Subscription | null
  invoice: Stripe.Invoice | null
  /** charge.refunded: the charge's refunded amount, for the invoice it paid. */
  refund: { chargeId: string; amountRefunded: number; currency: string; customer: string | null } | null
  /** When nothing else names it: the customer, to find the organisation for the log. */
  customer: string | null
  metadata: Record<string, string> | null
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null))

/** The invoice a charge paid: through its PaymentIntent's invoice payment (a charge has no `invoice` field in this API version). */
async function invoiceOfCharge(stripe: Stripe, charge: Stripe.Charge) {
  const paymentIntent = idOf(charge.payment_intent)
  if (!paymentIntent) return null
  const payments = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: paymentIntent }, limit: 1 })
  const invoiceId = idOf(payments.data[0]?.invoice as string | { id: string } | undefined)
  return invoiceId ? stripe.invoices.retrieve(invoiceId) : null
}

async function fetchFromStripe(stripe: Stripe, type: HandledEventType, objectId: string): Promise<Fetched> {
  const empty: Fetched = { subscription: null, invoice: null, refund: null, customer: null, metadata: null }
  switch (type) {
    case 'checkout.session.completed': {
      const session = await stripe.checkout.sessions.retrieve(objectId)
      const subscriptionId = idOf(session.subscription)
      const subscription = subscriptionId ? await stripe.subscriptions.retrieve(subscriptionId) : null
      // A session without a subscription (not ours: another mode) names its customer only.
      return { ...empty, subscription, customer: idOf(session.customer), metadata: session.client_reference_id ? { organisationId: session.client_reference_id } : session.metadata }
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return { ...empty, subscription: await stripe.subscriptions.retrieve(objectId) }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = await stripe.invoices.retrieve(objectId)
      const subscriptionId = subscriptionIdOfInvoice(invoice)
      const subscription = subscriptionId ? await stripe.subscriptions.retrieve(subscriptionId) : null
      return { ...empty, invoice, subscription, customer: idOf(invoice.customer) }
    }
    case 'charge.refunded': {
      const charge = await stripe.charges.retrieve(objectId)
      const invoice = await invoiceOfCharge(stripe, charge)
      return {
        ...empty,
        invoice,
        refund: { chargeId: charge.id, amountRefunded: charge.amount_refunded, currency: charge.currency, customer: idOf(charge.customer) },
        customer: idOf(charge.customer),
        metadata: charge.metadata ?? null,
      }
    }
  }
}

export type ProcessedEvent =
  | { outcome: 'ignored'; reason: 'unhandled-type' | 'no-object' }
  | { outcome: 'duplicate' }
  | { outcome: 'unknown-organisation' }
  | { outcome: 'processed'; organisationId: string; status?: { from: string; to: string; changed: boolean }; refunded?: number }

/** Inserts the event's row; false when it was already there (processed before, or right now by another run that committed). */
async function claimEvent(tx: Tx, job: StripeEventJob, organisationId: string | null, payload: Prisma.InputJsonValue) {
  const inserted = await tx.db.$executeRaw`
    INSERT INTO "StripeEvent" (id, type, "objectId", "organisationId", payload, "receivedAt", "processedAt")
    VALUES (${job.eventId}, ${job.type}, ${job.objectId ?? null}, ${organisationId}, ${JSON.stringify(payload)}::jsonb, now(), now())
    ON CONFLICT (id) DO NOTHING`
  return inserted > 0
}

/** What the event's row keeps: ids and states, never an address or a card. */
function summary(fetched: Fetched): Prisma.InputJsonValue {
  return {
    subscription: fetched.subscription ? { id: fetched.subscription.id, status: fetched.subscription.status } : null,
    invoice: fetched.invoice ? { id: fetched.invoice.id, status: fetched.invoice.status ?? null } : null,
    refund: fetched.refund ? { chargeId: fetched.refund.chargeId, amountRefunded: fetched.refund.amountRefunded } : null,
  }
}

export async function processStripeEvent(job: StripeEventJob, now = new Date()): Promise<ProcessedEvent> {
  const log = getLogger().child({ stripeEvent: job.eventId, type: job.type, objectId: job.objectId })
  if (!isHandledEventType(job.type)) return { outcome: 'ignored', reason: 'unhandled-type' }
  if (!job.objectId) return { outcome: 'ignored', reason: 'no-object' }
  const fetched = await fetchFromStripe(getStripe(), job.type, job.objectId)

  const result = await transaction(async (tx): Promise<ProcessedEvent> => {
    const organisationId =
      (await organisationOfStripeObject(tx, { metadata: fetched.subscription?.metadata ?? null, customer: idOf(fetched.subscription?.customer) })) ??
      (fetched.invoice ? await organisationOfStripeObject(tx, { metadata: fetched.invoice.parent?.subscription_details?.metadata ?? null, customer: idOf(fetched.invoice.customer) }) : null) ??
      (await organisationOfStripeObject(tx, { metadata: fetched.metadata, customer: fetched.customer }))
    if (!(await claimEvent(tx, job, organisationId, summary(fetched)))) return { outcome: 'duplicate' }
    if (!organisationId) return { outcome: 'unknown-organisation' }

    // Every event of one organisation waits for the one in hand: their states are applied one at a time.
    await lockSubscription(tx, organisationId)
    // The subscription is read once more under the lock: of two events of one organisation processed
    // at the same time (two workers), the one applied last has read Stripe last, so the older state
    // never overwrites the newer one. A Stripe error here rolls everything back (the job is retried).
    const subscription = fetched.subscription ? await getStripe().subscriptions.retrieve(fetched.subscription.id) : null
    const processed: ProcessedEvent & { outcome: 'processed' } = { outcome: 'processed', organisationId }
    if (subscription) {
      const periodStart = subscription.items.data[0]?.current_period_start
      const applied = await applyStripeSubscription(tx, subscription, stateEnteredAt(job.createdAt, now, periodStart ? new Date(periodStart * 1000) : null))
      if (applied.outcome === 'applied') processed.status = { from: applied.from, to: applied.to, changed: applied.changed }
    }
    if (fetched.invoice) {
      const stored = await upsertStripeInvoice(tx, fetched.invoice, {
        organisationId,
        ...(fetched.refund ? { amountRefundedCents: fetched.refund.amountRefunded } : {}),
      })
      if (fetched.refund && stored.outcome === 'stored' && stored.refundedAfter > stored.refundedBefore) {
        await recordRefund(tx, { organisationId, invoiceId: fetched.invoice.id, refundedBefore: stored.refundedBefore, refundedAfter: stored.refundedAfter, currency: fetched.refund.currency })
        processed.refunded = stored.refundedAfter
      }
    }
    return processed
  })
  if (result.outcome === 'unknown-organisation') log.warn('stripe event about an organisation unknown here: stored as processed, nothing applied')
  else if (result.outcome === 'duplicate') log.info('stripe event already processed')
  return result
}
