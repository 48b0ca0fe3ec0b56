import { describe, expect, test } from 'vitest'
import { changeKind, membershipStatusFor, nextMembershipState, replacesMirrored, stateEnteredAt } from './mirror'

const now = new Date('2026-12-07T10:00:00Z')
const earlier = new Date('2026-12-01T10:00:00Z')

describe('membershipStatusFor', () => {
  test.each([
    ['active', 'NONE', 'ACTIVE'],
    ['trialing', 'CANCELED', 'ACTIVE'],
    ['past_due', 'ACTIVE', 'PAST_DUE'],
    ['unpaid', 'ACTIVE', 'PAST_DUE'],
    ['canceled', 'ACTIVE', 'CANCELED'],
    ['incomplete_expired', 'NONE', 'CANCELED'],
    ['incomplete', 'NONE', 'NONE'],
    ['incomplete', 'ACTIVE', 'ACTIVE'],
    ['paused', 'PAST_DUE', 'PAST_DUE'],
    ['paused', 'ACTIVE', 'PAST_DUE'],
    ['paused', 'NONE', 'PAST_DUE'],
  ] as const)('%s (was %s) → %s', (stripe, previous, expected) => {
    expect(membershipStatusFor(stripe, previous)).toBe(expected)
  })
})

describe('nextMembershipState', () => {
  test('entering PAST_DUE starts the grace now', () => {
    expect(nextMembershipState({ status: 'ACTIVE', pastDueSince: null }, 'past_due', now)).toEqual({ status: 'PAST_DUE', pastDueSince: now })
  })
  test('staying PAST_DUE keeps the first date', () => {
    expect(nextMembershipState({ status: 'PAST_DUE', pastDueSince: earlier }, 'unpaid', now)).toEqual({ status: 'PAST_DUE', pastDueSince: earlier })
  })
  test('leaving PAST_DUE clears it', () => {
    expect(nextMembershipState({ status: 'PAST_DUE', pastDueSince: earlier }, 'active', now)).toEqual({ status: 'ACTIVE', pastDueSince: null })
    expect(nextMembershipState({ status: 'PAST_DUE', pastDueSince: earlier }, 'canceled', now)).toEqual({ status: 'CANCELED', pastDueSince: null })
  })
  test('a paused subscription leaves a PAST_DUE membership and its date alone', () => {
    expect(nextMembershipState({ status: 'PAST_DUE', pastDueSince: earlier }, 'paused', now)).toEqual({ status: 'PAST_DUE', pastDueSince: earlier })
  })
  test('pausing an active subscription starts the grace: Stripe no longer charges it', () => {
    expect(nextMembershipState({ status: 'ACTIVE', pastDueSince: null }, 'paused', now)).toEqual({ status: 'PAST_DUE', pastDueSince: now })
    expect(nextMembershipState({ status: 'PAST_DUE', pastDueSince: earlier }, 'active', now)).toEqual({ status: 'ACTIVE', pastDueSince: null })
  })
  test('the grace starts when Stripe’s state was reached, not when a late job applied it', () => {
    const processedLate = new Date('2026-12-04T10:00:00Z')
    expect(nextMembershipState({ status: 'ACTIVE', pastDueSince: null }, 'past_due', stateEnteredAt(earlier.toISOString(), processedLate))).toEqual({
      status: 'PAST_DUE',
      pastDueSince: earlier,
    })
  })
})

describe('stateEnteredAt', () => {
  test('the event’s time when known', () => {
    expect(stateEnteredAt('2026-12-01T10:00:00.000Z', now)).toEqual(earlier)
  })
  test('the processing time when unknown, unreadable or ahead of it', () => {
    expect(stateEnteredAt(undefined, now)).toEqual(now)
    expect(stateEnteredAt('not a date', now)).toEqual(now)
    expect(stateEnteredAt('2026-12-09T10:00:00.000Z', now)).toEqual(now)
  })
  test('never before the current period started: an old event processed late does not shorten the grace', () => {
    const periodStart = new Date('2026-12-02T00:00:00.000Z')
    expect(stateEnteredAt('2026-11-01T10:00:00.000Z', now, periodStart)).toEqual(periodStart)
    expect(stateEnteredAt('2026-12-01T10:00:00.000Z', now, new Date('2026-11-01T00:00:00.000Z'))).toEqual(earlier)
  })
})

describe('changeKind', () => {
  test.each([
    ['NONE', 'ACTIVE', 'activated'],
    ['PAST_DUE', 'ACTIVE', 'activated'],
    ['CANCELED', 'ACTIVE', 'activated'],
    ['ACTIVE', 'PAST_DUE', 'payment-failed'],
    ['ACTIVE', 'CANCELED', 'canceled'],
    ['ACTIVE', 'ACTIVE', null],
    ['PAST_DUE', 'PAST_DUE', null],
  ] as const)('%s → %s: %s', (from, to, kind) => {
    expect(changeKind(from, to)).toBe(kind)
  })
})

describe('replacesMirrored', () => {
  test('the same or a first subscription always applies', () => {
    expect(replacesMirrored({ mirroredId: null, mirroredStatus: 'NONE', fetchedId: 'sub_1', fetchedStatus: 'canceled' })).toBe(true)
    expect(replacesMirrored({ mirroredId: 'sub_1', mirroredStatus: 'ACTIVE', fetchedId: 'sub_1', fetchedStatus: 'canceled' })).toBe(true)
  })
  test('an old subscription’s cancellation does not end the running one', () => {
    expect(replacesMirrored({ mirroredId: 'sub_2', mirroredStatus: 'ACTIVE', fetchedId: 'sub_1', fetchedStatus: 'canceled' })).toBe(false)
  })
  test('a new running subscription replaces an ended one', () => {
    expect(replacesMirrored({ mirroredId: 'sub_1', mirroredStatus: 'CANCELED', fetchedId: 'sub_2', fetchedStatus: 'active' })).toBe(true)
  })
})
