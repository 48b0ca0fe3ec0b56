import { describe, expect, test } from 'vitest'
import { monthsOf, parseRange } from './range'

const now = new Date('2026-12-07T15:00:00Z')

describe('the period of a staff page', () => {
  test('defaults to the last twelve months, this one included', () => {
    const range = parseRange(new URLSearchParams(), now)
    expect([range.from, range.to, range.corrected]).toEqual(['2026-01-01', '2026-12-07', false])
    // Days are Paris days: midnight in Paris is 23:00 UTC in winter.
    expect(range.start.toISOString()).toBe('2025-12-31T23:00:00.000Z')
    expect(range.end.toISOString()).toBe('2026-12-07T23:00:00.000Z')
    expect(monthsOf(range)).toHaveLength(12)
  })

  test('reads both days from the URL, the last one included', () => {
    const range = parseRange(new URLSearchParams('from=2026-03-01&to=2026-03-31'), now)
    expect(range.start.toISOString()).toBe('2026-02-28T23:00:00.000Z')
    // Summer time started on 29 March: midnight in Paris is then 22:00 UTC.
    expect(range.end.toISOString()).toBe('2026-03-31T22:00:00.000Z')
    expect(monthsOf(range)).toEqual(['2026-03'])
  })

  test('falls back to the default on an impossible or reversed range, and says so', () => {
    for (const query of ['from=2026-02-30', 'from=2026-05-01&to=2026-04-01', 'to=yesterday', 'from=1990-01-01&to=2026-01-01']) {
      const range = parseRange(new URLSearchParams(query), now)
      expect(range.corrected, query).toBe(true)
      expect(range.from).toBe('2026-01-01')
    }
  })
})
