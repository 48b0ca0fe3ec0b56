import { ENGINE_PARAMS, FEATURE_KEYS, type FeatureKey, type Weights } from './config'
import type { DeclineSignals, FeatureContribution, RevenueBand } from './types'

/**
 * The structured features, each a pure function returning a value in [0, 1] (or null when the
 * need gives nothing to compare, "not applicable"), and the weighted sum that makes the score.
 * The ranking loop of the index uses the same functions through per-need lookup tables.
 */

// ───────────────────────────── skills ─────────────────────────────

/** Rarity of a skill among the firms: 1 + ln((N + 1) / (df + 1)); a skill no firm declares weighs the most. */
export function skillWeight(firmCount: number, df: number) {
  return 1 + Math.log((firmCount + 1) / (df + 1))
}

export function isRareSkill(firmCount: number, df: number) {
  return df >= 1 && df <= Math.max(1, ENGINE_PARAMS.rareSkillMaxShare * firmCount)
}

/**
 * Share of the need's skill weight that the firm covers: Σ shared weights / Σ need weights.
 * `needSkills` carry their rarity weights; `firmSkillKeys` are tag keys (see tagKey).
 */
export function skillsOverlap(needSkills: ReadonlyArray<{ key: string; weight: number }>, firmSkillKeys: Pick<ReadonlySet<string>, 'has'>) {
  if (needSkills.length === 0) return null
  let total = 0
  let shared = 0
  for (const skill of needSkills) {
    total += skill.weight
    if (firmSkillKeys.has(skill.key)) shared += skill.weight
  }
  return total > 0 ? shared / total : 0
}

// ───────────────────────────── sector (NAF) ─────────────────────────────

/** "6201z", "62.01 Z" → "62.01Z"; null when it is not a NAF code. */
export function normaliseNaf(raw: string) {
  const compact = raw.toUpperCase().replace(/[\s.]/g, '')
  const match = compact.match(/^(\d{2})(\d{2})([A-Z])?$/)
  return match ? `${match[1]}.${match[2]}${match[3] ?? ''}` : null
}

export type NafLevel = 'class' | 'group' | 'division'
export const NAF_LEVEL_VALUE: Record<NafLevel, number> = { class: 1, group: 0.7, division: 0.4 }

/** Proximity of two normalised NAF codes: same class (62.01) 1, group (62.0) 0.7, division (62) 0.4, else 0. */
export function nafLevel(a: string, b: string): NafLevel | null {
  if (a.slice(0, 5) === b.slice(0, 5)) return 'class'
  if (a.slice(0, 4) === b.slice(0, 4)) return 'group'
  if (a.slice(0, 2) === b.slice(0, 2)) return 'division'
  return null
}

export function nafProximity(needCodes: readonly string[], firmCodes: readonly string[]) {
  if (needCodes.length === 0) return null
  let best: { value: number; needCode: string; firmCode: string; level: NafLevel } | null = null
  for (const needCode of needCodes) {
    for (const firmCode of firmCodes) {
      const level = nafLevel(needCode, firmCode)
      if (level && (!best || NAF_LEVEL_VALUE[level] > best.value)) best = { value: NAF_LEVEL_VALUE[level], needCode, firmCode, level }
    }
  }
  return best ?? { value: 0, needCode: null, firmCode: null, level: null }
}

// ───────────────────────────── distance ─────────────────────────────

/**
 * 1 next door, decreasing linearly to `distanceValueAtRadius` at the need's radius (beyond it the
 * firm is not eligible). Remote-OK needs do not penalise distance (1). Unknown firm commune:
 * `unknownDistanceValue`.
 */
export function distanceValue(km: number | null, radiusKm: number | null | undefined, remoteOk: boolean) {
  if (remoteOk) return 1
  if (km === null) return ENGINE_PARAMS.unknownDistanceValue
  const radius = radiusKm && radiusKm > 0 ? radiusKm : ENGINE_PARAMS.defaultRadiusKm
  if (km > radius) return 0
  return 1 - ((1 - ENGINE_PARAMS.distanceValueAtRadius) * km) / radius
}

// ───────────────────────────── budget ─────────────────────────────

/** The budget a need is judged by: its maximum, else its minimum; null when it gives none. */
export function needBudget(budgetMinEur: number | null | undefined, budgetMaxEur: number | null | undefined) {
  const budget = budgetMaxEur ?? budgetMinEur
  return budget && budget > 0 ? budget : null
}

