import { describe, expect, test } from 'vitest'
import { FEATURE_KEYS, HAND_SET_WEIGHTS } from '../engine/config'
import type { FeatureValues } from '../engine/features'
import { ndcgAt, rankingPairs, rankingQuality, trainWeights, type Example } from './ranker'
import { seededRandom } from './simulate'

/**
 * A tiny world where the partners' judgments follow the shared skills and not the text: the text
 * value is noise. The hand-set weights trust the text most; the trainer must learn otherwise.
 */
function syntheticExamples(seed: number) {
  const random = seededRandom(seed)
  const examples: Example[] = []
  for (let need = 0; need < 30; need++) {
    for (let firm = 0; firm < 8; firm++) {
      const skills = random()
      const text = random()
      const values: FeatureValues = { text, skills, sector: null, distance: null, budget: null, trackRecord: 0, responsiveness: 0.5 }
      examples.push({ needId: `n${need}`, firmId: `f${firm}`, label: Math.min(3, Math.floor(skills * 4)), at: new Date(0), values })
    }
  }
  return examples
}

describe('the pairwise trainer', () => {
  const train = syntheticExamples(1)
  const heldOut = syntheticExamples(2)

  test('learns that the informative feature matters more, and ranks held-out needs better for it', () => {
    const { weights } = trainWeights(train)
    expect(HAND_SET_WEIGHTS.text).toBeGreaterThan(HAND_SET_WEIGHTS.skills)
    expect(weights.skills).toBeGreaterThan(weights.text)
    expect(rankingQuality(heldOut, weights).ndcg10).toBeGreaterThan(rankingQuality(heldOut, HAND_SET_WEIGHTS).ndcg10)
    expect(rankingQuality(heldOut, weights).pairwiseAccuracy).toBeGreaterThan(0.9)
    // Features that never vary here (sector: not applicable, responsiveness: 0.5) keep their hand-set ratio.
    expect(weights.responsiveness / weights.sector).toBeCloseTo(HAND_SET_WEIGHTS.responsiveness / HAND_SET_WEIGHTS.sector, 1)
  })

  test('weights are non-negative, sum to 1, and the same examples always give the same weights', () => {
    const first = trainWeights(train)
    const second = trainWeights(train)
    expect(second.weights).toEqual(first.weights)
    for (const key of FEATURE_KEYS) expect(first.weights[key]).toBeGreaterThanOrEqual(0)
    expect(FEATURE_KEYS.reduce((sum, key) => sum + first.weights[key], 0)).toBeCloseTo(1, 3)
  })

  test('without any pair of different labels the starting weights stand', () => {
    const same = train.map((example) => ({ ...example, label: 1 }))
    const { weights, pairs } = trainWeights(same)
    expect(pairs).toBe(0)
    expect(weights.text).toBeCloseTo(HAND_SET_WEIGHTS.text, 3)
  })

  test('pairs only within a need, better first, weighted by the label gap', () => {
    const pairs = rankingPairs([
      { needId: 'a', label: 3 },
      { needId: 'a', label: 0 },
      { needId: 'b', label: 1 },
      { needId: 'a', label: 3 },
    ])
    expect(pairs).toEqual([
      { better: 0, worse: 1, weight: 3 },
      { better: 3, worse: 1, weight: 3 },
    ])
  })
})

describe('NDCG@10', () => {
  test('1 for the ideal order, less when a good firm comes late, null with no positive label', () => {
    expect(ndcgAt([3, 2, 0, 0])).toBe(1)
    expect(ndcgAt([0, 0, 3, 2])).toBeLessThan(0.7)
    expect(ndcgAt([0, 0])).toBeNull()
  })
})
