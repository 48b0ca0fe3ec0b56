import { describe, expect, test } from 'vitest'
// The formulas are checked with the hand-set weights: the learned ones move with each training.
import { HAND_SET_WEIGHTS } from './config'
import {
  applicableWeights,
  breakdownFrom,
  budgetFit,
  combineScore,
  contextGate,
  distanceValue,
  isRareSkill,
  nafLevel,
  nafProximity,
  normaliseNaf,
  responsiveness,
  scoreFrom,
  skillsOverlap,
  skillWeight,
  textRelevance,
  trackRecord,
  type FeatureValues,
} from './features'

const ALL = { text: true, skills: true, sector: true, distance: true, budget: true, trackRecord: true, responsiveness: true }

describe('skills overlap weighted by rarity', () => {
  const firms = 1000
  const need = [
    { key: 'iot', weight: skillWeight(firms, 300) },
    { key: 'iec 62443', weight: skillWeight(firms, 3) },
  ]

  test('a rare skill weighs more than a common one', () => {
    expect(skillWeight(firms, 3)).toBeGreaterThan(skillWeight(firms, 300))
    expect(skillWeight(firms, 0)).toBeGreaterThan(skillWeight(firms, 3))
  })

  test.each([
    ['both skills', ['iot', 'iec 62443'], 1],
    ['no skill', ['react'], 0],
  ])('%s', (_label, firm, expected) => {
    expect(skillsOverlap(need, new Set(firm))).toBeCloseTo(expected, 6)
  })

  test('sharing the rare skill counts more than sharing the common one', () => {
    expect(skillsOverlap(need, new Set(['iec 62443']))!).toBeGreaterThan(skillsOverlap(need, new Set(['iot']))!)
  })

  test('a need without skills makes the feature not applicable', () => {
    expect(skillsOverlap([], new Set(['iot']))).toBeNull()
  })

  test.each([
    [1000, 3, true],
    [1000, 50, true],
    [1000, 51, false],
    [10, 1, true],
    [10, 2, false],
  ])('with %i firms, a skill of %i firms is rare: %s', (firmCount, df, rare) => {
    expect(isRareSkill(firmCount, df)).toBe(rare)
  })
})

describe('NAF proximity', () => {
  test.each([
    ['6201z', '62.01Z'],
    ['62.01 Z', '62.01Z'],
    ['62.01', '62.01'],
    ['hello', null],
  ])('normalises %s', (raw, expected) => {
    expect(normaliseNaf(raw)).toBe(expected)
  })

  test.each([
    ['62.01Z', '62.01Z', 'class', 1],
    ['62.02A', '62.02B', 'class', 1],
    ['62.01Z', '62.02A', 'group', 0.7],
    ['62.01Z', '62.09Z', 'group', 0.7],
    ['62.01Z', '63.11Z', null, 0],
    ['71.12B', '71.20B', 'division', 0.4],
  ])('%s vs %s: %s', (a, b, level, value) => {
    expect(nafLevel(a, b)).toBe(level)
    expect(nafProximity([a], [b])?.value).toBe(value)
  })

  test('the best pair wins; no NAF code on the need: not applicable', () => {
    expect(nafProximity(['71.12B', '62.01Z'], ['62.02A', '62.01Z'])).toMatchObject({ value: 1, needCode: '62.01Z', firmCode: '62.01Z', level: 'class' })
    expect(nafProximity([], ['62.01Z'])).toBeNull()
  })
})

describe('distance against the radius', () => {
  test.each([
    ['next door', 0, 50, false, 1],
    ['half the radius', 25, 50, false, 0.6],
    ['at the radius', 50, 50, false, 0.2],
    ['beyond the radius', 80, 50, false, 0],
    ['default radius (50 km)', 25, null, false, 0.6],
    ['remote OK, far', 300, 50, true, 1],
    ['unknown commune', null, 50, false, 0.3],
  ] as const)('%s', (_label, km, radius, remoteOk, expected) => {
    expect(distanceValue(km, radius, remoteOk)).toBeCloseTo(expected, 6)
  })
})

