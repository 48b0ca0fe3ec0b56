/**
 * Builds tests/fixtures/matching/eval-set.json, the labelled set of `npm run eval:matching`:
 * a pool of firm profiles composed from hand-written building blocks (specialities.ts), the needs
 * of needs.ts, and the grades given by the rules of tests/fixtures/matching/README.md.
 *
 *   npx tsx scripts/matching/eval-set/build.ts
 *
 * Deterministic (seeded PRNG): running it again gives the same file.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { communeByInsee, communes, distanceKm, type Commune } from '#app/modules/geo/communes'
import { EVAL_NEEDS, type EvalNeedSpec } from './needs'
import { SPECIALITIES, SPECIALITY, type Speciality } from './specialities'

const FIRM_COUNT = 340
const OUTPUT = path.join(import.meta.dirname, '../../../tests/fixtures/matching/eval-set.json')
/** The year the eval set is judged in (minimum ages); the evaluation passes the same date as `now`. */
export const EVAL_NOW = '2026-06-01T00:00:00Z'

function mulberry32(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = mulberry32(0x5111_0e7a)
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
const chance = (probability: number) => random() < probability
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
function weighted<T>(items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0)
  let target = random() * total
  for (const item of items) {
    target -= weight(item)
    if (target < 0) return item
  }
  return items[items.length - 1]
}
function sample<T>(items: readonly T[], count: number): T[] {
  const copy = [...items]
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[copy[index], copy[other]] = [copy[other], copy[index]]
  }
  return copy.slice(0, count)
}

type Band = 'LT_1M' | '1M_2M' | '2M_5M' | '5M_10M' | '10M_50M' | 'GT_50M'
const BANDS: Array<{ band: Band; weight: number; headcount: [number, number]; founded: [number, number]; revenueEur: number }> = [
  { band: 'LT_1M', weight: 38, headcount: [1, 9], founded: [2012, 2025], revenueEur: 400_000 },
  { band: '1M_2M', weight: 24, headcount: [6, 20], founded: [2005, 2023], revenueEur: 1_400_000 },
  { band: '2M_5M', weight: 18, headcount: [12, 45], founded: [1998, 2021], revenueEur: 3_200_000 },
  { band: '5M_10M', weight: 10, headcount: [30, 90], founded: [1990, 2018], revenueEur: 7_000_000 },
  { band: '10M_50M', weight: 7, headcount: [60, 300], founded: [1985, 2015], revenueEur: 22_000_000 },
  { band: 'GT_50M', weight: 3, headcount: [250, 2000], founded: [1970, 2010], revenueEur: 100_000_000 },
]
const DEPTS = [
  { dept: '38', weight: 38 },
  { dept: '74', weight: 25 },
  { dept: '73', weight: 20 },
  { dept: '26', weight: 17 },
]
const ALPINE_WORDS = ['Belledonne', 'Chartreuse', 'Vercors', 'Oisans', 'Aravis', 'Bauges', 'Lauzière', 'Vanoise', 'Mont-Blanc', 'Trièves', 'Diois', 'Bornes', 'Chablais', 'Maurienne', 'Tarentaise', 'Écrins', 'Taillefer', 'Sept-Laux', 'Moucherotte', 'Granier', 'Semnoz', 'Salève', 'Vercors Sud', 'Dévoluy', 'Beaufortain', 'Grésivaudan', 'Drac', 'Romanche', 'Isère', 'Arve']
const NAME_SUFFIX = ['Tech', 'Systèmes', 'Lab', 'Ingénierie', 'Solutions', 'Digital', 'Conseil', 'Services', 'Data', 'Innovation', 'Logiciels', 'Études']

const communesByDept = new Map(
  DEPTS.map(({ dept }) => [dept, communes.filter((commune) => commune.dept === dept && commune.population >= 1500 && commune.coordSource === 'commune')]),
)

interface EvalFirm {
  id: string
  name: string
  description: string
  offerings: string
  skills: string[]
  nafCodes: string[]
  communeInsee: string
  headcount: number
  revenueBand: Band
  foundedYear: number
  references: Array<{ title: string; description: string }>
  dealsWon: number
  responsiveness: number | null
}

interface Latent {
  primary: string
  secondary: string | null
  language: 'fr' | 'en'
  commune: Commune
  revenueEur: number
}

