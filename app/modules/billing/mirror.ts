import type { SubscriptionStatus } from '#app/generated/prisma/enums'

/**
 * How a Stripe subscription's status becomes the membership's (pure; decision 0031). Stripe's
 * `active` and `trialing` are a paid-up membership; `past_due` and `unpaid` a payment that failed
 * (the hub's grace period runs from `pastDueSince`); `canceled` and `incomplete_expired` an ended
 * one. `incomplete` (the first payment still pending, e.g. a SEPA debit being confirmed) and
 * `paused` change nothing: the membership keeps what it was (NONE for a new one).
 */
export function membershipStatusFor(stripeStatus: string, previous: SubscriptionStatus): SubscriptionStatus {
  switch (stripeStatus) {
    case 'active':
    case 'trialing':
      return 'ACTIVE'
    case 'past_due':
    case 'unpaid':
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
 * PAST_DUE, kept while it stays there (a second failed attempt does not restart the grace), and
 * cleared on leaving it.
 */
export function nextMembershipState(previous: MembershipState, stripeStatus: string, now: Date): MembershipState {
  const status = membershipStatusFor(stripeStatus, previous.status)
  if (status !== 'PAST_DUE') return { status, pastDueSince: null }
  return { status, pastDueSince: previous.status === 'PAST_DUE' && previous.pastDueSince ? previous.pastDueSince : now }
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
