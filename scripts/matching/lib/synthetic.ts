import { communes } from '#app/modules/geo/communes'
import type { FirmDoc, NeedDoc, RevenueBand } from '#app/modules/matching/engine/engine'
import { SPECIALITIES } from './bench-vocabulary'

/**
 * A seeded generator of a national-scale corpus for the benchmark: firms and needs whose words
 * follow a Zipf law over a vocabulary mixing real French and English domain words (taken from the
 * eval set's building blocks, ranked first) and synthetic words; skills and NAF codes are Zipf too;
 * communes are drawn by population from communes.ts. Like real profiles, texts are topical: each
 * firm has one or two of 400 specialities (each a Zipf over its own 150 words, its own skills and
 * NAF codes), and about half of its words come from them, the rest from the general vocabulary;
 * each need is about one speciality. Deterministic for a given seed.
 */
export function mulberry32(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Draws items with probability ∝ 1 / rank^exponent, or ∝ the given weights. */
export class Zipf<T> {
  private readonly cdf: Float64Array
  constructor(
    private readonly items: readonly T[],
    exponent: number,
    weights?: readonly number[],
  ) {
    this.cdf = new Float64Array(items.length)
    let sum = 0
    for (let rank = 0; rank < items.length; rank++) {
      sum += weights ? weights[rank] : 1 / (rank + 1) ** exponent
      this.cdf[rank] = sum
    }
    for (let rank = 0; rank < items.length; rank++) this.cdf[rank] /= sum
  }
  draw(random: () => number): T {
    const target = random()
    let low = 0
    let high = this.cdf.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (this.cdf[middle] < target) low = middle + 1
      else high = middle
    }
    return this.items[low]
  }
}

export const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zi', 'bra', 'cle', 'dro', 'fen', 'gui', 'har', 'jol', 'kem', 'lun', 'mor', 'nal', 'pri', 'quo', 'ser', 'tig', 'val', 'wex', 'yor', 'zan']

function realWords() {
  const words = new Set<string>()
  const add = (text: string) => {
    for (const match of text.toLowerCase().matchAll(/\p{L}{4,}/gu)) words.add(match[0])
  }
  for (const speciality of SPECIALITIES) {
    for (const text of [...speciality.pitches, ...speciality.offerings, ...(speciality.pitchesEn ?? []), ...speciality.clients, speciality.label]) add(text)
    for (const ref of [...speciality.references, ...(speciality.referencesEn ?? [])]) add(`${ref.title} ${ref.description}`)
  }
  return [...words].sort()
}

function shuffle<T>(items: T[], random: () => number) {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[items[index], items[other]] = [items[other], items[index]]
  }
  return items
}

export interface SyntheticCorpus {
  firms: FirmDoc[]
  needs: NeedDoc[]
  vocabularySize: number
}

const BANDS: Array<{ band: RevenueBand; weight: number; headcount: [number, number] }> = [
  { band: 'LT_1M', weight: 40, headcount: [1, 9] },
  { band: 'M1_2M', weight: 24, headcount: [6, 20] },
  { band: 'M2_5M', weight: 17, headcount: [12, 45] },
  { band: 'M5_10M', weight: 10, headcount: [30, 90] },
  { band: 'M10_50M', weight: 7, headcount: [60, 300] },
  { band: 'GT_50M', weight: 2, headcount: [250, 2000] },
]
const TOPICS = 400
const HUB_OF_DEPT: Record<string, string> = { '38': 'hub-grenoble', '74': 'hub-annecy', '73': 'hub-savoie', '26': 'hub-valence' }

