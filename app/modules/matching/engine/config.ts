import learnedWeightsFile from './learned-weights.json'

/**
 * The one versioned configuration of the matching engine. Changing a weight or a parameter that
 * moves scores means a new `ALGORITHM_VERSION`: stored matches carry the version that computed
 * them, and the service only lists matches of the current version.
 *
 * The feature weights in force come from `learned-weights.json`, written by `npm run
 * matching:train -- --write` (learning to rank from behaviour, see app/modules/matching/learning)
 * and committed: the learned candidate when it beat the hand-set weights on behaviour held out by
 * time, the hand-set weights otherwise. The version names both the engine's formulas and the
 * weights file (its version goes up when the weights in force change).
 */

/** The formulas (features, decline signals, gate); bump when they change. */
export const ENGINE_REVISION = 'hybrid-2'

/** The hand-set weights of `hybrid-1`, kept as the baseline the trainer compares with. */
export const HAND_SET_WEIGHTS = {
  /** BM25 between the need's text and the firm's profile, offerings, references and skills. */
  text: 0.45,
  /** Shared skill tags, each weighted by its rarity among firms (IDF). */
  skills: 0.25,
  /** NAF code proximity (class, group, division). */
  sector: 0.05,
  /** Distance between communes against the need's radius. */
  distance: 0.1,
  /** Firm revenue band against the need's budget. */
  budget: 0.07,
  /** Deals won and references, saturating. */
  trackRecord: 0.05,
  /** How fast the firm answers (0–1, 0.5 when unknown). */
  responsiveness: 0.03,
} as const

export type FeatureKey = keyof typeof HAND_SET_WEIGHTS
export type Weights = { [K in FeatureKey]: number }
export const FEATURE_KEYS = Object.keys(HAND_SET_WEIGHTS) as FeatureKey[]

/** Which weights the engine scores with: the hand-set ones, or the trained candidate (it beat them on held-out behaviour). */
export type WeightsInForce = 'hand-set' | 'learned'
export const WEIGHTS_IN_FORCE: readonly WeightsInForce[] = ['hand-set', 'learned']

export interface LearnedWeights {
  /** Incremented by the trainer each time the weights in force change. */
  version: number
  /** `learned` only when the candidate beat the hand-set weights on the time-held-out slice. */
  inForce: WeightsInForce
  /** Why these weights are in force (the trainer's decision, with its figures). */
  reason: string
  trainedAt: string
  source: string
  /** The engine the training ran with (its simulation ranks with it): version and commit. */
  engine: Record<string, unknown>
  examples: number
  heldOut: Record<string, unknown>
  /** The weights in force: `HAND_SET_WEIGHTS` or `learnedWeights`, per `inForce`. */
  weights: Weights
  /** The last training's candidate, kept whether or not it is in force. */
  learnedWeights: Weights
}

/**
 * A learned-weights file, checked: `inForce` is "hand-set" or "learned"; `weights` (in force) and
 * `learnedWeights` (the candidate) each have every feature key, each weight a finite non-negative
 * number, at least one positive; `weights` equals the hand-set weights or the candidate, as
 * `inForce` says. Throws an error naming the file and the field otherwise (the engine refuses to
 * start on a bad file rather than rank with half of it).
 */
