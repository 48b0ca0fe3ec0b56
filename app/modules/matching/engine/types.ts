import type { FeatureKey } from './config'

/** Annual revenue bands, as in the Prisma enum. */
export const REVENUE_BANDS = ['LT_1M', 'M1_2M', 'M2_5M', 'M5_10M', 'M10_50M', 'GT_50M'] as const
export type RevenueBand = (typeof REVENUE_BANDS)[number]

export type NeedKind = 'PILOT' | 'PROCUREMENT' | 'CO_DEVELOPMENT' | 'PROOF_OF_CONCEPT'
export type NeedVisibility = 'PUBLIC' | 'MEMBERS' | 'INVITE_ONLY'

/**
 * A firm as the engine sees it: plain data, no Prisma types. Missing values are unknown, and an
 * unknown value never makes a firm ineligible (it only earns no points) — except its location: on
 * a need that is not remote-OK and has a commune, a firm of unknown location fails the radius rule
 * unless its intervention département covers the need (see eligibility.ts `reachKm`).
 */
export interface FirmDoc {
  id: string
  /** Only verified firms are ever matched. */
  verified: boolean
  homeHubId?: string | null
  name?: string | null
  description?: string | null
  offerings?: string | null
  /** Skill tags; normalised by the engine (parseTags rules), shown as given. */
  skills?: readonly string[] | null
  nafCodes?: readonly string[] | null
  communeInsee?: string | null
  /**
   * Where the firm takes on projects besides the need's radius around its commune: départements
   * (codes such as '38', '2A', '972') and/or a radius in km around its own commune.
   */
  interventionDepartements?: readonly string[] | null
  interventionRadiusKm?: number | null
  headcount?: number | null
  revenueBand?: RevenueBand | null
  foundedYear?: number | null
  references?: ReadonlyArray<{ title?: string | null; description?: string | null }> | null
  /** Deals won on the marketplace. */
  dealsWon?: number | null
  /** 0–1: share of solicitations answered in time; unknown → ENGINE_PARAMS.defaultResponsiveness. */
  responsiveness?: number | null
  /** What partners' recent declines of its applications say (see declineSignalsFrom); null: none. */
  declineSignals?: DeclineSignals | null
}

/**
 * Each 0–1: the share of a firm's recently decided applications declined as out of scope (SCOPE_FIT,
 * SKILLS_FIT), as too small (CAPACITY), as too far (DISTANCE), with a prior (ENGINE_PARAMS.declines).
 */
export interface DeclineSignals {
  scope: number
  capacity: number
  distance: number
}

export interface NeedEligibility {
  headcountMin?: number | null
  headcountMax?: number | null
  /** Empty or missing: any band. */
  revenueBands?: readonly RevenueBand[] | null
  minAgeYears?: number | null
}

export interface NeedDoc {
  id: string
  kind?: NeedKind | null
  title?: string | null
  summary?: string | null
  description?: string | null
  skills?: readonly string[] | null
  nafCodes?: readonly string[] | null
  communeInsee?: string | null
  radiusKm?: number | null
  remoteOk?: boolean | null
  budgetMinEur?: number | null
  budgetMaxEur?: number | null
  /** Applications close at this date: a need past it matches nobody. */
  deadline?: Date | string | null
  /** The need's home hub and the hubs it is shared with; missing or empty: no hub filter. */
  hubIds?: readonly string[] | null
  visibility?: NeedVisibility | null
  eligibility?: NeedEligibility | null
}

/** Why a firm is filtered out before scoring. */
export const INELIGIBLE_REASONS = ['deadline', 'not-verified', 'visibility', 'hub', 'headcount', 'revenue', 'age', 'distance'] as const
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number]

export interface FeatureContribution {
  feature: FeatureKey
  /** The feature's value, 0–1 (0 when not applicable). */
  value: number
  /** Its weight after normalising the applicable weights to 1. */
  weight: number
  /** Its share of the score, in points (the points add up to the score, 0–100). */
  points: number
  /** False when the need gives nothing to compare (no skills, no NAF code, no place, no budget). */
  applicable: boolean
  /** The value the firm's decline signals took off (present only when they lowered it). */
  declinesLowered?: number
}

export type ReasonKey = 'rareSkills' | 'skills' | 'text' | 'sector' | 'distance' | 'remote' | 'trackRecord' | 'budget' | 'responsiveness'

/** A reason, rendered where it is shown by `reasonSentence(reason, locale)`. */
export interface Reason {
  key: ReasonKey
  values: Record<string, string | number>
}

export interface MatchExplanation {
  score: number
  breakdown: FeatureContribution[]
  reasons: Reason[]
  algorithmVersion: string
}

export interface RankedFirm extends MatchExplanation {
  firmId: string
}

export interface RankedNeed extends MatchExplanation {
  needId: string
}

export type ScoreMatchResult =
  | ({ eligible: true } & MatchExplanation)
  | ({ eligible: false; ineligibleBecause: IneligibleReason } & MatchExplanation)

/** Which firms a need may reach: the firms of its hubs (home + shared), or every hub (national network). */
export type HubScope = 'need' | 'all'
