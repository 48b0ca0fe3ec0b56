import type { Capability } from './capabilities'
import type { TownKey } from './towns'

/**
 * A firm of the set as written by hand: its public profile (what the engine reads) and its hidden
 * truth (capabilities, exact revenue, headcount, founding date, town), which only the grades use.
 */
export interface FirmSpec {
  id: string
  name: string
  /** Null: the firm gave no commune (its location is unknown to everyone). */
  town: TownKey | null
  lang: 'fr' | 'en'
  /** What it really does (hidden). */
  caps: Capability[]
  /** Exact annual revenue, €; headcount; founding date (hidden; the profile shows band, headcount, year). */
  revenue: number
  staff: number
  founded: string
  naf?: string[]
  description: string
  offerings: string
  skills?: string[]
  refs?: Array<[title: string, description: string]>
  /** Profile fields the firm left blank (the truth stays in `latent`). */
  blank?: Array<'headcount' | 'revenueBand' | 'foundedYear'>
}

export interface NeedSpec {
  id: string
  lang: 'fr' | 'en'
  /** "problem": the partner describes a problem in its own words; "skills": it lists what it wants. */
  worded: 'problem' | 'skills'
  kind: 'PILOT' | 'PROCUREMENT' | 'CO_DEVELOPMENT' | 'PROOF_OF_CONCEPT'
  title: string
  summary?: string
  description: string
  /** Tags as the partner typed them (never copied from a firm's profile). */
  skills?: string[]
  naf?: string[]
  town: TownKey
  /** Required unless remoteOk. */
  radiusKm?: number
  remoteOk?: boolean
  budgetMin?: number
  budgetMax?: number
  eligibility?: { headcountMin?: number; headcountMax?: number; revenueBands?: string[]; minAgeYears?: number }
  /** The judges' reading of the need (hidden). */
  primary: Capability[]
  related: Capability[]
}
