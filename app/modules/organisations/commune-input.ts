import { communeByInsee, communeLabel, communesNamed, communesWithPostalCode, resolveCommune, searchCommunes, type Commune } from '#app/modules/geo/communes'
import { AppError } from '#app/modules/shared/app-error'

/**
 * A commune typed in a form or sent to the API: its INSEE code, its name, or a picker label such as
 * "Meylan (38)", "Fort-de-France (972)" or "Lyon 3e Arrondissement (69)". Every input path (profile,
 * organisation creation, needs, the firm directory, the API) reads it here, so that a commune that
 * does not resolve is refused with the same field message instead of being stored as "unknown".
 */
export type CommuneLookup =
  | { commune: Commune; error: null }
  | { commune: null; error: 'validation.communeUnknown' | 'validation.communeAmbiguous' | 'validation.communeCodeAmbiguous' }

/** "Name (38)", "Name (2A)", "Name (972)": the picker's label. */
const LABELLED = /^(.*?)\s*\((\d{2,3}|2[AB])\)\s*$/i

/** Five characters a person may mean as an INSEE code or as a postal code: "38185", "69003", "2A004". */
const CODE = /^(\d{5}|2[AB]\d{3})$/i

/**
 * A commune named by its INSEE code and nothing else: "INSEE 38185", or the picker's value for a
 * commune its label alone does not name ("Saint-Pierre (INSEE 26002)"). Never read as a postal code.
 */
const STRICT_INSEE = /^(?:INSEE\s+|.*\(INSEE\s+)(\d{5}|2[AB]\d{3})\)?\s*$/i

/** The communes `value` may name: the one it resolves to, else every commune of that name (and département). */
function candidatesFor(value: string): Commune[] {
  const strict = value.match(STRICT_INSEE)
  if (strict) {
    const commune = communeByInsee(strict[1]!.toUpperCase())
    return commune ? [commune] : []
  }
  if (CODE.test(value)) {
    // A five-digit code is the INSEE code of one commune and the postal code of others ("69003":
    // Albigny-sur-Saône's INSEE code, Lyon 3e's postal code): every commune it may name.
    const byInsee = communeByInsee(value.toUpperCase())
    const byPostalCode = communesWithPostalCode(value).filter((commune) => commune.insee !== byInsee?.insee)
    return byInsee ? [byInsee, ...byPostalCode] : [...byPostalCode]
  }
  const resolved = resolveCommune(value)
  if (resolved) return [resolved]
  const labelled = value.match(LABELLED)
  const dept = labelled?.[2]?.toUpperCase()
  // Homonyms: one read of the exact-name map (no search, no folding of every hit).
  return communesNamed(labelled ? labelled[1]! : value).filter((commune) => !dept || commune.dept === dept)
}

/**
 * A commune typed in a form: an INSEE code or a postal code ("38000" → Grenoble), a name, a picker
 * label or value. A code that is both the INSEE code of one commune and the postal code of another,
 * or the postal code of several, asks to choose in the list.
 */
export function lookupCommune(input: string): CommuneLookup {
  const value = input.trim()
  const candidates = candidatesFor(value)
  if (candidates.length === 1) return { commune: candidates[0]!, error: null }
  if (candidates.length > 1) return { commune: null, error: CODE.test(value) ? 'validation.communeCodeAmbiguous' : 'validation.communeAmbiguous' }
  return { commune: null, error: 'validation.communeUnknown' }
}

/**
 * The JSON API's `communeInsee` is an INSEE code when it is a code: never read as a postal code
 * ("69003" is Albigny-sur-Saône there, not Lyon 3e). Names and labels pass unchanged.
 */
export function strictInseeInput<T extends string | null | undefined>(value: T): T | string {
  const trimmed = value?.trim()
  return trimmed && CODE.test(trimmed) ? `INSEE ${trimmed.toUpperCase()}` : value
}

/** The commune of a required field, or a 422 whose field message says why (unknown, or add the département). */
export function requireCommune(input: string, field = 'communeInsee'): Commune {
  const { commune, error } = lookupCommune(input)
  if (!commune) throw AppError.invalid({ [field]: [error] })
  return commune
}

/** The commune of an optional field: null when empty, a 422 when typed but not found. */
export function optionalCommune(input: string | null | undefined, field = 'communeInsee'): Commune | null {
  if (!input?.trim()) return null
  return requireCommune(input, field)
}

/** The most suggestions a commune picker shows. */
export const COMMUNE_SUGGESTIONS_LIMIT = 15
/** The fewest characters a picker query needs (one letter would rank every commune that holds it). */
export const COMMUNE_QUERY_MIN_LENGTH = 2

/**
 * A picker's suggestions for what was typed: the communes it names exactly first (a code, a label,
 * a name and its homonyms), then those whose name starts with (then contains) it, most populated
 * first; at most 15.
 */
export function communeSuggestions(query: string, limit = COMMUNE_SUGGESTIONS_LIMIT) {
  // What the text names exactly first: one commune, or every commune of that name (homonyms).
  const exact = query.trim() ? candidatesFor(query.trim()) : []
  const exactIds = new Set(exact.map((commune) => commune.insee))
  const found = [...exact, ...searchCommunes(query, limit + exact.length).filter((commune) => !exactIds.has(commune.insee))].slice(0, limit)
  return found.map((commune) => ({ insee: commune.insee, label: communeLabel(commune), value: communeFieldValue(commune) }))
}

/**
 * What a commune field shows for a commune: its label ("Meylan (38)"), or its name and INSEE code
 * ("Saint-Pierre (INSEE 26002)") when two communes of one name share its département (the label
 * alone would not say which); that value is read as that INSEE code only, never as a postal code.
 */
export function communeFieldValue(commune: Commune) {
  const label = communeLabel(commune)
  return lookupCommune(label).commune?.insee === commune.insee ? label : `${commune.name} (INSEE ${commune.insee})`
}

/** The same for a stored commune (its INSEE code and name): the stored name when the table lacks it, else empty. */
export function communeFieldValueOf(insee: string | null, storedName?: string | null) {
  const commune = communeByInsee(insee)
  return commune ? communeFieldValue(commune) : (storedName ?? insee ?? '')
}
