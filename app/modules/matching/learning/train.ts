import { FEATURE_KEYS, HAND_SET_WEIGHTS, type LearnedWeights, type Weights, type WeightsInForce } from '../engine/config'
import { pairFeatures, type CorpusStats, type FirmDoc, type NeedDoc } from '../engine/engine'
import { declineSignalsAsOf, labelPairs, splitByTime, timeCut, type Interaction, type LabelledPair } from './labels'
import { rankingQuality, trainWeights, type Example, type RankingQuality, type TrainOptions } from './ranker'

/**
 * The learning-to-rank step from a behaviour log (pure): label the pairs, split them by time (the
 * most recent `heldOutShare` held out), compute the engine's features for each pair with the firms'
 * decline signals as of the cut (what the engine knew then), fit weights on the earlier pairs and
 * measure both the hand-set and the learned weights on the held-out ones.
 */

export interface TrainingInput {
  interactions: readonly Interaction[]
  needs: ReadonlyMap<string, NeedDoc>
  firms: ReadonlyMap<string, FirmDoc>
  corpusStats: CorpusStats
  heldOutShare?: number
  trainOptions?: TrainOptions
}

export interface TrainingReport {
  cut: Date
  interactions: number
  labelled: number
  /** Pairs whose need or firm is unknown (deleted): left out. */
  skipped: number
  train: { examples: number; needs: number; labels: Record<number, number>; handSet: RankingQuality; learned: RankingQuality }
  heldOut: {
    examples: number
    handSet: RankingQuality
    learned: RankingQuality
    /** Hand-set weights and no decline signals: what `hybrid-1` would have done. */
    handSetWithoutDeclines: RankingQuality
  }
  weights: Weights
  trainLoss: number
  trainPairs: number
}

function examplesOf(pairs: readonly LabelledPair[], input: TrainingInput, cut: Date, withDeclines: boolean) {
  const signals = withDeclines ? declineSignalsAsOf(input.interactions, cut) : new Map()
  const examples: Example[] = []
  for (const pair of pairs) {
    const need = input.needs.get(pair.needId)
    const firm = input.firms.get(pair.firmId)
    if (!need || !firm) continue
    const { values } = pairFeatures(need, { ...firm, verified: true, declineSignals: signals.get(firm.id) ?? null }, { now: cut, corpusStats: input.corpusStats })
    examples.push({ needId: pair.needId, firmId: pair.firmId, label: pair.label, at: pair.at, values })
  }
  return examples
}

export function trainFromInteractions(input: TrainingInput): TrainingReport {
  const pairs = labelPairs(input.interactions)
  const cut = timeCut(pairs, input.heldOutShare ?? 0.25)
  const { train, heldOut } = splitByTime(pairs, cut)
  const trainExamples = examplesOf(train, input, cut, true)
  const heldOutExamples = examplesOf(heldOut, input, cut, true)
  const fitted = trainWeights(trainExamples, input.trainOptions)
  const labels: Record<number, number> = { 0: 0, 1: 0, 2: 0, 3: 0 }
  for (const example of trainExamples) labels[example.label]++
  return {
    cut,
    interactions: input.interactions.length,
    labelled: pairs.length,
    skipped: pairs.length - trainExamples.length - heldOutExamples.length,
    train: {
      examples: trainExamples.length,
      needs: new Set(trainExamples.map((example) => example.needId)).size,
      labels,
      handSet: rankingQuality(trainExamples, HAND_SET_WEIGHTS),
      learned: rankingQuality(trainExamples, fitted.weights),
    },
    heldOut: {
      examples: heldOutExamples.length,
      handSet: rankingQuality(heldOutExamples, HAND_SET_WEIGHTS),
      learned: rankingQuality(heldOutExamples, fitted.weights),
      handSetWithoutDeclines: rankingQuality(examplesOf(heldOut, input, cut, false), HAND_SET_WEIGHTS),
    },
    weights: fitted.weights,
    trainLoss: fitted.loss,
    trainPairs: fitted.pairs,
  }
}

/**
 * "Measure which helps and keep what does": the learned candidate is put in force only when it ranks
 * the time-held-out pairs better than the hand-set weights, NDCG@10 by at least this margin and
 * pairwise accuracy not worse.
 */
export const MIN_HELD_OUT_NDCG_GAIN = 0.005

export interface WeightsDecision {
  inForce: WeightsInForce
  reason: string
}

const f4 = (value: number) => value.toFixed(4)

/** Which weights go in force after a training, and why (figures on the held-out slice). */
export function decideWeights(heldOut: Pick<TrainingReport['heldOut'], 'handSet' | 'learned'>): WeightsDecision {
  const { handSet, learned } = heldOut
  const figures = `held-out NDCG@10 learned ${f4(learned.ndcg10)} vs hand-set ${f4(handSet.ndcg10)}, pairwise accuracy learned ${f4(learned.pairwiseAccuracy)} vs hand-set ${f4(handSet.pairwiseAccuracy)}`
  if (learned.pairs === 0 || learned.needs === 0) return { inForce: 'hand-set', reason: `no held-out pair to compare on: hand-set weights kept` }
  const gain = learned.ndcg10 - handSet.ndcg10
  if (gain < MIN_HELD_OUT_NDCG_GAIN) {
    return { inForce: 'hand-set', reason: `the learned weights did not beat the hand-set ones on the time-held-out slice (NDCG@10 gain ${gain.toFixed(4)} < ${MIN_HELD_OUT_NDCG_GAIN}): ${figures}` }
  }
  if (learned.pairwiseAccuracy < handSet.pairwiseAccuracy) {
    return { inForce: 'hand-set', reason: `the learned weights rank held-out pairs worse than the hand-set ones (pairwise accuracy): ${figures}` }
  }
  return { inForce: 'learned', reason: `the learned weights beat the hand-set ones on the time-held-out slice (NDCG@10 gain ${gain.toFixed(4)} ≥ ${MIN_HELD_OUT_NDCG_GAIN}, pairwise accuracy not worse): ${figures}` }
}

/** The engine a training ran with: its simulation ranks with it, so a retraining on another engine gives other pairs. */
export interface TrainingEngine {
  algorithmVersion: string
  commit: string
}

/**
 * The learned-weights file to commit: the candidate is kept in `learnedWeights`, the weights in
 * force are the candidate or the hand-set weights per `decideWeights`; the version goes up when the
 * weights in force differ from the previous file's (stored matches carry it, see
 * ALGORITHM_VERSION), and stays otherwise.
 */
export function nextWeightsFile(previous: LearnedWeights, report: TrainingReport, source: string, trainedAt: Date, engine: TrainingEngine) {
  const decision = decideWeights(report.heldOut)
  const weights: Weights = decision.inForce === 'learned' ? { ...report.weights } : { ...HAND_SET_WEIGHTS }
  const changed = FEATURE_KEYS.some((key) => previous.weights[key] !== weights[key])
  return {
    version: changed ? previous.version + 1 : previous.version,
    inForce: decision.inForce,
    reason: decision.reason,
    trainedAt: trainedAt.toISOString(),
    source,
    engine,
    examples: report.train.examples,
    heldOut: {
      cut: report.cut.toISOString(),
      examples: report.heldOut.examples,
      needs: report.heldOut.learned.needs,
      handSet: { ndcg10: report.heldOut.handSet.ndcg10, pairwiseAccuracy: report.heldOut.handSet.pairwiseAccuracy },
      learned: { ndcg10: report.heldOut.learned.ndcg10, pairwiseAccuracy: report.heldOut.learned.pairwiseAccuracy },
    },
    weights,
    learnedWeights: report.weights,
  }
}
