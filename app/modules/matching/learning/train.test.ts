import { describe, expect, test } from 'vitest'
import { HAND_SET_WEIGHTS, parseLearnedWeights, type LearnedWeights, type Weights } from '../engine/config'
import type { RankingQuality } from './ranker'
import { decideWeights, MIN_HELD_OUT_NDCG_GAIN, nextWeightsFile, type TrainingReport } from './train'

/**
 * "Measure which helps and keep what does": a training's candidate goes in force only when it ranks
 * the time-held-out pairs better than the hand-set weights.
 */
const candidate: Weights = { text: 0.3, skills: 0.3, sector: 0.03, distance: 0.12, budget: 0.1, trackRecord: 0, responsiveness: 0.15 }
const quality = (ndcg10: number, pairwiseAccuracy: number): RankingQuality => ({ ndcg10, pairwiseAccuracy, needs: 8, pairs: 300 })

function report(handSet: RankingQuality, learned: RankingQuality): TrainingReport {
  return {
    cut: new Date('2026-03-01T00:00:00Z'),
    interactions: 700,
    labelled: 420,
    skipped: 0,
    train: { examples: 316, needs: 25, labels: { 0: 240, 1: 47, 2: 17, 3: 12 }, handSet: quality(0.67, 0.71), learned: quality(0.7, 0.74) },
    heldOut: { examples: 104, handSet, learned, handSetWithoutDeclines: handSet },
    weights: candidate,
    trainLoss: 0.52,
    trainPairs: 800,
  }
}

const engine = { algorithmVersion: 'hybrid-2.w3', commit: 'abc1234' }
const previousHandSet: LearnedWeights = parseLearnedWeights({ version: 3, inForce: 'hand-set', weights: HAND_SET_WEIGHTS, learnedWeights: candidate })
const write = (previous: LearnedWeights, trained: TrainingReport) => nextWeightsFile(previous, trained, 'simulated from a test set', new Date('2026-12-08T00:00:00Z'), engine)

describe('which weights a training puts in force', () => {
  test('a candidate that measures worse on the held-out slice leaves the hand-set weights in force, and records itself', () => {
    const file = write(previousHandSet, report(quality(0.7718, 0.7033), quality(0.7673, 0.6967)))
    expect(file.inForce).toBe('hand-set')
    expect(file.weights).toEqual(HAND_SET_WEIGHTS)
    expect(file.learnedWeights).toEqual(candidate)
    expect(file.reason).toMatch(/did not beat the hand-set ones.*learned 0\.7673 vs hand-set 0\.7718/)
    expect(file.heldOut).toMatchObject({ handSet: { ndcg10: 0.7718 }, learned: { ndcg10: 0.7673 } })
    expect(file.engine).toEqual(engine)
    // Same weights in force as before: same version, stored matches stay current.
    expect(file.version).toBe(3)
  })

  test('a gain smaller than the margin, or a worse pairwise accuracy, is not enough', () => {
    expect(decideWeights(report(quality(0.7, 0.7), quality(0.7 + MIN_HELD_OUT_NDCG_GAIN / 2, 0.75)).heldOut).inForce).toBe('hand-set')
    const worsePairs = decideWeights(report(quality(0.7, 0.7), quality(0.75, 0.69)).heldOut)
    expect(worsePairs.inForce).toBe('hand-set')
    expect(worsePairs.reason).toMatch(/pairwise accuracy/)
    expect(decideWeights(report(quality(0, 0), { ...quality(0, 0), needs: 0, pairs: 0 }).heldOut).inForce).toBe('hand-set')
  })

  test('a candidate that beats the hand-set weights is put in force and the version goes up', () => {
    const file = write(previousHandSet, report(quality(0.7, 0.69), quality(0.74, 0.72)))
    expect(file.inForce).toBe('learned')
    expect(file.weights).toEqual(candidate)
    expect(file.reason).toMatch(/beat the hand-set ones/)
    expect(file.version).toBe(4)
    // The engine accepts the file it writes; a second identical training keeps the version.
    const written = parseLearnedWeights(JSON.parse(JSON.stringify(file)))
    expect(written.weights).toEqual(candidate)
    expect(write(written, report(quality(0.7, 0.69), quality(0.74, 0.72))).version).toBe(4)
    // Falling back to the hand-set weights is a change too.
    const back = write(written, report(quality(0.7, 0.69), quality(0.69, 0.69)))
    expect(back).toMatchObject({ inForce: 'hand-set', weights: HAND_SET_WEIGHTS, version: 5 })
  })
})
