import { z } from '../shared/zod'
import { communeByInsee } from '../geo/communes'
import { isKnownNafCode } from '../naf/naf'
import { normaliseNafCode } from '../naf/format'

/**
 * The public company directory ("recherche d'entreprises", recherche-entreprises.api.gouv.fr) read
 * into our shape. Pure: `GET /search?q=<siren>` answers
 * `{ results: [{ siren, nom_complet, nom_raison_sociale, activite_principale: "62.01Z",
 * tranche_effectif_salarie: "12", date_creation: "2015-03-01", etat_administratif: "A" | "C",
 * siege: { adresse, code_postal, commune, libelle_commune, … }, … }], total_results }`,
 * `siege.commune` being the INSEE code of the head office's commune.
 */
export interface DirectoryCompany {
  siren: string
  name: string
  /** "62.01Z" (our format, see naf/format.ts); null when absent or not a NAF sub-class code. */
  nafCode: string | null
  /** The head office's address as the directory writes it. */
  address: string | null
  postalCode: string | null
  /** The head office's commune (INSEE code and name). */
  communeInsee: string | null
  communeName: string | null
  /** INSEE's headcount band code ("12" = 20 to 49 employees); null when not given or "NN". */
  headcountBand: string | null
  /** "2015-03-01" */
  createdOn: string | null
  foundedYear: number | null
  /** etat_administratif "A" (active) or "C" (cessée). */
  active: boolean
}

export type DirectoryAnswer = { kind: 'found'; company: DirectoryCompany } | { kind: 'not-found' } | { kind: 'malformed'; problem: string }

/**
 * INSEE's headcount bands (tranche d'effectif salarié): the employees' range of each code.
 * "NN" (no employee or unknown) has no range; "00" means no employee at the date.
 */
export const HEADCOUNT_BANDS: Record<string, { min: number; max: number | null }> = {
  '00': { min: 0, max: 0 },
  '01': { min: 1, max: 2 },
  '02': { min: 3, max: 5 },
  '03': { min: 6, max: 9 },
  '11': { min: 10, max: 19 },
  '12': { min: 20, max: 49 },
  '21': { min: 50, max: 99 },
  '22': { min: 100, max: 199 },
  '31': { min: 200, max: 249 },
  '32': { min: 250, max: 499 },
  '41': { min: 500, max: 999 },
  '42': { min: 1000, max: 1999 },
  '51': { min: 2000, max: 4999 },
  '52': { min: 5000, max: 9999 },
  '53': { min: 10000, max: null },
}

export function headcountBand(code: string | null | undefined) {
  return code && Object.hasOwn(HEADCOUNT_BANDS, code) ? { code, ...HEADCOUNT_BANDS[code]! } : null
}

/**
 * The number the profile form's headcount (an integer, at least 1) gets from a band: its lower
 * bound — the one figure the directory vouches for. None for "00" (no employee) or an unknown band.
 */
export function headcountFromBand(code: string | null | undefined) {
  const band = headcountBand(code)
  return band && band.min >= 1 ? band.min : null
}

/** Whether a declared headcount fits the directory's band (unknown either side: not a difference). */
export function headcountFitsBand(headcount: number | null | undefined, code: string | null | undefined) {
  const band = headcountBand(code)
  if (headcount === null || headcount === undefined || !band) return true
  return headcount >= band.min && (band.max === null || headcount <= band.max)
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().replace(/\s+/g, ' ') : null)

const NAME_MAX = 120

function companyFrom(result: Json, siren: string): DirectoryCompany | string {
  const siege = isObject(result.siege) ? result.siege : {}
  const name = text(result.nom_raison_sociale) ?? text(result.nom_complet)
  if (!name) return 'no name'
  const state = result.etat_administratif
  if (state !== 'A' && state !== 'C') return `etat_administratif ${JSON.stringify(state)}`
  const rawNaf = text(result.activite_principale)
  const createdOn = text(result.date_creation)
  const validDate = createdOn && /^\d{4}-\d{2}-\d{2}$/.test(createdOn) ? createdOn : null
  const communeInsee = text(siege.commune)
  const band = text(result.tranche_effectif_salarie)
  return {
    siren,
    name: name.slice(0, NAME_MAX),
    nafCode: rawNaf ? normaliseNafCode(rawNaf) : null,
    address: text(siege.adresse),
    postalCode: text(siege.code_postal),
    communeInsee: communeInsee && /^(\d{5}|2[AB]\d{3})$/.test(communeInsee) ? communeInsee : null,
    communeName: text(siege.libelle_commune),
    headcountBand: headcountBand(band) ? band : null,
    createdOn: validDate,
    foundedYear: validDate ? Number(validDate.slice(0, 4)) : null,
    active: state === 'A',
  }
}

