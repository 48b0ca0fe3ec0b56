import { describe, expect, test } from 'vitest'
import { addDays, charterDueDay, charterReminder, dayIn, daysBetween, daysLate, daysLeftWithin, middayOf } from './schedule'

const at = (iso: string) => new Date(iso)

describe('calendar days in Europe/Paris', () => {
  test.each([
    // 23:30 UTC is already the next day in Paris (UTC+1 in winter, UTC+2 in summer).
    ['2026-12-06T23:30:00Z', '2026-12-07'],
    ['2026-12-06T22:59:00Z', '2026-12-06'],
    ['2026-07-14T21:59:00Z', '2026-07-14'],
    ['2026-07-14T22:00:00Z', '2026-07-15'],
    // The change days: 29 March and 25 October 2026.
    ['2026-03-29T00:30:00Z', '2026-03-29'],
    ['2026-10-24T22:30:00Z', '2026-10-25'],
  ])('%s is %s in Paris', (instant, day) => {
    expect(dayIn(at(instant))).toBe(day)
  })

  test('days between calendar days, across the clock changes and the new year', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2)
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2)
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3)
    expect(daysBetween('2026-12-07', '2026-12-05')).toBe(-2)
    expect(addDays('2026-12-20', 15)).toBe('2027-01-04')
  })

  test('the midday of a day is that day in the readers’ zones', () => {
    expect(dayIn(middayOf('2026-12-01'), 'Europe/Paris')).toBe('2026-12-01')
    expect(dayIn(middayOf('2026-12-01'), 'America/Montreal')).toBe('2026-12-01')
    expect(dayIn(middayOf('2026-12-01'), 'Asia/Tokyo')).toBe('2026-12-01')
  })
})

describe('the charter’s reminders', () => {
  // Submitted on 20 November at 23:30 Paris time (22:30 UTC): day one is the 20th, due on 5 December with 15 days.
  const submittedAt = at('2026-11-20T22:30:00Z')

  test('the due day counts calendar days from the submission day in Paris', () => {
    expect(charterDueDay(submittedAt, 15)).toBe('2026-12-05')
    expect(charterDueDay(at('2026-11-20T23:30:00Z'), 15)).toBe('2026-12-06')
  })

  test.each([
    ['2026-12-02T10:00:00Z', null],
    ['2026-12-03T00:00:00Z', 'soon'],
    ['2026-12-03T22:59:00Z', 'soon'],
    ['2026-12-04T08:00:00Z', 'soon'],
    ['2026-12-04T23:00:00Z', 'due'],
    ['2026-12-05T22:00:00Z', 'due'],
    ['2026-12-05T23:00:00Z', null],
    ['2026-12-20T10:00:00Z', null],
  ] as const)('at %s: %s', (now, stage) => {
    expect(charterReminder(submittedAt, 15, at(now))?.stage ?? null).toBe(stage)
  })

  test('two days before, the days left and the due day are given', () => {
    expect(charterReminder(submittedAt, 15, at('2026-12-03T08:00:00Z'))).toEqual({ stage: 'soon', dueDay: '2026-12-05', daysLeft: 2 })
  })

  test('days late: none until the day after the due day', () => {
    expect(daysLate(submittedAt, 15, at('2026-12-05T21:00:00Z'))).toBe(0)
    expect(daysLate(submittedAt, 15, at('2026-12-06T08:00:00Z'))).toBe(1)
    expect(daysLate(submittedAt, 15, at('2026-12-15T08:00:00Z'))).toBe(10)
    expect(daysLate(submittedAt, 30, at('2026-12-15T08:00:00Z'))).toBe(0)
  })
})

describe('deadlines and pilot ends', () => {
  const deadline = at('2026-12-10T00:00:00Z')
  test.each([
    ['2026-12-06T12:00:00Z', null],
    ['2026-12-07T06:00:00Z', 3],
    ['2026-12-09T06:00:00Z', 1],
    ['2026-12-10T06:00:00Z', null],
  ] as const)('a deadline on 10 December, at %s: %s days left', (now, left) => {
    expect(daysLeftWithin(deadline, 3, at(now))).toBe(left)
  })

  test('a pilot ending on 1 January is announced from 25 December', () => {
    const end = at('2027-01-01T00:00:00Z')
    expect(daysLeftWithin(end, 7, at('2026-12-24T12:00:00Z'))).toBeNull()
    expect(daysLeftWithin(end, 7, at('2026-12-25T12:00:00Z'))).toBe(7)
  })
})
