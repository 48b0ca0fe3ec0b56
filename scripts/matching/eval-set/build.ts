/**
 * Builds tests/fixtures/matching/eval-set.json, the labelled set of `npm run eval:matching`, from
 * the hand-written modules beside this file (firms-*.ts, needs.ts, capabilities.ts, towns.ts).
 * Deterministic: no randomness but a hash of the firm's id for the two track-record fields.
 * The grades follow the set's own rules (scripts/matching/lib/set-rules.ts, described in
 * tests/fixtures/matching/README.md); nothing is imported from app/modules/matching or geo.
 *
 *   npm run matching:eval-set          (writes the file and prints a summary)
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { bandOfRevenue, gradePair, greatCircleKm, type FirmLatent, type NeedJudgement, type NeedTerms } from '../lib/set-rules'
import { CAPABILITIES, NO_ADJACENCY, type Capability } from './capabilities'
import { FIRMS_ENERGY } from './firms-energy'
import { FIRMS_INDUSTRY } from './firms-industry'
import { FIRMS_MORE } from './firms-more'
import { FIRMS_SOFTWARE } from './firms-software'
import { FIRMS_TERRITORY } from './firms-territory'
import { NEEDS } from './needs'
import { TOWNS } from './towns'
import type { FirmSpec, NeedSpec } from './types'

export const OUTPUT = path.join(import.meta.dirname, '../../../tests/fixtures/matching/eval-set.json')
export const NOW = '2026-06-01T00:00:00.000Z'
/** Share of needs held out as the test split. */
const TEST_SHARE = 0.4
/** Least gap between a need's radius and the distance to any town of the set. */
const MARGIN_KM = 3

export const FIRM_SPECS: FirmSpec[] = [...FIRMS_INDUSTRY, ...FIRMS_ENERGY, ...FIRMS_TERRITORY, ...FIRMS_SOFTWARE, ...FIRMS_MORE]

function familyOf(capability: string) {
  return CAPABILITIES[capability as Capability]
}

/** FNV-1a: a stable number from a string. */
function hash(text: string) {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193) >>> 0
  }
  return value
}

function latentOf(spec: FirmSpec): FirmLatent {
  const town = spec.town ? TOWNS[spec.town] : null
  return {
    capabilities: spec.caps,
    revenueEur: spec.revenue,
    headcount: spec.staff,
    founded: spec.founded,
    town: town ? { name: town.name, lat: town.lat, lon: town.lon, alps: town.alps } : null,
    language: spec.lang,
    outsideAlps: town ? !town.alps : false,
  }
}

function firmRecord(spec: FirmSpec) {
  const blank = new Set(spec.blank ?? [])
  const seed = hash(spec.id)
  return {
    id: spec.id,
    name: spec.name,
    description: spec.description,
    offerings: spec.offerings,
    skills: spec.skills ?? [],
    nafCodes: spec.naf ?? [],
    communeInsee: spec.town ? TOWNS[spec.town].insee : null,
    headcount: blank.has('headcount') ? null : spec.staff,
    revenueBand: blank.has('revenueBand') ? null : bandOfRevenue(spec.revenue),
    foundedYear: blank.has('foundedYear') ? null : Number(spec.founded.slice(0, 4)),
    references: (spec.refs ?? []).map(([title, description]) => ({ title, description })),
    dealsWon: seed % 5,
    responsiveness: Math.round(((seed >>> 8) % 100) / 10) / 10,
    latent: latentOf(spec),
  }
}

function judgementOf(spec: NeedSpec): NeedJudgement {
  const town = TOWNS[spec.town]
  const families = [...new Set(spec.primary.map(familyOf))].filter((family) => !NO_ADJACENCY.has(family))
  return { primary: spec.primary, related: spec.related, families, town: { name: town.name, lat: town.lat, lon: town.lon, alps: town.alps } }
}

function termsOf(spec: NeedSpec): NeedTerms {
  return {
    remoteOk: spec.remoteOk ?? false,
    radiusKm: spec.radiusKm ?? null,
    budgetMinEur: spec.budgetMin ?? null,
    budgetMaxEur: spec.budgetMax ?? null,
    eligibility: spec.eligibility ?? null,
  }
}

function needRecord(spec: NeedSpec) {
  const terms = termsOf(spec)
  return {
    id: spec.id,
    kind: spec.kind,
    title: spec.title,
    summary: spec.summary ?? null,
    description: spec.description,
    skills: spec.skills ?? [],
    nafCodes: spec.naf ?? [],
    communeInsee: TOWNS[spec.town].insee,
    radiusKm: terms.radiusKm,
    remoteOk: terms.remoteOk,
    budgetMinEur: terms.budgetMinEur,
    budgetMaxEur: terms.budgetMaxEur,
    eligibility: spec.eligibility ?? null,
    judgement: judgementOf(spec),
  }
}

