import { describe, expect, test } from 'vitest'
import { currentAndPreviousMonth, oldestFirst, parseStaffQueue, percentOf } from './queues'

describe('the staff home’s queues', () => {
  test.each([
    ['late', 'late'],
    ['screening', 'screening'],
    [null, 'moderation'],
    ['nope', 'moderation'],
    ['', 'moderation'],
  ])('?queue=%s shows %s', (value, queue) => {
    expect(parseStaffQueue(value)).toBe(queue)
  })

  test('oldest first, undated rows last, ties by id', () => {
    const rows = [
      { id: 'b', waitingSince: new Date('2026-11-02') },
      { id: 'z', waitingSince: null },
      { id: 'a', waitingSince: new Date('2026-11-02') },
      { id: 'c', waitingSince: new Date('2026-10-30') },
    ]
    expect(oldestFirst(rows).map((row) => row.id)).toEqual(['c', 'a', 'b', 'z'])
  })

  test.each([
    // Paris in winter: the month starts at 23:00 UTC the day before.
    ['2026-12-07T15:00:00Z', 'Europe/Paris', '2026-12', '2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z', '2026-11', '2026-10-31T23:00:00.000Z'],
    // January: last month is December of the year before.
    ['2027-01-15T10:00:00Z', 'Europe/Paris', '2027-01', '2026-12-31T23:00:00.000Z', '2027-01-31T23:00:00.000Z', '2026-12', '2026-11-30T23:00:00.000Z'],
    // Already the 1st in Paris, still the 31st in UTC.
    ['2026-12-31T23:30:00Z', 'Europe/Paris', '2027-01', '2026-12-31T23:00:00.000Z', '2027-01-31T23:00:00.000Z', '2026-12', '2026-11-30T23:00:00.000Z'],
    // Summer time: UTC+2.
    ['2026-07-10T12:00:00Z', 'Europe/Paris', '2026-07', '2026-06-30T22:00:00.000Z', '2026-07-31T22:00:00.000Z', '2026-06', '2026-05-31T22:00:00.000Z'],
    ['2026-03-15T12:00:00Z', 'UTC', '2026-03', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', '2026-02', '2026-02-01T00:00:00.000Z'],
  ])('at %s in %s: this month %s from %s to %s, last month %s from %s', (now, zone, month, start, end, previousMonth, previousStart) => {
    const { current, previous } = currentAndPreviousMonth(new Date(now), zone)
    expect(current.month).toBe(month)
    expect(current.start.toISOString()).toBe(start)
    expect(current.end.toISOString()).toBe(end)
    expect(previous.month).toBe(previousMonth)
    expect(previous.start.toISOString()).toBe(previousStart)
    expect(previous.end.toISOString()).toBe(start)
  })

  test('percentages only with a denominator', () => {
    expect(percentOf(2, 3)).toBe(67)
    expect(percentOf(0, 0)).toBeNull()
  })
})
