import { describe, expect, test } from 'vitest'
import { currentPeriod, digestDue, HOUR_MS, isoWeek, passHour, periodKey, scheduledPassHour, type DigestSchedule } from './period'

const daily = (timeZone: string, hour: number): DigestSchedule => ({ timeZone, frequency: 'DAILY', weekday: 1, hour })

/** Every pass (each UTC hour) from `from` for `hours` hours at which the schedule is due. */
function duePasses(schedule: DigestSchedule, from: string, hours: number) {
  const start = new Date(from).getTime()
  const passes: { at: string; period: string }[] = []
  for (let i = 0; i < hours; i++) {
    const at = new Date(start + i * HOUR_MS)
    const result = digestDue(at, schedule)
    if (result.due) passes.push({ at: at.toISOString(), period: result.period })
  }
  return passes
}

describe('08:00 in Paris', () => {
  test('is the 07:00 UTC pass in winter and the 06:00 UTC pass in summer', () => {
    expect(duePasses(daily('Europe/Paris', 8), '2026-12-07T00:00:00Z', 24)).toEqual([
      { at: '2026-12-07T07:00:00.000Z', period: 'D:2026-12-07' },
    ])
    expect(duePasses(daily('Europe/Paris', 8), '2026-07-01T00:00:00Z', 24)).toEqual([
      { at: '2026-07-01T06:00:00.000Z', period: 'D:2026-07-01' },
    ])
  })

  test('on the spring-forward day (23 hours) and the next day, once a day', () => {
    expect(duePasses(daily('Europe/Paris', 8), '2026-03-28T00:00:00Z', 72)).toEqual([
      { at: '2026-03-28T07:00:00.000Z', period: 'D:2026-03-28' },
      { at: '2026-03-29T06:00:00.000Z', period: 'D:2026-03-29' },
      { at: '2026-03-30T06:00:00.000Z', period: 'D:2026-03-30' },
    ])
  })

  test('on the fall-back day (25 hours), once a day', () => {
    expect(duePasses(daily('Europe/Paris', 8), '2026-10-24T00:00:00Z', 72)).toEqual([
      { at: '2026-10-24T06:00:00.000Z', period: 'D:2026-10-24' },
      { at: '2026-10-25T07:00:00.000Z', period: 'D:2026-10-25' },
      { at: '2026-10-26T07:00:00.000Z', period: 'D:2026-10-26' },
    ])
  })
})