/**
 * How well the budget suits a firm of that revenue band, from the share of its annual revenue the
 * budget represents: 1 between idealMinShare and idealMaxShare; above, log-linear down to 0 at
 * zeroAtShare (a 2 M€ procurement does not suit a 400 k€ firm); below, log-linear down to
 * smallFloor over two decades (a 50 k€ pilot suits small firms better than a 100 M€ group).
 */
export function budgetFit(budgetEur: number | null, band: RevenueBand | null | undefined) {
  if (budgetEur === null) return null
  const params = ENGINE_PARAMS.budget
  if (!band) return params.unknownBandValue
  const share = budgetEur / params.revenueEur[band]
  if (share > params.idealMaxShare) {
    return Math.max(0, 1 - Math.log(share / params.idealMaxShare) / Math.log(params.zeroAtShare / params.idealMaxShare))
  }
  if (share < params.idealMinShare) {
    return Math.max(params.smallFloor, 1 - ((1 - params.smallFloor) * Math.log10(params.idealMinShare / share)) / 2)
  }
  return 1
}

// ───────────────────────────── track record and responsiveness ─────────────────────────────

/** Saturating: 1 − exp(−(deals + 0.35·references) / 2). No history: 0. */
export function trackRecord(dealsWon: number | null | undefined, referenceCount: number) {
  const params = ENGINE_PARAMS.trackRecord
  const evidence = Math.max(0, dealsWon ?? 0) * params.dealWeight + Math.max(0, referenceCount) * params.referenceWeight
  return 1 - Math.exp(-evidence / params.scale)
}

export function responsiveness(value: number | null | undefined) {
  if (value === null || value === undefined || !Number.isFinite(value)) return ENGINE_PARAMS.defaultResponsiveness
  return Math.min(1, Math.max(0, value))
}

// ───────────────────────────── decline signals ─────────────────────────────

/**
 * A firm's decline signals from its decided applications of the last `declines.windowDays`:
 * each kind's declines / (decided + prior), so that one decline out of one says less than five
 * out of five. Null when nothing was decided (no evidence either way).
 */
export function declineSignalsFrom(counts: { decided: number; scope: number; capacity: number; distance: number }): DeclineSignals | null {
  if (counts.decided <= 0) return null
  const denominator = counts.decided + ENGINE_PARAMS.declines.prior
  const share = (count: number) => Math.min(1, Math.max(0, count) / denominator)
  return { scope: share(counts.scope), capacity: share(counts.capacity), distance: share(counts.distance) }
}

function signal(value: number | null | undefined) {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0
}

/** The multiplier of text and skills for a firm often declined as out of scope (1: no signal). */
export function scopeFactor(signals: DeclineSignals | null | undefined) {
  return 1 - signal(signals?.scope) * ENGINE_PARAMS.declines.scopeDamping
}

/** The multiplier of the budget fit for a firm often declined as too small (1: no signal). */
export function capacityFactor(signals: DeclineSignals | null | undefined) {
  return 1 - signal(signals?.capacity) * ENGINE_PARAMS.declines.capacityDamping
}

/**
 * The distance value of a firm often declined as too far: its fall from 1 steepened,
 * 1 − (1 − value)·(1 + distance·steepening), floored at 0. Next door (1) and remote-OK needs stay 1.
 */
export function distanceAfterDeclines(value: number, signals: DeclineSignals | null | undefined) {
  const steep = signal(signals?.distance) * ENGINE_PARAMS.declines.distanceSteepening
  return steep === 0 ? value : Math.max(0, 1 - (1 - value) * (1 + steep))
}

/**
 * The feature values after a firm's decline signals (see ENGINE_PARAMS.declines); the ranking loop
 * of the index applies the same three functions to the same raw values.
 */
export function applyDeclineSignals(values: FeatureValues, signals: DeclineSignals | null | undefined): FeatureValues {
  if (!signals) return values
  const scope = scopeFactor(signals)
  const capacity = capacityFactor(signals)
  return {
    ...values,
    text: values.text === null ? null : values.text * scope,
    skills: values.skills === null ? null : values.skills * scope,
    budget: values.budget === null ? null : values.budget * capacity,
    distance: values.distance === null ? null : distanceAfterDeclines(values.distance, signals),
  }
}

// ───────────────────────────── text ─────────────────────────────

