/**
 * Data for `npm run bench:refresh -- --firms N --needs M`: N verified firms and M open (PUBLISHED,
 * deadline ahead) needs in an empty migrated database, written with COPY. Deterministic for a seed.
 *
 * - Vocabulary: real French and English domain words first, then synthetic ones (syllables), drawn
 *   by a Zipf law; 300 specialities, each a Zipf over its own 120 words, its skills and NAF code.
 *   A firm has one speciality (a quarter of them a second one): its description holds 30–80 words,
 *   about half from its speciality; offerings 8–20 words; 2–6 skills; 0–2 references.
 * - Places: communes of app/modules/geo drawn by population (whatever the table holds).
 * - Hubs: 6; a firm's home hub by its département; needs 72 % PUBLIC, 25 % MEMBERS, 3 %
 *   INVITE_ONLY, 10 % shared with another hub; 20 % remote-friendly, else a 30–150 km radius;
 *   budgets 10 k€–2.5 M€; some with size or age conditions.
 */
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { communes } from '#app/modules/geo/communes'
import { mulberry32, SYLLABLES, Zipf } from '../matching/lib/synthetic'

const REAL_WORDS = `maintenance prédictive capteurs vibratoires usine industrie production ligne automate supervision données analyse
tableau bord logiciel application mobile plateforme cloud hébergement sécurité cybersécurité audit conformité réseau
infrastructure serveur virtualisation sauvegarde migration intégration développement web site commerce paiement
logistique entrepôt transport flotte véhicule énergie photovoltaïque chauffage bâtiment rénovation isolation thermique
eau assainissement déchets recyclage économie circulaire matériaux composites usinage soudure découpe laser impression
électronique carte embarquée firmware radio antenne optique laboratoire essais mesure métrologie qualité certification
formation accompagnement conseil stratégie marketing communication vidéo design graphisme ergonomie interface utilisateur
intelligence artificielle apprentissage automatique vision traitement langage documents recherche modèle prédiction
robotique cobot préhension convoyeur manutention emballage agroalimentaire traçabilité étiquetage santé médical
dispositif hôpital patient tourisme station montagne remontées mécaniques neige ski randonnée hôtellerie restauration
agriculture irrigation élevage forêt bois scierie construction charpente génie civil ouvrage route pont tunnel
comptabilité paie gestion ressources humaines juridique contrat facturation achats fournisseurs stock inventaire
collectivité mairie citoyens éclairage public mobilité vélo stationnement parking signalétique billetterie événement
sensors predictive monitoring dashboard software platform data analytics security network automation machine learning
computer vision natural language processing embedded systems energy efficiency building retrofit water treatment
supply chain warehouse fleet management digital twin simulation modelling testing inspection drones mapping
geolocation satellite imagery weather forecasting avalanche risk safety compliance training consulting design`
  .split(/\s+/)
  .filter((word) => word.length >= 3)
const REAL_SKILLS = [
  'iot', 'edge computing', 'maintenance prédictive', 'cybersécurité', 'cloud', 'intelligence artificielle', 'vision par ordinateur', 'nlp',
  'robotique', 'automatisme', 'supervision scada', 'développement web', 'application mobile', 'data engineering', 'bim', 'photovoltaïque',
  'efficacité énergétique', 'traitement de l’eau', 'usinage cnc', 'impression 3d', 'électronique embarquée', 'firmware', 'lidar', 'drones',
  'sig', 'erp', 'paie', 'comptabilité', 'ux design', 'e-commerce', 'logistique', 'jumeau numérique', 'métrologie', 'audit rgpd',
]
const NAF_CODES = ['62.01Z', '62.02A', '62.03Z', '63.11Z', '71.12B', '72.19Z', '26.51B', '28.99B', '33.12Z', '70.22Z', '74.10Z', '43.21A', '25.62B', '27.90Z', '58.29C', '73.11Z', '85.59A', '46.69B', '35.11Z', '36.00Z']
const BANDS = [
  { band: 'LT_1M', weight: 40, headcount: [1, 9] },
  { band: 'M1_2M', weight: 24, headcount: [6, 20] },
  { band: 'M2_5M', weight: 17, headcount: [12, 45] },
  { band: 'M5_10M', weight: 10, headcount: [30, 90] },
  { band: 'M10_50M', weight: 7, headcount: [60, 300] },
  { band: 'GT_50M', weight: 2, headcount: [250, 2000] },
] as const
const HUBS = ['alpes', 'rhone', 'ile-de-france', 'ouest', 'sud', 'nord-est']
const TOPICS = 300
const DAY_MS = 86_400_000

/** COPY text: a value, `\N` for null, backslashes, tabs and newlines escaped. */
function field(value: string | number | boolean | null) {
  if (value === null) return '\\N'
  if (typeof value === 'boolean') return value ? 't' : 'f'
  return String(value).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t')
}
function array(values: readonly string[]) {
  return `{${values.map((value) => `"${value.replace(/"/g, '')}"`).join(',')}}`
}
function line(values: Array<string | number | boolean | null>) {
  return `${values.map(field).join('\t')}\n`
}

