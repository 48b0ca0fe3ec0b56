import { communeByInsee, distanceKm } from '../geo/communes'

/**
 * The first, simple scorer (pure, deterministic, no I/O): hard eligibility filters, then a
 * weighted sum of a few explainable features. Issue #4 replaces it with the full engine; the
 * shapes (`scoreMatch(need, firm, { weights, now }) → { score, breakdown, reasons }`) stay.
 */
export const ALGORITHM_VERSION = 'simple-1'

export const DEFAULT_WEIGHTS = { skills: 0.6, sector: 0.2, distance: 0.2 } as const
export type Weights = { [K in keyof typeof DEFAULT_WEIGHTS]: number }

export type RevenueBand = 'LT_1M' | 'M1_2M' | 'M2_5M' | 'M5_10M' | 'M10_50M' | 'GT_50M'

export interface NeedForScoring {
  skills: string[]
  nafCodes: string[]
  communeInsee: string | null
  radiusKm: number | null
  remoteOk: boolean
  headcountMin: number | null
  headcountMax: number | null
  revenueBands: RevenueBand[]
  minAgeYears: number | null
}

export interface FirmForScoring {
  status: string
  skills: string[]
  nafCodes: string[]
  communeInsee: string | null
  headcount: number | null
  revenueBand: RevenueBand | null
  foundedYear: number | null
}

/** A reason, translated where it is shown: `matching.reasons.<key>` with its values. */
export interface Reason {
  key: 'skills' | 'sector' | 'distance' | 'remote'
  values: Record<string, string | number>
}

export interface FeatureContribution {
  feature: keyof Weights
  /** The feature's value, 0–1. */
  value: number
  /** Its share of the score, in points (0–100 in total). */
  points: number
}

export interface ScoreResult {
  eligible: boolean
  /** Why a firm is filtered out, when it is. */
  ineligibleBecause?: 'status' | 'headcount' | 'revenue' | 'age' | 'distance'
  score: number
  breakdown: FeatureContribution[]
  reasons: Reason[]
}

const DEFAULT_RADIUS_KM = 50

export function scoreMatch(
  need: NeedForScoring,
  firm: FirmForScoring,
  options: { weights?: Weights; now: Date },
): ScoreResult {
  const weights = options.weights ?? DEFAULT_WEIGHTS
  const ineligible = (because: NonNullable<ScoreResult['ineligibleBecause']>): ScoreResult => ({
    eligible: false,
    ineligibleBecause: because,
    score: 0,
    breakdown: [],
    reasons: [],
  })

  if (firm.status !== 'VERIFIED') return ineligible('status')
  if (firm.headcount !== null) {
    if (need.headcountMin !== null && firm.headcount < need.headcountMin) return ineligible('headcount')
    if (need.headcountMax !== null && firm.headcount > need.headcountMax) return ineligible('headcount')
  }
  if (need.revenueBands.length > 0 && firm.revenueBand && !need.revenueBands.includes(firm.revenueBand)) {
    return ineligible('revenue')
  }
  if (need.minAgeYears !== null && firm.foundedYear !== null) {
    if (options.now.getUTCFullYear() - firm.foundedYear < need.minAgeYears) return ineligible('age')
  }

  // Skills: the share of the need's skills the firm has.
  const firmSkills = new Set(firm.skills)
  const shared = need.skills.filter((skill) => firmSkills.has(skill))
  const skills = need.skills.length > 0 ? shared.length / need.skills.length : 0

  // Sector: the longest shared NAF prefix (division 2 digits, group 4, class 5).
  let sector = 0
  let sharedNaf = ''
  for (const needCode of need.nafCodes) {
    for (const firmCode of firm.nafCodes) {
      const value = needCode === firmCode ? 1 : needCode.slice(0, 4) === firmCode.slice(0, 4) ? 0.7 : needCode.slice(0, 2) === firmCode.slice(0, 2) ? 0.4 : 0
      if (value > sector) {
        sector = value
        sharedNaf = needCode === firmCode ? needCode : needCode.slice(0, value === 0.7 ? 4 : 2)
      }
    }
  }

  // Distance: 1 at the need's commune, decreasing to 0 at the radius; remote-OK needs ignore it.
  const needCommune = communeByInsee(need.communeInsee)
  const firmCommune = communeByInsee(firm.communeInsee)
  let distance = need.remoteOk ? 1 : 0
  let km: number | null = null
  if (needCommune && firmCommune) {
    km = distanceKm(needCommune, firmCommune)
    const radius = need.radiusKm ?? DEFAULT_RADIUS_KM
    if (!need.remoteOk && km > radius) return ineligible('distance')
    distance = need.remoteOk ? 1 : Math.max(0, 1 - km / radius)
  }

  const features = { skills, sector, distance }
  const totalWeight = weights.skills + weights.sector + weights.distance
  const breakdown = (Object.keys(features) as Array<keyof Weights>).map((feature) => ({
    feature,
    value: round(features[feature], 3),
    points: round((100 * weights[feature] * features[feature]) / totalWeight, 1),
  }))
  const score = round(breakdown.reduce((sum, item) => sum + item.points, 0), 1)

  const reasons: Reason[] = []
  if (shared.length > 0) reasons.push({ key: 'skills', values: { count: shared.length, skills: shared.slice(0, 5).join(', ') } })
  if (sector > 0) reasons.push({ key: 'sector', values: { code: sharedNaf } })
  if (km !== null && needCommune && (!need.remoteOk || km <= (need.radiusKm ?? DEFAULT_RADIUS_KM))) {
    reasons.push({ key: 'distance', values: { km: Math.round(km), commune: needCommune.name } })
  } else if (need.remoteOk) {
    reasons.push({ key: 'remote', values: {} })
  }
  return { eligible: true, score, breakdown, reasons }
}

function round(value: number, digits: number) {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
