import data from './data/communes.json'

/** A commune of the sillon alpin (Drôme, Isère, Savoie, Haute-Savoie), keyed by INSEE code. */
export interface Commune {
  insee: string
  name: string
  dept: string
  epci: string | null
  postalCodes: string[]
  population: number
  lat: number
  lon: number
  /** Where the coordinates come from: the commune itself, else its EPCI's or département's centre. */
  coordSource: 'commune' | 'epci' | 'departement'
}

export const communes = data as Commune[]
const byInsee = new Map(communes.map((commune) => [commune.insee, commune]))

export function communeByInsee(insee: string | null | undefined) {
  return insee ? (byInsee.get(insee) ?? null) : null
}

export function foldForSearch(value: string) {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

const folded = communes.map((commune) => ({ commune, key: foldForSearch(commune.name) }))

/** Communes whose name starts with (then contains) the query, most populated first. */
export function searchCommunes(query: string, limit = 20) {
  const q = foldForSearch(query)
  if (!q) return []
  const starts = folded.filter((entry) => entry.key.startsWith(q))
  const contains = folded.filter((entry) => !entry.key.startsWith(q) && entry.key.includes(q))
  const byPopulation = (a: { commune: Commune }, b: { commune: Commune }) => b.commune.population - a.commune.population
  return [...starts.sort(byPopulation), ...contains.sort(byPopulation)].slice(0, limit).map((entry) => entry.commune)
}

const byFoldedName = new Map<string, Commune[]>()
for (const entry of folded) byFoldedName.set(entry.key, [...(byFoldedName.get(entry.key) ?? []), entry.commune])

/**
 * A commune from what a person typed: its INSEE code, its name, or a suggestion label such as
 * "Meylan (38)". Null when unknown or ambiguous (two communes of that name, no département given).
 */
export function resolveCommune(input: string | null | undefined): Commune | null {
  const value = (input ?? '').trim()
  if (!value) return null
  if (/^(\d{5}|2[AB]\d{3})$/.test(value)) return communeByInsee(value)
  const labelled = value.match(/^(.*)\((\d{2}|2[AB])\)\s*$/)
  const name = foldForSearch(labelled ? labelled[1]! : value)
  const candidates = (byFoldedName.get(name) ?? []).filter((commune) => !labelled || commune.dept === labelled[2])
  return candidates.length === 1 ? candidates[0]! : null
}

/** "Grenoble (38)" */
export function communeLabel(commune: Pick<Commune, 'name' | 'dept'>) {
  return `${commune.name} (${commune.dept})`
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: Pick<Commune, 'lat' | 'lon'>, b: Pick<Commune, 'lat' | 'lon'>) {
  const radians = Math.PI / 180
  const dLat = (b.lat - a.lat) * radians
  const dLon = (b.lon - a.lon) * radians
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * radians) * Math.cos(b.lat * radians) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}