export function parseLearnedWeights(json: unknown, source = 'learned-weights.json'): LearnedWeights {
  const fail = (message: string): never => {
    throw new Error(`${source}: ${message}`)
  }
  if (!json || typeof json !== 'object') fail('expected an object')
  const file = json as Record<string, unknown>
  if (!Number.isInteger(file.version) || (file.version as number) < 1) fail(`"version" must be a positive integer, got ${JSON.stringify(file.version)}`)
  if (!(WEIGHTS_IN_FORCE as unknown[]).includes(file.inForce)) fail(`"inForce" must be "hand-set" or "learned", got ${JSON.stringify(file.inForce)}`)
  const inForce = file.inForce as WeightsInForce
  const weightsAt = (field: 'weights' | 'learnedWeights'): Weights => {
    const raw = file[field]
    if (!raw || typeof raw !== 'object') fail(`"${field}" must be an object`)
    const weights = {} as Weights
    let total = 0
    for (const key of FEATURE_KEYS) {
      const value = (raw as Record<string, unknown>)[key]
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`"${field}.${key}" must be a non-negative number, got ${JSON.stringify(value)}`)
      weights[key] = value as number
      total += value as number
    }
    for (const key of Object.keys(raw as object)) if (!(FEATURE_KEYS as string[]).includes(key)) fail(`"${field}.${key}" is not a feature (expected ${FEATURE_KEYS.join(', ')})`)
    if (total <= 0) fail(`"${field}" must have at least one positive weight`)
    return weights
  }
  const weights = weightsAt('weights')
  const learnedWeights = weightsAt('learnedWeights')
  const expected: Weights = inForce === 'hand-set' ? HAND_SET_WEIGHTS : learnedWeights
  for (const key of FEATURE_KEYS) {
    if (weights[key] !== expected[key]) {
      fail(`"weights.${key}" is ${weights[key]} but "inForce" is "${inForce}": expected ${expected[key]} (the ${inForce === 'hand-set' ? 'hand-set weight' : '"learnedWeights" value'})`)
    }
  }
  return {
    version: file.version as number,
    inForce,
    reason: String(file.reason ?? ''),
    trainedAt: String(file.trainedAt ?? ''),
    source: String(file.source ?? ''),
    engine: file.engine && typeof file.engine === 'object' ? (file.engine as Record<string, unknown>) : {},
    examples: Number(file.examples ?? 0),
    heldOut: (file.heldOut as Record<string, unknown>) ?? {},
    weights,
    learnedWeights,
  }
}

export const LEARNED_WEIGHTS = parseLearnedWeights(learnedWeightsFile)

/** Stored matches carry it: the formulas' revision and the weights file's version (e.g. `hybrid-2.w1`). */
export const ALGORITHM_VERSION = `${ENGINE_REVISION}.w${LEARNED_WEIGHTS.version}`

/** The feature weights in force (hand-set or learned, per the file's `inForce`). Only their ratios matter: the score divides by the sum of the applicable ones. */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({ ...LEARNED_WEIGHTS.weights })

