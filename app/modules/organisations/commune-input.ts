import { communeByInsee, communeLabel, foldForSearch, resolveCommune, searchCommunes, type Commune } from '#app/modules/geo/communes'
import { AppError } from '#app/modules/shared/app-error'

/**
 * A commune typed in a form or sent to the API: its INSEE code, its name, or a picker label such as
 * "Meylan (38)", "Fort-de-France (972)" or "Lyon 3e Arrondissement (69)". Every input path (profile,
 * organisation creation, needs, the firm directory, the API) reads it here, so that a commune that
 * does not resolve is refused with the same field message instead of being stored as "unknown".
 */
export type CommuneLookup =
  | { commune: Commune; error: null }
  | { commune: null; error: 'validation.communeUnknown' | 'validation.communeAmbiguous' }

/** "Name (38)", "Name (2A)", "Name (972)": the picker's label. */
const LABELLED = /^(.*?)\s*\((\d{2,3}|2[AB])\)\s*$/i

/** Communes whose whole name folds to `name` (homonyms of several départements). */
function homonyms(name: string): Commune[] {
  const key = foldForSearch(name)
  if (!key) return []
  // Only on the failure path; `searchCommunes` already keeps the folded names.
  return searchCommunes(name, Number.MAX_SAFE_INTEGER).filter((commune) => foldForSearch(commune.name) === key)
}

/** The communes `value` may name: the one it resolves to, else every commune of that name (and département). */
function candidatesFor(value: string): Commune[] {
  const resolved = resolveCommune(value)
  if (resolved) return [resolved]
  const labelled = value.match(LABELLED)
  const dept = labelled?.[2]?.toUpperCase()
  return homonyms(labelled ? labelled[1]! : value).filter((commune) => !dept || commune.dept === dept)
}

export function lookupCommune(input: string): CommuneLookup {
  const candidates = candidatesFor(input.trim())
  if (candidates.length === 1) return { commune: candidates[0]!, error: null }
  if (candidates.length > 1) return { commune: null, error: 'validation.communeAmbiguous' }
  return { commune: null, error: 'validation.communeUnknown' }
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
 * What a commune field shows for a commune: its label ("Meylan (38)"), or its INSEE code when two
 * communes of one name share its département (the label alone would not say which).
 */
export function communeFieldValue(commune: Commune) {
  const label = communeLabel(commune)
  return lookupCommune(label).commune?.insee === commune.insee ? label : commune.insee
}

/** The same for a stored commune (its INSEE code and name): the stored name when the table lacks it, else empty. */
export function communeFieldValueOf(insee: string | null, storedName?: string | null) {
  const commune = communeByInsee(insee)
  return commune ? communeFieldValue(commune) : (storedName ?? insee ?? '')
}