/** The directory's answer to `/search?q=<siren>` for that SIREN: the one result with that SIREN, if any. */
export function parseDirectoryAnswer(body: unknown, siren: string): DirectoryAnswer {
  if (!isObject(body) || !Array.isArray(body.results)) return { kind: 'malformed', problem: 'no results list' }
  const result = body.results.find((item): item is Json => isObject(item) && item.siren === siren)
  if (!result) return { kind: 'not-found' }
  const company = companyFrom(result, siren)
  return typeof company === 'string' ? { kind: 'malformed', problem: company } : { kind: 'found', company }
}

/** What the creation form takes from the directory (the user may still change every field). */
export interface DirectoryPrefill {
  name: string
  /** Only a code of the nomenclature, and only when the head office is a commune we know. */
  nafCode: string | null
  communeInsee: string | null
  headcount: number | null
  foundedYear: number | null
}

export function prefillFromDirectory(company: DirectoryCompany): DirectoryPrefill {
  return {
    name: company.name,
    nafCode: company.nafCode && isKnownNafCode(company.nafCode) ? company.nafCode : null,
    communeInsee: communeByInsee(company.communeInsee)?.insee ?? null,
    headcount: headcountFromBand(company.headcountBand),
    foundedYear: company.foundedYear,
  }
}

/** What the creation form shows after "Rechercher": the directory's answer, in the page's terms. */
export type CreationLookup =
  | {
      status: 'found'
      company: { name: string; address: string | null; communeName: string | null; nafCode: string | null; active: boolean }
      /** The head office is not a commune of the sillon: the user picks theirs. */
      communeOutside: boolean
    }
  | { status: 'not-found' }
  | { status: 'unavailable' }

/** The staff page's comparison (serialisable). */
export interface CompanyCheckView {
  organisationId: string
  declared: DeclaredCompany
  /** Null: never looked up (or the directory did not answer). */
  stored: StoredDirectory | null
  /** ISO date of the lookup kept. */
  checkedAt: string | null
  comparison: Comparison[]
  canRefresh: boolean
}

/** What staff compare: the organisation as declared on Sillon. */
export interface DeclaredCompany {
  name: string
  nafCodes: string[]
  communeInsee: string | null
  communeName: string | null
  headcount: number | null
  foundedYear: number | null
}

export type ComparedField = 'name' | 'naf' | 'commune' | 'headcount' | 'founded' | 'status'

export interface Comparison {
  field: ComparedField
  /** The directory disagrees with the declaration (unknown on either side: no difference). */
  differs: boolean
}

const foldName = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

/** Declared against directory, field by field; a ceased company always differs on its status. */
export function compareWithDirectory(declared: DeclaredCompany, company: DirectoryCompany): Comparison[] {
  const known = <T>(a: T | null, b: T | null) => a !== null && b !== null
  return [
    { field: 'name', differs: foldName(declared.name) !== foldName(company.name) },
    { field: 'naf', differs: company.nafCode !== null && declared.nafCodes.length > 0 && !declared.nafCodes.includes(company.nafCode) },
    { field: 'commune', differs: known(declared.communeInsee, company.communeInsee) && declared.communeInsee !== company.communeInsee },
    { field: 'headcount', differs: !headcountFitsBand(declared.headcount, company.headcountBand) },
    { field: 'founded', differs: known(declared.foundedYear, company.foundedYear) && declared.foundedYear !== company.foundedYear },
    { field: 'status', differs: !company.active },
  ]
}

/** What `Organisation.directoryData` and the cache keep: the company, or that the SIREN is unknown. */
export type StoredDirectory = { found: true; company: DirectoryCompany } | { found: false }

const storedCompanySchema = z.object({
  siren: z.string(),
  name: z.string(),
  nafCode: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  communeInsee: z.string().nullable(),
  communeName: z.string().nullable(),
  headcountBand: z.string().nullable(),
  createdOn: z.string().nullable(),
  foundedYear: z.number().int().nullable(),
  active: z.boolean(),
})

const storedSchema = z.union([z.object({ found: z.literal(true), company: storedCompanySchema }), z.object({ found: z.literal(false) })])

/** Reads a stored answer back; null when absent or of another shape (an older format: not trusted). */
export function readStoredDirectory(value: unknown): StoredDirectory | null {
  const parsed = storedSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}
