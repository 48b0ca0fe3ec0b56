import { describe, expect, test } from 'vitest'
import { scoreMatch, type FirmForScoring, type NeedForScoring } from './scorer'

const now = new Date('2026-11-26T00:00:00Z')
const need: NeedForScoring = {
  skills: ['iot', 'cybersécurité', 'edge computing'],
  nafCodes: ['62.01Z'],
  communeInsee: '38185', // Grenoble
  radiusKm: 60,
  remoteOk: false,
  headcountMin: null,
  headcountMax: null,
  revenueBands: [],
  minAgeYears: null,
}
const firm: FirmForScoring = {
  status: 'VERIFIED',
  skills: ['iot', 'edge computing', 'react'],
  nafCodes: ['62.01Z'],
  communeInsee: '38421', // Saint-Martin-d'Hères, next to Grenoble
  headcount: 12,
  revenueBand: 'M1_2M',
  foundedYear: 2015,
}

describe('simple scorer', () => {
  test('scores shared skills, sector and proximity, and explains them', () => {
    const result = scoreMatch(need, firm, { now })
    expect(result.eligible).toBe(true)
    expect(result.score).toBeGreaterThan(70)
    expect(result.score).toBeLessThanOrEqual(100)
    expect(result.reasons.map((reason) => reason.key)).toEqual(['skills', 'sector', 'distance'])
    expect(result.reasons[0]?.values).toMatchObject({ count: 2, skills: 'iot, edge computing' })
    const points = result.breakdown.reduce((sum, item) => sum + item.points, 0)
    expect(points).toBeCloseTo(result.score, 0)
  })

  test('more shared skills score higher, all else equal', () => {
    const fewer = scoreMatch(need, { ...firm, skills: ['iot'] }, { now })
    const more = scoreMatch(need, firm, { now })
    expect(more.score).toBeGreaterThan(fewer.score)
  })

  test.each([
    ['an unverified firm', { status: 'PENDING' }, 'status'],
    ['too small', { headcount: 3 }, 'headcount'],
    ['wrong revenue band', { revenueBand: 'GT_50M' }, 'revenue'],
    ['too young', { foundedYear: 2025 }, 'age'],
    ['too far (Valence, 90 km)', { communeInsee: '26362' }, 'distance'],
  ] as const)('filters out %s', (_label, change, because) => {
    const strictNeed = { ...need, headcountMin: 5, revenueBands: ['M1_2M', 'M2_5M'] as NeedForScoring['revenueBands'], minAgeYears: 3 }
    const result = scoreMatch(strictNeed, { ...firm, ...change }, { now })
    expect(result).toMatchObject({ eligible: false, ineligibleBecause: because, score: 0 })
  })

  test('remote-OK needs accept far firms and say so', () => {
    const result = scoreMatch({ ...need, remoteOk: true }, { ...firm, communeInsee: '26362' }, { now })
    expect(result.eligible).toBe(true)
    expect(result.reasons.at(-1)?.key).toBe('remote')
  })

  test('weights are configuration', () => {
    const skillsOnly = scoreMatch(need, firm, { now, weights: { skills: 1, sector: 0, distance: 0 } })
    expect(skillsOnly.score).toBeCloseTo((100 * 2) / 3, 0)
  })
})