/** Text relevance in [0, 1] from raw BM25 and the need's query mass Σ w(t)·idf(t) (see config). */
export function textRelevance(bm25: number, queryMass: number) {
  if (queryMass <= 0 || bm25 <= 0) return 0
  const r = bm25 / queryMass
  return r / (r + ENGINE_PARAMS.textSaturation)
}

// ───────────────────────────── the score ─────────────────────────────

export type FeatureValues = { [K in FeatureKey]: number | null }

/** Weights normalised over the applicable features (null value: not applicable), summing to 1. */
export function applicableWeights(weights: Weights, applicable: { [K in FeatureKey]: boolean }): Weights {
  let total = 0
  for (const key of FEATURE_KEYS) if (applicable[key]) total += weights[key]
  const result = {} as Weights
  for (const key of FEATURE_KEYS) result[key] = applicable[key] && total > 0 ? weights[key] / total : 0
  return result
}

export function roundTo(value: number, digits: number) {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/**
 * How much of the context features (distance, budget, track record, responsiveness) a firm earns:
 * (share / relevanceGate)², capped at 1, where share is its relevance (weighted text, skills and
 * sector over their weights). A firm next door with nothing in common with the need must not rank
 * on proximity; a weakly relevant one earns little of it; a relevant one earns it all.
 */
export function contextGate(normalised: Weights, text: number, skills: number, sector: number) {
  const relevanceWeight = normalised.text + normalised.skills + normalised.sector
  if (relevanceWeight <= 0) return 1
  const share = (normalised.text * text + normalised.skills * skills + normalised.sector * sector) / relevanceWeight
  const ratio = Math.min(1, share / ENGINE_PARAMS.relevanceGate)
  return ratio * ratio
}

/**
 * The score, 0–100 with two decimals: relevance features plus the gated context features. The
 * ranking loop of the index calls this same function, so a pair scores the same everywhere.
 */
export function combineScore(
  normalised: Weights,
  text: number,
  skills: number,
  sector: number,
  distance: number,
  budget: number,
  track: number,
  respond: number,
) {
  const gate = contextGate(normalised, text, skills, sector)
  const relevance = normalised.text * text + normalised.skills * skills + normalised.sector * sector
  const context = normalised.distance * distance + normalised.budget * budget + normalised.trackRecord * track + normalised.responsiveness * respond
  // roundTo(…, 2), inlined: this runs for every candidate.
  return Math.round(100 * (relevance + gate * context) * 100) / 100
}

/** The score from feature values (null: not applicable) and normalised weights. */
export function scoreFrom(values: FeatureValues, normalised: Weights) {
  return combineScore(
    normalised,
    values.text ?? 0,
    values.skills ?? 0,
    values.sector ?? 0,
    values.distance ?? 0,
    values.budget ?? 0,
    values.trackRecord ?? 0,
    values.responsiveness ?? 0,
  )
}

/** The score of feature values with (unnormalised) weights, the not-applicable (null) features left out. */
export function scoreWithWeights(values: FeatureValues, weights: Weights) {
  const applicable = {} as { [K in FeatureKey]: boolean }
  for (const key of FEATURE_KEYS) applicable[key] = values[key] !== null
  return scoreFrom(values, applicableWeights(weights, applicable))
}

const CONTEXT_FEATURES: ReadonlySet<FeatureKey> = new Set(['distance', 'budget', 'trackRecord', 'responsiveness'])

/**
 * Each feature's value and points (context features gated), the points adding up to the score.
 * `beforeDeclines`: the values before the firm's decline signals, to show what they took off.
 */
export function breakdownFrom(values: FeatureValues, normalised: Weights, beforeDeclines?: FeatureValues): FeatureContribution[] {
  const gate = contextGate(normalised, values.text ?? 0, values.skills ?? 0, values.sector ?? 0)
  return FEATURE_KEYS.map((feature) => {
    const contribution: FeatureContribution = {
      feature,
      value: roundTo(values[feature] ?? 0, 3),
      weight: roundTo(normalised[feature], 4),
      points: roundTo(100 * normalised[feature] * (values[feature] ?? 0) * (CONTEXT_FEATURES.has(feature) ? gate : 1), 1),
      applicable: values[feature] !== null,
    }
    const lowered = roundTo((beforeDeclines?.[feature] ?? 0) - (values[feature] ?? 0), 3)
    if (beforeDeclines && lowered > 0) contribution.declinesLowered = lowered
    return contribution
  })
}