export const ENGINE_PARAMS = {
  bm25: {
    k1: 1.2,
    b: 0.75,
    /** How many times a need's title counts against its summary and description. */
    titleWeight: 2,
    /** How many times a firm's skill tags count in its document (a declared skill is a strong statement). */
    firmSkillsWeight: 2,
    /** Query term frequency saturation: w(qtf) = (k3 + 1)·qtf / (k3 + qtf). */
    k3: 1.5,
  },
  /**
   * Text relevance in [0, 1] from raw BM25: r = bm25 / Σ_t w(t)·idf(t) (about the share of the need's
   * weighted vocabulary the firm covers, tf saturated), then r / (r + c). Absolute, so that a pair
   * scores the same whether it is ranked for the need, for the firm, or alone (scoreMatch).
   */
  textSaturation: 0.3,
  /**
   * Context features (distance, budget, track record, responsiveness) count in proportion to the
   * firm's relevance share (weighted text, skills and sector over their weights), fully from this share on.
   */
  relevanceGate: 0.5,
  pruning: {
    /**
     * Candidate generation reads the postings of the need's terms except the lowest-impact ones
     * whose BM25 upper bounds add up to at most this share of the query mass (exact: see rankNeed).
     */
    nonEssentialShare: 0.3,
    /**
     * Terms found in more than this share of the firms, and in more than commonTermMinDf firms,
     * never generate candidates (see rankNeed); small corpora (a hub) have no such terms.
     */
    commonTermShare: 0.2,
    commonTermMinDf: 1000,
  },
  /** A shared skill is "rare" when at most this share of firms declare it (and at least one does). */
  rareSkillMaxShare: 0.05,
  /** Radius used when a need that is not remote-OK gives none. */
  defaultRadiusKm: 50,
  /** Distance value at the need's radius (linear from 1 at 0 km). */
  distanceValueAtRadius: 0.2,
  /**
   * Distance value for an unknown distance. No longer reached by a ranking: on a located need that
   * is not remote-OK a firm of unknown location is out of reach unless a declared département
   * covers the need (then valued at `distanceValueAtRadius`); see eligibility.ts `reachKm`.
   */
  unknownDistanceValue: 0.3,
  budget: {
    /** Representative annual revenue of each band, in euros. */
    revenueEur: { LT_1M: 400_000, M1_2M: 1_400_000, M2_5M: 3_200_000, M5_10M: 7_000_000, M10_50M: 22_000_000, GT_50M: 100_000_000 },
    /** The budget is a comfortable share of the firm's revenue up to this ratio... */
    idealMaxShare: 0.3,
    /** ...and no longer suits it at this ratio (value 0), log-linear in between. */
    zeroAtShare: 3,
    /** Below this share the need is small for the firm: value decreases log-linearly... */
    idealMinShare: 0.004,
    /** ...to this floor over two decades (a big firm can still run a small pilot). */
    smallFloor: 0.35,
    /** Value when the firm's revenue band is unknown. */
    unknownBandValue: 0.5,
  },
  trackRecord: {
    /** value = 1 − exp(−(deals·dealWeight + references·referenceWeight) / scale) */
    dealWeight: 1,
    referenceWeight: 0.35,
    scale: 2,
  },
  /** Responsiveness when the firm has no history. */
  defaultResponsiveness: 0.5,
  /**
   * Query expansion with the bilingual domain thesaurus (thesaurus-data.ts): a need's query gains
   * the offer words, French and English, of the concepts its words evoke (offer words in either
   * language, or problem cues such as « pannes imprévues »), so that BM25 and candidate generation
   * reach firms that describe the offer in the other language or in offer words. Done in
   * prepareNeed, so rankNeed, rankFirm and scoreMatch see the same query; the expansion terms count
   * in the query mass (text relevance stays absolute). Off per call with `expansion: false`.
   */
  expansion: {
    enabled: true,
    /** Query weight of an expansion term (a need's own word weighs w(qtf) ≥ 1). */
    termWeight: 0.35,
    /** A cue's segments must lie within this many words of each other. */
    cueWindow: 6,
    /** At most this many concepts per need (most hits first). */
    maxConcepts: 3,
    /** At most this many expansion terms per need (each term read costs postings: bench:matching). */
    maxTerms: 12,
    /**
     * An expansion term found in more than this share of the firms, and in more than
     * generatingMinDf firms, never generates candidates (it still counts in their BM25): at national
     * scale a common thesaurus word would add many postings and few good firms. Hubs are too small
     * for the rule to apply.
     */
    generatingMaxShare: 0.01,
    generatingMinDf: 300,
  },
  /**
   * What partners' recent declines of a firm's applications say (FirmDoc.declineSignals, each
   * 0–1: declines of that kind / (decided applications + prior)). Each only ever lowers a value.
   */
  declines: {
    /** Decided applications (accepted or declined) of the last `windowDays` count. */
    windowDays: 365,
    /** Signal = declines of the kind / (decided + prior): one decline out of one gives 1/3. */
    prior: 2,
    /** "Out of scope" (SCOPE_FIT, SKILLS_FIT): text and skills × (1 − scope·scopeDamping). */
    scopeDamping: 0.3,
    /** "Too small" (CAPACITY): budget fit × (1 − capacity·capacityDamping). */
    capacityDamping: 0.5,
    /** "Too far" (DISTANCE): the distance value decays (1 + distance·distanceSteepening) times faster. */
    distanceSteepening: 1.5,
  },
  reasons: {
    /** At most this many reasons per match, the largest contributions first. */
    max: 4,
    /** A feature becomes a reason when it brings at least this many points. */
    minPoints: 2.5,
    /** Skills and words listed in a reason. */
    maxListed: 5,
  },
} as const

export type EngineParams = typeof ENGINE_PARAMS

/** Weights from a partial override, every key present and non-negative. */
export function resolveWeights(override?: Partial<Weights>): Weights {
  const weights = { ...DEFAULT_WEIGHTS, ...override }
  for (const key of FEATURE_KEYS) {
    const value = weights[key]
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`Weight "${key}" must be a non-negative number, got ${value}`)
  }
  return weights
}