function inCommune(name: string) {
  if (name.startsWith('Le ')) return `au ${name.slice(3)}`
  if (name.startsWith('Les ')) return `aux ${name.slice(4)}`
  return `à ${name}`
}

/** Primary specialities in fixed quotas (9 firms per speciality, 6 per hard-negative trade), shuffled. */
function primaryQuota(): Speciality[] {
  const list: Speciality[] = []
  for (const speciality of SPECIALITIES) for (let copy = 0; copy < (speciality.family === 'other' ? 6 : 9); copy++) list.push(speciality)
  while (list.length < FIRM_COUNT) list.push(pick(SPECIALITIES.filter((speciality) => speciality.family !== 'other')))
  return sample(list, FIRM_COUNT)
}

const usedNames = new Set<string>()

function buildFirm(index: number, primary: Speciality): { firm: EvalFirm; latent: Latent } {
  let secondary: Speciality | null = null
  if (chance(0.35)) {
    const sameFamily = SPECIALITIES.filter((speciality) => speciality.family === primary.family && speciality.key !== primary.key)
    secondary = sameFamily.length > 0 && chance(0.55) ? pick(sameFamily) : pick(SPECIALITIES.filter((speciality) => speciality.key !== primary.key && speciality.family !== 'other'))
  }
  const english = !!primary.pitchesEn && chance(0.15)
  const dept = weighted(DEPTS, (entry) => entry.weight).dept
  const commune = weighted(communesByDept.get(dept)!, (entry) => entry.population ** 0.8)
  const band = weighted(BANDS, (entry) => entry.weight)
  const headcount = band.headcount[0] + Math.floor(random() ** 1.5 * (band.headcount[1] - band.headcount[0] + 1))
  const foundedYear = int(band.founded[0], band.founded[1])
  let name = `${pick(ALPINE_WORDS)} ${pick(NAME_SUFFIX)}`
  while (usedNames.has(name)) name = `${pick(ALPINE_WORDS)} ${pick(NAME_SUFFIX)}`
  usedNames.add(name)

  const sentences: string[] = []
  if (english) {
    sentences.push(`${name} was founded in ${foundedYear} in ${commune.name} and works on ${primary.labelEn ?? primary.label}.`)
    sentences.push(...sample(primary.pitchesEn!, int(1, primary.pitchesEn!.length)))
    if (secondary) sentences.push(`We also work on ${secondary.labelEn ?? secondary.label}.`)
  } else {
    const openers = [
      `${name} est une entreprise fondée en ${foundedYear} ${inCommune(commune.name)}, spécialisée dans ${primary.label}.`,
      `Installée ${inCommune(commune.name)} depuis ${foundedYear}, ${name} accompagne ${pick(primary.clients)} dans ${primary.label}.`,
      `Créée en ${foundedYear}, ${name} réunit ${headcount} personnes autour de ${primary.label}.`,
    ]
    sentences.push(pick(openers))
    sentences.push(...sample(primary.pitches, int(1, 2)))
    if (secondary) sentences.push(`Elle intervient aussi sur ${secondary.label}. ${pick(secondary.pitches)}`)
    if (chance(0.5)) sentences.push(`Elle travaille pour ${sample(primary.clients, 2).join(' et ')} dans tout le sillon alpin.`)
  }

  const offeringPool = english ? primary.offeringsEn! : primary.offerings
  const offerings = chance(0.1) ? [] : sample(offeringPool, int(1, Math.min(3, offeringPool.length)))
  if (secondary && !english && chance(0.5)) offerings.push(pick(secondary.offerings))

  const referencePool = english ? primary.referencesEn! : primary.references
  const references = sample(referencePool, int(0, Math.min(3, referencePool.length)))
  if (secondary && !english && chance(0.3)) references.push(pick(secondary.references))

  let skills: string[] = []
  if (!chance(0.12)) {
    const pool = (english || chance(0.15)) && primary.skillsEn ? primary.skillsEn : primary.skills
    skills = sample(pool.slice(0, Math.max(3, pool.length)), int(2, Math.min(5, pool.length)))
    if (secondary && chance(0.6)) skills.push(pick(secondary.skills))
  }
  const nafCodes = chance(0.15) ? [] : [chance(0.7) ? primary.nafCodes[0] : pick(primary.nafCodes)]
  const roll = random()
  const dealsWon = roll < 0.6 ? 0 : roll < 0.85 ? 1 : int(2, 4)
  const responsiveness = chance(0.3) ? null : Math.round((0.3 + random() * 0.7) * 100) / 100

  return {
    firm: {
      id: `f${String(index + 1).padStart(3, '0')}`,
      name,
      description: sentences.join(' '),
      offerings: offerings.map((line) => `- ${line}`).join('\n'),
      skills: [...new Set(skills)],
      nafCodes,
      communeInsee: commune.insee,
      headcount,
      revenueBand: band.band,
      foundedYear,
      references,
      dealsWon,
      responsiveness,
    },
    latent: { primary: primary.key, secondary: secondary?.key ?? null, language: english ? 'en' : 'fr', commune, revenueEur: band.revenueEur },
  }
}

