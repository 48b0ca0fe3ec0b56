import { describe, expect, test } from 'vitest'
import { graceEndsAt, mayAct, membershipStanding, type StandingInput } from './standing'

const now = new Date('2026-12-07T12:00:00Z')
const day = 86_400_000
const hub = { requiresDues: true, duesGraceDays: 15 }
const sub = (over: Partial<NonNullable<StandingInput['subscription']>> = {}) => ({
  status: 'NONE' as const,
  pastDueSince: null,
  waivedAt: null,
  waivedUntil: null,
  ...over,
})
const at = (days: number) => new Date(now.getTime() + days * day)

describe('membershipStanding', () => {
  test.each([
    ['dues off on this installation (no keys)', { duesEnabled: false, hub, subscription: null }, { gate: 'off' }],
    ['hub does not require dues', { duesEnabled: true, hub: { ...hub, requiresDues: false }, subscription: sub({ status: 'CANCELED' }) }, { gate: 'off' }],
    ['active', { duesEnabled: true, hub, subscription: sub({ status: 'ACTIVE' }) }, { gate: 'open', reason: 'active' }],
    ['no subscription row', { duesEnabled: true, hub, subscription: null }, { gate: 'closed', reason: 'none' }],
    ['never paid', { duesEnabled: true, hub, subscription: sub() }, { gate: 'closed', reason: 'none' }],
    ['cancelled', { duesEnabled: true, hub, subscription: sub({ status: 'CANCELED' }) }, { gate: 'closed', reason: 'canceled' }],
    ['waived without an end', { duesEnabled: true, hub, subscription: sub({ status: 'CANCELED', waivedAt: at(-30) }) }, { gate: 'open', reason: 'waived', until: null }],
    ['waived until a later day', { duesEnabled: true, hub, subscription: sub({ waivedAt: at(-30), waivedUntil: at(10) }) }, { gate: 'open', reason: 'waived', until: at(10) }],
    ['a waiver that ended falls back on the status', { duesEnabled: true, hub, subscription: sub({ status: 'CANCELED', waivedAt: at(-30), waivedUntil: at(-1) }) }, { gate: 'closed', reason: 'canceled' }],
    ['a waiver ended, but the dues are paid', { duesEnabled: true, hub, subscription: sub({ status: 'ACTIVE', waivedAt: at(-30), waivedUntil: at(-1) }) }, { gate: 'open', reason: 'active' }],
    ['past due, grace running', { duesEnabled: true, hub, subscription: sub({ status: 'PAST_DUE', pastDueSince: at(-5) }) }, { gate: 'open', reason: 'grace', graceEndsAt: at(10) }],
    ['past due, grace over', { duesEnabled: true, hub, subscription: sub({ status: 'PAST_DUE', pastDueSince: at(-20) }) }, { gate: 'closed', reason: 'grace-over', graceEndedAt: at(-5) }],
    ['past due on the very instant the grace ends: closed', { duesEnabled: true, hub, subscription: sub({ status: 'PAST_DUE', pastDueSince: at(-15) }) }, { gate: 'closed', reason: 'grace-over', graceEndedAt: now }],
    ['a hub without grace closes at once', { duesEnabled: true, hub: { ...hub, duesGraceDays: 0 }, subscription: sub({ status: 'PAST_DUE', pastDueSince: at(-0.01) }) }, { gate: 'closed', reason: 'grace-over', graceEndedAt: at(-0.01) }],
    ['past due without its date: the grace starts now', { duesEnabled: true, hub, subscription: sub({ status: 'PAST_DUE' }) }, { gate: 'open', reason: 'grace', graceEndsAt: at(15) }],
  ] as const)('%s', (_name, input, expected) => {
    expect(membershipStanding({ ...input, now } as StandingInput)).toEqual(expected)
  })

  test('mayAct: closed refuses, off and open let through', () => {
    expect(mayAct({ gate: 'off' })).toBe(true)
    expect(mayAct({ gate: 'open', reason: 'active' })).toBe(true)
    expect(mayAct({ gate: 'open', reason: 'grace', graceEndsAt: now })).toBe(true)
    expect(mayAct({ gate: 'closed', reason: 'none' })).toBe(false)
    expect(mayAct({ gate: 'closed', reason: 'canceled' })).toBe(false)
  })

  test('graceEndsAt counts whole days from the first failed payment', () => {
    expect(graceEndsAt(new Date('2026-11-18T09:30:00Z'), 15)).toEqual(new Date('2026-12-03T09:30:00Z'))
  })
})
