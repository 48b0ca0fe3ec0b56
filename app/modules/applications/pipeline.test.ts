import { describe, expect, test } from 'vitest'
import { daysUntil, isOverdue, timeInStages } from './pipeline'

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9))

describe('time in stage', () => {
  const history = [
    { fromStatus: null, toStatus: 'DRAFT', at: day(1) },
    { fromStatus: 'DRAFT', toStatus: 'SUBMITTED', at: day(2) },
    { fromStatus: 'SUBMITTED', toStatus: 'SHORTLISTED', at: day(5) },
  ]

  test('each stage lasts until the next change, the current one until now', () => {
    const stages = timeInStages(history, day(8))
    expect(stages.map((stage) => [stage.status, stage.durationMs / 86_400_000])).toEqual([
      ['DRAFT', 1],
      ['SUBMITTED', 3],
      ['SHORTLISTED', 3],
    ])
    expect(stages.at(-1)?.until).toBeNull()
  })

  test('order of the rows does not matter', () => {
    expect(timeInStages([...history].reverse(), day(8)).map((stage) => stage.status)).toEqual(['DRAFT', 'SUBMITTED', 'SHORTLISTED'])
  })
})

describe('overdue answers', () => {
  const submitted = [{ fromStatus: 'DRAFT', toStatus: 'SUBMITTED', at: day(1) }]
  test.each([
    ['SUBMITTED', 15, day(16), false],
    ['SUBMITTED', 15, day(17), true],
    ['SHORTLISTED', 15, day(20), true],
    ['INFO_REQUESTED', 15, day(28), false],
    ['DECLINED', 15, day(28), false],
    ['SUBMITTED', 30, day(28), false],
  ] as const)('%s with a %i-day charter, on %s → %s', (status, days, now, expected) => {
    expect(isOverdue(status, submitted, days, now)).toBe(expected)
  })

  test('no history, no verdict', () => {
    expect(isOverdue('SUBMITTED', [], 15, day(28))).toBe(false)
  })
})

describe('countdown', () => {
  test('days left before a deadline', () => {
    expect(daysUntil(day(10), day(3))).toBe(7)
    expect(daysUntil(day(3), day(3))).toBe(0)
    expect(daysUntil(day(2), day(3))).toBe(-1)
    expect(daysUntil(null, day(3))).toBeNull()
  })
})