/** The grading rules of tests/fixtures/matching/README.md. */
export function grade(need: EvalNeedSpec, firm: EvalFirm, latent: Latent, now: Date): number {
  const needCommune = communeByInsee(need.communeInsee)!
  const rules = need.eligibility ?? {}
  if (!need.remoteOk && distanceKm(needCommune, latent.commune) > (need.radiusKm ?? 50)) return 0
  if (rules.headcountMin !== undefined && firm.headcount < rules.headcountMin) return 0
  if (rules.headcountMax !== undefined && firm.headcount > rules.headcountMax) return 0
  if (rules.revenueBands && !rules.revenueBands.includes(firm.revenueBand)) return 0
  if (rules.minAgeYears !== undefined && now.getUTCFullYear() - firm.foundedYear < rules.minAgeYears) return 0

  const family = (key: string) => SPECIALITY.get(key)!.family
  let value = 0
  if (need.targets.includes(latent.primary)) value = 3
  else if ((latent.secondary && need.targets.includes(latent.secondary)) || need.related.includes(latent.primary)) value = 2
  else if (
    (latent.secondary && need.related.includes(latent.secondary)) ||
    (need.partial ?? []).includes(latent.primary) ||
    need.targets.some((target) => family(target) === family(latent.primary) && family(target) !== 'other')
  ) {
    value = 1
  }
  const budget = need.budgetMaxEur ?? need.budgetMinEur
  if (value > 0 && budget !== null && budget >= latent.revenueEur) value -= 1
  return value
}

function main() {
  for (const need of EVAL_NEEDS) {
    if (!communeByInsee(need.communeInsee)) throw new Error(`${need.id}: unknown commune ${need.communeInsee}`)
    for (const key of [...need.targets, ...need.related, ...(need.partial ?? [])]) if (!SPECIALITY.has(key)) throw new Error(`${need.id}: unknown speciality ${key}`)
  }
  const built = primaryQuota().map((primary, index) => buildFirm(index, primary))
  const now = new Date(EVAL_NOW)
  const grades: Record<string, Record<string, number>> = {}
  for (const need of EVAL_NEEDS) {
    const graded: Record<string, number> = {}
    for (const { firm, latent } of built) {
      const value = grade(need, firm, latent, now)
      if (value > 0) graded[firm.id] = value
    }
    grades[need.id] = graded
  }
  const output = {
    about: 'Labelled set for npm run eval:matching; see README.md beside this file. Built by scripts/matching/eval-set/build.ts.',
    now: EVAL_NOW,
    firms: built.map(({ firm }) => firm),
    needs: EVAL_NEEDS.map(({ targets: _targets, related: _related, partial: _partial, ...need }) => need),
    grades,
    latent: Object.fromEntries(built.map(({ firm, latent }) => [firm.id, { primary: latent.primary, secondary: latent.secondary, language: latent.language }])),
    needSpecialities: Object.fromEntries(EVAL_NEEDS.map((need) => [need.id, { targets: need.targets, related: need.related, partial: need.partial ?? [] }])),
  }
  writeFileSync(OUTPUT, `${JSON.stringify(output, null, 1)}\n`)
  const counts = EVAL_NEEDS.map((need) => {
    const values = Object.values(grades[need.id])
    return `${need.id}:${values.filter((value) => value === 3).length}/${values.filter((value) => value === 2).length}/${values.filter((value) => value === 1).length}`
  })
  console.log(`${built.length} firms, ${EVAL_NEEDS.length} needs → ${path.relative(process.cwd(), OUTPUT)}`)
  console.log(`grades 3/2/1 per need: ${counts.join(' ')}`)
}

if (import.meta.url === `file://${process.argv[1]}`) main()
