import { FEATURE_KEYS, HAND_SET_WEIGHTS, type FeatureKey, type Weights } from '../engine/config'
import { applicableWeights, contextGate, roundTo, scoreWithWeights, type FeatureValues } from '../engine/features'

/**
 * Learning to rank over the engine's own features (pure, deterministic): a linear model fitted on
 * pairs of firms of the same need whose labels differ (RankNet-style pairwise logistic loss), the
 * weights kept non-negative, with an L2 penalty. Scores are then the engine's: the learned weights
 * replace the hand-set ones in config.ts, and the engine still drops the features a need does not
 * apply and gates the context features.
 */

export interface Example {
  needId: string
  firmId: string
  label: number
  at: Date
  /** The engine's feature values for the pair (pairFeatures), null: not applicable. */
  values: FeatureValues
}

const CONTEXT: ReadonlySet<FeatureKey> = new Set(['distance', 'budget', 'trackRecord', 'responsiveness'])

/**
 * The model's inputs: each feature's value (0 when not applicable), the context features times the
 * relevance gate computed with `gateWeights` (the trainer refreshes it with the weights being
 * fitted, so that the linear score is the engine's). Within one need the engine's normalisation of
 * the weights is one positive factor, so it does not change the order a linear score gives.
 */
export function featureVector(values: FeatureValues, gateWeights: Weights = HAND_SET_WEIGHTS): Float64Array {
  const applicable = {} as { [K in FeatureKey]: boolean }
  for (const key of FEATURE_KEYS) applicable[key] = values[key] !== null
  const normalised = applicableWeights(gateWeights, applicable)
  const gate = contextGate(normalised, values.text ?? 0, values.skills ?? 0, values.sector ?? 0)
  return Float64Array.from(FEATURE_KEYS, (key) => (values[key] ?? 0) * (CONTEXT.has(key) ? gate : 1))
}

export interface TrainOptions {
  /**
   * Strength of the pull towards the starting weights (default 0.4), against the summed loss of
   * the pairs: with little behaviour the hand-set weights stand, as pairs accumulate the data speaks.
   */
  prior?: number
  /** Gradient steps (default 1500). */
  iterations?: number
  /** Step size (default 0.5). */
  learningRate?: number
  /** Starting weights (default: the hand-set ones, scaled so that scores spread over a few units). */
  start?: Weights
}

const GATE_REFRESH = 50

interface TrainingPair {
  better: number
  worse: number
  weight: number
}

/** Ordered pairs (better, worse) of examples of the same need with different labels, weighted by the label gap. */
export function rankingPairs(examples: readonly Pick<Example, 'needId' | 'label'>[]): TrainingPair[] {
  const byNeed = new Map<string, number[]>()
  examples.forEach((example, position) => {
    const group = byNeed.get(example.needId)
    if (group) group.push(position)
    else byNeed.set(example.needId, [position])
  })
  const pairs: TrainingPair[] = []
  for (const group of byNeed.values()) {
    for (const a of group) {
      for (const b of group) {
        const gap = examples[a].label - examples[b].label
        if (gap > 0) pairs.push({ better: a, worse: b, weight: gap })
      }
    }
  }
  return pairs
}

/**
 * Fits non-negative weights by projected gradient descent on the pairwise logistic loss
 * log(1 + exp(−(s_better − s_worse))), summed over the pairs weighted by their label gap, plus
 * prior·‖w − w₀‖² (w₀: the starting weights), from w₀: the same examples always give the same weights. Returned normalised to sum 1 (only ratios matter to the engine).
 */
