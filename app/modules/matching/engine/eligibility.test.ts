import { describe, expect, test } from 'vitest'
import { checkEligibility, deadlinePassed, reachKm } from './eligibility'
import type { FirmDoc, NeedDoc } from './types'

const now = new Date('2026-11-26T00:00:00Z')
const need: NeedDoc = {
  id: 'need',
  hubIds: ['hub-grenoble', 'hub-savoie'],
  communeInsee: '38185', // Grenoble
  radiusKm: 60,
  remoteOk: false,
  eligibility: { headcountMin: 5, headcountMax: 50, revenueBands: ['M1_2M', 'M2_5M'], minAgeYears: 3 },
}
const firm: FirmDoc = { id: 'firm', verified: true, homeHubId: 'hub-grenoble', headcount: 12, revenueBand: 'M1_2M', foundedYear: 2015 }

describe('hard filters', () => {
  test('an eligible firm passes', () => {
    expect(checkEligibility(need, firm, { now, km: 10 })).toBeNull()
  })

  test.each([
    ['deadline passed', { deadline: '2026-11-01' }, {}, {}, 'deadline'],
    ['unverified firm', {}, { verified: false }, {}, 'not-verified'],
    ['invite-only, not invited', { visibility: 'INVITE_ONLY' }, {}, { invitedFirmIds: ['other'] }, 'visibility'],
    ['another hub', {}, { homeHubId: 'hub-annecy' }, {}, 'hub'],
    ['no home hub', {}, { homeHubId: null }, {}, 'hub'],
    ['too small', {}, { headcount: 3 }, {}, 'headcount'],
    ['too large', {}, { headcount: 80 }, {}, 'headcount'],
    ['revenue band not wanted', {}, { revenueBand: 'GT_50M' }, {}, 'revenue'],
    ['too young', {}, { foundedYear: 2025 }, {}, 'age'],
    ['too far', {}, {}, { km: 90 }, 'distance'],
    // Changed on purpose (issue 16): an unknown location no longer passes the radius rule.
    ['an unknown firm location on a need that is not remote-OK', {}, { communeInsee: null }, { km: null }, 'distance'],
    ['an intervention area elsewhere', {}, { interventionDepartements: ['75', '69'], interventionRadiusKm: 80 }, { km: 120 }, 'distance'],
    ['an intervention radius without a known location', {}, { interventionRadiusKm: 500 }, { km: null }, 'distance'],
  ] as const)('%s → %s', (_label, needChange, firmChange, contextChange, reason) => {
    expect(checkEligibility({ ...need, ...needChange } as NeedDoc, { ...firm, ...firmChange } as FirmDoc, { now, km: 10, ...contextChange })).toBe(reason)
  })

  test.each([
    ['the invited firm of an invite-only need', { visibility: 'INVITE_ONLY' as const }, {}, { invitedFirmIds: new Set(['firm']) }],
    ['a firm of a shared hub', {}, { homeHubId: 'hub-savoie' }, {}],
    ['any hub when the caller says so', {}, { homeHubId: 'hub-annecy' }, { hubScope: 'all' as const }],
    ['a need without hubs', { hubIds: [] }, { homeHubId: 'hub-annecy' }, {}],
    ['unknown headcount, band and age (unknown never rejects)', {}, { headcount: null, revenueBand: null, foundedYear: null }, {}],
    ['a remote-OK need and a far firm', { remoteOk: true }, {}, { km: 400 }],
    ['an unknown firm location on a remote-OK need', { remoteOk: true }, { communeInsee: null }, { km: null }],
    ['an unknown firm location on a need without a commune', { communeInsee: null }, { communeInsee: null }, { km: null }],
    ['a far firm whose intervention départements include the need’s', {}, { interventionDepartements: ['73', '38'] }, { km: 250 }],
    ['a firm of unknown location whose intervention départements include the need’s', {}, { communeInsee: null, interventionDepartements: ['38'] }, { km: null }],
    ['a far firm whose intervention radius reaches the need', {}, { interventionRadiusKm: 150 }, { km: 140 }],
    ['exactly the need’s radius', {}, {}, { km: 60 }],
    ['a deadline still ahead', { deadline: new Date('2026-12-01') }, {}, {}],
    ['exactly the minimum age', {}, { foundedYear: 2023 }, {}],
  ])('accepts %s', (_label, needChange, firmChange, contextChange) => {
    expect(checkEligibility({ ...need, ...needChange }, { ...firm, ...firmChange }, { now, km: 10, ...contextChange })).toBeNull()
  })

  test('the first failing filter is reported, in a fixed order', () => {
    expect(checkEligibility(need, { ...firm, verified: false, headcount: 1 }, { now, km: 500 })).toBe('not-verified')
  })

  test('a firm reached only through its intervention area is valued at the need’s radius', () => {
    expect(reachKm(need, '38', 20, {})).toBe(20)
    expect(reachKm(need, '38', 200, { interventionDepartements: ['38'] })).toBe(60)
    expect(reachKm(need, '38', null, { interventionDepartements: ['38'] })).toBe(60)
    expect(reachKm(need, '38', 100, { interventionRadiusKm: 120 })).toBe(60)
    expect(reachKm(need, '38', 100, { interventionRadiusKm: 90 })).toBe(false)
    expect(reachKm({ ...need, remoteOk: true }, '38', null, {})).toBeNull()
    expect(reachKm(need, null, null, {})).toBeNull()
  })

  test('deadline comparison uses the given now', () => {
    expect(deadlinePassed('2026-11-25T23:59:59Z', now)).toBe(true)
    expect(deadlinePassed(null, now)).toBe(false)
  })
})
