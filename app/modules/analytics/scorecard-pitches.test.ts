import { describe, expect, test } from 'vitest'
import { pitchOutcome, sortScorecards, summarisePitches, type PitchFact } from './scorecard'

// Issue 14 (decision 0028): pitches count in the partner's scorecard.
const period = { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') }
const now = new Date('2026-04-10T10:00:00Z')
const pitch = (sentAt: string, answeredAt: string | null, status = answeredAt ? 'INTERESTED' : 'SENT'): PitchFact => ({
  partnerId: 'p1',
  status,
  sentAt: new Date(sentAt),
  answeredAt: answeredAt ? new Date(answeredAt) : null,
  charterDays: 10,
})

describe('a pitch against the charter', () => {
  test.each([
    ['answered on its due day', pitch('2026-03-02T09:00:00Z', '2026-03-12T20:00:00Z'), 'onTime'],
    ['answered the day after', pitch('2026-03-02T09:00:00Z', '2026-03-13T09:00:00Z', 'DECLINED'), 'late'],
    ['unanswered past its due day', pitch('2026-03-02T09:00:00Z', null), 'late'],
    ['unanswered, not yet due', pitch('2026-04-05T09:00:00Z', null), 'notDue'],
    ['withdrawn before an answer', pitch('2026-03-02T09:00:00Z', null, 'WITHDRAWN'), 'withdrawn'],
  ])('%s → %s', (_label, fact, expected) => {
    expect(pitchOutcome(fact, now)).toBe(expected)
  })
})

describe('the pitch figures of a scorecard', () => {
  test('received and answered in the period, the on-time share, late now whatever the period', () => {
    const summary = summarisePitches(
      [
        pitch('2026-03-02T09:00:00Z', '2026-03-05T09:00:00Z'), // on time
        pitch('2026-03-03T09:00:00Z', '2026-03-20T09:00:00Z', 'DECLINED'), // late
        pitch('2026-03-25T09:00:00Z', null), // unanswered, due 4 April: late now
        pitch('2026-03-28T09:00:00Z', null, 'WITHDRAWN'), // nothing owed
        pitch('2026-02-01T09:00:00Z', null), // sent before the period, still late now
      ],
      period,
      now,
    )
    expect(summary).toEqual({ pitchesReceived: 4, pitchesAnswered: 2, pitchesCharterCounted: 3, pitchesOnTime: 1, pitchesShare: 1 / 3, pitchesLateNow: 2 })
  })

  test('no pitch: no share (not 0 %)', () => {
    expect(summarisePitches([], period, now)).toMatchObject({ pitchesReceived: 0, pitchesShare: null, pitchesLateNow: 0 })
  })

  test('sortable by the pitch columns', () => {
    const rows = [
      { name: 'B', pitchesLateNow: 2 },
      { name: 'A', pitchesLateNow: 0 },
    ] as never[]
    expect(sortScorecards(rows, 'pitchesLateNow', 'desc').map((row: { name: string }) => row.name)).toEqual(['B', 'A'])
  })
})