describe('every local hour is served exactly once a day, across the DST change days', () => {
  const zones = ['Europe/Paris', 'Pacific/Auckland', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']
  // Local dates whose digests fall entirely inside the swept window (Paris changes on 29 March and
  // 25 October, New York on 8 March and 1 November, Auckland on 5 April and 27 September 2026).
  const windows = [
    { from: '2026-03-26T00:00:00Z', dates: ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31'] },
    { from: '2026-10-22T00:00:00Z', dates: ['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27'] },
    { from: '2026-03-05T00:00:00Z', dates: ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'] },
    { from: '2026-10-29T00:00:00Z', dates: ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02'] },
    { from: '2026-04-02T00:00:00Z', dates: ['2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06'] },
    { from: '2026-09-24T00:00:00Z', dates: ['2026-09-25', '2026-09-26', '2026-09-27', '2026-09-28'] },
  ]
  for (const timeZone of zones) {
    test.each(windows)(`${timeZone} from $from`, ({ from, dates }) => {
      for (let hour = 0; hour < 24; hour++) {
        const periods = duePasses(daily(timeZone, hour), from, 24 * 7).map((pass) => pass.period)
        for (const date of dates) {
          expect({ hour, date, count: periods.filter((period) => period === `D:${date}`).length }).toEqual({ hour, date, count: 1 })
        }
        expect(new Set(periods).size).toBe(periods.length)
      }
    })
  }
})

describe('hours that do not exist or happen twice locally', () => {
  test('02:00 on the Paris spring-forward day is served at the first pass after it (03:00 local)', () => {
    expect(duePasses(daily('Europe/Paris', 2), '2026-03-29T00:00:00Z', 24)).toEqual([
      { at: '2026-03-29T01:00:00.000Z', period: 'D:2026-03-29' },
    ])
    // 03:00 local is that same pass: both hours served once.
    expect(duePasses(daily('Europe/Paris', 3), '2026-03-29T00:00:00Z', 24)).toEqual([
      { at: '2026-03-29T01:00:00.000Z', period: 'D:2026-03-29' },
    ])
  })

  test('02:00 on the Paris fall-back day happens twice and is served at its first occurrence only', () => {
    expect(duePasses(daily('Europe/Paris', 2), '2026-10-24T22:00:00Z', 24)).toEqual([
      { at: '2026-10-25T00:00:00.000Z', period: 'D:2026-10-25' },
    ])
  })

  test('New York: 08:00 is 13:00 UTC in winter, 12:00 UTC in summer; 02:00 on 8 March is served at 03:00 local', () => {
    expect(duePasses(daily('America/New_York', 8), '2026-12-07T00:00:00Z', 24)).toEqual([
      { at: '2026-12-07T13:00:00.000Z', period: 'D:2026-12-07' },
    ])
    expect(duePasses(daily('America/New_York', 8), '2026-07-01T00:00:00Z', 24)).toEqual([
      { at: '2026-07-01T12:00:00.000Z', period: 'D:2026-07-01' },
    ])
    expect(duePasses(daily('America/New_York', 2), '2026-03-08T00:00:00Z', 24)).toEqual([
      { at: '2026-03-08T07:00:00.000Z', period: 'D:2026-03-08' },
    ])
  })

  test('Auckland: the local date is ahead of UTC, 08:00 NZDT is 19:00 UTC the day before', () => {
    expect(duePasses(daily('Pacific/Auckland', 8), '2026-12-06T00:00:00Z', 24)).toEqual([
      { at: '2026-12-06T19:00:00.000Z', period: 'D:2026-12-07' },
    ])
    // Auckland springs forward on 27 September 2026 (02:00 → 03:00 NZDT).
    expect(duePasses(daily('Pacific/Auckland', 2), '2026-09-26T12:00:00Z', 24)).toEqual([
      { at: '2026-09-26T14:00:00.000Z', period: 'D:2026-09-27' },
    ])
  })

  test('a half-hour zone is served at the first pass after its hour', () => {
    expect(duePasses(daily('Asia/Kolkata', 8), '2026-12-07T00:00:00Z', 24)).toEqual([
      { at: '2026-12-07T03:00:00.000Z', period: 'D:2026-12-07' },
    ])
  })
})

describe('weekly digests', () => {
  const monday8 = { timeZone: 'Europe/Paris', frequency: 'WEEKLY', weekday: 1, hour: 8 } as const

  test('due once a week on the chosen local weekday, keyed by the local ISO week', () => {
    expect(duePasses(monday8, '2026-12-01T00:00:00Z', 24 * 21)).toEqual([
      { at: '2026-12-07T07:00:00.000Z', period: 'W:2026-W50' },
      { at: '2026-12-14T07:00:00.000Z', period: 'W:2026-W51' },
      { at: '2026-12-21T07:00:00.000Z', period: 'W:2026-W52' },
    ])
  })

  test('the weekday is the local one: Monday 08:00 in Auckland is Sunday 19:00 UTC', () => {
    expect(duePasses({ ...monday8, timeZone: 'Pacific/Auckland' }, '2026-12-01T00:00:00Z', 24 * 7)).toEqual([
      { at: '2026-12-06T19:00:00.000Z', period: 'W:2026-W50' },
    ])
  })

  test('ISO weeks across the year end', () => {
    expect(isoWeek(2026, 12, 31)).toEqual({ year: 2026, week: 53 })
    expect(isoWeek(2027, 1, 3)).toEqual({ year: 2026, week: 53 })
    expect(isoWeek(2027, 1, 4)).toEqual({ year: 2027, week: 1 })
    expect(isoWeek(2024, 12, 30)).toEqual({ year: 2025, week: 1 })
    expect(periodKey(new Date('2027-01-02T12:00:00Z'), 'Europe/Paris', 'WEEKLY')).toBe('W:2026-W53')
  })
})

describe('never, the current period and odd input', () => {
  test('NEVER is never due and has no period', () => {
    const never = { timeZone: 'Europe/Paris', frequency: 'NEVER', weekday: 1, hour: 8 } as const
    expect(duePasses(never, '2026-12-07T00:00:00Z', 24)).toEqual([])
    expect(currentPeriod(new Date('2026-12-07T07:00:00Z'), never)).toBeNull()
  })

  test('a pass later in its hour counts as that hour', () => {
    expect(passHour(new Date('2026-12-07T07:42:10Z')).toISOString()).toBe('2026-12-07T07:00:00.000Z')
    expect(digestDue(new Date('2026-12-07T07:59:59Z'), daily('Europe/Paris', 8))).toEqual({ due: true, period: 'D:2026-12-07' })
  })

  test('a tick serves the hour it was scheduled for, even when it runs late or is created a moment early', () => {
    // Created at 06:00:00.2 for 07:00 (delayed 3 599.8 s); run at 09:12 after an outage: still 07:00.
    expect(scheduledPassHour({ timestamp: Date.parse('2026-12-07T06:00:00.200Z'), delay: 3_599_800 }).toISOString()).toBe('2026-12-07T07:00:00.000Z')
    expect(scheduledPassHour({ timestamp: Date.parse('2026-12-07T06:59:59.990Z'), delay: 0 }).toISOString()).toBe('2026-12-07T07:00:00.000Z')
  })

  test('the current period follows the local date, whatever the hour', () => {
    expect(currentPeriod(new Date('2026-12-07T23:30:00Z'), { timeZone: 'Europe/Paris', frequency: 'DAILY' })).toBe('D:2026-12-08')
    expect(currentPeriod(new Date('2026-12-07T23:30:00Z'), { timeZone: 'America/New_York', frequency: 'DAILY' })).toBe('D:2026-12-07')
  })

  test('an unknown zone falls back to Europe/Paris rather than failing the pass', () => {
    expect(digestDue(new Date('2026-12-07T07:00:00Z'), daily('Mars/Olympus', 8))).toEqual({ due: true, period: 'D:2026-12-07' })
  })
})
