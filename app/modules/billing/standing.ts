import type { SubscriptionStatus } from '#app/generated/prisma/enums'

/**
 * Whether an organisation may post needs and apply, as far as dues go (pure; no I/O). The gate is
 * closed only where its hub requires dues and dues are on (Stripe configured): then ACTIVE, a
 * staff waiver still running, or PAST_DUE within the hub's grace period keep it open.
 */
export interface StandingInput {
  duesEnabled: boolean
  hub: { requiresDues: boolean; duesGraceDays: number }
  subscription: {
    status: SubscriptionStatus
    pastDueSince: Date | null
    waivedAt: Date | null
    waivedUntil: Date | null
  } | null
  now: Date
}

export type Standing =
  /** The hub does not require dues, or dues are off on this installation. */
  | { gate: 'off' }
  | { gate: 'open'; reason: 'active' }
  | { gate: 'open'; reason: 'waived'; until: Date | null }
  | { gate: 'open'; reason: 'grace'; graceEndsAt: Date }
  | { gate: 'closed'; reason: 'none' | 'canceled' | 'grace-over'; graceEndedAt?: Date }

const DAY_MS = 86_400_000

export function graceEndsAt(pastDueSince: Date, graceDays: number): Date {
  return new Date(pastDueSince.getTime() + graceDays * DAY_MS)
}

export function membershipStanding({ duesEnabled, hub, subscription, now }: StandingInput): Standing {
  if (!duesEnabled || !hub.requiresDues) return { gate: 'off' }
  if (subscription?.waivedAt && (!subscription.waivedUntil || subscription.waivedUntil > now)) {
    return { gate: 'open', reason: 'waived', until: subscription.waivedUntil }
  }
  switch (subscription?.status ?? 'NONE') {
    case 'ACTIVE':
      return { gate: 'open', reason: 'active' }
    case 'PAST_DUE': {
      const since = subscription?.pastDueSince ?? now
      const ends = graceEndsAt(since, hub.duesGraceDays)
      return ends > now ? { gate: 'open', reason: 'grace', graceEndsAt: ends } : { gate: 'closed', reason: 'grace-over', graceEndedAt: ends }
    }
    case 'CANCELED':
      return { gate: 'closed', reason: 'canceled' }
    default:
      return { gate: 'closed', reason: 'none' }
  }
}

/** Whether the standing lets the organisation post and apply. */
export const mayAct = (standing: Standing) => standing.gate !== 'closed'
