import { describe, expect, test } from 'vitest'
import { billingStatus, mayStartCheckout, runningAtStripe, runningWaiver, type BillingStatusInput } from './billing-status'

const now = new Date('2026-12-07T12:00:00Z')
const days = (n: number) => new Date(now.getTime() + n * 86_400_000)
const sub = (fields: Partial<BillingStatusInput>): BillingStatusInput => ({
  status: 'NONE',
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  pastDueSince: null,
  waivedAt: null,
  waivedUntil: null,
  waiverReason: null,
  ...fields,
})

describe('billingStatus', () => {
  test('each state in words', () => {
    expect(billingStatus(null, 15, now)).toEqual({ kind: 'none' })
    expect(billingStatus(sub({ status: 'ACTIVE', currentPeriodEnd: days(200) }), 15, now)).toEqual({ kind: 'active', until: days(200) })
    expect(billingStatus(sub({ status: 'ACTIVE', currentPeriodEnd: days(20), cancelAtPeriodEnd: true }), 15, now)).toEqual({ kind: 'ending', on: days(20) })
    expect(billingStatus(sub({ status: 'PAST_DUE', pastDueSince: days(-5) }), 15, now)).toEqual({ kind: 'late', graceUntil: days(10) })
    expect(billingStatus(sub({ status: 'CANCELED' }), 15, now)).toEqual({ kind: 'canceled' })
  })

  test('a waiver runs until its end date, or for good', () => {
    expect(runningWaiver(sub({ waivedAt: days(-1), waiverReason: 'Startup de première année' }), now)).toEqual({ reason: 'Startup de première année', until: null })
    expect(runningWaiver(sub({ waivedAt: days(-1), waivedUntil: days(30), waiverReason: 'x' }), now)?.until).toEqual(days(30))
    expect(runningWaiver(sub({ waivedAt: days(-40), waivedUntil: days(-1), waiverReason: 'x' }), now)).toBeNull()
    expect(runningWaiver(sub({}), now)).toBeNull()
  })

  test('Checkout only without a running subscription', () => {
    expect(mayStartCheckout(undefined)).toBe(true)
    expect(mayStartCheckout('NONE')).toBe(true)
    expect(mayStartCheckout('CANCELED')).toBe(true)
    expect(mayStartCheckout('ACTIVE')).toBe(false)
    expect(mayStartCheckout('PAST_DUE')).toBe(false)
  })
})

describe('runningAtStripe', () => {
  test('ended subscriptions leave room for a new Checkout', () => {
    expect(runningAtStripe([])).toBeNull()
    expect(runningAtStripe([{ id: 'sub_1', status: 'canceled' }, { id: 'sub_2', status: 'incomplete_expired' }])).toBeNull()
  })
  test.each(['active', 'trialing', 'past_due', 'unpaid', 'paused'])('a %s subscription forbids a second one', (status) => {
    expect(runningAtStripe([{ id: 'sub_1', status: 'canceled' }, { id: 'sub_2', status }])).toEqual({ id: 'sub_2', pending: false })
  })
  test('a first payment being confirmed is said as such, unless another one runs', () => {
    expect(runningAtStripe([{ id: 'sub_1', status: 'incomplete' }])).toEqual({ id: 'sub_1', pending: true })
    expect(runningAtStripe([{ id: 'sub_1', status: 'incomplete' }, { id: 'sub_2', status: 'active' }])).toEqual({ id: 'sub_2', pending: false })
  })
})