async function copy(client: pg.Client, sql: string, rows: Iterable<string>) {
  const stream = client.query(copyFrom(sql))
  let failure: Error | null = null
  stream.on('error', (error) => (failure = error))
  let chunk = ''
  for (const row of rows) {
    chunk += row
    if (chunk.length > 1 << 20) {
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve))
      chunk = ''
      if (failure) throw failure
    }
  }
  stream.end(chunk)
  await new Promise<void>((resolve, reject) => {
    stream.once('finish', () => resolve())
    stream.once('error', reject)
  })
  if (failure) throw failure
}

export interface RefreshDataOptions {
  firms: number
  needs: number
  seed?: number
  now?: Date
  log?: (line: string) => void
}

export async function generateRefreshData(databaseUrl: string, options: RefreshDataOptions) {
  const random = mulberry32(options.seed ?? 0x51_11_0c0d)
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]
  const now = options.now ?? new Date()
  const log = options.log ?? (() => {})

  const synthetic = new Set<string>()
  while (synthetic.size < 20_000) {
    let word = ''
    for (let syllable = int(2, 4); syllable > 0; syllable--) word += pick(SYLLABLES)
    if (!REAL_WORDS.includes(word)) synthetic.add(word)
  }
  const vocabulary = [...new Set(REAL_WORDS)].concat([...synthetic])
  const words = new Zipf(vocabulary, 1.0)
  const skillPool = [...REAL_SKILLS, ...[...synthetic].slice(0, 1_500).map((word, position) => `${word} ${vocabulary[(position * 7) % 400]}`)]
  const skills = new Zipf(skillPool, 0.9)
  const topics = Array.from({ length: TOPICS }, () => ({
    words: new Zipf(Array.from({ length: 120 }, () => vocabulary[int(0, 12_000)]), 0.9),
    skills: Array.from({ length: 8 }, () => skillPool[int(0, skillPool.length - 1)]),
    naf: pick(NAF_CODES),
  }))
  const sentence = (topic: (typeof topics)[number], count: number, share: number) => {
    let text = ''
    for (let position = 0; position < count; position++) {
      const word = random() < share ? topic.words.draw(random) : words.draw(random)
      text += (position === 0 ? '' : position % 12 === 0 ? '. ' : ' ') + word
    }
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  }
  const topicSkills = (topic: (typeof topics)[number], count: number) => {
    const set = new Set<string>()
    for (let attempt = 0; set.size < count && attempt < count * 4; attempt++) set.add(random() < 0.7 ? pick(topic.skills) : skills.draw(random))
    return [...set]
  }
  const placed = communes.filter((commune) => commune.population > 0)
  const places = new Zipf(placed, 0, placed.map((commune) => commune.population))
  const departements = [...new Set(placed.map((commune) => commune.dept))].sort()
  const hubOfDept = new Map(departements.map((dept, position) => [dept, `hub-${HUBS[position % HUBS.length]}`]))
  const bandTotal = BANDS.reduce((sum, band) => sum + band.weight, 0)
  const drawBand = () => {
    let target = random() * bandTotal
    for (const band of BANDS) if ((target -= band.weight) < 0) return band
    return BANDS[0]
  }
  const iso = (date: Date) => date.toISOString()

  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('SET synchronous_commit = off')
    let started = performance.now()
    await copy(client, 'COPY "Hub" (id, slug, name, "shortName", city) FROM STDIN', HUBS.map((hub) => line([`hub-${hub}`, hub, `Réseau ${hub}`, hub, hub])))
    // Partners: one per 40 needs (at least 10), each with one user.
    const partnerCount = Math.max(10, Math.ceil(options.needs / 40))
    const partners = Array.from({ length: partnerCount }, (_, position) => {
      const commune = places.draw(random)
      return { id: `partner-${position}`, user: `user-${position}`, hub: hubOfDept.get(commune.dept)!, commune }
    })
    await copy(client, 'COPY "User" (id, email, name, "createdAt", "updatedAt") FROM STDIN', partners.map((partner) => line([partner.user, `${partner.user}@bench.sillon.example`, `Acheteur ${partner.user}`, iso(now), iso(now)])))
    await copy(
      client,
      'COPY "Organisation" (id, slug, kind, name, status, "homeHubId", "communeInsee", "communeName", "nafCodes", skills, labels, "verifiedAt", "createdAt", "updatedAt") FROM STDIN',
      partners.map((partner) => line([partner.id, partner.id, 'PARTNER', `Donneur d’ordres ${partner.id}`, 'VERIFIED', partner.hub, partner.commune.insee, partner.commune.name, '{}', '{}', '{}', iso(now), iso(now), iso(now)])),
    )

    function* firmRows() {
      for (let position = 0; position < options.firms; position++) {
        const band = drawBand()
        const commune = places.draw(random)
        const topic = pick(topics)
        const second = random() < 0.25 ? pick(topics) : topic
        const first = int(30, 80)
        const description = second === topic ? sentence(topic, first, 0.5) : `${sentence(topic, Math.ceil(first * 0.7), 0.5)} ${sentence(second, Math.floor(first * 0.3), 0.5)}`
        const id = `firm-${String(position).padStart(6, '0')}`
        yield line([
          id,
          id,
          'FIRM',
          `Entreprise ${position}`,
          'VERIFIED',
          hubOfDept.get(commune.dept)!,
          commune.insee,
          commune.name,
          int(band.headcount[0], band.headcount[1]),
          band.band,
          int(1980, 2025),
          array(random() < 0.8 ? [topic.naf] : [pick(NAF_CODES)]),
          array(topicSkills(topic, int(2, 6))),
          '{}',
          description,
          sentence(topic, int(8, 20), 0.5),
          iso(now),
          iso(now),
          iso(now),
        ])
      }
    }
    await copy(
      client,
      'COPY "Organisation" (id, slug, kind, name, status, "homeHubId", "communeInsee", "communeName", headcount, "revenueBand", "foundedYear", "nafCodes", skills, labels, description, offerings, "verifiedAt", "createdAt", "updatedAt") FROM STDIN',
      firmRows(),
    )
    function* referenceRows() {
      for (let position = 0; position < options.firms; position++) {
        const count = random() < 0.6 ? 0 : int(1, 2)
        for (let reference = 0; reference < count; reference++) {
          const topic = pick(topics)
          yield line([`ref-${position}-${reference}`, `firm-${String(position).padStart(6, '0')}`, sentence(topic, int(3, 8), 0.5), sentence(topic, int(8, 20), 0.5), iso(now)])
        }
      }
    }
    await copy(client, 'COPY "Reference" (id, "organisationId", title, description, "createdAt") FROM STDIN', referenceRows())
    log(`${options.firms} firms in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    started = performance.now()
    const shares: string[] = []
    function* needRows() {
      for (let position = 0; position < options.needs; position++) {
        const partner = pick(partners)
        const topic = pick(topics)
        const commune = random() < 0.6 ? partner.commune : places.draw(random)
        const remoteOk = random() < 0.2
        const budgetMax = Math.round(10 ** (4 + random() * 2.4) / 1000) * 1000
        const visibility = random() < 0.72 ? 'PUBLIC' : random() < 0.9 ? 'MEMBERS' : 'INVITE_ONLY'
        const id = `need-${String(position).padStart(6, '0')}`
        if (visibility !== 'PUBLIC' && random() < 0.1) {
          const other = `hub-${pick(HUBS)}`
          if (other !== partner.hub) shares.push(line([id, other, iso(now)]))
        }
        const title = sentence(topic, int(5, 10), 0.6)
        const summary = sentence(topic, int(12, 25), 0.5)
        const description = sentence(topic, int(40, 90), 0.45)
        const needSkills = topicSkills(topic, int(1, 5))
        const published = new Date(now.getTime() - int(0, 90) * DAY_MS)
        const sized = random() < 0.3
        yield line([
          id,
          partner.id,
          partner.hub,
          partner.user,
          pick(['PILOT', 'PROCUREMENT', 'CO_DEVELOPMENT', 'PROOF_OF_CONCEPT']),
          'PUBLISHED',
          title,
          summary,
          description,
          array(needSkills),
          array(random() < 0.5 ? [topic.naf] : []),
          Math.round(budgetMax / 2),
          budgetMax,
          iso(new Date(now.getTime() + int(5, 120) * DAY_MS)),
          commune.insee,
          commune.name,
          remoteOk ? null : int(30, 150),
          remoteOk,
          sized && random() < 0.5 ? int(1, 10) : null,
          null,
          '{}',
          sized && random() < 0.5 ? int(1, 5) : null,
          visibility,
          iso(published),
          iso(published),
          iso(published),
          title,
          `${summary}\n${description}\n${needSkills.join(', ')}`,
        ])
      }
    }
    await copy(
      client,
      `COPY "Need" (id, "partnerId", "hubId", "createdById", kind, status, title, summary, description, skills, "nafCodes", "budgetMinEur", "budgetMaxEur",
        deadline, "communeInsee", "communeName", "radiusKm", "remoteOk", "headcountMin", "headcountMax", "revenueBands", "minAgeYears", visibility,
        "publishedAt", "createdAt", "updatedAt", "searchTitle", "searchBody") FROM STDIN`,
      needRows(),
    )
    await copy(client, 'COPY "NeedShare" ("needId", "hubId", "sharedAt") FROM STDIN', shares)
    log(`${options.needs} needs in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    started = performance.now()
    await client.query('VACUUM (ANALYZE)')
    log(`VACUUM (ANALYZE) in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await client.end()
  }
}
