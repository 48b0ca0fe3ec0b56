/**
 * The one versioned configuration of the matching engine. Changing a weight or a parameter that
 * moves scores means a new `ALGORITHM_VERSION`: stored matches carry the version that computed
 * them, and the service only lists matches of the current version.
 *
 * Tuned on tests/fixtures/matching/eval-set.json with `npm run eval:matching`.
 */
export const ALGORITHM_VERSION = 'hybrid-1'

/** Feature weights. Only their ratios matter: the score divides by the sum of the applicable ones. */
export const DEFAULT_WEIGHTS = {
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

export type FeatureKey = keyof typeof DEFAULT_WEIGHTS
export type Weights = { [K in FeatureKey]: number }
export const FEATURE_KEYS = Object.keys(DEFAULT_WEIGHTS) as FeatureKey[]

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
