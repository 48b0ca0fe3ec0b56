import data from './data/communes.json'

/**
 * A French commune (metropolitan or overseas) or a municipal arrondissement of Paris, Lyon or
 * Marseille, keyed by INSEE code. Built by scripts/build-geo-data.ts (sources and licences there).
 */
export interface Commune {
  insee: string
  name: string
  /** Département code: '38', '2A', '972'… */
  dept: string
  epci: string | null
  postalCodes: string[]
  population: number
  lat: number
  lon: number
  /**
   * Where the coordinates come from: 'commune' (GeoNames town centre), 'contour' (centroid of the
   * commune's IGN contour), 'parent' (an arrondissement placed at its city's point), else the
   * centre of its EPCI or of its département.
   */
  coordSource: 'commune' | 'contour' | 'parent' | 'epci' | 'departement'
  /**
   * Whether the point is the commune's own ('commune', 'contour', 'parent'). False for a centre
   * shared with other communes ('epci', 'departement': a few communes of Cantal and Vendée, most of
   * French Polynesia and New Caledonia): the engine treats its location as unknown for distances.
   */
  placed: boolean
  /** For a municipal arrondissement, its city's INSEE code (75056, 69123, 13055); else null. */
  parentInsee: string | null
}

/** [insee, name, dept, epci ('' none), postal codes (space-separated), population, lat, lon, source, parent ('' none)] */
type CommuneRow = [string, string, string, string, string, number, number, number, string, string]

const SOURCES: Record<string, Commune['coordSource']> = { c: 'commune', g: 'contour', p: 'parent', e: 'epci', d: 'departement' }

export const communes: Commune[] = (data as unknown as CommuneRow[]).map(([insee, name, dept, epci, postalCodes, population, lat, lon, source, parent]) => ({
  insee,
  name,
  dept,
  epci: epci || null,
  postalCodes: postalCodes ? postalCodes.split(' ') : [],
  population,
  lat,
  lon,
  coordSource: SOURCES[source] ?? 'departement',
  placed: source === 'c' || source === 'g' || source === 'p',
  parentInsee: parent || null,
}))
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

interface SearchTables {
  /** Folded names, most populated first (ties by INSEE code). */
  folded: Array<{ commune: Commune; key: string }>
  /**
   * The folded names joined by '\n' in that order, with each name's start offset: a search is a
   * few `indexOf` calls over one string (about a millisecond at worst for ~35 000 names), not a
   * scan of 35 000 strings.
   */
  joined: string
  starts: Int32Array
  byFoldedName: Map<string, Commune[]>
}

let tables: SearchTables | null = null

/** Built on the first search or name lookup (a worker that only reads codes never pays for it). */
function searchTables(): SearchTables {
  if (tables) return tables
  const folded = communes
    .map((commune) => ({ commune, key: foldForSearch(commune.name) }))
    .sort((a, b) => b.commune.population - a.commune.population || (a.commune.insee < b.commune.insee ? -1 : 1))
  const joined = `${folded.map((entry) => entry.key).join('\n')}\n`
  const starts = new Int32Array(folded.length + 1)
  for (let position = 0, offset = 0; position < folded.length; position++) {
    starts[position] = offset
    offset += folded[position]!.key.length + 1
  }
  starts[folded.length] = joined.length
  const byFoldedName = new Map<string, Commune[]>()
  for (const entry of folded) {
    const list = byFoldedName.get(entry.key)
    if (list) list.push(entry.commune)
    else byFoldedName.set(entry.key, [entry.commune])
  }
  return (tables = { folded, joined, starts, byFoldedName })
}

function entryAt(starts: Int32Array, count: number, offset: number) {
  let low = 0
  let high = count - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (starts[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return low
}

/** Communes whose name starts with (then contains) the query, most populated first. */
export function searchCommunes(query: string, limit = 20) {
  const q = foldForSearch(query)
  if (!q || limit <= 0) return []
  const { folded, joined, starts } = searchTables()
  const prefixed: Commune[] = []
  const contains: Commune[] = []
  for (let offset = joined.indexOf(q); offset >= 0; ) {
    const position = entryAt(starts, folded.length, offset)
    if (starts[position] === offset) {
      prefixed.push(folded[position]!.commune)
      if (prefixed.length >= limit) break
    } else if (contains.length < limit) {
      contains.push(folded[position]!.commune)
    }
    offset = joined.indexOf(q, starts[position + 1])
  }
  return [...prefixed, ...contains].slice(0, limit)
}

/**
 * A commune from what a person typed: its INSEE code, its name, or a suggestion label such as
 * "Meylan (38)" or "Le Lamentin (972)". Null when unknown or ambiguous (two communes of that name,
 * e.g. many "Saint-…", and no département given).
 */
export function resolveCommune(input: string | null | undefined): Commune | null {
  const value = (input ?? '').trim()
  if (!value) return null
  if (/^(\d{5}|2[AB]\d{3})$/i.test(value)) return communeByInsee(value.toUpperCase())
  const labelled = value.match(/^(.*)\((\d{2,3}|2[AB])\)\s*$/i)
  const name = foldForSearch(labelled ? labelled[1]! : value)
  const dept = labelled ? labelled[2]!.toUpperCase() : null
  const candidates = (searchTables().byFoldedName.get(name) ?? []).filter((commune) => !dept || commune.dept === dept)
  return candidates.length === 1 ? candidates[0]! : null
}

/** Communes whose whole name folds to `name` (homonyms of several départements), most populated first: one map read. */
export function communesNamed(name: string): readonly Commune[] {
  const key = foldForSearch(name)
  return key ? (searchTables().byFoldedName.get(key) ?? []) : []
}

let byPostalCode: Map<string, Commune[]> | null = null

/**
 * The communes a postal code serves ("38000" → Grenoble; "69003" → Lyon 3e Arrondissement). Where a
 * city and its municipal arrondissement share the code (Paris, Lyon, Marseille), the arrondissement
 * only: it is the more precise place.
 */
export function communesWithPostalCode(code: string): readonly Commune[] {
  if (!byPostalCode) {
    byPostalCode = new Map()
    for (const commune of communes) {
      for (const postalCode of commune.postalCodes) {
        const list = byPostalCode.get(postalCode)
        if (list) list.push(commune)
        else byPostalCode.set(postalCode, [commune])
      }
    }
    for (const [postalCode, list] of byPostalCode) {
      const parents = new Set(list.map((commune) => commune.parentInsee).filter(Boolean))
      if (parents.size > 0) byPostalCode.set(postalCode, list.filter((commune) => !parents.has(commune.insee)))
    }
  }
  return byPostalCode.get(code.trim()) ?? []
}

/** "Grenoble (38)", "Fort-de-France (972)" */
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