function check() {
  const ids = new Set<string>()
  for (const spec of [...FIRM_SPECS, ...NEEDS]) {
    if (ids.has(spec.id)) throw new Error(`duplicate id ${spec.id}`)
    ids.add(spec.id)
  }
  for (const need of NEEDS) {
    if (!need.remoteOk && !need.radiusKm) throw new Error(`${need.id}: a need that is not remote-OK must state its radius`)
    for (const capability of [...need.primary, ...need.related]) if (!(capability in CAPABILITIES)) throw new Error(`${need.id}: unknown capability ${capability}`)
    // No town of the set lies within MARGIN_KM of a need's radius: eligibility never hangs on how
    // precisely a town's coordinates are typed (the engine's commune table may differ by a km or two).
    if (need.radiusKm) {
      for (const town of Object.values(TOWNS)) {
        const km = greatCircleKm(TOWNS[need.town], town)
        if (Math.abs(km - need.radiusKm) < MARGIN_KM) throw new Error(`${need.id}: ${town.name} is ${km.toFixed(1)} km away, too close to the radius ${need.radiusKm} km`)
      }
    }
  }
  for (const firm of FIRM_SPECS) {
    if (firm.caps.length === 0) throw new Error(`${firm.id}: no capability`)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(firm.founded)) throw new Error(`${firm.id}: founded must be YYYY-MM-DD`)
  }
}

/**
 * Stratified split: needs sorted by stratum (wording, language, remote-OK: the needs that reach
 * firms outside the Alps) then id, and every position where the running count of TEST_SHARE
 * crosses an integer goes to "test". It depends only on how each need is written, never on the
 * grades, so that correcting a grade never moves a need between the splits.
 */
function splitOf(needs: readonly NeedSpec[]) {
  const stratum = (need: NeedSpec) => [need.worded, need.lang, need.remoteOk ? 'remote' : 'local'].join('|')
  const sorted = [...needs].sort((a, b) => stratum(a).localeCompare(stratum(b)) || a.id.localeCompare(b.id))
  const split: Record<string, 'train' | 'test'> = {}
  sorted.forEach((need, position) => {
    split[need.id] = Math.floor((position + 1) * TEST_SHARE) > Math.floor(position * TEST_SHARE) ? 'test' : 'train'
  })
  return Object.fromEntries(needs.map((need) => [need.id, split[need.id]]))
}

export function buildSet() {
  check()
  const now = new Date(NOW)
  const firms = FIRM_SPECS.map(firmRecord)
  const grades: Record<string, Record<string, number>> = {}
  const tags: Record<string, string[]> = {}
  for (const spec of NEEDS) {
    const judgement = judgementOf(spec)
    const terms = termsOf(spec)
    const row: Record<string, number> = {}
    let outsideAlpsRelevant = false
    for (const firm of firms) {
      const { grade } = gradePair(terms, judgement, firm.latent, now, familyOf, NO_ADJACENCY)
      if (grade > 0) row[firm.id] = grade
      if (grade >= 2 && firm.latent.outsideAlps) outsideAlpsRelevant = true
    }
    grades[spec.id] = row
    tags[spec.id] = [
      spec.worded === 'problem' ? 'problem-worded' : 'skills-listed',
      spec.lang === 'en' ? 'english' : 'french',
      ...(spec.remoteOk ? ['remote-ok'] : []),
      ...(TOWNS[spec.town].alps ? [] : ['located-outside-alps']),
      ...(outsideAlpsRelevant ? ['outside-alps'] : []),
    ]
  }
  return {
    about:
      'Labelled set of npm run eval:matching, written by hand (scripts/matching/eval-set/); grades by the rules of tests/fixtures/matching/README.md from the hidden `latent` (firms) and `judgement` (needs) records, which the engine never reads.',
    now: NOW,
    firms,
    needs: NEEDS.map(needRecord),
    grades,
    split: splitOf(NEEDS),
    tags,
  }
}

function main() {
  const set = buildSet()
  writeFileSync(OUTPUT, `${JSON.stringify(set, null, 1)}\n`)
  const english = set.firms.filter((firm) => firm.latent.language === 'en').length
  const outside = set.firms.filter((firm) => firm.latent.outsideAlps).length
  const test = Object.values(set.split).filter((value) => value === 'test').length
  console.log(`${set.firms.length} firms (${english} in English, ${outside} outside the Alps), ${set.needs.length} needs (${test} test)`)
  for (const need of set.needs) {
    const row = Object.values(set.grades[need.id])
    const count = (grade: number) => row.filter((value) => value === grade).length
    console.log(`${need.id} ${set.split[need.id].padEnd(5)} 3:${count(3)} 2:${count(2)} 1:${count(1)}  ${set.tags[need.id].join(',')}`)
  }
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main()
