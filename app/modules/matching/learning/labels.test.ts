import { describe, expect, test } from 'vitest'
import { declineSignalsAsOf, gradeOf, labelPairs, splitByTime, timeCut, type Interaction } from './labels'

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000)
const event = (firmId: string, kind: Interaction['kind'], at: number, declineReason: Interaction['declineReason'] = null, needId = 'n1'): Interaction => ({
  needId,
  firmId,
  kind,
  at: day(at),
  declineReason,
})

describe('what each event is worth', () => {
  test.each([
    ['deal-success', null, 3],
    ['deal', null, 2],
    ['accepted', null, 2],
    ['shortlisted', null, 2],
    ['invited', null, 1],
    ['submitted', null, 1],
    ['feedback-good', null, 1],
    ['feedback-not-relevant', null, 0],
    ['dismissed', null, 0],
    ['rejected', null, 0],
    ['declined', 'SCOPE_FIT', 0],
    ['declined', 'SKILLS_FIT', 0],
    ['declined', 'CAPACITY', 0],
    ['declined', 'DISTANCE', 0],
    ['declined', 'BUDGET', 0],
    ['declined', 'TIMING', null],
    ['declined', 'OTHER_CANDIDATE', null],
    ['declined', 'PROJECT_CANCELLED', null],
    ['declined', 'OTHER', null],
    ['declined', null, null],
  ] as const)('%s %s → %s', (kind, declineReason, grade) => {
    expect(gradeOf({ kind, declineReason })).toBe(grade)
  })
})

describe('one label per pair, the later judgment winning', () => {
  test('invited then declined as out of scope is a bad match; declined because another firm won is not', () => {
    const labels = labelPairs([
      event('scope', 'invited', 1),
      event('scope', 'submitted', 3),
      event('scope', 'declined', 9, 'SCOPE_FIT'),
      event('other', 'invited', 1),
      event('other', 'submitted', 3),
      event('other', 'declined', 9, 'OTHER_CANDIDATE'),
    ])
    expect(labels.map((pair) => [pair.firmId, pair.label])).toEqual([
      ['other', 1],
      ['scope', 0],
    ])
    // The pair's time is its last event that carried evidence.
    expect(labels.find((pair) => pair.firmId === 'other')!.at).toEqual(day(3))
    expect(labels.find((pair) => pair.firmId === 'scope')!.at).toEqual(day(9))
  })

  test('a shortlist stays 2 after a "good match"; a successful deal is final', () => {
    const labels = labelPairs([
      event('a', 'shortlisted', 2),
      event('a', 'feedback-good', 4),
      event('b', 'accepted', 2),
      event('b', 'deal-success', 30),
      event('b', 'feedback-not-relevant', 40),
      event('c', 'dismissed', 1),
      event('c', 'invited', 5),
    ])
    expect(Object.fromEntries(labels.map((pair) => [pair.firmId, pair.label]))).toEqual({ a: 2, b: 3, c: 1 })
  })

  test('a pair with only a neutral decline has no label', () => {
    expect(labelPairs([event('a', 'declined', 1, 'TIMING')])).toEqual([])
  })
})

describe('split by time', () => {
  test('the most recent quarter is held out, none of it before the cut', () => {
    const pairs = labelPairs(Array.from({ length: 8 }, (_, i) => event(`f${i}`, 'invited', i * 10)))
    const cut = timeCut(pairs, 0.25)
    expect(cut).toEqual(day(60))
    const { train, heldOut } = splitByTime(pairs, cut)
    expect(train.map((pair) => pair.firmId)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5'])
    expect(heldOut.map((pair) => pair.firmId)).toEqual(['f6', 'f7'])
  })

  test('nothing to split: a clear error', () => {
    expect(() => timeCut([])).toThrow(/No labelled pair/)
  })
})

describe('decline signals as of a date', () => {
  test('only decisions before the date and within the window count', () => {
    const signals = declineSignalsAsOf(
      [
        event('far', 'declined', 100, 'DISTANCE'),
        event('far', 'declined', 110, 'DISTANCE', 'n2'),
        event('far', 'accepted', 120, null, 'n3'),
        event('far', 'declined', 300, 'DISTANCE', 'n4'), // after the date
        event('old', 'declined', -400, 'CAPACITY'), // before the window
        event('small', 'declined', 150, 'CAPACITY'),
        event('vague', 'declined', 150, 'OTHER_CANDIDATE'),
      ],
      day(200),
    )
    expect(signals.get('far')).toEqual({ scope: 0, capacity: 0, distance: 2 / 5 })
    expect(signals.get('small')).toEqual({ scope: 0, capacity: 1 / 3, distance: 0 })
    expect(signals.get('vague')).toEqual({ scope: 0, capacity: 0, distance: 0 })
    expect(signals.has('old')).toBe(false)
  })
})