describe('budget fit', () => {
  test.each([
    ['a 50 k€ pilot suits a small firm', 50_000, 'LT_1M', 1],
    ['a 50 k€ pilot suits a 1–2 M€ firm', 50_000, 'M1_2M', 1],
    ['a 2 M€ procurement does not suit a 400 k€ firm', 2_000_000, 'LT_1M', 0],
    ['a 2 M€ procurement suits a 10–50 M€ firm', 2_000_000, 'M10_50M', 1],
    ['a 300 k€ contract strains a firm under 1 M€', 300_000, 'LT_1M', 0.6],
  ] as const)('%s', (_label, budget, band, expected) => {
    expect(budgetFit(budget, band)).toBeCloseTo(expected, 1)
  })

  test('a 20 k€ pilot suits a small firm better than a large group', () => {
    expect(budgetFit(20_000, 'LT_1M')!).toBeGreaterThan(budgetFit(20_000, 'GT_50M')!)
    expect(budgetFit(20_000, 'GT_50M')!).toBeGreaterThanOrEqual(0.35)
  })

  test('no budget: not applicable; unknown band: neutral', () => {
    expect(budgetFit(null, 'LT_1M')).toBeNull()
    expect(budgetFit(100_000, null)).toBe(0.5)
  })
})

describe('track record and responsiveness', () => {
  test.each([
    [0, 0, 0],
    [0, 3, 0.41],
    [1, 0, 0.39],
    [3, 3, 0.87],
  ])('%i deals and %i references → %s', (deals, references, expected) => {
    expect(trackRecord(deals, references)).toBeCloseTo(expected, 2)
  })

  test('saturating and increasing', () => {
    expect(trackRecord(10, 10)).toBeLessThanOrEqual(1)
    expect(trackRecord(2, 1)).toBeGreaterThan(trackRecord(1, 1))
  })

  test.each([
    [null, 0.5],
    [undefined, 0.5],
    [0.9, 0.9],
    [1.4, 1],
    [-1, 0],
  ])('responsiveness %s → %s', (input, expected) => {
    expect(responsiveness(input)).toBe(expected)
  })
})

describe('text relevance', () => {
  test('0 without a match, increasing and below 1', () => {
    expect(textRelevance(0, 10)).toBe(0)
    expect(textRelevance(2, 10)).toBeLessThan(textRelevance(5, 10))
    expect(textRelevance(1000, 10)).toBeLessThan(1)
  })
})

describe('the score', () => {
  const values: FeatureValues = { text: 0.6, skills: 0.5, sector: 1, distance: 0.8, budget: 1, trackRecord: 0.4, responsiveness: 0.5 }

  test('weights are normalised over the applicable features', () => {
    const normalised = applicableWeights(HAND_SET_WEIGHTS, { ...ALL, sector: false, budget: false })
    expect(normalised.sector).toBe(0)
    expect(normalised.budget).toBe(0)
    expect(Object.values(normalised).reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 10)
  })

  test('the breakdown points add up to the score', () => {
    const normalised = applicableWeights(HAND_SET_WEIGHTS, ALL)
    const score = scoreFrom(values, normalised)
    const points = breakdownFrom(values, normalised).reduce((sum, entry) => sum + entry.points, 0)
    expect(points).toBeCloseTo(score, 0)
    expect(score).toBeGreaterThan(0)
    expect(score).toBeLessThanOrEqual(100)
  })

  test('a firm with nothing in common earns no context points, however close', () => {
    const normalised = applicableWeights(HAND_SET_WEIGHTS, ALL)
    expect(contextGate(normalised, 0, 0, 0)).toBe(0)
    expect(combineScore(normalised, 0, 0, 0, 1, 1, 1, 1)).toBe(0)
    expect(contextGate(normalised, 1, 1, 1)).toBe(1)
  })

  test('the score grows with every feature', () => {
    const normalised = applicableWeights(HAND_SET_WEIGHTS, ALL)
    const base = [0.4, 0.3, 0.4, 0.5, 0.5, 0.3, 0.5] as const
    const score = (values: readonly number[]) => combineScore(normalised, values[0], values[1], values[2], values[3], values[4], values[5], values[6])
    for (let feature = 0; feature < base.length; feature++) {
      const better = [...base]
      better[feature] += 0.3
      expect(score(better)).toBeGreaterThan(score(base))
    }
  })
})
