/**
 * The labelled set's own rules (tests/fixtures/matching/README.md): who is eligible for a need and
 * how relevant a firm is, from the set's hidden records (a firm's `latent` capabilities, exact
 * revenue, headcount, founding date and town coordinates; a need's `judgement`). Written for the
 * set, independent of the engine: nothing here is imported from app/modules/matching or geo.
 */

export interface SetTown {
  name: string
  lat: number
  lon: number
  alps: boolean
}

export interface FirmLatent {
  capabilities: readonly string[]
  revenueEur: number
  headcount: number
  /** ISO date of creation. */
  founded: string
  town: SetTown | null
  language: 'fr' | 'en'
  outsideAlps: boolean
}

export interface NeedJudgement {
  /** What the need asks for: a firm doing one of these is grade 3. */
  primary: readonly string[]
  /** What would still serve it well: grade 2. */
  related: readonly string[]
  /** Families of capabilities adjacent to the need: grade 1. */
  families: readonly string[]
  town: SetTown
}

/** The need fields a partner sets (as in the set's JSON, revenue bands spelt as exported). */
export interface NeedTerms {
  remoteOk?: boolean | null
  radiusKm?: number | null
  budgetMinEur?: number | null
  budgetMaxEur?: number | null
  eligibility?: {
    headcountMin?: number | null
    headcountMax?: number | null
    revenueBands?: readonly string[] | null
    minAgeYears?: number | null
  } | null
}

export type SetIneligibility = 'unknown-town' | 'distance' | 'headcount' | 'revenue' | 'age'

const EARTH_RADIUS_KM = 6371

/** Great-circle distance (haversine). */
export function greatCircleKm(a: Pick<SetTown, 'lat' | 'lon'>, b: Pick<SetTown, 'lat' | 'lon'>) {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The revenue band a firm's exact annual revenue falls in (the product's band definitions). */
export function bandOfRevenue(revenueEur: number) {
  if (revenueEur < 1_000_000) return 'LT_1M'
  if (revenueEur < 2_000_000) return '1M_2M'
  if (revenueEur < 5_000_000) return '2M_5M'
  if (revenueEur < 10_000_000) return '5M_10M'
  if (revenueEur < 50_000_000) return '10M_50M'
  return 'GT_50M'
}

const PRISMA_BANDS: Record<string, string> = { M1_2M: '1M_2M', M2_5M: '2M_5M', M5_10M: '5M_10M', M10_50M: '10M_50M' }

/** Completed years between the founding date and `now` (anniversary reached or not). */
export function completedYears(founded: string, now: Date) {
  const start = new Date(`${founded.slice(0, 10)}T00:00:00Z`)
  let years = now.getUTCFullYear() - start.getUTCFullYear()
  const anniversary = Date.UTC(now.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate())
  if (now.getTime() < anniversary) years--
  return years
}

/** The first of the need's terms the firm fails, or null. */
export function setIneligibility(terms: NeedTerms, judgement: NeedJudgement, firm: FirmLatent, now: Date): SetIneligibility | null {
  if (!terms.remoteOk) {
    if (!firm.town) return 'unknown-town'
    const radius = terms.radiusKm
    if (!radius) throw new Error('a need that is not remote-OK must state its radius in this set')
    if (greatCircleKm(judgement.town, firm.town) > radius) return 'distance'
  }
  const rules = terms.eligibility ?? {}
  if (rules.headcountMin != null && firm.headcount < rules.headcountMin) return 'headcount'
  if (rules.headcountMax != null && firm.headcount > rules.headcountMax) return 'headcount'
  if (rules.revenueBands && rules.revenueBands.length > 0) {
    const bands = rules.revenueBands.map((band) => PRISMA_BANDS[band] ?? band)
    if (!bands.includes(bandOfRevenue(firm.revenueEur))) return 'revenue'
  }
  if (rules.minAgeYears && completedYears(firm.founded, now) < rules.minAgeYears) return 'age'
  return null
}

/** Budget share of the firm's annual revenue above which the partner would not hand it the work. */
export const CAPACITY_SHARE = 0.5

export interface SetGrade {
  grade: number
  /** The grade before eligibility and capacity. */
  relevance: number
  ineligible: SetIneligibility | null
  overCapacity: boolean
}

/** Grade 0–3 of a pair by the set's rules. `familyOf` maps a capability to its family. */
export function gradePair(terms: NeedTerms, judgement: NeedJudgement, firm: FirmLatent, now: Date, familyOf: (capability: string) => string, noAdjacency: ReadonlySet<string>): SetGrade {
  let relevance = 0
  for (const capability of firm.capabilities) {
    let value = 0
    if (judgement.primary.includes(capability)) value = 3
    else if (judgement.related.includes(capability)) value = 2
    else {
      const family = familyOf(capability)
      if (!noAdjacency.has(family) && judgement.families.includes(family)) value = 1
    }
    relevance = Math.max(relevance, value)
  }
  const ineligible = setIneligibility(terms, judgement, firm, now)
  const budget = terms.budgetMaxEur ?? terms.budgetMinEur ?? null
  const overCapacity = budget !== null && budget > CAPACITY_SHARE * firm.revenueEur
  let grade = ineligible ? 0 : relevance
  if (overCapacity) grade = Math.min(grade, 1)
  return { grade, relevance, ineligible, overCapacity }
}