export function generateCorpus({ firms: firmCount, needs: needCount, seed = 0x5111_b3c4 }: { firms: number; needs: number; seed?: number }): SyntheticCorpus {
  const random = mulberry32(seed)
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))

  const real = shuffle(realWords(), random)
  const synthetic: string[] = []
  const seen = new Set(real)
  while (synthetic.length < 40_000) {
    let word = ''
    const length = int(2, 4)
    for (let index = 0; index < length; index++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)]
    if (!seen.has(word)) {
      seen.add(word)
      synthetic.push(word)
    }
  }
  // Real words take most of the head of the distribution, synthetic ones the long tail.
  const vocabulary = [...real.slice(0, 1200), ...synthetic.slice(0, 800)]
  shuffle(vocabulary, random)
  vocabulary.push(...real.slice(1200), ...synthetic.slice(800))
  const words = new Zipf(vocabulary, 1.0)

  const realSkills = [...new Set(SPECIALITIES.flatMap((speciality) => [...speciality.skills, ...(speciality.skillsEn ?? [])]))]
  const skillPool = shuffle([...realSkills, ...Array.from({ length: 3000 }, (_, index) => `${synthetic[index * 7 % synthetic.length]} ${synthetic[(index * 13 + 5) % synthetic.length]}`)], random)
  const skills = new Zipf(skillPool, 1.0)
  const nafPool = shuffle([...new Set(SPECIALITIES.flatMap((speciality) => speciality.nafCodes))].concat(Array.from({ length: 60 }, (_, index) => `${10 + (index % 80)}.${String(10 + ((index * 7) % 89)).padStart(2, '0')}Z`)), random)
  const nafs = new Zipf(nafPool, 1.1)
  const topics = Array.from({ length: TOPICS }, () => ({
    words: new Zipf(Array.from({ length: 150 }, () => vocabulary[int(150, 25_000)]), 1.0),
    skills: new Zipf(Array.from({ length: 8 }, () => skillPool[int(0, skillPool.length - 1)]), 0.8),
    naf: nafPool[int(0, nafPool.length - 1)],
  }))
  const topicalSentence = (topic: (typeof topics)[number], count: number, share: number) => {
    let text = ''
    for (let index = 0; index < count; index++) {
      const word = random() < share ? topic.words.draw(random) : words.draw(random)
      text += (index === 0 ? '' : index % 12 === 0 ? '. ' : ' ') + word
    }
    return `${text}.`
  }
  const topicalSkills = (topic: (typeof topics)[number], count: number) => {
    const set = new Set<string>()
    for (let attempt = 0; set.size < count && attempt < count * 4; attempt++) set.add(random() < 0.7 ? topic.skills.draw(random) : skills.draw(random))
    return [...set]
  }
  // The marketplace's four départements (communes.ts now holds every French commune): the same
  // places as before, so the figures stay comparable.
  const placed = communes.filter((commune) => commune.population >= 500 && commune.dept in HUB_OF_DEPT && commune.parentInsee === null)
  const placeCdf = new Zipf(
    [...placed].sort((a, b) => b.population - a.population),
    0.9,
  )
  const bandTotal = BANDS.reduce((sum, band) => sum + band.weight, 0)
  const drawBand = () => {
    let target = random() * bandTotal
    for (const band of BANDS) {
      target -= band.weight
      if (target < 0) return band
    }
    return BANDS[0]
  }
  const drawSet = <T>(zipf: Zipf<T>, count: number) => {
    const set = new Set<T>()
    for (let attempt = 0; set.size < count && attempt < count * 4; attempt++) set.add(zipf.draw(random))
    return [...set]
  }

  const firms: FirmDoc[] = []
  for (let index = 0; index < firmCount; index++) {
    const band = drawBand()
    const commune = placeCdf.draw(random)
    const topic = topics[int(0, TOPICS - 1)]
    const second = random() < 0.25 ? topics[int(0, TOPICS - 1)] : topic
    firms.push({
      id: `firm-${String(index).padStart(6, '0')}`,
      verified: random() < 0.95,
      homeHubId: HUB_OF_DEPT[commune.dept],
      description: `${topicalSentence(topic, int(30, 70), 0.45)} ${topicalSentence(second, int(10, 20), 0.45)}`,
      offerings: topicalSentence(topic, int(8, 25), 0.5),
      skills: topicalSkills(topic, int(2, 7)),
      nafCodes: random() < 0.8 ? [topic.naf, ...drawSet(nafs, int(0, 1))] : drawSet(nafs, 1),
      communeInsee: commune.insee,
      headcount: int(band.headcount[0], band.headcount[1]),
      revenueBand: band.band,
      foundedYear: int(1980, 2025),
      references: Array.from({ length: int(0, 3) }, () => ({ title: topicalSentence(topic, int(3, 8), 0.5), description: topicalSentence(topic, int(8, 20), 0.45) })),
      dealsWon: random() < 0.7 ? 0 : int(1, 5),
      responsiveness: random() < 0.3 ? null : random(),
    })
  }
  const hubs = Object.values(HUB_OF_DEPT)
  const needs: NeedDoc[] = []
  for (let index = 0; index < needCount; index++) {
    const commune = placeCdf.draw(random)
    const topic = topics[int(0, TOPICS - 1)]
    const remoteOk = random() < 0.2
    const budgetMax = Math.round(10 ** (4 + random() * 2.4) / 1000) * 1000
    needs.push({
      id: `need-${String(index).padStart(5, '0')}`,
      kind: (['PILOT', 'PROCUREMENT', 'CO_DEVELOPMENT', 'PROOF_OF_CONCEPT'] as const)[int(0, 3)],
      title: topicalSentence(topic, int(5, 10), 0.5),
      summary: topicalSentence(topic, int(12, 25), 0.5),
      description: topicalSentence(topic, int(40, 90), 0.45),
      skills: topicalSkills(topic, int(1, 5)),
      nafCodes: random() < 0.5 ? [topic.naf] : [],
      communeInsee: commune.insee,
      radiusKm: remoteOk ? null : int(30, 150),
      remoteOk,
      budgetMinEur: Math.round(budgetMax / 2),
      budgetMaxEur: budgetMax,
      hubIds: random() < 0.3 ? [HUB_OF_DEPT[commune.dept], hubs[int(0, 3)]] : [HUB_OF_DEPT[commune.dept]],
      eligibility: random() < 0.3 ? { headcountMin: random() < 0.5 ? int(1, 10) : null, minAgeYears: random() < 0.5 ? int(1, 5) : null } : null,
    })
  }
  return { firms, needs, vocabularySize: vocabulary.length }
}
