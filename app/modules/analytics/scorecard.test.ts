import { describe, expect, test } from 'vitest'
import {
  buildScorecards,
  charterOutcome,
  nextDir,
  parseSort,
  percentile,
  responseDays,
  share,
  sortScorecards,
  summariseApplications,
  summariseDeals,
  type ApplicationFact,
  type DealFact,
} from './scorecard'

const at = (iso: string) => new Date(iso)
const period = { start: at('2026-01-01T00:00:00Z'), end: at('2027-01-01T00:00:00Z') }
const now = at('2026-12-07T10:00:00Z')

function application(overrides: Partial<ApplicationFact> = {}): ApplicationFact {
  return {
    partnerId: 'p1',
    needId: 'n1',
    status: 'SUBMITTED',
    submittedAt: at('2026-11-01T09:00:00Z'),
    firstResponseAt: null,
    decidedAt: null,
    declineReason: null,
    charterDays: 15,
    ...overrides,
  }
}

function deal(overrides: Partial<DealFact> = {}): DealFact {
  return {
    partnerId: 'p1',
    needId: 'n1',
    status: 'PILOT',
    pilotStartsOn: at('2026-06-01T00:00:00Z'),
    createdAt: at('2026-05-20T00:00:00Z'),
    contractSignedAt: null,
    contractValueEur: null,
    firmRevenueBand: 'M1_2M',
    firmHomeHubId: 'h1',
    ...overrides,
  }
}

describe('percentile (interpolated, as percentile_cont)', () => {
  test.each([
    [[], 0.5, null],
    [[4], 0.5, 4],
    [[1, 3], 0.5, 2],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4, 5], 0.9, 4.6],
    [[0, 10], 0.9, 9],
  ])('%j at %d → %d', (values, p, expected) => {
    const value = percentile(values, p)
    if (expected === null) expect(value).toBeNull()
    else expect(value).toBeCloseTo(expected, 10)
  })
})

test('a share of nothing is empty, not zero', () => {
  expect(share(0, 0)).toBeNull()
  expect(share(1, 4)).toBe(0.25)
})

test('response days have one decimal', () => {
  expect(responseDays(at('2026-01-01T00:00:00Z'), at('2026-01-03T06:00:00Z'))).toBe(2.3)
})

describe('the charter (calendar days in Europe/Paris, the reminders’ rule)', () => {
  const submittedAt = at('2026-03-01T22:30:00Z') // 1 March 23:30 in Paris: due on 16 March
  test.each([
    ['accepted on the due day, late evening in Paris', { status: 'ACCEPTED', decidedAt: at('2026-03-16T22:30:00Z') }, 'onTime'],
    ['accepted the day after', { status: 'ACCEPTED', decidedAt: at('2026-03-16T23:30:00Z') }, 'late'],
    ['declined in time with a reason', { status: 'DECLINED', decidedAt: at('2026-03-05T10:00:00Z'), declineReason: 'BUDGET' }, 'onTime'],
    ['declined in time without a reason', { status: 'DECLINED', decidedAt: at('2026-03-05T10:00:00Z') }, 'late'],
    ['withdrawn by the firm', { status: 'WITHDRAWN' }, 'withdrawn'],
    ['shortlisted, past the due day', { status: 'SHORTLISTED' }, 'late'],
  ] as const)('%s', (_name, overrides, expected) => {
    expect(charterOutcome(application({ submittedAt, ...overrides }), now)).toBe(expected)
  })
  test('undecided and not yet due is not counted', () => {
    expect(charterOutcome(application({ submittedAt: at('2026-12-01T10:00:00Z') }), now)).toBe('notDue')
    // Due today: not late yet.
    expect(charterOutcome(application({ submittedAt: at('2026-11-22T10:00:00Z') }), now)).toBe('notDue')
    expect(charterOutcome(application({ submittedAt: at('2026-11-21T10:00:00Z') }), now)).toBe('late')
  })
  test('the partner’s own delay', () => {
    expect(charterOutcome(application({ submittedAt: at('2026-11-21T10:00:00Z'), charterDays: 30 }), now)).toBe('notDue')
  })
})