export function trainWeights(examples: readonly Example[], options: TrainOptions = {}): { weights: Weights; pairs: number; loss: number } {
  const prior = options.prior ?? 0.4
  const iterations = options.iterations ?? 1500
  const rate = options.learningRate ?? 0.5
  const dimension = FEATURE_KEYS.length
  const pairs = rankingPairs(examples)
  const start = options.start ?? HAND_SET_WEIGHTS
  const startTotal = FEATURE_KEYS.reduce((sum, key) => sum + start[key], 0) || 1
  const w0 = Float64Array.from(FEATURE_KEYS, (key) => (10 * start[key]) / startTotal)
  const w = Float64Array.from(w0)
  if (pairs.length === 0) return { weights: normalise(w), pairs: 0, loss: 0 }
  // Differences of the pairs' vectors, recomputed every `GATE_REFRESH` steps with the gate of the
  // current weights (the gate is not differentiated: a fixed point).
  let diffs: Float64Array[] = []
  const refresh = () => {
    const gateWeights = {} as Weights
    FEATURE_KEYS.forEach((key, k) => (gateWeights[key] = w[k]))
    const vectors = examples.map((example) => featureVector(example.values, gateWeights))
    diffs = pairs.map((pair) => Float64Array.from({ length: dimension }, (_, k) => vectors[pair.better][k] - vectors[pair.worse][k]))
  }
  const totalWeight = pairs.reduce((sum, pair) => sum + pair.weight, 0)
  // A feature whose value never varies among the examples (responsiveness when nobody has a
  // history yet) carries no evidence: its weight stays the starting one (times the gate it would
  // only stand in for relevance).
  const frozen = FEATURE_KEYS.map((key) => {
    const seen = new Set(examples.map((example) => example.values[key] ?? 0))
    return seen.size <= 1
  })
  const gradient = new Float64Array(dimension)
  let loss = 0
  for (let step = 0; step < iterations; step++) {
    if (step % GATE_REFRESH === 0) refresh()
    gradient.fill(0)
    loss = 0
    for (let p = 0; p < pairs.length; p++) {
      const diff = diffs[p]
      let margin = 0
      for (let k = 0; k < dimension; k++) margin += w[k] * diff[k]
      // σ(−margin), computed without overflow.
      const sigma = margin >= 0 ? Math.exp(-margin) / (1 + Math.exp(-margin)) : 1 / (1 + Math.exp(margin))
      loss += pairs[p].weight * (margin >= 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin)))
      for (let k = 0; k < dimension; k++) gradient[k] -= pairs[p].weight * sigma * diff[k]
    }
    for (let k = 0; k < dimension; k++) {
      if (frozen[k]) continue
      const g = (gradient[k] + 2 * prior * (w[k] - w0[k])) / totalWeight
      w[k] = Math.max(0, w[k] - rate * g)
    }
    loss /= totalWeight
  }
  return { weights: normalise(w), pairs: pairs.length, loss }
}

function normalise(w: Float64Array): Weights {
  let total = 0
  for (const value of w) total += value
  const weights = {} as Weights
  FEATURE_KEYS.forEach((key, k) => (weights[key] = total > 0 ? roundTo(w[k] / total, 4) : roundTo(1 / FEATURE_KEYS.length, 4)))
  return weights
}

// ───────────────────────────── metrics ─────────────────────────────

/** NDCG@k of labels in ranked order (gain 2^label − 1), against the ideal order of the same labels. */
export function ndcgAt(rankedLabels: readonly number[], k = 10) {
  const dcg = (labels: readonly number[]) => labels.slice(0, k).reduce((sum, label, rank) => sum + (2 ** label - 1) / Math.log2(rank + 2), 0)
  const ideal = dcg([...rankedLabels].sort((a, b) => b - a))
  return ideal > 0 ? dcg(rankedLabels) / ideal : null
}

export interface RankingQuality {
  /** Mean NDCG@10 over the needs with at least two different labels. */
  ndcg10: number
  /** Share of the pairs with different labels that the scores order correctly (ties count half). */
  pairwiseAccuracy: number
  needs: number
  pairs: number
}

/** How well the engine's score with these weights orders each need's labelled firms. */
export function rankingQuality(examples: readonly Example[], weights: Weights): RankingQuality {
  const byNeed = new Map<string, Array<{ firmId: string; label: number; score: number }>>()
  for (const example of examples) {
    const entry = { firmId: example.firmId, label: example.label, score: scoreWithWeights(example.values, weights) }
    const group = byNeed.get(example.needId)
    if (group) group.push(entry)
    else byNeed.set(example.needId, [entry])
  }
  let ndcgSum = 0
  let needs = 0
  let correct = 0
  let pairs = 0
  for (const group of byNeed.values()) {
    if (new Set(group.map((entry) => entry.label)).size < 2) continue
    group.sort((a, b) => b.score - a.score || (a.firmId < b.firmId ? -1 : 1))
    ndcgSum += ndcgAt(group.map((entry) => entry.label)) ?? 0
    needs++
    for (const a of group) {
      for (const b of group) {
        if (a.label <= b.label) continue
        pairs++
        correct += a.score > b.score ? 1 : a.score === b.score ? 0.5 : 0
      }
    }
  }
  return { ndcg10: needs > 0 ? roundTo(ndcgSum / needs, 4) : 0, pairwiseAccuracy: pairs > 0 ? roundTo(correct / pairs, 4) : 0, needs, pairs }
}
