import { describe, expect, test } from 'vitest'
import { cohortPhase, cohortTarget, cohortWindow, inWindow, progressOf } from './progress'

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`)

describe('progressOf', () => {
  test.each([
    { value: 0, target: 300_000, share: 0, percent: 0, reached: false },
    { value: 150_000, target: 300_000, share: 0.5, percent: 50, reached: false },
    { value: 299_999, target: 300_000, share: 299_999 / 300_000, percent: 99, reached: false },
    { value: 300_000, target: 300_000, share: 1, percent: 100, reached: true },
    // Past the target: the share says so, the bar stays full.
    { value: 450_000, target: 300_000, share: 1.5, percent: 100, reached: true },
    // No target set: nothing to reach, the bar stays empty.
    { value: 50_000, target: 0, share: 0, percent: 0, reached: false },
    { value: -10, target: 100, share: 0, percent: 0, reached: false },
    { value: Number.NaN, target: 100, share: 0, percent: 0, reached: false },
  ])('$value of $target', ({ value, target, share, percent, reached }) => {
    const progress = progressOf(value, target)
    expect(progress.share).toBeCloseTo(share)
    expect(progress.percent).toBe(percent)
    expect(progress.reached).toBe(reached)
  })

  test('pilots count the same way', () => {
    expect(progressOf(1, 2)).toMatchObject({ percent: 50, reached: false })
    expect(progressOf(3, 2)).toMatchObject({ percent: 100, reached: true })
  })
})

describe('cohortTarget', () => {
  test('the per-firm target times the firms, never negative', () => {
    expect(cohortTarget(300_000, 4)).toBe(1_200_000)
    expect(cohortTarget(300_000, 0)).toBe(0)
    expect(cohortTarget(-5, 3)).toBe(0)
  })
})

describe('cohortWindow', () => {
  test('the cohort’s dates, its last day included', () => {
    const window = cohortWindow({ startsOn: day('2026-01-01'), endsOn: day('2026-12-31') })
    expect(window).toEqual({ start: day('2026-01-01'), end: day('2027-01-01') })
    expect(inWindow(new Date('2026-12-31T23:59:00Z'), window)).toBe(true)
    expect(inWindow(day('2027-01-01'), window)).toBe(false)
    expect(inWindow(new Date('2025-12-31T23:59:00Z'), window)).toBe(false)
    expect(inWindow(day('2026-02-01'), window)).toBe(true)
  })

  test('a date not set leaves that side open', () => {
    const open = cohortWindow({ startsOn: null, endsOn: null })
    expect(open).toEqual({ start: null, end: null })
    expect(inWindow(day('1999-01-01'), open)).toBe(true)
    expect(inWindow(day('2030-01-01'), open)).toBe(true)
    expect(inWindow(null, open)).toBe(false)
    const fromOnly = cohortWindow({ startsOn: day('2026-03-01'), endsOn: null })
    expect(inWindow(day('2026-02-28'), fromOnly)).toBe(false)
    expect(inWindow(day('2040-01-01'), fromOnly)).toBe(true)
  })
})

describe('cohortPhase', () => {
  const cohort = { startsOn: day('2026-01-01'), endsOn: day('2026-06-30'), archivedAt: null }
  test.each([
    { now: '2025-12-31T12:00:00Z', phase: 'upcoming' },
    { now: '2026-01-01T00:00:00Z', phase: 'running' },
    { now: '2026-06-30T23:00:00Z', phase: 'running' },
    { now: '2026-07-01T00:00:00Z', phase: 'ended' },
  ])('$now is $phase', ({ now, phase }) => {
    expect(cohortPhase(cohort, new Date(now))).toBe(phase)
  })

  test('archived wins over the dates; open dates run', () => {
    expect(cohortPhase({ ...cohort, archivedAt: day('2026-02-01') }, day('2026-03-01'))).toBe('archived')
    expect(cohortPhase({ startsOn: null, endsOn: null, archivedAt: null }, day('2026-03-01'))).toBe('running')
  })
})
