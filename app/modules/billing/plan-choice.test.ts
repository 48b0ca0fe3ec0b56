import { describe, expect, test } from 'vitest'
import { choosePlan, samePlanSlot, type ChoosablePlan } from './plan-choice'

const plan = (id: string, fields: Partial<ChoosablePlan> = {}): ChoosablePlan => ({ id, hubId: 'h', orgKind: 'FIRM', revenueBand: null, interval: 'YEAR', archivedAt: null, ...fields })
const firm = (revenueBand: string | null) => ({ homeHubId: 'h', kind: 'FIRM' as const, revenueBand })

describe('choosePlan', () => {
  const plans = [
    plan('firm-any-year'),
    plan('firm-any-month', { interval: 'MONTH' }),
    plan('firm-1-2-year', { revenueBand: 'M1_2M' }),
    plan('firm-1-2-archived-month', { revenueBand: 'M1_2M', interval: 'MONTH', archivedAt: new Date() }),
    plan('partner-year', { orgKind: 'PARTNER' }),
    plan('partner-month', { orgKind: 'PARTNER', interval: 'MONTH' }),
    plan('other-hub', { hubId: 'other', revenueBand: 'LT_1M' }),
  ]

  test.each([
    ['a firm of a band with its own plan gets it', firm('M1_2M'), null, 'firm-1-2-year', ['YEAR']],
    ['its own band wins even when it asks for monthly (archived plans do not count)', firm('M1_2M'), 'MONTH', 'firm-1-2-year', ['YEAR']],
    ['a firm of a band without a plan gets the any-band plan, yearly first', firm('M5_10M'), null, 'firm-any-year', ['YEAR', 'MONTH']],
    ['…or monthly when it chooses so', firm('M5_10M'), 'MONTH', 'firm-any-month', ['YEAR', 'MONTH']],
    ['a firm without a band gets the any-band plan', firm(null), null, 'firm-any-year', ['YEAR', 'MONTH']],
    ['another hub’s plan never applies', firm('LT_1M'), null, 'firm-any-year', ['YEAR', 'MONTH']],
  ] as const)('%s', (_name, organisation, preferred, expected, intervals) => {
    const choice = choosePlan(plans, organisation, preferred)
    expect(choice?.plan.id).toBe(expected)
    expect(choice?.intervals).toEqual(intervals)
  })

  test('partners get their kind’s plans, whatever their revenue band', () => {
    expect(choosePlan(plans, { homeHubId: 'h', kind: 'PARTNER', revenueBand: 'GT_50M' })?.plan.id).toBe('partner-year')
    expect(choosePlan(plans, { homeHubId: 'h', kind: 'PARTNER', revenueBand: 'GT_50M' }, 'MONTH')?.plan.id).toBe('partner-month')
  })

  test('only a monthly plan: it is the plan, even when yearly is preferred', () => {
    expect(choosePlan([plan('m', { interval: 'MONTH' })], firm(null), 'YEAR')?.plan.id).toBe('m')
  })

  test('no plan: null', () => {
    expect(choosePlan([], firm('M1_2M'))).toBeNull()
    expect(choosePlan([plan('partner', { orgKind: 'PARTNER' })], firm('M1_2M'))).toBeNull()
    expect(choosePlan([plan('archived', { archivedAt: '2026-01-01' })], firm(null))).toBeNull()
  })
})

describe('samePlanSlot', () => {
  test('one active plan per hub, kind, band and interval', () => {
    expect(samePlanSlot(plan('a'), plan('b'))).toBe(true)
    expect(samePlanSlot(plan('a'), plan('b', { interval: 'MONTH' }))).toBe(false)
    expect(samePlanSlot(plan('a'), plan('b', { revenueBand: 'M1_2M' }))).toBe(false)
    expect(samePlanSlot(plan('a'), plan('b', { orgKind: 'PARTNER' }))).toBe(false)
    expect(samePlanSlot(plan('a'), plan('b', { hubId: 'other' }))).toBe(false)
  })
})
