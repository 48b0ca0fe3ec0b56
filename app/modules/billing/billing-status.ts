import { graceEndsAt } from './standing'

/**
 * The organisation's membership in words (pure): what the billing page says of its subscription.
 * A staff waiver is said beside it (it opens the gate whatever the status: see standing.ts).
 */
export type BillingStatus =
  | { kind: 'none' }
  | { kind: 'active'; until: Date | null }
  | { kind: 'ending'; on: Date | null }
  | { kind: 'late'; graceUntil: Date }
  | { kind: 'canceled' }

export interface BillingStatusInput {
  status: 'NONE' | 'ACTIVE' | 'PAST_DUE' | 'CANCELED'
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
  pastDueSince: Date | null
  waivedAt: Date | null
  waivedUntil: Date | null
  waiverReason: string | null
}

export function billingStatus(subscription: BillingStatusInput | null, graceDays: number, now: Date): BillingStatus {
  switch (subscription?.status ?? 'NONE') {
    case 'ACTIVE':
      return subscription!.cancelAtPeriodEnd ? { kind: 'ending', on: subscription!.currentPeriodEnd } : { kind: 'active', until: subscription!.currentPeriodEnd }
    case 'PAST_DUE':
      return { kind: 'late', graceUntil: graceEndsAt(subscription!.pastDueSince ?? now, graceDays) }
    case 'CANCELED':
      return { kind: 'canceled' }
    default:
      return { kind: 'none' }
  }
}

/** A waiver still running on `now`, or null. */
export function runningWaiver(subscription: BillingStatusInput | null, now: Date) {
  if (!subscription?.waivedAt) return null
  if (subscription.waivedUntil && subscription.waivedUntil <= now) return null
  return { reason: subscription.waiverReason ?? '', until: subscription.waivedUntil }
}

/** Checkout is for an organisation without a running subscription: ACTIVE and PAST_DUE go to the portal. */
export function mayStartCheckout(status: BillingStatusInput['status'] | undefined) {
  return status !== 'ACTIVE' && status !== 'PAST_DUE'
}

/**
 * Stripe statuses of a subscription that runs or is on its way (the first payment being confirmed,
 * a pause, an unpaid renewal): while the customer has one, a new Checkout would make a second paid
 * subscription. Only `canceled` and `incomplete_expired` leave room for a new one.
 */
const RUNNING_AT_STRIPE = new Set(['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused'])

/** The subscription at Stripe that forbids a new Checkout, if any: a pending first payment is named as such. */
export function runningAtStripe(subscriptions: ReadonlyArray<{ id: string; status: string }>): { id: string; pending: boolean } | null {
  const running = subscriptions.filter((subscription) => RUNNING_AT_STRIPE.has(subscription.status))
  if (running.length === 0) return null
  const settled = running.find((subscription) => subscription.status !== 'incomplete')
  return settled ? { id: settled.id, pending: false } : { id: running[0]!.id, pending: true }
}