test('applications: percentiles over those answered, the share over those due or decided', () => {
  const day = (n: number) => new Date(at('2026-10-01T08:00:00Z').getTime() + n * 86_400_000)
  const summary = summariseApplications(
    [
      application({ submittedAt: day(0), firstResponseAt: day(1), status: 'ACCEPTED', decidedAt: day(3) }),
      application({ submittedAt: day(0), firstResponseAt: day(2), status: 'DECLINED', decidedAt: day(20), declineReason: 'TIMING' }),
      application({ submittedAt: day(0), firstResponseAt: day(10.5), status: 'SHORTLISTED' }),
      application({ submittedAt: day(0), status: 'WITHDRAWN' }),
      application({ submittedAt: at('2026-12-06T08:00:00Z') }),
    ],
    now,
  )
  expect(summary).toEqual({
    applicationsReceived: 5,
    responded: 3,
    responseMedianDays: 2,
    responseP90Days: 8.8, // 2 + (10.5 − 2) × 0.8
    charterCounted: 3,
    charterOnTime: 1,
    charterShare: 1 / 3,
  })
})

test('deals: pilots by their start, contracts by their signature, shares of the value', () => {
  const summary = summariseDeals(
    [
      deal({ status: 'CONTRACT', contractSignedAt: at('2026-09-01T00:00:00Z'), contractValueEur: 100_000, firmRevenueBand: 'M2_5M', firmHomeHubId: 'h1' }),
      deal({ status: 'CONTRACT', contractSignedAt: at('2026-10-01T00:00:00Z'), contractValueEur: 300_000, firmRevenueBand: 'M10_50M', firmHomeHubId: 'h2' }),
      deal({ status: 'PILOT_SUCCEEDED' }),
      deal({ status: 'PILOT_FAILED', pilotStartsOn: null, createdAt: at('2026-02-01T00:00:00Z') }),
      deal({ status: 'PILOT', pilotStartsOn: at('2025-06-01T00:00:00Z') }),
      // Signed in the period, its pilot before: a contract, not a pilot of the period.
      deal({ status: 'CONTRACT', pilotStartsOn: at('2025-11-01T00:00:00Z'), contractSignedAt: at('2026-02-01T00:00:00Z'), contractValueEur: null }),
    ],
    period,
    'h1',
  )
  expect(summary).toEqual({
    pilotsStarted: 4,
    pilotsSucceeded: 3,
    contractsSigned: 3,
    contractValueEur: 400_000,
    smallFirmValueEur: 100_000,
    smallFirmShare: 0.25,
    hubFirmValueEur: 100_000,
    hubFirmShare: 0.25,
  })
  expect(summariseDeals([], period, 'h1')).toMatchObject({ contractValueEur: 0, smallFirmShare: null, hubFirmShare: null })
})

describe('sorting', () => {
  const partner = (name: string, charterShare: number | null, lateNow: number) => ({
    id: name,
    name,
    slug: name,
    status: 'VERIFIED',
    homeHubId: 'h1',
    hubName: 'H',
    charterDays: 15,
    needsPublished: 0,
    invitationsSent: 0,
    lateNow,
  })
  const rows = buildScorecards([partner('Brume', 0.5, 2), partner('azur', null, 0), partner('Cèdre', 0.9, 2)], [], [], period, now).map((row, index) => ({
    ...row,
    charterShare: [0.5, null, 0.9][index],
  }))
  test('by name, accents and case aside', () => {
    expect(sortScorecards(rows, 'name', 'asc').map((row) => row.name)).toEqual(['azur', 'Brume', 'Cèdre'])
    expect(sortScorecards(rows, 'name', 'desc').map((row) => row.name)).toEqual(['Cèdre', 'Brume', 'azur'])
  })
  test('empty figures last in both directions', () => {
    expect(sortScorecards(rows, 'charterShare', 'desc').map((row) => row.name)).toEqual(['Cèdre', 'Brume', 'azur'])
    expect(sortScorecards(rows, 'charterShare', 'asc').map((row) => row.name)).toEqual(['Brume', 'Cèdre', 'azur'])
  })
  test('ties by name', () => {
    expect(sortScorecards(rows, 'lateNow', 'desc').map((row) => row.name)).toEqual(['Brume', 'Cèdre', 'azur'])
  })
  test('the URL’s sort, unknown values refused', () => {
    expect(parseSort(new URLSearchParams('sort=charterShare&dir=desc'))).toEqual({ sort: 'charterShare', dir: 'desc' })
    expect(parseSort(new URLSearchParams('sort=password&dir=sideways'))).toEqual({ sort: 'name', dir: 'asc' })
    expect(nextDir({ sort: 'charterShare', dir: 'desc' }, 'charterShare')).toBe('asc')
    expect(nextDir({ sort: 'name', dir: 'asc' }, 'contractValueEur')).toBe('desc')
  })
})
