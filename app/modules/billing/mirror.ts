import type { SubscriptionStatus } from '#app/generated/prisma/enums'

/**
 * How a Stripe subscription's status becomes the membership's (pure; decision 0031). Stripe's
 * `active` and `trialing` are a paid-up membership; `past_due` and `unpaid` a payment that failed
 * (the hub's grace period runs from `pastDueSince`); `canceled` and `incomplete_expired` an ended
 * one; `paused` (Stripe stopped charging, e.g. a trial ended without a payment method) is not a
 * paid-up membership either: PAST_DUE, so the hub's grace runs and then closes the gate until it
 * is resumed. `incomplete` (the first payment still pending, e.g. a SEPA debit being confirmed)
 * changes nothing: the membership keeps what it was (NONE for a new one).
 */
export function membershipStatusFor(stripeStatus: string, previous: SubscriptionStatus): SubscriptionStatus {
  switch (stripeStatus) {
    case 'active':
    case 'trialing':
      return 'ACTIVE'
    case 'past_due':
    case 'unpaid':
    case 'paused':
      return 'PAST_DUE'
    case 'canceled':
    case 'incomplete_expired':
      return 'CANCELED'
    default:
      return previous
  }
}

export interface MembershipState {
  status: SubscriptionStatus
  pastDueSince: Date | null
}

/**
 * The membership after applying a fetched Stripe status: `pastDueSince` is set when entering
 * PAST_DUE — to `enteredAt`, when Stripe's state was reached (the event's time), not when a job
 * happened to process it — kept while it stays there (a second failed attempt does not restart
 * the grace), and cleared on leaving it.
 */
export function nextMembershipState(previous: MembershipState, stripeStatus: string, enteredAt: Date): MembershipState {
  const status = membershipStatusFor(stripeStatus, previous.status)
  if (status !== 'PAST_DUE') return { status, pastDueSince: null }
  return { status, pastDueSince: previous.status === 'PAST_DUE' && previous.pastDueSince ? previous.pastDueSince : enteredAt }
}

/**
 * When the state an event reports was reached: the event's `created` (ISO, from the webhook),
 * never later than the processing time (a clock ahead); the processing time when unknown. Never
 * before `notBefore` either (the subscription's current period start): an old event processed
 * late, after the state it reported has moved on, must not date a later payment failure back and
 * end its grace period at once.
 */
export function stateEnteredAt(eventCreatedAt: string | undefined, now: Date, notBefore?: Date | null): Date {
  const created = eventCreatedAt ? new Date(eventCreatedAt) : null
  const entered = !created || Number.isNaN(created.getTime()) || created > now ? now : created
  return notBefore && notBefore > entered && notBefore <= now ? notBefore : entered
}

/** The e-mail (and in-app notification) a status change calls for, if any. */
export type MembershipChangeKind = 'activated' | 'payment-failed' | 'canceled'

export function changeKind(from: SubscriptionStatus, to: SubscriptionStatus): MembershipChangeKind | null {
  if (from === to) return null
  switch (to) {
    case 'ACTIVE':
      return 'activated'
    case 'PAST_DUE':
      return 'payment-failed'
    case 'CANCELED':
      return 'canceled'
    default:
      return null
  }
}

/**
 * Whether a fetched subscription may replace the one the membership mirrors. A different
 * subscription of the same organisation replaces it unless it is an ended one while the mirrored
 * one still runs: the late cancellation of an old subscription never ends a current membership.
 */
export function replacesMirrored(input: { mirroredId: string | null; mirroredStatus: SubscriptionStatus; fetchedId: string; fetchedStatus: string }): boolean {
  if (!input.mirroredId || input.mirroredId === input.fetchedId) return true
  const fetchedEnded = membershipStatusFor(input.fetchedStatus, 'NONE') === 'CANCELED'
  const mirroredRuns = input.mirroredStatus === 'ACTIVE' || input.mirroredStatus === 'PAST_DUE'
  return !(fetchedEnded && mirroredRuns)
}
