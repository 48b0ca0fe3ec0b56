/**
 * The demo data set of Sillon: 4 hubs, their staff, 10 corporate partners, 200 digital firms,
 * 40 needs in every status, the matches the workers would compute, applications and two deals,
 * then twelve months of history (seed-history.ts), the programmes and network (seed-programmes.ts)
 * and the membership dues (seed-dues.ts).
 *
 * Deterministic: every choice comes from a seeded PRNG (one stream per section), so two runs on
 * empty databases give the same rows (ids apart). Dates are fixed offsets in days from today at
 * midnight UTC, so that deadlines stay in the future whenever the demo is seeded.
 * All people and companies are fictional; e-mail addresses use the reserved `.example` domain.
 */
import type {
  ApplicationStatus,
  DealStatus,
  DeclineReason,
  MatchingMode,
  MemberRole,
  NeedKind,
  NeedStatus,
  OrgStatus,
  RevenueBand,
  StaffRoleKind,
  Visibility,
} from '#app/generated/prisma/client'
import { hashPassword } from '#app/modules/auth/service.server'
import { communeByInsee, communes, type Commune } from '#app/modules/geo/communes'
import { rankNeed } from '#app/modules/matching/engine/engine'
import { syncFirmIndex } from '#app/modules/matching/firm-index.server'
import { refreshAllMatches, scoreNeed } from '#app/modules/matching/service.server'
import { withSirenCheckDigit } from '#app/modules/organisations/siren'
import { normaliseSearchQuery } from '#app/modules/needs/saved-searches.server'
import { needSearchText } from '#app/modules/needs/search-text'
import { prisma, type Prisma } from '#app/utils/db.server'
import { DEMO_EMAILS, DEMO_PASSWORD, demoAccounts } from './demo-logins'
import { HISTORY_PARTNERS, seedHistory } from './seed-history'
import { DUES_HUB, seedDues } from './seed-dues'
import { seedProgrammes } from './seed-programmes'

// ───────────────────────────── deterministic randomness and dates ─────────────────────────────

const SEED = 0x51_11_0c_26

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

function fnv1a(label: string) {
  let hash = 0x811c9dc5
  for (let index = 0; index < label.length; index++) {
    hash ^= label.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/** A PRNG stream per section: changing one section leaves the others' choices alone. */
export class Rng {
  private readonly next: () => number
  constructor(label: string) {
    this.next = mulberry32(SEED ^ fnv1a(label))
  }
  float() {
    return this.next()
  }
  /** Integer in [min, max]. */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(probability: number) {
    return this.next() < probability
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0)
    let target = this.next() * total
    for (const item of items) {
      target -= weight(item)
      if (target < 0) return item
    }
    return items[items.length - 1]
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1))
      ;[copy[index], copy[other]] = [copy[other], copy[index]]
    }
    return copy
  }
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count)
  }
}

export const DAY_MS = 86_400_000

/** Dates as whole-day offsets from today at midnight UTC (negative: in the past). */
export class Clock {
  readonly base: number
  constructor(now = new Date()) {
    this.base = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  }
  at(dayOffset: number, hour = 9, minute = 0) {
    return new Date(this.base + dayOffset * DAY_MS + (hour * 60 + minute) * 60_000)
  }
  /** The day offset of a date (inverse of `at`, hours dropped). */
  dayOf(date: Date) {
    return Math.floor((date.getTime() - this.base) / DAY_MS)
  }
  /** Moves a date by a number of hours. */
  plusHours(date: Date, hours: number) {
    return new Date(date.getTime() + hours * 3_600_000)
  }
}

// ───────────────────────────── text helpers ─────────────────────────────

function asciiFold(value: string) {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Œœ]/g, (letter) => (letter === 'Œ' ? 'OE' : 'oe'))
    .replace(/[Ææ]/g, (letter) => (letter === 'Æ' ? 'AE' : 'ae'))
}

function slugify(value: string) {
  return asciiFold(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** "à Grenoble", "au Pont-de-Claix", "aux Avenières", "à La Motte-Servolex". */
export function inCommune(name: string) {
  if (name.startsWith('Le ')) return `au ${name.slice(3)}`
  if (name.startsWith('Les ')) return `aux ${name.slice(4)}`
  return `à ${name}`
}

export function joinFrench(items: string[]) {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`
}

export function roundTo(value: number, step: number) {
  return Math.round(value / step) * step
}

// ───────────────────────────── hubs and staff ─────────────────────────────

export type HubSlug = 'digital-grenoble' | 'collectif-annecy' | 'collectif-digital-savoie' | 'valence-numerique'

interface HubSpec {
  slug: HubSlug
  name: string
  shortName: string
  city: string
  dept: string
  /** "en Isère": where the hub's firms work. */
  regionIn: string
  /** Yearly dues, euros taxes included: a corporate partner, and firms by revenue band. */
  dues: { partnerEur: number; firmEur: Record<FirmDuesTier, number> }
  /** Share of the 200 firms. */
  firmCount: number
  /** Communes where digital firms cluster (technology parks), favoured in the draw. */
  techPoles: string[]
  /** The hub agrees to count in the platform view of the analytics. */
  shareAnalytics?: boolean
  /** Members see the partners' charter compliance on their profiles. */
  showCharterCompliance?: boolean
}

type FirmDuesTier = 'small' | 'growth' | 'large'

/**
 * The firms' dues tiers: one plan per revenue band (a plan has one band), the bands of a tier at
 * the same price: under 1 M€, 1 to 10 M€ (the Small Business Act's growth firms), over 10 M€.
 */
const FIRM_DUES_TIERS: Array<{ tier: FirmDuesTier; name: string; bands: RevenueBand[] }> = [
  { tier: 'small', name: 'Adhésion entreprise — moins de 1 M€', bands: ['LT_1M'] },
  { tier: 'growth', name: 'Adhésion entreprise — 1 à 10 M€', bands: ['M1_2M', 'M2_5M', 'M5_10M'] },
  { tier: 'large', name: 'Adhésion entreprise — plus de 10 M€', bands: ['M10_50M', 'GT_50M'] },
]

/** Every hub's yearly plans: the partners' (any size) and the firms' per band. */
function membershipPlans(hub: HubSpec, hubId: string) {
  return [
    { hubId, name: 'Adhésion partenaire grand compte', orgKind: 'PARTNER' as const, revenueBand: null, interval: 'YEAR' as const, amountCents: hub.dues.partnerEur * 100 },
    ...FIRM_DUES_TIERS.flatMap(({ tier, name, bands }) =>
      bands.map((revenueBand) => ({ hubId, name, orgKind: 'FIRM' as const, revenueBand, interval: 'YEAR' as const, amountCents: hub.dues.firmEur[tier] * 100 })),
    ),
  ]
}

const HUBS: HubSpec[] = [
  {
    slug: 'digital-grenoble',
    name: 'Digital Grenoble',
    shortName: 'Grenoble',
    city: 'Grenoble',
    dept: '38',
    regionIn: 'en Isère',
    dues: { partnerEur: 2400, firmEur: { small: 360, growth: 960, large: 1800 } },
    firmCount: 80,
    techPoles: ['38185', '38229', '38249', '38421', '38151', '38140', '38382'],
    shareAnalytics: true,
    showCharterCompliance: true,
  },
  {
    slug: 'collectif-annecy',
    name: "Collectif numérique d'Annecy",
    shortName: 'Annecy',
    city: 'Annecy',
    dept: '74',
    regionIn: 'en Haute-Savoie',
    dues: { partnerEur: 2000, firmEur: { small: 300, growth: 780, large: 1500 } },
    firmCount: 50,
    techPoles: ['74010', '74112', '74012', '74213'],
    shareAnalytics: true,
  },
  {
    slug: 'collectif-digital-savoie',
    name: 'Collectif Digital Savoie',
    shortName: 'Savoie',
    city: 'Chambéry',
    dept: '73',
    regionIn: 'en Savoie',
    dues: { partnerEur: 1800, firmEur: { small: 300, growth: 720, large: 1440 } },
    firmCount: 40,
    techPoles: ['73065', '73051', '73008', '73179'],
  },
  {
    slug: 'valence-numerique',
    name: 'Valence Numérique',
    shortName: 'Valence',
    city: 'Valence',
    dept: '26',
    regionIn: 'dans la Drôme',
    dues: { partnerEur: 1500, firmEur: { small: 240, growth: 600, large: 1200 } },
    firmCount: 30,
    techPoles: ['26362', '26281', '26058'],
  },
]

const DEMO_ACCOUNT_NAME = new Map(demoAccounts.map((account) => [account.email, account.name]))
function demoName(email: string) {
  const name = DEMO_ACCOUNT_NAME.get(email)
  if (!name) throw new Error(`no demo account for ${email}`)
  return name
}

export const STAFF: Array<{ email: string; name: string; hub: HubSlug; role: StaffRoleKind }> = [
  { email: DEMO_EMAILS.moderator, name: demoName(DEMO_EMAILS.moderator), hub: 'digital-grenoble', role: 'MODERATOR' },
  { email: DEMO_EMAILS.admin, name: demoName(DEMO_EMAILS.admin), hub: 'digital-grenoble', role: 'ADMIN' },
  { email: DEMO_EMAILS.moderatorAnnecy, name: demoName(DEMO_EMAILS.moderatorAnnecy), hub: 'collectif-annecy', role: 'MODERATOR' },
  { email: DEMO_EMAILS.adminAnnecy, name: demoName(DEMO_EMAILS.adminAnnecy), hub: 'collectif-annecy', role: 'ADMIN' },
  { email: DEMO_EMAILS.moderatorSavoie, name: demoName(DEMO_EMAILS.moderatorSavoie), hub: 'collectif-digital-savoie', role: 'MODERATOR' },
  { email: DEMO_EMAILS.adminSavoie, name: demoName(DEMO_EMAILS.adminSavoie), hub: 'collectif-digital-savoie', role: 'ADMIN' },
  { email: DEMO_EMAILS.moderatorValence, name: demoName(DEMO_EMAILS.moderatorValence), hub: 'valence-numerique', role: 'MODERATOR' },
  { email: DEMO_EMAILS.adminValence, name: demoName(DEMO_EMAILS.adminValence), hub: 'valence-numerique', role: 'ADMIN' },
]

// ───────────────────────────── people ─────────────────────────────

const FIRST_NAMES = [
  'Adèle', 'Agathe', 'Alice', 'Amandine', 'Anaïs', 'Antoine', 'Arnaud', 'Arthur', 'Aurélie', 'Aurélien',
  'Baptiste', 'Bastien', 'Benoît', 'Camille', 'Caroline', 'Cécile', 'Charlotte', 'Chloé', 'Christophe', 'Claire',
  'Clément', 'Damien', 'Delphine', 'Élise', 'Élodie', 'Émilie', 'Étienne', 'Fabien', 'Florian', 'François',
  'Gaëlle', 'Gaël', 'Guillaume', 'Hélène', 'Hugo', 'Inès', 'Jeanne', 'Jérôme', 'Julie', 'Julien',
  'Justine', 'Laura', 'Laurent', 'Léa', 'Léo', 'Loïc', 'Louise', 'Lucas', 'Lucie', 'Maëlle',
  'Manon', 'Marc', 'Margaux', 'Marie', 'Mathieu', 'Mathilde', 'Maxime', 'Mélanie', 'Nathalie', 'Nicolas',
  'Noémie', 'Océane', 'Olivier', 'Paul', 'Pauline', 'Pierre', 'Quentin', 'Rémi', 'Romain', 'Sabrina',
  'Samuel', 'Sandrine', 'Sébastien', 'Simon', 'Sophie', 'Stéphane', 'Sylvain', 'Thibault', 'Thomas', 'Valentin',
  'Valérie', 'Victor', 'Vincent', 'Virginie', 'Yann', 'Zoé',
]

const LAST_NAMES = [
  'Allemand', 'Arnaud', 'Barbier', 'Baud', 'Bernard', 'Berthet', 'Besson', 'Blanc', 'Bois', 'Bonnet',
  'Bouchet', 'Bouvier', 'Bozon', 'Brun', 'Brunet', 'Buisson', 'Carrel', 'Chabert', 'Chappaz', 'Chardon',
  'Charvet', 'Chatelain', 'Chevallier', 'Collet', 'Collomb', 'Combaz', 'Cottet', 'Coudurier', 'Dufour', 'Dumas',
  'Dupont', 'Durand', 'Excoffier', 'Fabre', 'Favre', 'Ferrand', 'Fournier', 'Gaillard', 'Garnier', 'Gauthier',
  'Girard', 'Giraud', 'Gonnet', 'Grange', 'Gros', 'Guérin', 'Guillot', 'Jacquet', 'Jacquier', 'Joly',
  'Jourdan', 'Lambert', 'Lefebvre', 'Lombard', 'Marchand', 'Martin', 'Martinet', 'Masson', 'Mercier', 'Michaud',
  'Millet', 'Morel', 'Moulin', 'Mugnier', 'Muller', 'Pellet', 'Perret', 'Perrin', 'Petit', 'Pichon',
  'Pollet', 'Porcheron', 'Rey', 'Reymond', 'Richard', 'Rivière', 'Robin', 'Roche', 'Rousseau', 'Roux',
  'Ruffier', 'Sibille', 'Tissot', 'Vallet', 'Vernay', 'Veyrat', 'Viallet', 'Vidal', 'Vuillermoz', 'Chatel',
]

interface PersonDraft {
  email: string
  name: string
  role: MemberRole
}

/** Draws people whose addresses are unique across the whole data set. */
export class People {
  private readonly rng = new Rng('people')
  private readonly emails = new Set<string>()

  reserve(email: string) {
    if (this.emails.has(email)) throw new Error(`duplicate e-mail ${email}`)
    this.emails.add(email)
  }

  draw(domainSlug: string, role: MemberRole): PersonDraft {
    for (;;) {
      const first = this.rng.pick(FIRST_NAMES)
      const last = this.rng.pick(LAST_NAMES)
      const email = `${slugify(first)}.${slugify(last)}@${domainSlug}.example`
      if (this.emails.has(email)) continue
      this.emails.add(email)
      return { email, name: `${first} ${last}`, role }
    }
  }
}

// ───────────────────────────── themes of the digital firms ─────────────────────────────

type ThemeKey = 'industrialAi' | 'health' | 'tourism' | 'cyber' | 'cloud' | 'energy' | 'web' | 'data' | 'embedded'

interface ReferenceTemplate {
  title: string
  description: string
  clientType: string
  outcome: string
}

interface Theme {
  key: ThemeKey
  /** Fits "spécialisée dans …", "autour de …". */
  label: string
  /** Skills, most characteristic first. */
  skills: string[]
  nafCodes: string[]
  names: string[]
  weight: number
  pitches: string[]
  clients: string[]
  offerings: string[]
  references: ReferenceTemplate[]
}

const THEMES: Theme[] = [
  {
    key: 'industrialAi',
    label: 'l’IA industrielle et l’IoT',
    skills: ['iot', 'maintenance prédictive', 'vision industrielle', 'edge computing', 'python', 'pytorch', 'machine learning', 'jumeau numérique', 'mqtt'],
    nafCodes: ['62.01Z', '72.19Z'],
    names: ['{w} Robotique', '{w} Vision', '{w} Analytics', '{w} IA', '{w} Intelligence', '{w} Industrie 4.0'],
    weight: 16,
    pitches: [
      'Elle équipe les machines de capteurs connectés et entraîne des modèles d’apprentissage qui anticipent les pannes avant qu’elles n’arrêtent la production.',
      'Ses ingénieurs déploient des algorithmes de vision et d’analyse de signaux directement en périphérie, au plus près des lignes de production.',
      'Elle transforme les données des automates et des capteurs en indicateurs de maintenance et de qualité exploitables par les équipes d’atelier.',
    ],
    clients: ['des industriels de la mécanique', 'des exploitants hydroélectriques', 'des sous-traitants du décolletage', 'des fabricants de composants'],
    offerings: [
      'Diagnostic « données machines » et feuille de route IA en dix jours',
      'Maintenance prédictive clés en main : capteurs, passerelle edge et tableau de bord',
      'Contrôle qualité par vision industrielle (détection de défauts, mesure)',
      'Jumeau numérique de ligne de production',
      'Formation des équipes méthodes et maintenance à l’exploitation des modèles',
    ],
    references: [
      {
        title: 'Maintenance prédictive d’une ligne d’usinage',
        description: 'Instrumentation de quatorze centres d’usinage et modèle de détection de l’usure des broches.',
        clientType: 'ETI',
        outcome: '−22 % d’arrêts non planifiés la première année',
      },
      {
        title: 'Contrôle visuel de pièces décolletées',
        description: 'Caméras en bout de ligne et modèle de segmentation pour détecter rayures et bavures.',
        clientType: 'PME',
        outcome: 'Taux de détection de 98,5 %, contrôle manuel divisé par trois',
      },
      {
        title: 'Surveillance vibratoire de groupes turbine-alternateur',
        description: 'Capteurs sans fil et analyse spectrale embarquée sur six centrales hydroélectriques.',
        clientType: 'Grand compte',
        outcome: 'Deux avaries détectées trois semaines avant la panne',
      },
      {
        title: 'Jumeau numérique d’un atelier de peinture',
        description: 'Modèle de simulation alimenté en temps réel par les données des automates.',
        clientType: 'Grand compte',
        outcome: '+8 % de capacité sans investissement machine',
      },
      {
        title: 'Passerelle IoT pour le suivi énergétique d’une fonderie',
        description: 'Collecte MQTT des compteurs et des fours, tableau de bord pour l’équipe énergie.',
        clientType: 'ETI',
        outcome: '12 % d’économie d’énergie sur les fours',
      },
      {
        title: 'Comptage de pièces par caméra sur presse',
        description: 'Vision embarquée sur une passerelle edge, remontée des cadences vers le MES.',
        clientType: 'PME',
        outcome: 'Mise en production en six semaines',
      },
    ],
  },
  {
    key: 'health',
    label: 'la santé numérique',
    skills: ['santé numérique', 'hébergement hds', 'interopérabilité', 'hl7 fhir', 'dispositifs médicaux', 'télémédecine'],
    nafCodes: ['62.01Z', '58.29C'],
    names: ['{w} Santé', '{w} Médical', '{w} Care', '{w} e-Santé', '{w} Health'],
    weight: 10,
    pitches: [
      'Elle développe des logiciels de suivi des patients, hébergés sur une infrastructure certifiée pour les données de santé.',
      'Ses équipes maîtrisent les standards d’interopérabilité (HL7 FHIR, messagerie sécurisée) et les exigences du marquage CE des dispositifs médicaux.',
      'Elle conçoit avec les soignants des outils simples qui font gagner du temps aux équipes et fluidifient le parcours patient.',
    ],
    clients: ['des établissements de santé', 'des laboratoires d’analyses', 'des centres de soins', 'des fabricants de dispositifs médicaux'],
    offerings: [
      'Plateforme de télésuivi hébergée HDS',
      'Connecteurs HL7 FHIR vers les dossiers patients informatisés',
      'Accompagnement réglementaire des logiciels dispositifs médicaux',
      'Applications patients et soignants accessibles',
      'Audit de conformité RGPD des données de santé',
    ],
    references: [
      {
        title: 'Télésuivi post-opératoire en chirurgie ambulatoire',
        description: 'Application patient et tableau de bord infirmier pour le suivi à J+1 et J+7.',
        clientType: 'Établissement de santé',
        outcome: '85 % des patients suivis sans appel téléphonique',
      },
      {
        title: 'Connecteur FHIR entre un laboratoire et trois cliniques',
        description: 'Transmission automatisée des résultats d’analyses vers les dossiers patients.',
        clientType: 'PME',
        outcome: 'Délai de transmission ramené de 24 heures à 15 minutes',
      },
      {
        title: 'Prise de rendez-vous en ligne pour un centre de santé',
        description: 'Agenda partagé entre douze praticiens, rappels par SMS et téléconsultation.',
        clientType: 'Collectivité',
        outcome: '40 % des rendez-vous pris en ligne dès le troisième mois',
      },
      {
        title: 'Suivi d’observance d’un dispositif médical connecté',
        description: 'Logiciel embarqué et application compagnon, dossier technique pour le marquage CE.',
        clientType: 'ETI',
        outcome: 'Marquage CE classe IIa obtenu',
      },
      {
        title: 'Migration d’un dossier de soins vers un hébergement HDS',
        description: 'Reprise des données, chiffrement et plan de continuité pour une clinique.',
        clientType: 'Établissement de santé',
        outcome: 'Bascule sans interruption de service',
      },
      {
        title: 'Tableau de bord des parcours en cancérologie',
        description: 'Indicateurs de délais entre consultation, examens et début de traitement.',
        clientType: 'Grand compte',
        outcome: 'Délais de diagnostic suivis en continu par les équipes',
      },
    ],
  },
  {
    key: 'tourism',
    label: 'le numérique du tourisme de montagne',
    skills: ['billetterie', 'réservation en ligne', 'application mobile', 'mobilité', 'flutter', 'e-commerce', 'cartographie'],
    nafCodes: ['58.29C', '62.01Z'],
    names: ['{w} Mobilité', '{w} Tourisme Numérique', '{w} Booking', '{w} Apps', '{w} Outdoor Tech'],
    weight: 10,
    pitches: [
      'Elle conçoit des solutions de billetterie et de réservation pour les stations, les offices de tourisme et les sites de loisirs.',
      'Ses applications mobiles accompagnent les visiteurs de la réservation au retour : forfaits, navettes, informations en temps réel.',
      'Elle aide les acteurs du tourisme à vendre en ligne toute l’année, l’hiver comme l’été.',
    ],
    clients: ['des stations de ski', 'des offices de tourisme', 'des exploitants de remontées mécaniques', 'des collectivités de montagne'],
    offerings: [
      'Billetterie en ligne et rechargement de forfaits',
      'Application mobile de station (Flutter, iOS et Android)',
      'Moteur de réservation d’activités et de cours',
      'Information mobilité et navettes en temps réel',
      'Boutique en ligne et paiement sans contact',
    ],
    references: [
      {
        title: 'Application mobile d’une station-village',
        description: 'Forfaits, plan des pistes interactif, météo et webcams dans une application Flutter.',
        clientType: 'Collectivité',
        outcome: '60 000 téléchargements la première saison',
      },
      {
        title: 'Billetterie en ligne d’un domaine skiable',
        description: 'Vente et rechargement de forfaits avec tarifs selon la date d’achat.',
        clientType: 'Grand compte',
        outcome: '35 % des forfaits vendus en ligne',
      },
      {
        title: 'Réservation des navettes de vallée',
        description: 'Réservation par créneau et suivi des navettes en temps réel pour une communauté de communes.',
        clientType: 'Collectivité',
        outcome: 'Taux de remplissage des navettes +25 %',
      },
      {
        title: 'Site de réservation d’activités estivales',
        description: 'Catalogue, disponibilités et paiement en ligne pour un bureau des guides.',
        clientType: 'PME',
        outcome: 'Chiffre d’affaires en ligne multiplié par deux',
      },
      {
        title: 'Carte interactive des sentiers et refuges',
        description: 'Cartographie hors ligne, état des sentiers et réservation des nuitées en refuge.',
        clientType: 'Collectivité',
        outcome: 'Utilisée par 120 000 randonneurs en un été',
      },
      {
        title: 'Plateforme de location de matériel de ski',
        description: 'Réservation en ligne, prise de mesures à l’avance et retrait express en magasin.',
        clientType: 'PME',
        outcome: 'Temps d’attente en magasin divisé par trois',
      },
    ],
  },
  {
    key: 'cyber',
    label: 'la cybersécurité',
    skills: ['cybersécurité', 'pentest', 'soc', 'iso 27001', 'sécurité ot', 'gestion des identités'],
    nafCodes: ['62.02A', '62.03Z'],
    names: ['{w} Sécurité', '{w} Cyber', '{w} Cyberdéfense', 'Sentinelle {w}', '{w} Protect'],
    weight: 12,
    pitches: [
      'Ses auditeurs réalisent des tests d’intrusion, des audits de configuration et des exercices de crise pour des organisations de toute taille.',
      'Elle opère un centre de supervision de sécurité (SOC) régional, en 24/7, pour les PME, les ETI et les collectivités.',
      'Elle accompagne ses clients vers la certification ISO 27001 et la conformité NIS 2, y compris sur les systèmes industriels.',
    ],
    clients: ['des collectivités', 'des ETI industrielles', 'des établissements de santé', 'des banques régionales'],
    offerings: [
      'Tests d’intrusion applicatifs et réseau',
      'SOC managé et réponse à incident',
      'Accompagnement ISO 27001 et NIS 2',
      'Audit de sécurité des systèmes industriels (OT)',
      'Sensibilisation et exercices de crise cyber',
    ],
    references: [
      {
        title: 'Test d’intrusion d’une application bancaire',
        description: 'Audit en boîte grise de l’application mobile et des API associées.',
        clientType: 'Grand compte',
        outcome: 'Douze vulnérabilités corrigées avant la mise en production',
      },
      {
        title: 'SOC pour une communauté d’agglomération',
        description: 'Collecte des journaux, règles de détection et astreinte pour 1 500 postes.',
        clientType: 'Collectivité',
        outcome: 'Délai moyen de détection ramené à 20 minutes',
      },
      {
        title: 'Certification ISO 27001 d’un éditeur SaaS',
        description: 'Analyse de risques, politique de sécurité et préparation de l’audit de certification.',
        clientType: 'PME',
        outcome: 'Certification obtenue en neuf mois',
      },
      {
        title: 'Segmentation du réseau industriel d’une usine',
        description: 'Cartographie des automates, zones et conduits selon l’IEC 62443.',
        clientType: 'ETI',
        outcome: 'Réseau OT isolé sans arrêt de production',
      },
      {
        title: 'Exercice de crise rançongiciel',
        description: 'Scénario réaliste joué avec la direction, la DSI et la communication.',
        clientType: 'Établissement de santé',
        outcome: 'Plan de continuité révisé et testé',
      },
      {
        title: 'Audit de sécurité des accès distants',
        description: 'Revue des VPN, des comptes à privilèges et déploiement de l’authentification forte.',
        clientType: 'ETI',
        outcome: 'Authentification forte généralisée en trois mois',
      },
    ],
  },
  {
    key: 'cloud',
    label: 'le cloud et le DevOps',
    skills: ['kubernetes', 'devops', 'cloud souverain', 'terraform', 'observabilité', 'linux'],
    nafCodes: ['63.11Z', '62.03Z'],
    names: ['{w} Cloud', '{w} Ops', '{w} Infra', '{w} Hébergement', '{w} Systèmes'],
    weight: 11,
    pitches: [
      'Elle conçoit, migre et exploite des infrastructures sur des clouds souverains, avec une forte culture de l’automatisation.',
      'Ses ingénieurs DevOps industrialisent les déploiements (Kubernetes, Terraform, intégration continue) et l’observabilité des applications.',
      'Elle héberge et infogère des applications critiques dans des centres de données situés en France.',
    ],
    clients: ['des éditeurs de logiciels', 'des ETI', 'des collectivités', 'des start-up en croissance'],
    offerings: [
      'Migration vers un cloud souverain qualifié',
      'Plateformes Kubernetes managées',
      'Infrastructure as code (Terraform) et intégration continue',
      'Observabilité et astreinte 24/7',
      'Audit FinOps et réduction de la facture cloud',
    ],
    references: [
      {
        title: 'Migration d’un ERP vers un cloud souverain',
        description: 'Reprise de 40 serveurs, sauvegardes externalisées et plan de reprise d’activité.',
        clientType: 'ETI',
        outcome: 'Bascule réalisée en un week-end',
      },
      {
        title: 'Plateforme Kubernetes pour un éditeur SaaS',
        description: 'Clusters managés, déploiement continu et environnements de test à la demande.',
        clientType: 'PME',
        outcome: 'Mises en production quotidiennes au lieu de mensuelles',
      },
      {
        title: 'Infogérance du portail d’une métropole',
        description: 'Hébergement redondant, supervision et astreinte pour les démarches en ligne.',
        clientType: 'Collectivité',
        outcome: 'Disponibilité de 99,95 %',
      },
      {
        title: 'Infrastructure as code pour un laboratoire de recherche',
        description: 'Environnements de calcul décrits en Terraform et reconstruits à la demande.',
        clientType: 'Grand compte',
        outcome: 'Environnement complet reproductible en 30 minutes',
      },
      {
        title: 'Observabilité d’une plateforme de paiement',
        description: 'Métriques, traces et alertes corrélées sur l’ensemble des services.',
        clientType: 'Grand compte',
        outcome: 'Incidents détectés avant les utilisateurs dans 90 % des cas',
      },
      {
        title: 'Réduction des coûts cloud d’une place de marché',
        description: 'Revue des ressources, dimensionnement automatique et engagements de consommation.',
        clientType: 'PME',
        outcome: '−35 % sur la facture mensuelle',
      },
    ],
  },
  {
    key: 'energy',
    label: 'la transition énergétique',
    skills: ['énergie', 'efficacité énergétique', 'smart grid', 'hydrogène', 'iot', 'jumeau numérique', 'gestion technique du bâtiment'],
    nafCodes: ['71.12B', '72.19Z'],
    names: ['{w} Énergies', '{w} Smart Grid', '{w} Watt', '{w} Énergie Numérique', '{w} Flux'],
    weight: 9,
    pitches: [
      'Elle développe des logiciels de pilotage des réseaux électriques intelligents et de la production renouvelable.',
      'Elle mesure, analyse et réduit les consommations d’énergie des bâtiments tertiaires et des sites industriels.',
      'Ses ingénieurs conçoivent des systèmes de supervision pour l’hydrogène, le stockage et les réseaux de chaleur.',
    ],
    clients: ['des producteurs d’énergie', 'des gestionnaires de bâtiments', 'des collectivités', 'des industriels électro-intensifs'],
    offerings: [
      'Tableaux de bord énergie et décret tertiaire',
      'Pilotage de flexibilités et de bornes de recharge',
      'Supervision d’électrolyseurs et de stations hydrogène',
      'Audit énergétique instrumenté',
      'Prévision de production solaire et hydraulique',
    ],
    references: [
      {
        title: 'Suivi énergétique de 40 bâtiments publics',
        description: 'Télérelève des compteurs, alertes de dérive et rapport annuel du décret tertiaire.',
        clientType: 'Collectivité',
        outcome: '−14 % de consommation en deux hivers',
      },
      {
        title: 'Pilotage d’une boucle d’autoconsommation collective',
        description: 'Répartition de la production solaire entre vingt consommateurs d’un quartier.',
        clientType: 'Collectivité',
        outcome: '72 % d’autoconsommation',
      },
      {
        title: 'Supervision d’une station hydrogène pour bus',
        description: 'Supervision de l’électrolyseur, du stockage et de la distribution, alarmes et rapports.',
        clientType: 'Grand compte',
        outcome: 'Disponibilité de la station portée à 97 %',
      },
      {
        title: 'Prévision de production d’une centrale photovoltaïque',
        description: 'Modèle de prévision à J+1 à partir des données météo et de l’historique.',
        clientType: 'PME',
        outcome: 'Erreur de prévision réduite de 30 %',
      },
      {
        title: 'Gestion technique centralisée d’un campus tertiaire',
        description: 'Reprise de la GTB, régulation par zone et tableau de bord pour l’exploitant.',
        clientType: 'ETI',
        outcome: 'Facture énergétique −18 %',
      },
      {
        title: 'Optimisation des groupes froids d’une usine agroalimentaire',
        description: 'Instrumentation des compresseurs et pilotage selon les tarifs horaires.',
        clientType: 'ETI',
        outcome: '900 MWh économisés par an',
      },
    ],
  },
  {
    key: 'web',
    label: 'le développement web et mobile',
    skills: ['react', 'typescript', 'node.js', 'ux design', 'accessibilité', 'application mobile', 'e-commerce'],
    nafCodes: ['62.01Z'],
    names: ['{w} Web', '{w} Digital', 'Studio {w}', 'Atelier {w}', '{w} Labs', '{w} Interactive'],
    weight: 14,
    pitches: [
      'Son équipe conçoit et développe des applications web et mobiles sur mesure, de l’atelier UX à la mise en production.',
      'Elle défend un web sobre, accessible et maintenable, construit avec React, TypeScript et Node.js.',
      'Elle reprend, modernise et fait évoluer des portails métiers et des sites de commerce en ligne.',
    ],
    clients: ['des PME', 'des collectivités', 'des ETI', 'des associations'],
    offerings: [
      'Ateliers UX et prototypage',
      'Développement d’applications web React / Node.js',
      'Applications mobiles multiplateformes',
      'Audit et mise en conformité RGAA (accessibilité)',
      'Tierce maintenance applicative',
    ],
    references: [
      {
        title: 'Portail fournisseurs d’un groupe industriel',
        description: 'Dépôt des factures, suivi des commandes et échanges avec les acheteurs.',
        clientType: 'ETI',
        outcome: 'Demandes fournisseurs traitées deux fois plus vite',
      },
      {
        title: 'Refonte accessible du site d’un département',
        description: 'Design system, audit RGAA et formation des contributeurs.',
        clientType: 'Collectivité',
        outcome: 'Conformité RGAA portée à 92 %',
      },
      {
        title: 'Boutique en ligne d’une fromagerie',
        description: 'Catalogue, livraison réfrigérée et abonnements mensuels.',
        clientType: 'PME',
        outcome: 'Ventes en ligne +60 %',
      },
      {
        title: 'Application mobile d’un réseau d’agences',
        description: 'Prise de rendez-vous, documents et messagerie sécurisée avec les conseillers.',
        clientType: 'Grand compte',
        outcome: 'Note de 4,6 sur les magasins d’applications',
      },
      {
        title: 'Espace adhérents d’une fédération sportive',
        description: 'Licences, inscriptions aux compétitions et paiement en ligne.',
        clientType: 'Association',
        outcome: '25 000 comptes actifs',
      },
      {
        title: 'Outil de planification des interventions',
        description: 'Planning partagé entre le bureau et les techniciens, application hors ligne.',
        clientType: 'PME',
        outcome: 'Ressaisies supprimées',
      },
    ],
  },
  {
    key: 'data',
    label: 'la donnée et la business intelligence',
    skills: ['business intelligence', 'data engineering', 'sql', 'data visualisation', 'python', 'machine learning'],
    nafCodes: ['62.02A', '63.11Z', '70.22Z'],
    names: ['{w} Data', '{w} Insights', '{w} BI', '{w} Datalab', '{w} Analytique'],
    weight: 11,
    pitches: [
      'Elle construit des plateformes de données fiables et des tableaux de bord que les équipes métier utilisent vraiment.',
      'Ses data engineers industrialisent la collecte, la qualité et la gouvernance des données, du SQL aux traitements en temps réel.',
      'Elle aide les directions à piloter par la donnée : indicateurs, prévisions et visualisations sur mesure.',
    ],
    clients: ['des distributeurs', 'des collectivités', 'des industriels', 'des transporteurs'],
    offerings: [
      'Entrepôt de données et chaînes d’ingestion',
      'Tableaux de bord Power BI ou open source',
      'Prévisions et modèles statistiques',
      'Gouvernance et qualité des données',
      'Formation des équipes à la data visualisation',
    ],
    references: [
      {
        title: 'Entrepôt de données logistique',
        description: 'Consolidation des données du WMS, du TMS et de la facturation.',
        clientType: 'ETI',
        outcome: 'Indicateurs de service disponibles chaque matin à 7 h',
      },
      {
        title: 'Tableau de bord financier d’une intercommunalité',
        description: 'Suivi de l’exécution budgétaire et des investissements par commune.',
        clientType: 'Collectivité',
        outcome: 'Clôture budgétaire accélérée de deux semaines',
      },
      {
        title: 'Prévision des ventes d’un réseau de magasins',
        description: 'Modèle de prévision par produit et par magasin, intégré au réassort.',
        clientType: 'ETI',
        outcome: 'Ruptures de stock −20 %',
      },
      {
        title: 'Optimisation des tournées de livraison',
        description: 'Analyse des historiques de tournées et recommandations de découpage.',
        clientType: 'PME',
        outcome: '−11 % de kilomètres parcourus',
      },
      {
        title: 'Plateforme de données de mobilité',
        description: 'Collecte des comptages et de la fréquentation, publication en données ouvertes.',
        clientType: 'Collectivité',
        outcome: 'Jeux de données publiés chaque semaine',
      },
      {
        title: 'Analyse de la qualité de production',
        description: 'Croisement des mesures qualité et des paramètres machines pour expliquer les rebuts.',
        clientType: 'Grand compte',
        outcome: 'Causes de rebut identifiées en quelques heures',
      },
    ],
  },
  {
    key: 'embedded',
    label: 'l’électronique embarquée',
    skills: ['électronique embarquée', 'c++', 'rtos', 'fpga', 'iot', 'linux embarqué'],
    nafCodes: ['26.51B', '72.19Z'],
    names: ['{w} Électronique', '{w} Embarqué', '{w} Systèmes Embarqués', '{w} Silicium', '{w} Instruments'],
    weight: 7,
    pitches: [
      'Elle conçoit des cartes électroniques et le logiciel embarqué temps réel qui les anime, du prototype à la série.',
      'Ses ingénieurs développent en C++ sur microcontrôleurs et FPGA pour des produits connectés basse consommation.',
      'Elle accompagne les industriels de la conception électronique à l’industrialisation et à la certification de leurs produits.',
    ],
    clients: ['des équipementiers', 'des fabricants d’instruments', 'des industriels du médical', 'des start-up deeptech'],
    offerings: [
      'Conception de cartes électroniques',
      'Logiciel embarqué temps réel (RTOS, Linux embarqué)',
      'Développement FPGA',
      'Capteurs connectés basse consommation',
      'Bancs de test et industrialisation',
    ],
    references: [
      {
        title: 'Capteur autonome de surveillance d’ouvrages',
        description: 'Mesure d’inclinaison et de vibrations, transmission LoRaWAN.',
        clientType: 'Grand compte',
        outcome: 'Autonomie de cinq ans sur pile',
      },
      {
        title: 'Banc de test de cartes de puissance',
        description: 'Banc automatisé avec traçabilité des mesures par numéro de série.',
        clientType: 'ETI',
        outcome: 'Temps de test divisé par quatre',
      },
      {
        title: 'Traitement du signal sur FPGA pour un instrument de mesure',
        description: 'Filtrage et détection en temps réel sur un FPGA de milieu de gamme.',
        clientType: 'PME',
        outcome: 'Latence inférieure à 10 µs',
      },
      {
        title: 'Passerelle LoRaWAN pour un réseau de chaleur',
        description: 'Relève à distance des compteurs et détection des fuites.',
        clientType: 'Collectivité',
        outcome: '350 compteurs relevés à distance',
      },
      {
        title: 'Refonte du logiciel embarqué d’un dispositif médical',
        description: 'Passage sur un RTOS et documentation selon l’IEC 62304.',
        clientType: 'ETI',
        outcome: 'Dossier de conformité accepté sans réserve',
      },
      {
        title: 'Carte de pilotage d’un électrolyseur',
        description: 'Électronique de commande et logiciel de sécurité pour un prototype.',
        clientType: 'PME',
        outcome: 'Premier prototype livré en quatre mois',
      },
    ],
  },
]

/** Local specialities: which themes each hub's firms lean towards. */
const HUB_AFFINITY: Record<HubSlug, Partial<Record<ThemeKey, number>>> = {
  'digital-grenoble': { industrialAi: 1.6, embedded: 1.8, energy: 1.3, cyber: 1.1 },
  'collectif-annecy': { tourism: 1.5, health: 1.4, industrialAi: 1.2 },
  'collectif-digital-savoie': { tourism: 1.7, energy: 1.5, cloud: 1.1 },
  'valence-numerique': { web: 1.4, data: 1.4, cyber: 1.2 },
}

const ALPINE_WORDS = [
  'Belledonne', 'Vercors', 'Oisans', 'Névé', 'Sérac', 'Moraine', 'Crête', 'Adret', 'Ubac', 'Cime',
  'Combe', 'Gentiane', 'Edelweiss', 'Aravis', 'Bauges', 'Lauze', 'Mélèze', 'Arolle', 'Chamois', 'Bouquetin',
  'Marmotte', 'Grésivaudan', 'Trièves', 'Taillefer', 'Écrins', 'Vanoise', 'Beaufortain', 'Maurienne', 'Tarentaise', 'Semnoz',
  'Salève', 'Chablais', 'Faucigny', 'Diois', 'Royans', 'Galibier', 'Iseran', 'Granier', 'Nivolet', 'Moucherotte',
  'Tournette', 'Parmelan', 'Cairn', 'Piolet', 'Cordée', 'Bivouac', 'Alpage', 'Torrent', 'Glacier', 'Rimaye',
  'Lapiaz', 'Versant', 'Arête', 'Aiguille', 'Dôme', 'Séracs', 'Firn', 'Bergerie', 'Balme', 'Chartrousin',
]

// ───────────────────────────── organisations ─────────────────────────────

export type PartnerKey =
  | 'alpiva'
  | 'iseresc'
  | 'chartreuse'
  | 'dauphinoise'
  | 'mbsante'
  | 'bal'
  | 'remontees'
  | 'hydrelia'
  | 'savlog'
  | 'valentia'
  | 'alpeshabitat'
  | 'rhonevercors'
  | 'drome-cartonnages'
  | 'vercors-sante'

export interface PartnerSpec {
  key: PartnerKey
  name: string
  hub: HubSlug
  communeInsee: string
  nafCodes: string[]
  headcount: number
  foundedYear: number
  description: string
  /** Users besides the owner (drawn). */
  extraUsers: number
  /** Defaults to VERIFIED; a PENDING partner waits for the hub's verification. */
  status?: 'VERIFIED' | 'PENDING'
  /** History needs (prisma/seed-history.ts): the partners whose needs this one's resemble. */
  resembles?: PartnerKey[]
}

const PARTNERS: PartnerSpec[] = [
  {
    key: 'alpiva',
    name: 'Alpiva Énergie',
    hub: 'digital-grenoble',
    communeInsee: '38185',
    nafCodes: ['35.11Z', '35.14Z'],
    headcount: 4200,
    foundedYear: 1987,
    description:
      'Producteur et fournisseur d’électricité d’origine hydraulique et solaire, Alpiva Énergie exploite une quarantaine de centrales dans les Alpes du Nord. Le groupe s’appuie sur les entreprises numériques de la région pour moderniser la maintenance de ses ouvrages et piloter sa production au plus près de la demande.',
    extraUsers: 1,
  },
  {
    key: 'iseresc',
    name: 'Isère Semi-conducteurs',
    hub: 'digital-grenoble',
    communeInsee: '38140',
    nafCodes: ['26.11Z'],
    headcount: 6800,
    foundedYear: 1992,
    description:
      'Fabricant de composants semi-conducteurs pour l’automobile et l’industrie, Isère Semi-conducteurs exploite deux salles blanches dans le Grésivaudan. L’entreprise cherche des partenaires pour le contrôle qualité automatisé, l’analyse des données de production et l’outillage de test.',
    extraUsers: 1,
  },
  {
    key: 'chartreuse',
    name: 'Chartreuse Industries',
    hub: 'digital-grenoble',
    communeInsee: '38563',
    nafCodes: ['28.29B', '22.29A'],
    headcount: 1350,
    foundedYear: 1971,
    description:
      'Groupe industriel familial spécialisé dans les machines de conditionnement et la plasturgie, Chartreuse Industries compte cinq usines en Isère. Sa feuille de route « usine connectée » passe par des projets pilotes menés avec des PME du numérique.',
    extraUsers: 0,
  },
  {
    key: 'dauphinoise',
    name: 'Dauphinoise de Transport',
    hub: 'digital-grenoble',
    communeInsee: '38151',
    nafCodes: ['49.39A', '49.31Z'],
    headcount: 2100,
    foundedYear: 1958,
    description:
      'Opérateur de transport interurbain et scolaire en Isère et dans la Drôme, Dauphinoise de Transport exploite près de 900 cars. L’entreprise modernise l’information voyageurs, la planification et la maintenance d’une flotte en cours d’électrification.',
    extraUsers: 1,
  },
  {
    key: 'mbsante',
    name: 'Mont-Blanc Santé',
    hub: 'collectif-annecy',
    communeInsee: '74010',
    nafCodes: ['86.10Z'],
    headcount: 5400,
    foundedYear: 1998,
    description:
      'Groupement hospitalier privé de Haute-Savoie (trois cliniques et cinq centres de consultation), Mont-Blanc Santé développe le suivi des patients à domicile et l’échange sécurisé de données avec la médecine de ville.',
    extraUsers: 1,
  },
  {
    key: 'bal',
    name: 'Banque Alpine du Léman',
    hub: 'collectif-annecy',
    communeInsee: '74012',
    nafCodes: ['64.19Z'],
    headcount: 1900,
    foundedYear: 1923,
    description:
      'Banque coopérative régionale du Genevois et du Chablais, la Banque Alpine du Léman accompagne particuliers, frontaliers et entreprises. Elle ouvre ses projets de sécurité, de lutte contre la fraude et d’expérience client aux entreprises numériques du territoire.',
    extraUsers: 0,
  },
  {
    key: 'remontees',
    name: 'Remontées du Grand Massif SA',
    hub: 'collectif-annecy',
    communeInsee: '74081',
    nafCodes: ['49.39C'],
    headcount: 650,
    foundedYear: 1968,
    description:
      'Exploitant de remontées mécaniques sur cinq stations de Haute-Savoie, la société gère 70 appareils et accueille un million de journées-skieurs par an. Elle développe l’activité quatre saisons et la vente en ligne.',
    extraUsers: 1,
  },
  {
    key: 'hydrelia',
    name: 'Hydrelia Groupe',
    hub: 'collectif-digital-savoie',
    communeInsee: '73065',
    nafCodes: ['35.11Z', '36.00Z'],
    headcount: 3100,
    foundedYear: 1979,
    description:
      'Hydrelia Groupe produit de l’hydroélectricité et gère des services d’eau pour des collectivités savoyardes. Le groupe investit dans l’hydrogène vert et dans la modernisation de son informatique.',
    extraUsers: 1,
  },
  {
    key: 'savlog',
    name: 'Savoie Logistique',
    hub: 'collectif-digital-savoie',
    communeInsee: '73171',
    nafCodes: ['52.10B', '49.41A'],
    headcount: 780,
    foundedYear: 1985,
    description:
      'Prestataire logistique et transporteur régional, Savoie Logistique exploite trois plateformes entre Chambéry et Albertville pour la grande distribution et l’industrie. Elle numérise le suivi de ses flux d’entrepôt.',
    extraUsers: 0,
  },
  {
    key: 'valentia',
    name: 'Valentia Agro',
    hub: 'valence-numerique',
    communeInsee: '26362',
    nafCodes: ['10.39A', '46.31Z'],
    headcount: 1150,
    foundedYear: 1964,
    description:
      'Coopérative agroalimentaire de la Drôme (fruits, légumes et plats cuisinés), Valentia Agro réunit 600 producteurs. Elle travaille sur la traçabilité de la parcelle à l’usine et sur la sobriété énergétique de ses sites de transformation.',
    extraUsers: 0,
  },
]

interface ReferenceDraft {
  title: string
  description: string
  clientType: string
  year: number
  outcome: string
}

export interface OrgDraft {
  slug: string
  kind: 'PARTNER' | 'FIRM'
  name: string
  siren: string
  status: OrgStatus
  statusReason: string | null
  hub: HubSlug
  commune: Commune
  headcount: number
  revenueBand: RevenueBand
  foundedYear: number
  nafCodes: string[]
  skills: string[]
  labels: string[]
  description: string
  offerings: string
  createdAt: Date
  verifiedAt: Date | null
  charter: boolean
  themes: ThemeKey[]
  references: ReferenceDraft[]
  users: PersonDraft[]
}

export function commune(insee: string) {
  const found = communeByInsee(insee)
  if (!found) throw new Error(`unknown commune ${insee}`)
  return found
}

/** Unique, valid SIRENs (first digit 3–9 like most real ones). */
export class Sirens {
  private readonly rng = new Rng('siren')
  private readonly used = new Set<string>()
  next() {
    for (;;) {
      let digits = String(this.rng.int(3, 9))
      for (let index = 0; index < 7; index++) digits += String(this.rng.int(0, 9))
      const siren = withSirenCheckDigit(digits)
      if (this.used.has(siren)) continue
      this.used.add(siren)
      return siren
    }
  }
}

const BANDS: Array<{ band: RevenueBand; weight: number; headcount: [number, number]; founded: [number, number] }> = [
  { band: 'LT_1M', weight: 55, headcount: [2, 12], founded: [2008, 2024] },
  { band: 'M1_2M', weight: 13, headcount: [8, 20], founded: [2005, 2022] },
  { band: 'M2_5M', weight: 12, headcount: [15, 45], founded: [2000, 2021] },
  { band: 'M5_10M', weight: 10, headcount: [35, 90], founded: [1998, 2019] },
  { band: 'M10_50M', weight: 10, headcount: [80, 250], founded: [1995, 2015] },
]

export const DEMO_FIRM_SLUG = 'belledonne-vision'

function demoFirm(sirens: Sirens, clock: Clock, people: People): OrgDraft {
  const slug = DEMO_FIRM_SLUG
  people.reserve(DEMO_EMAILS.firm)
  const createdAt = clock.at(-420, 10, 12)
  return {
    slug,
    kind: 'FIRM',
    name: 'Belledonne Vision',
    siren: sirens.next(),
    status: 'VERIFIED',
    statusReason: null,
    hub: 'digital-grenoble',
    commune: commune('38229'),
    headcount: 24,
    revenueBand: 'M2_5M',
    foundedYear: 2016,
    nafCodes: ['62.01Z', '72.19Z'],
    skills: ['iot', 'edge computing', 'maintenance prédictive', 'vision industrielle', 'python', 'pytorch'],
    labels: ['French Tech'],
    description:
      'Belledonne Vision est une PME fondée en 2016 à Meylan, au cœur d’Inovallée, spécialisée dans l’IA industrielle et l’IoT. Elle instrumente les équipements de ses clients, analyse images et vibrations directement en périphérie (edge computing) et livre des modèles de maintenance prédictive et de contrôle visuel que les équipes d’atelier s’approprient. Ses 24 ingénieurs travaillent pour des industriels, des énergéticiens et des exploitants d’infrastructures des Alpes.',
    offerings: [
      '- Maintenance prédictive clés en main : capteurs, passerelle edge, modèles et tableau de bord',
      '- Contrôle qualité par vision industrielle (détection de défauts, métrologie)',
      '- Diagnostic « données machines » et feuille de route IA en dix jours',
      '- Transfert de compétences Python / PyTorch aux équipes méthodes',
    ].join('\n'),
    createdAt,
    verifiedAt: clock.plusHours(createdAt, 50),
    charter: false,
    themes: ['industrialAi'],
    references: [
      {
        title: 'Surveillance vibratoire de turbines Pelton',
        description: 'Capteurs sans fil et détection d’anomalies embarquée sur quatre centrales de montagne.',
        clientType: 'Grand compte',
        year: 2024,
        outcome: 'Une fissure d’auget détectée six semaines avant l’arrêt programmé',
      },
      {
        title: 'Contrôle visuel de pièces décolletées',
        description: 'Caméras en bout de ligne et modèle PyTorch déployé sur une passerelle edge.',
        clientType: 'PME',
        year: 2023,
        outcome: 'Taux de détection de 98,7 %, contrôle manuel divisé par trois',
      },
      {
        title: 'Maintenance prédictive des compresseurs d’un site chimique',
        description: 'Collecte MQTT, modèles d’usure et alertes dans la GMAO existante.',
        clientType: 'ETI',
        year: 2022,
        outcome: '−18 % d’arrêts non planifiés',
      },
    ],
    users: [
      { email: DEMO_EMAILS.firm, name: demoName(DEMO_EMAILS.firm), role: 'OWNER' },
      people.draw(slug, 'MEMBER'),
    ],
  }
}

function buildPartners(sirens: Sirens, clock: Clock, people: People, specs = PARTNERS, label = 'partners'): OrgDraft[] {
  const rng = new Rng(label)
  if (specs === PARTNERS) people.reserve(DEMO_EMAILS.partner)
  return specs.map((spec) => {
    const slug = slugify(spec.name)
    const createdAt = clock.at(spec.status === 'PENDING' ? -rng.int(2, 9) : -rng.int(600, 900), rng.int(8, 16), rng.int(0, 59))
    const owner: PersonDraft =
      spec.key === 'alpiva' ? { email: DEMO_EMAILS.partner, name: demoName(DEMO_EMAILS.partner), role: 'OWNER' } : people.draw(slug, 'OWNER')
    const users = [owner]
    for (let index = 0; index < spec.extraUsers; index++) users.push(people.draw(slug, 'MEMBER'))
    return {
      slug,
      kind: 'PARTNER' as const,
      name: spec.name,
      siren: sirens.next(),
      status: spec.status ?? 'VERIFIED',
      statusReason: null,
      hub: spec.hub,
      commune: commune(spec.communeInsee),
      headcount: spec.headcount,
      revenueBand: 'GT_50M' as const,
      foundedYear: spec.foundedYear,
      nafCodes: spec.nafCodes,
      skills: [],
      labels: [],
      description: spec.description,
      offerings: '',
      createdAt,
      verifiedAt: spec.status === 'PENDING' ? null : clock.plusHours(createdAt, 30),
      charter: spec.status !== 'PENDING',
      themes: [],
      references: [],
      users,
    }
  })
}

function buildFirms(sirens: Sirens, clock: Clock, people: People): OrgDraft[] {
  const rng = new Rng('firms')
  const firms: OrgDraft[] = [demoFirm(sirens, clock, people)]
  const usedNames = new Set(firms.map((firm) => firm.name))
  const usedSlugs = new Set([...firms.map((firm) => firm.slug), ...PARTNERS.map((partner) => slugify(partner.name))])

  // Home hubs in the required proportions (the demo firm counts for Grenoble), in a shuffled order.
  const hubsToDraw: HubSlug[] = []
  for (const hub of HUBS) for (let index = 0; index < hub.firmCount - (hub.slug === 'digital-grenoble' ? 1 : 0); index++) hubsToDraw.push(hub.slug)
  const hubOrder = rng.shuffle(hubsToDraw)

  // Communes of each département with at least 2,000 inhabitants and their own coordinates,
  // weighted by population, technology parks boosted.
  const communesByHub = new Map(
    HUBS.map((hub) => [
      hub.slug,
      communes.filter((entry) => entry.dept === hub.dept && entry.population >= 2000 && entry.coordSource === 'commune'),
    ]),
  )

  for (const hubSlug of hubOrder) {
    const hub = HUBS.find((entry) => entry.slug === hubSlug)!
    const affinity = HUB_AFFINITY[hubSlug]
    const primary = rng.weighted(THEMES, (theme) => theme.weight * (affinity[theme.key] ?? 1))
    const secondary = rng.chance(0.4) ? rng.weighted(THEMES.filter((theme) => theme.key !== primary.key), (theme) => theme.weight) : null

    let name = ''
    for (;;) {
      name = rng.pick(primary.names).replace('{w}', rng.pick(ALPINE_WORDS))
      if (!usedNames.has(name) && !usedSlugs.has(slugify(name))) break
    }
    usedNames.add(name)
    const slug = slugify(name)
    usedSlugs.add(slug)

    const place = rng.weighted(communesByHub.get(hubSlug)!, (entry) => entry.population * (hub.techPoles.includes(entry.insee) ? 3 : 1))
    const band = rng.weighted(BANDS, (entry) => entry.weight)
    const [minHead, maxHead] = band.headcount
    const headcount = minHead + Math.floor(rng.float() ** 1.6 * (maxHead - minHead + 1))
    const foundedYear = rng.int(band.founded[0], band.founded[1])

    // Skills: 3–5 of the main theme (the characteristic ones more likely), 1–2 of the second.
    const skills: string[] = []
    const mainCount = rng.int(3, 5)
    const mainPool = [...primary.skills]
    while (skills.length < mainCount && mainPool.length > 0) {
      const skill = rng.weighted(mainPool, (candidate) => mainPool.length - mainPool.indexOf(candidate) + 2)
      mainPool.splice(mainPool.indexOf(skill), 1)
      skills.push(skill)
    }
    if (secondary) {
      for (const skill of rng.sample(secondary.skills.slice(0, 5), rng.int(1, 2))) if (!skills.includes(skill)) skills.push(skill)
    }

    const nafCodes = [rng.pick(primary.nafCodes)]
    if (secondary && rng.chance(0.5) && !nafCodes.includes(secondary.nafCodes[0])) nafCodes.push(secondary.nafCodes[0])

    const labels: string[] = []
    if (rng.chance(band.band === 'LT_1M' ? 0.12 : 0.3)) labels.push('French Tech')
    if (foundedYear >= 2017 && (primary.key === 'industrialAi' || primary.key === 'embedded' || primary.key === 'health') && rng.chance(0.35)) {
      labels.push('Jeune entreprise innovante')
    }

    const description = firmDescription(rng, { name, primary, secondary, place, foundedYear, headcount, hub })
    const offerings = rng
      .sample(primary.offerings, rng.int(2, 3))
      .concat(secondary && rng.chance(0.5) ? [rng.pick(secondary.offerings)] : [])
      .map((line) => `- ${line}`)
      .join('\n')

    const referenceCount = rng.int(1, 3)
    const references = rng.sample(primary.references, referenceCount).map((template) => ({
      ...template,
      year: rng.int(Math.max(foundedYear + 1, 2015), 2025),
    }))
    references.sort((a, b) => b.year - a.year)

    const createdAt = clock.at(-rng.int(40, 900), rng.int(8, 18), rng.int(0, 59))
    const users = [people.draw(slug, 'OWNER')]
    if (rng.chance(headcount >= 15 ? 0.5 : 0.2)) users.push(people.draw(slug, 'MEMBER'))

    firms.push({
      slug,
      kind: 'FIRM',
      name,
      siren: sirens.next(),
      status: 'VERIFIED',
      statusReason: null,
      hub: hubSlug,
      commune: place,
      headcount,
      revenueBand: band.band,
      foundedYear,
      nafCodes,
      skills,
      labels,
      description,
      offerings,
      createdAt,
      verifiedAt: clock.plusHours(createdAt, rng.int(20, 200)),
      charter: false,
      themes: secondary ? [primary.key, secondary.key] : [primary.key],
      references,
      users,
    })
  }

  // About 90 % verified: some recent sign-ups wait for their hub, two were refused, one is suspended.
  const others = rng.shuffle(firms.slice(1))
  const pending = others.slice(0, 15)
  const rejected = others.slice(15, 17)
  const suspended = others.slice(17, 18)
  for (const firm of pending) {
    firm.status = 'PENDING'
    firm.createdAt = clock.at(-rng.int(1, 20), rng.int(8, 18), rng.int(0, 59))
    firm.verifiedAt = null
  }
  const rejectionReasons = [
    'Le numéro SIREN correspond à une activité de négoce sans lien avec le numérique.',
    'Entreprise déjà inscrite sous un autre nom ; merci d’utiliser le compte existant.',
  ]
  rejected.forEach((firm, index) => {
    firm.status = 'REJECTED'
    firm.verifiedAt = null
    firm.statusReason = rejectionReasons[index % rejectionReasons.length]
  })
  for (const firm of suspended) {
    firm.status = 'SUSPENDED'
    firm.statusReason = 'Suspendue à la demande de l’entreprise pendant une procédure de cession.'
  }
  return firms
}

function firmDescription(
  rng: Rng,
  input: { name: string; primary: Theme; secondary: Theme | null; place: Commune; foundedYear: number; headcount: number; hub: HubSpec },
) {
  const { name, primary, secondary, place, foundedYear, headcount, hub } = input
  const kind = headcount <= 10 ? (foundedYear >= 2018 ? 'jeune pousse' : 'TPE') : 'PME'
  const where = inCommune(place.name)
  const clients = joinFrench(rng.sample(primary.clients, 2))
  const openers = [
    `${name} est une ${kind} fondée en ${foundedYear} ${where}, spécialisée dans ${primary.label}.`,
    `Installée ${where} depuis ${foundedYear}, ${name} accompagne ${clients} dans ${primary.label}.`,
    `Créée en ${foundedYear} ${where}, ${name} réunit ${headcount} personnes autour de ${primary.label}.`,
    `Basée ${where}, ${name} conçoit des solutions pour ${primary.label} depuis ${foundedYear}.`,
  ]
  const sentences = [rng.pick(openers), rng.pick(primary.pitches)]
  if (secondary) sentences.push(`Elle intervient aussi sur ${secondary.label}, notamment pour ${rng.pick(secondary.clients)} ${hub.regionIn}.`)
  else if (rng.chance(0.6)) sentences.push(`Elle travaille pour ${clients} ${hub.regionIn} et dans tout le sillon alpin.`)
  return sentences.join(' ')
}

// ───────────────────────────── needs ─────────────────────────────

export interface NeedSpec {
  partner: PartnerKey
  status: NeedStatus
  kind: NeedKind
  title: string
  summary: string
  context: string
  deliverables: string[]
  skills: string[]
  nafCodes: string[]
  budget: [number, number]
  /** Days from today (negative: the deadline has passed). */
  deadline: number
  /** Days between the deadline and the expected start. */
  startAfter: number
  /** Defaults to the partner's commune. */
  communeInsee?: string
  radiusKm?: number
  remoteOk?: boolean
  headcount?: [number | null, number | null]
  revenueBands?: RevenueBand[]
  minAgeYears?: number
  visibility?: Visibility
  matchingMode?: MatchingMode
  shareWith?: HubSlug[]
  moderationComment?: string
  /** Published needs: days since publication. */
  publishedDaysAgo?: number
  /** ARCHIVED: whether it had been published (then closed) or was an abandoned draft. */
  archivedFrom?: 'CLOSED' | 'DRAFT'
  applications?: { count: number; shortlisted?: number; declineLast?: boolean; withDemoFirm?: boolean }
  deal?: 'PILOT' | 'CONTRACT'
  /** Created by the partner's second user rather than the owner. */
  bySecondUser?: boolean
}

const GROWTH_BANDS: RevenueBand[] = ['M1_2M', 'M2_5M', 'M5_10M']

export const NEEDS: NeedSpec[] = [
  // ── Alpiva Énergie (Grenoble) — the demo partner
  {
    partner: 'alpiva',
    status: 'PUBLISHED',
    kind: 'PILOT',
    title: 'Maintenance prédictive des turbines de nos centrales hydroélectriques',
    summary: 'Anticiper les avaries des groupes turbine-alternateur de trois centrales de l’Oisans grâce aux données vibratoires et de process.',
    context:
      'Nos trois centrales de l’Oisans totalisent neuf groupes turbine-alternateur, équipés de capteurs de vibrations et de température dont les données sont aujourd’hui archivées sans être exploitées. Les arrêts non planifiés nous coûtent chaque année plusieurs centaines de MWh de production perdue.',
    deliverables: [
      'Collecte fiable des mesures existantes et, si besoin, capteurs complémentaires',
      'Modèles de détection d’anomalies et d’estimation de l’usure des paliers',
      'Alertes intégrées à notre GMAO et tableau de bord pour l’équipe maintenance',
    ],
    skills: ['maintenance prédictive', 'iot', 'python', 'machine learning'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [60_000, 150_000],
    deadline: 35,
    startAfter: 30,
    radiusKm: 80,
    shareWith: ['collectif-digital-savoie'],
    publishedDaysAgo: 16,
    applications: { count: 3, shortlisted: 1 },
  },
  {
    partner: 'alpiva',
    status: 'PUBLISHED',
    kind: 'PROCUREMENT',
    title: 'Tableau de bord énergie des bâtiments tertiaires',
    summary: 'Un tableau de bord unique des consommations de nos 28 bâtiments de bureaux, pour suivre nos objectifs du décret tertiaire.',
    context:
      'Nos 28 bâtiments tertiaires (sièges, agences, ateliers) disposent de compteurs communicants mais de trois outils de suivi différents. Nous voulons un tableau de bord unique, compréhensible par les responsables de site, et un export annuel pour la plateforme du décret tertiaire.',
    deliverables: [
      'Connexion aux compteurs et aux données de facturation',
      'Tableau de bord par site avec comparaison aux années de référence',
      'Alertes de dérive et rapport annuel automatisé',
    ],
    skills: ['business intelligence', 'data visualisation', 'efficacité énergétique', 'sql'],
    nafCodes: ['62.02A', '71.12B'],
    budget: [25_000, 60_000],
    deadline: 21,
    startAfter: 21,
    radiusKm: 60,
    headcount: [null, 50],
    publishedDaysAgo: 11,
    applications: { count: 2 },
  },
  {
    partner: 'alpiva',
    status: 'PUBLISHED',
    kind: 'PROOF_OF_CONCEPT',
    title: 'Prévision de production photovoltaïque à l’heure près',
    summary: 'Prévoir heure par heure la production de nos centrales solaires au sol pour mieux vendre sur le marché infrajournalier.',
    context:
      'Nous exploitons douze centrales photovoltaïques au sol dans l’Isère et la Drôme. Nos prévisions actuelles, fondées sur un service météo générique, se trompent fortement par temps de brouillard en vallée, ce qui pèse sur nos ventes en infrajournalier.',
    deliverables: [
      'Modèle de prévision à H+1 et J+1 par centrale',
      'Comparaison chiffrée avec nos prévisions actuelles sur trois mois',
      'API de mise à disposition des prévisions',
    ],
    skills: ['python', 'machine learning', 'data engineering', 'énergie'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [30_000, 70_000],
    deadline: 48,
    startAfter: 20,
    remoteOk: true,
    revenueBands: GROWTH_BANDS,
    publishedDaysAgo: 4,
  },
  {
    partner: 'alpiva',
    status: 'SUBMITTED',
    kind: 'CO_DEVELOPMENT',
    title: 'Jumeau numérique d’un poste source',
    summary: 'Co-développer le jumeau numérique d’un poste de transformation pour simuler les effets de nouveaux raccordements.',
    context:
      'Le poste source de Vizille reçoit de plus en plus de demandes de raccordement de production solaire. Nous voulons simuler l’effet de ces raccordements et des flexibilités locales avant d’investir, avec un partenaire prêt à co-construire l’outil avec nos ingénieurs réseau.',
    deliverables: [
      'Modèle du poste et de ses départs alimenté par nos mesures',
      'Scénarios de raccordement et de flexibilité comparables',
      'Interface de simulation utilisable par nos ingénieurs',
    ],
    skills: ['jumeau numérique', 'smart grid', 'iot', 'python'],
    nafCodes: ['71.12B', '72.19Z'],
    budget: [80_000, 200_000],
    deadline: 55,
    startAfter: 30,
    radiusKm: 80,
  },
  {
    partner: 'alpiva',
    status: 'DRAFT',
    kind: 'PILOT',
    title: 'Pilotage des bornes de recharge de la flotte d’entreprise',
    summary: 'Piloter la recharge de nos 140 véhicules électriques selon la production de nos centrales et les heures creuses.',
    context:
      'Notre flotte de 140 véhicules de service passe à l’électrique et nos sites accueillent 90 bornes de recharge. Nous voulons piloter la recharge selon la disponibilité de notre production renouvelable et les contraintes de puissance de chaque site.',
    deliverables: [
      'Supervision des bornes existantes (protocole OCPP)',
      'Algorithme de pilotage de la recharge par site',
      'Rapport mensuel d’énergie consommée et d’économies',
    ],
    skills: ['smart grid', 'iot', 'node.js', 'énergie'],
    nafCodes: ['71.12B', '62.01Z'],
    budget: [40_000, 90_000],
    deadline: 50,
    startAfter: 30,
    radiusKm: 60,
  },
  {
    partner: 'alpiva',
    status: 'CHANGES_REQUESTED',
    kind: 'PROCUREMENT',
    title: 'Audit de cybersécurité de nos sites de production',
    summary: 'Audit de sécurité des systèmes de contrôle-commande de nos centrales, en vue de la conformité NIS 2.',
    context:
      'En tant qu’opérateur d’énergie, nous entrons dans le périmètre de la directive NIS 2. Nous souhaitons un audit de la sécurité de nos systèmes de contrôle-commande et des accès distants des centrales, suivi d’un plan de remédiation priorisé.',
    deliverables: [
      'Cartographie des systèmes industriels et des flux',
      'Audit des accès distants et des configurations',
      'Plan de remédiation priorisé et chiffré',
    ],
    skills: ['cybersécurité', 'sécurité ot', 'pentest', 'iso 27001'],
    nafCodes: ['62.02A'],
    budget: [20_000, 45_000],
    deadline: 30,
    startAfter: 15,
    radiusKm: 100,
    moderationComment:
      'Merci de préciser le périmètre (nombre de centrales, systèmes concernés) et d’indiquer si des tests d’intrusion sur les automates en production sont autorisés : les candidats en ont besoin pour chiffrer.',
  },
  {
    partner: 'alpiva',
    status: 'AWARDED',
    kind: 'PILOT',
    title: 'Détection acoustique des fuites sur les conduites forcées',
    summary: 'Détecter au plus tôt les fuites sur deux conduites forcées grâce à des capteurs acoustiques autonomes.',
    context:
      'Nos conduites forcées de Livet-et-Gavet sont inspectées à pied deux fois par an. Une fuite détectée tardivement en 2023 a imposé trois semaines d’arrêt. Nous voulons tester une surveillance acoustique continue sur deux conduites.',
    deliverables: [
      'Capteurs acoustiques autonomes posés sur deux conduites',
      'Détection et localisation des fuites en moins de dix minutes',
      'Alertes vers le centre de conduite',
    ],
    skills: ['iot', 'edge computing', 'électronique embarquée', 'maintenance prédictive'],
    nafCodes: ['26.51B', '72.19Z'],
    budget: [50_000, 120_000],
    deadline: -110,
    startAfter: 25,
    radiusKm: 80,
    deal: 'CONTRACT',
  },

  // ── Isère Semi-conducteurs (Grenoble)
  {
    partner: 'iseresc',
    status: 'PUBLISHED',
    kind: 'PILOT',
    title: 'Pilote de vision industrielle pour le contrôle qualité des wafers',
    summary: 'Détecter automatiquement les défauts de surface des wafers en sortie de polissage, au rythme de la production.',
    context:
      'Le contrôle visuel des wafers après polissage mobilise aujourd’hui six opérateurs par équipe et laisse passer des défauts fins. Nous voulons tester un système de vision par apprentissage sur une ligne, avec une inférence locale compatible avec nos contraintes de salle blanche.',
    deliverables: [
      'Acquisition d’images sur la ligne pilote',
      'Modèle de détection et de classification des défauts',
      'Inférence en périphérie au rythme de la ligne et rapport de performance',
    ],
    skills: ['vision industrielle', 'pytorch', 'python', 'edge computing'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [80_000, 180_000],
    deadline: 42,
    startAfter: 30,
    radiusKm: 50,
    minAgeYears: 3,
    publishedDaysAgo: 9,
    applications: { count: 2 },
    bySecondUser: true,
  },
  {
    partner: 'iseresc',
    status: 'CLOSED',
    kind: 'PROCUREMENT',
    title: 'Plateforme d’observabilité pour nos serveurs de calcul',
    summary: 'Superviser nos 300 serveurs de calcul et leurs applications avec une plateforme d’observabilité unifiée.',
    context:
      'Nos serveurs de calcul (simulation, traitement des données de production) sont supervisés par des outils vieillissants. Nous voulons une plateforme d’observabilité unifiée, hébergée chez nous, avec des tableaux de bord par équipe.',
    deliverables: [
      'Plateforme de métriques, journaux et traces',
      'Tableaux de bord et alertes par équipe',
      'Transfert de compétences à notre équipe d’exploitation',
    ],
    skills: ['observabilité', 'kubernetes', 'devops', 'terraform'],
    nafCodes: ['63.11Z', '62.03Z'],
    budget: [40_000, 100_000],
    deadline: -9,
    startAfter: 30,
    radiusKm: 60,
    visibility: 'MEMBERS',
    applications: { count: 2, shortlisted: 1 },
  },
  {
    partner: 'iseresc',
    status: 'SUBMITTED',
    kind: 'PROOF_OF_CONCEPT',
    title: 'Détection d’anomalies sur les équipements de gravure',
    summary: 'Repérer les dérives des équipements de gravure plasma à partir de leurs journaux de capteurs, avant l’impact sur le rendement.',
    context:
      'Nos équipements de gravure produisent des centaines de variables par seconde. Les dérives lentes ne sont repérées qu’à la mesure de rendement, plusieurs jours après. Nous voulons évaluer une détection d’anomalies en quasi temps réel sur deux équipements.',
    deliverables: [
      'Préparation et exploration des données de deux équipements',
      'Modèle de détection de dérives et seuils d’alerte',
      'Évaluation sur six mois d’historique',
    ],
    skills: ['machine learning', 'python', 'data engineering', 'maintenance prédictive'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [30_000, 60_000],
    deadline: 40,
    startAfter: 20,
    radiusKm: 60,
  },
  {
    partner: 'iseresc',
    status: 'CLOSED',
    kind: 'PROCUREMENT',
    title: 'Banc de test embarqué pour capteurs MEMS',
    summary: 'Concevoir un banc de test automatisé pour la caractérisation de nos nouveaux capteurs MEMS.',
    context:
      'Notre nouvelle gamme de capteurs MEMS exige une caractérisation en température et en vibration. Nous cherchons un partenaire pour concevoir l’électronique et le logiciel embarqué d’un banc de test automatisé.',
    deliverables: [
      'Électronique d’acquisition et de pilotage',
      'Logiciel embarqué temps réel et traçabilité des mesures',
      'Documentation et formation des techniciens',
    ],
    skills: ['électronique embarquée', 'c++', 'fpga', 'rtos'],
    nafCodes: ['26.51B', '72.19Z'],
    budget: [60_000, 140_000],
    deadline: -14,
    startAfter: 30,
    radiusKm: 60,
    applications: { count: 2, shortlisted: 1 },
  },
  {
    partner: 'iseresc',
    status: 'DRAFT',
    kind: 'CO_DEVELOPMENT',
    title: 'Jumeau numérique de la salle blanche',
    summary: 'Modéliser les flux d’air, de particules et de lots de notre salle blanche pour tester des scénarios de réorganisation.',
    context:
      'Nous prévoyons de réorganiser une partie de la salle blanche de Crolles. Avant tout chantier, nous voulons un jumeau numérique combinant flux de lots, contraintes de contamination et données des capteurs environnementaux.',
    deliverables: [
      'Modèle des flux de lots et des zones',
      'Intégration des capteurs environnementaux',
      'Visualisation des scénarios de réorganisation',
    ],
    skills: ['jumeau numérique', 'iot', 'python', 'data visualisation'],
    nafCodes: ['72.19Z', '62.01Z'],
    budget: [100_000, 250_000],
    deadline: 58,
    startAfter: 30,
    radiusKm: 50,
    visibility: 'MEMBERS',
  },

  // ── Chartreuse Industries (Grenoble)
  {
    partner: 'chartreuse',
    status: 'PUBLISHED',
    kind: 'PILOT',
    title: 'Capteurs IoT sur les lignes de conditionnement',
    summary: 'Mesurer en temps réel la cadence et les micro-arrêts de quatre lignes de conditionnement de l’usine de Voiron.',
    context:
      'Nos lignes de conditionnement de Voiron ne remontent leurs cadences qu’en fin de poste, sur papier. Nous voulons instrumenter quatre lignes pour suivre en temps réel cadence, micro-arrêts et causes d’arrêt, sans modifier les automates.',
    deliverables: [
      'Capteurs et passerelle edge non intrusifs sur quatre lignes',
      'Remontée des données via MQTT vers notre serveur',
      'Tableau de bord TRS pour les chefs d’équipe',
    ],
    skills: ['iot', 'edge computing', 'mqtt', 'python'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [20_000, 50_000],
    deadline: 18,
    startAfter: 20,
    radiusKm: 60,
    publishedDaysAgo: 14,
    applications: { count: 3, shortlisted: 1, withDemoFirm: true },
  },
  {
    partner: 'chartreuse',
    status: 'PUBLISHED',
    kind: 'PROCUREMENT',
    title: 'Portail fournisseurs pour nos achats',
    summary: 'Un portail web où nos 400 fournisseurs déposent devis, factures et certificats, relié à notre ERP.',
    context:
      'Nos échanges avec 400 fournisseurs passent par courriel et tableurs. Nous voulons un portail simple où ils déposent devis, factures et certificats, consultent l’état de leurs commandes et reçoivent nos appels d’offres.',
    deliverables: [
      'Portail web accessible, en français et en anglais',
      'Connexion à notre ERP pour les commandes et les factures',
      'Espace acheteurs pour le suivi des dossiers',
    ],
    skills: ['react', 'typescript', 'node.js', 'ux design'],
    nafCodes: ['62.01Z'],
    budget: [35_000, 80_000],
    deadline: 25,
    startAfter: 21,
    radiusKm: 80,
    publishedDaysAgo: 13,
    applications: { count: 3, declineLast: true },
  },
  {
    partner: 'chartreuse',
    status: 'SUBMITTED',
    kind: 'PROCUREMENT',
    title: 'Tests d’intrusion annuels sur notre système d’information',
    summary: 'Campagne annuelle de tests d’intrusion sur nos applications exposées et notre réseau interne.',
    context:
      'Notre assureur exige désormais une campagne annuelle de tests d’intrusion. Le périmètre comprend nos applications exposées sur Internet, la messagerie et le réseau interne de deux usines.',
    deliverables: [
      'Tests d’intrusion externes et internes',
      'Rapport détaillé avec niveaux de criticité',
      'Restitution et contre-audit après correction',
    ],
    skills: ['pentest', 'cybersécurité', 'iso 27001'],
    nafCodes: ['62.02A'],
    budget: [8_000, 18_000],
    deadline: 30,
    startAfter: 14,
    remoteOk: true,
    bySecondUser: false,
  },
  {
    partner: 'chartreuse',
    status: 'NOT_AWARDED',
    kind: 'PROOF_OF_CONCEPT',
    title: 'Assistant de réglage des presses à injection',
    summary: 'Recommander aux régleurs les bons paramètres de démarrage des presses à injection à partir de l’historique.',
    context:
      'Le réglage des presses à injection au changement de moule prend jusqu’à deux heures et dépend de l’expérience de quelques régleurs. Nous voulions évaluer un assistant de réglage fondé sur l’historique de production.',
    deliverables: [
      'Analyse de l’historique de réglages et de rebuts',
      'Prototype de recommandation de paramètres',
      'Évaluation sur dix changements de moule',
    ],
    skills: ['machine learning', 'python', 'iot'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [25_000, 50_000],
    deadline: -40,
    startAfter: 20,
    radiusKm: 60,
  },

  // ── Dauphinoise de Transport (Grenoble)
  {
    partner: 'dauphinoise',
    status: 'PUBLISHED',
    kind: 'PILOT',
    title: 'Information voyageurs en temps réel dans les cars interurbains',
    summary: 'Afficher à bord et sur mobile les horaires en temps réel et les correspondances de nos lignes interurbaines.',
    context:
      'Nos cars interurbains n’offrent aucune information en temps réel. Nous voulons tester sur trois lignes un affichage à bord et une application mobile donnant horaires, retards et correspondances avec le train.',
    deliverables: [
      'Application mobile voyageurs',
      'Affichage à bord alimenté par la géolocalisation des cars',
      'Données publiées au format GTFS-RT',
    ],
    skills: ['application mobile', 'mobilité', 'flutter', 'node.js'],
    nafCodes: ['58.29C', '62.01Z'],
    budget: [40_000, 90_000],
    deadline: 30,
    startAfter: 30,
    radiusKm: 100,
    matchingMode: 'CURATED',
    shareWith: ['valence-numerique'],
    publishedDaysAgo: 7,
  },
  {
    partner: 'dauphinoise',
    status: 'PUBLISHED',
    kind: 'PROCUREMENT',
    title: 'Optimisation des tournées et des roulements de conducteurs',
    summary: 'Réduire les kilomètres à vide et mieux répartir les services entre conducteurs grâce à l’analyse de nos données d’exploitation.',
    context:
      'Nos 900 cars parcourent chaque jour près de 15 % de kilomètres à vide entre dépôts et lignes. Nous voulons analyser nos données d’exploitation pour proposer de meilleurs roulements, dans le respect des règles sociales.',
    deliverables: [
      'Entrepôt de données d’exploitation',
      'Modèle d’optimisation des roulements',
      'Tableaux de bord pour les responsables de dépôt',
    ],
    skills: ['data engineering', 'python', 'sql', 'business intelligence'],
    nafCodes: ['62.02A', '70.22Z'],
    budget: [50_000, 120_000],
    deadline: 45,
    startAfter: 30,
    radiusKm: 100,
    headcount: [10, 250],
    visibility: 'MEMBERS',
    publishedDaysAgo: 12,
    applications: { count: 2 },
    bySecondUser: true,
  },
  {
    partner: 'dauphinoise',
    status: 'CHANGES_REQUESTED',
    kind: 'PILOT',
    title: 'Maintenance prédictive de la flotte de cars électriques',
    summary: 'Anticiper les pannes de batteries et de chaînes de traction de nos 60 cars électriques.',
    context:
      'Nous exploitons 60 cars électriques depuis deux ans. Les immobilisations imprévues pour défaut de batterie ou de chaîne de traction perturbent le service scolaire. Nous voulons un pilote de maintenance prédictive sur un dépôt.',
    deliverables: [
      'Collecte des données télématiques et d’atelier',
      'Modèles de prévision des défaillances',
      'Alertes aux chefs d’atelier',
    ],
    skills: ['maintenance prédictive', 'iot', 'python', 'énergie'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [30_000, 80_000],
    deadline: 40,
    startAfter: 20,
    radiusKm: 100,
    moderationComment:
      'Le budget indiqué ne couvre pas la durée de pilote annoncée (douze mois) : pouvez-vous l’ajuster ou réduire la durée ? Précisez aussi les données disponibles (télématique, historique d’atelier).',
  },
  {
    partner: 'dauphinoise',
    status: 'ARCHIVED',
    kind: 'PROCUREMENT',
    title: 'Billettique sans contact sur les lignes régulières',
    summary: 'Paiement sans contact par carte bancaire à bord de nos lignes régulières.',
    context:
      'Projet abandonné : la région a lancé une billettique commune à tous les réseaux. Nous envisagions le paiement sans contact par carte bancaire à bord de nos lignes régulières.',
    deliverables: ['Valideurs sans contact', 'Back-office de rapprochement des ventes', 'Application de contrôle'],
    skills: ['billetterie', 'application mobile', 'mobilité'],
    nafCodes: ['58.29C', '62.01Z'],
    budget: [60_000, 150_000],
    deadline: -45,
    startAfter: 30,
    radiusKm: 100,
    archivedFrom: 'DRAFT',
  },

  // ── Mont-Blanc Santé (Annecy)
  {
    partner: 'mbsante',
    status: 'PUBLISHED',
    kind: 'PILOT',
    title: 'Télésurveillance des patients insuffisants cardiaques à domicile',
    summary: 'Suivre à domicile 200 patients insuffisants cardiaques avec des objets connectés et une plateforme hébergée HDS.',
    context:
      'Après une hospitalisation pour insuffisance cardiaque, un patient sur quatre est réhospitalisé dans l’année. Nous voulons tester un programme de télésurveillance (poids, tension, symptômes) pour 200 patients, avec une infirmière de coordination.',
    deliverables: [
      'Plateforme de télésurveillance hébergée HDS',
      'Intégration des objets connectés et des alertes',
      'Échanges avec notre dossier patient au format HL7 FHIR',
    ],
    skills: ['santé numérique', 'hébergement hds', 'hl7 fhir', 'dispositifs médicaux'],
    nafCodes: ['62.01Z', '58.29C'],
    budget: [80_000, 200_000],
    deadline: 40,
    startAfter: 30,
    radiusKm: 100,
    minAgeYears: 3,
    shareWith: ['digital-grenoble'],
    publishedDaysAgo: 15,
    applications: { count: 3, shortlisted: 1 },
  },
  {
    partner: 'mbsante',
    status: 'PUBLISHED',
    kind: 'PROCUREMENT',
    title: 'Interopérabilité du dossier patient avec les laboratoires de ville',
    summary: 'Recevoir automatiquement dans notre dossier patient les résultats des laboratoires de ville partenaires.',
    context:
      'Les résultats des laboratoires de ville arrivent encore par fax ou par messagerie et sont ressaisis. Nous voulons les intégrer automatiquement dans notre dossier patient, en respectant les référentiels d’interopérabilité nationaux.',
    deliverables: [
      'Connecteurs HL7 FHIR avec trois laboratoires',
      'Rapprochement automatique des identités patients',
      'Supervision des flux et procédure de reprise',
    ],
    skills: ['interopérabilité', 'hl7 fhir', 'hébergement hds', 'node.js'],
    nafCodes: ['62.01Z'],
    budget: [40_000, 90_000],
    deadline: 33,
    startAfter: 21,
    radiusKm: 80,
    visibility: 'MEMBERS',
    publishedDaysAgo: 10,
    applications: { count: 2 },
    bySecondUser: true,
  },
  {
    partner: 'mbsante',
    status: 'SUBMITTED',
    kind: 'PROOF_OF_CONCEPT',
    title: 'Aide au dépistage des mélanomes par analyse d’images',
    summary: 'Évaluer un outil d’aide au tri des photographies de lésions cutanées transmises par les médecins généralistes.',
    context:
      'Nos dermatologues reçoivent chaque semaine des centaines de photographies de lésions envoyées par les médecins généralistes. Nous voulons évaluer, sur des données anonymisées et sous accord de confidentialité, un outil d’aide au tri des cas urgents.',
    deliverables: [
      'Protocole d’évaluation validé avec nos dermatologues',
      'Modèle de tri évalué sur données anonymisées',
      'Analyse réglementaire (dispositif médical)',
    ],
    skills: ['machine learning', 'santé numérique', 'dispositifs médicaux', 'python'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [60_000, 120_000],
    deadline: 50,
    startAfter: 30,
    remoteOk: true,
    visibility: 'INVITE_ONLY',
    shareWith: ['digital-grenoble'],
  },
  {
    partner: 'mbsante',
    status: 'CLOSED',
    kind: 'PROCUREMENT',
    title: 'Prise de rendez-vous en ligne pour les centres de consultation',
    summary: 'Un service de prise de rendez-vous en ligne commun à nos cinq centres de consultation.',
    context:
      'Nos cinq centres de consultation utilisent des agendas différents et la prise de rendez-vous se fait surtout par téléphone. Nous cherchons un service de réservation en ligne commun, hébergé HDS, relié à nos agendas.',
    deliverables: ['Réservation en ligne et rappels', 'Connexion à nos agendas', 'Statistiques par centre'],
    skills: ['réservation en ligne', 'application mobile', 'hébergement hds', 'ux design'],
    nafCodes: ['58.29C', '62.01Z'],
    budget: [20_000, 45_000],
    deadline: -6,
    startAfter: 21,
    radiusKm: 80,
    applications: { count: 2, shortlisted: 1 },
  },

  // ── Banque Alpine du Léman (Annecy)
  {
    partner: 'bal',
    status: 'PUBLISHED',
    kind: 'PROCUREMENT',
    title: 'Audit de sécurité de l’application de banque mobile',
    summary: 'Test d’intrusion de la nouvelle version de notre application mobile et de ses API avant sa mise en production.',
    context:
      'La nouvelle version de notre application de banque mobile sera mise en production au printemps. Avant cela, nous voulons un audit de sécurité complet de l’application et des API, réservé à des prestataires invités et sous accord de confidentialité.',
    deliverables: [
      'Test d’intrusion de l’application iOS et Android',
      'Audit des API et de l’authentification forte',
      'Rapport, restitution et contre-audit',
    ],
    skills: ['pentest', 'cybersécurité', 'application mobile', 'iso 27001'],
    nafCodes: ['62.02A'],
    budget: [30_000, 70_000],
    deadline: 27,
    startAfter: 14,
    remoteOk: true,
    visibility: 'INVITE_ONLY',
    publishedDaysAgo: 6,
  },
  {
    partner: 'bal',
    status: 'PUBLISHED',
    kind: 'PILOT',
    title: 'Détection de fraude sur les virements instantanés',
    summary: 'Détecter en moins d’une seconde les virements instantanés frauduleux, en complément de nos règles actuelles.',
    context:
      'Les virements instantanés laissent moins d’une seconde pour bloquer une fraude. Nos règles actuelles génèrent beaucoup de fausses alertes. Nous voulons tester un modèle de détection complémentaire, entraîné sur nos données historiques.',
    deliverables: [
      'Préparation des données et modèle de détection',
      'Service de notation en moins de 200 ms',
      'Évaluation comparée aux règles actuelles sur trois mois',
    ],
    skills: ['machine learning', 'python', 'data engineering', 'sql'],
    nafCodes: ['62.01Z', '62.02A'],
    budget: [70_000, 160_000],
    deadline: 52,
    startAfter: 30,
    remoteOk: true,
    revenueBands: GROWTH_BANDS,
    shareWith: ['digital-grenoble', 'collectif-digital-savoie'],
    publishedDaysAgo: 8,
    applications: { count: 2 },
  },
  {
    partner: 'bal',
    status: 'DRAFT',
    kind: 'PROCUREMENT',
    title: 'Refonte de l’espace client professionnel',
    summary: 'Refondre l’espace en ligne de nos clients professionnels : comptes, virements groupés et gestion des habilitations.',
    context:
      'Notre espace client professionnel date de 2014. Les entreprises clientes demandent la gestion fine des habilitations, les virements groupés et une interface accessible.',
    deliverables: ['Ateliers UX avec des clients', 'Nouvelle interface web accessible', 'Gestion des habilitations'],
    skills: ['react', 'typescript', 'ux design', 'accessibilité'],
    nafCodes: ['62.01Z'],
    budget: [80_000, 180_000],
    deadline: 60,
    startAfter: 30,
    radiusKm: 80,
  },

  // ── Remontées du Grand Massif SA (Annecy)
  {
    partner: 'remontees',
    status: 'PUBLISHED',
    kind: 'PILOT',
    title: 'Maintenance prédictive des télésièges du domaine',
    summary: 'Surveiller en continu les réducteurs et les poulies de cinq télésièges débrayables pour éviter les pannes en pleine saison.',
    context:
      'Une panne de télésiège en février immobilise des centaines de skieurs et coûte cher en image. Nous voulons instrumenter cinq télésièges débrayables (réducteurs, poulies, balanciers) et détecter les signes d’usure avant la panne.',
    deliverables: [
      'Capteurs vibratoires et de température adaptés au froid',
      'Détection d’anomalies en périphérie, sur site',
      'Alertes et historique pour le service maintenance',
    ],
    skills: ['maintenance prédictive', 'iot', 'edge computing', 'python'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [50_000, 120_000],
    deadline: 38,
    startAfter: 30,
    radiusKm: 120,
    shareWith: ['digital-grenoble', 'collectif-digital-savoie'],
    publishedDaysAgo: 5,
  },
  {
    partner: 'remontees',
    status: 'PUBLISHED',
    kind: 'PROCUREMENT',
    title: 'Application de billetterie mobile pour l’été',
    summary: 'Vendre en ligne les accès piétons, VTT et activités d’été de nos stations dans une application mobile.',
    context:
      'L’été représente désormais 20 % de notre chiffre d’affaires, mais la vente se fait encore aux caisses. Nous voulons une application mobile de billetterie pour les forfaits piétons et VTT et les activités, reliée à notre système de contrôle d’accès.',
    deliverables: [
      'Application mobile iOS et Android',
      'Vente en ligne et rechargement des supports existants',
      'Connexion au contrôle d’accès et aux caisses',
    ],
    skills: ['billetterie', 'application mobile', 'flutter', 'réservation en ligne'],
    nafCodes: ['58.29C', '62.01Z'],
    budget: [40_000, 90_000],
    deadline: 20,
    startAfter: 14,
    communeInsee: '74014',
    radiusKm: 100,
    shareWith: ['collectif-digital-savoie'],
    publishedDaysAgo: 18,
    applications: { count: 4, shortlisted: 1 },
    bySecondUser: true,
  },
  {
    partner: 'remontees',
    status: 'SUBMITTED',
    kind: 'PILOT',
    title: 'Comptage des skieurs et prévision d’affluence aux remontées',
    summary: 'Compter les skieurs en file d’attente par caméra et prévoir l’affluence pour mieux répartir le personnel.',
    context:
      'Aux heures de pointe, les files d’attente de nos remontées principales dépassent vingt minutes. Nous voulons compter les skieurs par caméra (sans identification) et prévoir l’affluence pour ouvrir les bons appareils au bon moment.',
    deliverables: ['Comptage anonyme par caméra', 'Prévision d’affluence à une heure', 'Affichage des temps d’attente'],
    skills: ['vision industrielle', 'data visualisation', 'python', 'iot'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [30_000, 70_000],
    deadline: 45,
    startAfter: 30,
    communeInsee: '74014',
    radiusKm: 100,
    visibility: 'MEMBERS',
  },
  {
    partner: 'remontees',
    status: 'AWARDED',
    kind: 'PROOF_OF_CONCEPT',
    title: 'Réservation en ligne des cours de ski et de la location de matériel',
    summary: 'Réserver en un seul parcours forfait, cours de ski et location de matériel.',
    context:
      'Nos clients réservent forfait, cours et location sur trois sites différents. Nous avons voulu tester, sur la station de Samoëns, un parcours unique de réservation.',
    deliverables: ['Parcours de réservation unique', 'Connexion aux écoles de ski et aux loueurs', 'Paiement en ligne'],
    skills: ['réservation en ligne', 'billetterie', 'react', 'node.js'],
    nafCodes: ['58.29C', '62.01Z'],
    budget: [30_000, 60_000],
    deadline: -60,
    startAfter: 20,
    communeInsee: '74258',
    radiusKm: 100,
    deal: 'PILOT',
  },

  // ── Hydrelia Groupe (Savoie)
  {
    partner: 'hydrelia',
    status: 'PUBLISHED',
    kind: 'CO_DEVELOPMENT',
    title: 'Supervision d’une station de production d’hydrogène vert',
    summary: 'Co-développer la supervision de notre future station d’hydrogène alimentée par une centrale hydroélectrique.',
    context:
      'Nous construisons une station de production d’hydrogène vert de 2 MW, alimentée par notre centrale de Pontamafrey, pour des bus et des poids lourds. Nous cherchons un partenaire pour co-développer la supervision, avec l’accompagnement de l’association pour constituer le bon consortium.',
    deliverables: [
      'Supervision de l’électrolyseur, du stockage et de la distribution',
      'Pilotage selon la production hydroélectrique disponible',
      'Sécurité des systèmes industriels dès la conception',
    ],
    skills: ['hydrogène', 'smart grid', 'iot', 'cybersécurité'],
    nafCodes: ['71.12B', '72.19Z'],
    budget: [150_000, 400_000],
    deadline: 60,
    startAfter: 45,
    radiusKm: 120,
    matchingMode: 'CURATED',
    shareWith: ['digital-grenoble'],
    publishedDaysAgo: 20,
  },
  {
    partner: 'hydrelia',
    status: 'PUBLISHED',
    kind: 'PROCUREMENT',
    title: 'Migration de notre informatique de gestion vers un cloud souverain',
    summary: 'Migrer nos applications de gestion (ERP, paie, facturation de l’eau) vers un cloud souverain qualifié.',
    context:
      'Nos applications de gestion tournent sur des serveurs en fin de vie dans notre salle informatique de Chambéry. Nous voulons les migrer vers un cloud souverain qualifié, avec une infrastructure décrite en code et une exploitation partagée avec notre équipe.',
    deliverables: [
      'Étude de migration et plan de bascule',
      'Infrastructure décrite en Terraform',
      'Migration, supervision et transfert à notre équipe',
    ],
    skills: ['cloud souverain', 'kubernetes', 'terraform', 'devops'],
    nafCodes: ['63.11Z', '62.03Z'],
    budget: [60_000, 150_000],
    deadline: 31,
    startAfter: 30,
    radiusKm: 100,
    headcount: [5, 250],
    shareWith: ['digital-grenoble'],
    publishedDaysAgo: 17,
    applications: { count: 3, shortlisted: 1 },
  },
  {
    partner: 'hydrelia',
    status: 'DRAFT',
    kind: 'PILOT',
    title: 'Mesure en continu de la qualité de l’eau des retenues',
    summary: 'Sondes connectées pour suivre en continu la température et la turbidité de nos retenues.',
    context:
      'Nous mesurons la qualité de l’eau de nos retenues par prélèvements mensuels. Nous voulons tester des sondes connectées autonomes sur deux retenues.',
    deliverables: ['Sondes autonomes et transmission', 'Tableau de bord et alertes', 'Rapport de fiabilité des mesures'],
    skills: ['iot', 'électronique embarquée', 'data visualisation'],
    nafCodes: ['26.51B', '72.19Z'],
    budget: [25_000, 60_000],
    deadline: 45,
    startAfter: 30,
    radiusKm: 100,
  },

  // ── Savoie Logistique (Savoie)
  {
    partner: 'savlog',
    status: 'PUBLISHED',
    kind: 'PROCUREMENT',
    title: 'Tableau de bord des flux d’entrepôt en temps réel',
    summary: 'Suivre en temps réel réceptions, préparations et expéditions de nos trois plateformes.',
    context:
      'Nos chefs de quai découvrent les retards de préparation trop tard pour réagir. Nous voulons un tableau de bord en temps réel des réceptions, préparations et expéditions de nos trois plateformes, alimenté par notre WMS.',
    deliverables: ['Extraction des données du WMS', 'Tableau de bord par plateforme et par client', 'Alertes de retard'],
    skills: ['business intelligence', 'data visualisation', 'sql', 'data engineering'],
    nafCodes: ['62.02A', '63.11Z'],
    budget: [8_000, 20_000],
    deadline: 24,
    startAfter: 14,
    radiusKm: 80,
    visibility: 'MEMBERS',
    publishedDaysAgo: 9,
    applications: { count: 2 },
  },
  {
    partner: 'savlog',
    status: 'CHANGES_REQUESTED',
    kind: 'PROOF_OF_CONCEPT',
    title: 'Lecture automatique des étiquettes colis par caméra',
    summary: 'Lire automatiquement les étiquettes des colis sur convoyeur pour supprimer les lectures manuelles.',
    context:
      'Un colis sur huit doit être lu à la main faute de code-barres lisible. Nous voulons tester une lecture des étiquettes par caméra sur un convoyeur.',
    deliverables: ['Caméras et éclairage sur un convoyeur', 'Lecture des étiquettes', 'Intégration au WMS'],
    skills: ['vision industrielle', 'python', 'edge computing'],
    nafCodes: ['62.01Z', '72.19Z'],
    budget: [20_000, 45_000],
    deadline: 35,
    startAfter: 20,
    radiusKm: 80,
    moderationComment:
      'Merci de compléter la description : volumes de colis traités par heure, vitesse du convoyeur, conditions d’éclairage et modalités d’intégration au WMS.',
  },
  {
    partner: 'savlog',
    status: 'DRAFT',
    kind: 'PROCUREMENT',
    title: 'Réservation en ligne des créneaux de quai',
    summary: 'Permettre aux transporteurs de réserver eux-mêmes leurs créneaux de livraison à quai.',
    context:
      'Les transporteurs réservent leurs créneaux de déchargement par téléphone, ce qui crée des files de camions aux heures de pointe. Nous voulons un service simple de réservation en ligne des créneaux de quai.',
    deliverables: ['Réservation en ligne des créneaux', 'Planning des quais pour nos équipes', 'Notifications aux transporteurs'],
    skills: ['réservation en ligne', 'react', 'node.js'],
    nafCodes: ['62.01Z'],
    budget: [5_000, 15_000],
    deadline: 40,
    startAfter: 14,
    radiusKm: 80,
  },

  // ── Valentia Agro (Valence)
  {
    partner: 'valentia',
    status: 'PUBLISHED',
    kind: 'PILOT',
    title: 'Traçabilité des lots de la parcelle à l’usine',
    summary: 'Suivre chaque lot de fruits de la parcelle du producteur à la ligne de transformation.',
    context:
      'Nos clients de la grande distribution exigent une traçabilité complète des lots. Aujourd’hui, le lien entre la parcelle, le bon de livraison et le lot de fabrication se fait à la main. Nous voulons un pilote sur la filière abricot.',
    deliverables: [
      'Identification des caisses et des lots à la réception',
      'Base de traçabilité reliée à notre ERP',
      'Consultation par les producteurs et les clients',
    ],
    skills: ['iot', 'data engineering', 'react', 'sql'],
    nafCodes: ['62.01Z', '62.02A'],
    budget: [40_000, 100_000],
    deadline: 44,
    startAfter: 30,
    radiusKm: 100,
    shareWith: ['digital-grenoble'],
    publishedDaysAgo: 3,
  },
  {
    partner: 'valentia',
    status: 'SUBMITTED',
    kind: 'CO_DEVELOPMENT',
    title: 'Optimisation énergétique des chambres froides',
    summary: 'Piloter nos chambres froides selon les tarifs de l’électricité et la production solaire du site.',
    context:
      'Nos chambres froides représentent 40 % de la consommation électrique de nos sites. Nous voulons co-développer un pilotage qui décale la production de froid selon les tarifs et la production solaire, sans risque pour les produits.',
    deliverables: ['Instrumentation des groupes froids', 'Algorithme de pilotage', 'Suivi des économies réalisées'],
    skills: ['efficacité énergétique', 'iot', 'smart grid', 'python'],
    nafCodes: ['71.12B', '72.19Z'],
    budget: [50_000, 110_000],
    deadline: 48,
    startAfter: 30,
    radiusKm: 100,
    matchingMode: 'CURATED',
  },
  {
    partner: 'valentia',
    status: 'ARCHIVED',
    kind: 'PROCUREMENT',
    title: 'Site de vente directe aux professionnels de la restauration',
    summary: 'Une boutique en ligne pour vendre nos produits aux restaurants et aux cantines de la région.',
    context:
      'Nous voulions vendre directement aux restaurants et aux cantines de la Drôme et de l’Ardèche. Le projet a été repris par notre réseau de distributeurs et la consultation a été archivée.',
    deliverables: ['Boutique en ligne professionnelle', 'Tarifs par client', 'Connexion à notre ERP'],
    skills: ['e-commerce', 'react', 'node.js', 'ux design'],
    nafCodes: ['62.01Z'],
    budget: [20_000, 40_000],
    deadline: -150,
    startAfter: 30,
    radiusKm: 100,
    archivedFrom: 'CLOSED',
  },
]

const KIND_SENTENCE: Record<NeedKind, string> = {
  PILOT: 'Le pilote sera évalué sur des critères de réussite définis ensemble au démarrage ; en cas de succès, un déploiement plus large est envisagé.',
  PROCUREMENT: 'La consultation donnera lieu à un bon de commande : merci de détailler votre méthode, votre planning et vos références comparables.',
  CO_DEVELOPMENT:
    'Nous cherchons un partenaire pour co-construire la solution avec nos équipes ; le partage de la propriété intellectuelle sera convenu avant le démarrage.',
  PROOF_OF_CONCEPT: 'La preuve de concept doit nous permettre de décider en quelques semaines de la suite à donner au projet.',
}

function needDescription(spec: NeedSpec, place: Commune | null) {
  const location = spec.remoteOk
    ? 'Le travail peut se faire à distance, avec quelques réunions sur site.'
    : `Les interventions ont lieu sur site, ${inCommune(place?.name ?? '')}.`
  return [
    '## Contexte',
    '',
    spec.context,
    '',
    '## Attendus',
    '',
    ...spec.deliverables.map((line) => `- ${line}`),
    '',
    '## Modalités',
    '',
    `${KIND_SENTENCE[spec.kind]} ${location}`,
  ].join('\n')
}

// ───────────────────────────── applications ─────────────────────────────

export const APPROACHES = [
  (c: ApproachContext) =>
    `Nous proposons de démarrer par un atelier de cadrage d’une demi-journée avec vos équipes, puis de livrer une première version exploitable en ${c.weeks} semaines. Notre équipe mobilise ses compétences en ${c.skills} et s’appuie sur un projet comparable : « ${c.reference} ».`,
  (c: ApproachContext) =>
    `${c.firm} a déjà mené des projets proches (« ${c.reference} »). Pour « ${c.need} », nous procéderions en trois étapes : état des lieux de l’existant, prototype sur un périmètre restreint, puis industrialisation avec transfert de compétences à vos équipes.`,
  (c: ApproachContext) =>
    `Notre approche privilégie des livraisons courtes et mesurables : une démonstration toutes les deux semaines, des indicateurs de réussite validés avec vous dès le démarrage et une documentation complète pour garantir votre autonomie. Compétences mobilisées : ${c.skills}.`,
  (c: ApproachContext) =>
    `Nous constituerons une équipe de ${c.team} personnes basée ${c.where}, disponible sur site dès le cadrage. Nous connaissons bien ce type de sujet (${c.skills}) et proposons de valider les hypothèses clés dès les premières semaines, avant d’engager le reste du budget.`,
]

export interface ApproachContext {
  firm: string
  need: string
  skills: string
  reference: string
  weeks: number
  team: number
  where: string
}

const DECLINE_COMMENT =
  'Votre proposition est solide techniquement, mais son montant dépasse nettement l’enveloppe prévue pour ce portail. Nous serions heureux de vous solliciter pour de prochains projets.'

const SUCCESS_CRITERIA: Record<'PILOT' | 'CONTRACT', string[]> = {
  CONTRACT: [
    'Détection d’une fuite simulée de 2 l/s en moins de dix minutes',
    'Moins d’une fausse alerte par semaine sur la durée du pilote',
    'Autonomie des capteurs supérieure à dix-huit mois',
  ],
  PILOT: [
    '30 % des réservations de cours passées en ligne sur la période',
    'Parcours de réservation complet en moins de trois minutes',
    'Aucune ressaisie entre la réservation et les caisses',
  ],
}

// ───────────────────────── the company directory ─────────────────────────

/** INSEE's headcount band codes (tranche d'effectif salarié) by their first employee count. */
const HEADCOUNT_BAND_CODES: Array<[min: number, code: string]> = [
  [10_000, '53'], [5000, '52'], [2000, '51'], [1000, '42'], [500, '41'], [250, '32'], [200, '31'],
  [100, '22'], [50, '21'], [20, '12'], [10, '11'], [6, '03'], [3, '02'], [1, '01'],
]
const headcountBandCode = (headcount: number) => HEADCOUNT_BAND_CODES.find(([min]) => headcount >= min)?.[1] ?? '00'

/**
 * What the public company directory answered when the hub's pending firms signed up (as it would
 * with COMPANY_DIRECTORY_URL set), kept on the organisation for the staff who verify them to see
 * side by side with the declaration: the first one's directory entry disagrees on its headcount and
 * creation year, the second's SIREN is unknown to the directory, the others agree. Stored in the
 * shape of app/modules/companies (`{ found, company }`), with the time of the lookup.
 */
function directoryAnswers(organisations: OrgDraft[]) {
  const answers = new Map<string, { directoryData: Prisma.InputJsonValue; directoryCheckedAt: Date }>()
  const pending = organisations.filter((org) => org.kind === 'FIRM' && org.status === 'PENDING' && org.hub === 'digital-grenoble')
  pending.forEach((org, index) => {
    if (index === 1) {
      answers.set(org.slug, { directoryData: { found: false }, directoryCheckedAt: org.createdAt })
      return
    }
    const differs = index === 0
    const headcount = differs ? org.headcount * 4 + 20 : org.headcount
    const foundedYear = differs ? org.foundedYear - 3 : org.foundedYear
    const company = {
      siren: org.siren,
      name: org.name.toLocaleUpperCase('fr-FR'),
      nafCode: org.nafCodes[0] ?? null,
      address: null,
      postalCode: org.commune.postalCodes[0] ?? null,
      communeInsee: org.commune.insee,
      communeName: org.commune.name.toLocaleUpperCase('fr-FR'),
      headcountBand: headcountBandCode(headcount),
      createdOn: `${foundedYear}-03-01`,
      foundedYear,
      active: true,
    }
    answers.set(org.slug, { directoryData: { found: true, company }, directoryCheckedAt: org.createdAt })
  })
  return answers
}

// ───────────────────────────── the seed ─────────────────────────────

export interface SeedOptions {
  log?: (line: string) => void
}

export async function seedDemoData(options: SeedOptions = {}): Promise<{ counts: Record<string, number> }> {
  const log = options.log ?? (() => {})
  const clock = new Clock()
  const sirens = new Sirens()
  const people = new People()

  for (const staff of STAFF) people.reserve(staff.email)
  const partners = buildPartners(sirens, clock, people)
  const firms = buildFirms(sirens, clock, people)
  // Drawn after the firms, so that the firms' people and SIRENs stay those of the first data set.
  const historyPartners = buildPartners(sirens, clock, people, HISTORY_PARTNERS, 'history-partners')
  const organisations = [...partners, ...firms, ...historyPartners]
  const partnerByKey = new Map([...PARTNERS, ...HISTORY_PARTNERS].map((spec, index) => [spec.key, [...partners, ...historyPartners][index]]))

  log('Hachage du mot de passe de démonstration…')
  const passwordHash = await hashPassword(DEMO_PASSWORD)

  log(`Insertion : ${HUBS.length} hubs, ${STAFF.length} membres des équipes, ${partners.length + historyPartners.length} partenaires, ${firms.length} entreprises…`)
  const ids = await prisma.$transaction(
    async (db) => {
      const hubs = await db.hub.createManyAndReturn({
        data: HUBS.map((hub) => ({
          slug: hub.slug,
          name: hub.name,
          shortName: hub.shortName,
          city: hub.city,
          charterResponseDays: 15,
          requiresDues: hub.slug === DUES_HUB,
          duesGraceDays: 15,
          duesReminderDays: 14,
          shareAnalytics: hub.shareAnalytics ?? false,
          showCharterCompliance: hub.showCharterCompliance ?? false,
          createdAt: clock.at(-1000),
        })),
        select: { id: true, slug: true },
      })
      const hubId = new Map(hubs.map((hub) => [hub.slug as HubSlug, hub.id]))
      // Kept here only (no Stripe ids): with Stripe keys set, a plan's Stripe product and price are
      // created at its first edit or first Checkout. Grenoble requires dues (seed-dues.ts); without
      // keys, the embedded default, dues are off: the demo refuses nothing and calls no one.
      await db.membershipPlan.createMany({ data: HUBS.flatMap((hub) => membershipPlans(hub, hubId.get(hub.slug)!)) })

      // Users: staff first, then the people of each organisation.
      const userRows = [
        ...STAFF.map((staff) => ({ email: staff.email, name: staff.name, createdAt: clock.at(-900, 10) })),
        ...organisations.flatMap((org) => org.users.map((user) => ({ email: user.email, name: user.name, createdAt: org.createdAt }))),
      ]
      const users = await db.user.createManyAndReturn({
        data: userRows.map((row) => ({ ...row, passwordHash, locale: 'fr', timeZone: 'Europe/Paris', emailVerifiedAt: row.createdAt })),
        select: { id: true, email: true },
      })
      const userId = new Map(users.map((user) => [user.email, user.id]))
      await db.notificationPreference.createMany({ data: users.map((user) => ({ userId: user.id })) })
      await db.staffRole.createMany({
        data: STAFF.map((staff) => ({ userId: userId.get(staff.email)!, hubId: hubId.get(staff.hub)!, role: staff.role, createdAt: clock.at(-900, 11) })),
      })

      const directory = directoryAnswers(organisations)
      const orgs = await db.organisation.createManyAndReturn({
        data: organisations.map((org) => ({
          ...directory.get(org.slug),
          slug: org.slug,
          kind: org.kind,
          name: org.name,
          siren: org.siren,
          status: org.status,
          statusReason: org.statusReason,
          homeHubId: hubId.get(org.hub)!,
          communeInsee: org.commune.insee,
          communeName: org.commune.name,
          headcount: org.headcount,
          revenueBand: org.revenueBand,
          foundedYear: org.foundedYear,
          nafCodes: org.nafCodes,
          skills: org.skills,
          labels: org.labels,
          description: org.description,
          offerings: org.offerings,
          website: `https://www.${org.slug}.example`,
          charterAcceptedAt: org.charter ? clock.plusHours(org.createdAt, 72) : null,
          charterResponseDays: org.charter ? 15 : null,
          charterPaymentDays: org.charter ? 30 : null,
          verifiedAt: org.verifiedAt,
          createdAt: org.createdAt,
        })),
        select: { id: true, slug: true },
      })
      const orgId = new Map(orgs.map((org) => [org.slug, org.id]))
      await db.membership.createMany({
        data: organisations.flatMap((org) =>
          org.users.map((user, index) => ({
            userId: userId.get(user.email)!,
            organisationId: orgId.get(org.slug)!,
            role: user.role,
            createdAt: clock.plusHours(org.createdAt, index * 24),
          })),
        ),
      })
      await db.reference.createMany({
        data: firms.flatMap((firm) =>
          firm.references.map((reference) => ({ organisationId: orgId.get(firm.slug)!, ...reference, createdAt: firm.createdAt })),
        ),
      })
      return { hubId, userId, orgId }
    },
    { timeout: 60_000, maxWait: 10_000 },
  )

  log(`Insertion : ${NEEDS.length} besoins…`)
  const needRows = NEEDS.map((spec, index) => buildNeed(spec, index, clock, partnerByKey))
  const needIds = await prisma.$transaction(
    async (db) => {
      const created = await db.need.createManyAndReturn({
        data: needRows.map(({ spec, row, partner }) => {
          const creator = spec.bySecondUser && partner.users[1] ? partner.users[1] : partner.users[0]
          return {
            ...row,
            partnerId: ids.orgId.get(partner.slug)!,
            hubId: ids.hubId.get(partner.hub)!,
            createdById: ids.userId.get(creator.email)!,
          }
        }),
        select: { id: true, title: true, hubId: true, status: true, partnerId: true },
      })
      const needId = new Map(created.map((need) => [need.title, need.id]))
      await db.needShare.createMany({
        data: needRows.flatMap(({ spec, row }) =>
          (spec.shareWith ?? []).map((hub) => ({ needId: needId.get(spec.title)!, hubId: ids.hubId.get(hub)!, sharedAt: row.submittedAt ?? row.createdAt })),
        ),
      })
      await db.auditLog.createMany({
        data: created.map((need) => ({
          actorId: null,
          actorOrgId: need.partnerId,
          hubId: need.hubId,
          action: 'seed.create',
          targetType: 'Need',
          targetId: need.id,
          after: { status: need.status, title: need.title },
        })),
      })
      return needId
    },
    { timeout: 60_000, maxWait: 10_000 },
  )

  const published = NEEDS.filter((spec) => spec.status === 'PUBLISHED')
  log(`Calcul des rapprochements de ${published.length} besoins publiés…`)
  await mapWithConcurrency(published, 3, async (spec) => {
    const outcome = await scoreNeed(needIds.get(spec.title)!)
    if (outcome.status !== 'scored') throw new Error(`scoring "${spec.title}" was skipped (${outcome.reason})`)
  })

  log('Insertion : candidatures et contrats…')
  const applicationCount = await seedApplications(clock, { needIds, ids, firms, needRows })

  // As the nightly refresh leaves them: each need's best firms and each firm's best needs.
  log('Recalcul complet des rapprochements…')
  await refreshAllMatches()

  // The demo firm's founder keeps a search with alerts: its new needs come in the daily digest.
  const founder = await prisma.user.findUnique({ where: { email: DEMO_EMAILS.firm }, select: { id: true } })
  if (founder) {
    await prisma.savedSearch.create({
      data: { userId: founder.id, name: 'Vision industrielle, projets pilotes', query: normaliseSearchQuery('q=vision&kind=PILOT'), alert: true, createdAt: clock.at(-3, 10) },
    })
  }

  // Twelve months of history across the four hubs, for the console's scorecards, charts and audit trail.
  const history = await seedHistory({ clock, ids, partnerByKey, firms, log })
  // Cohorts, working groups, the directory, staff recommendations and pitches (issue 14).
  const programmes = await seedProgrammes({ clock, ids, firms, partnerByKey, log })
  // Membership dues: Grenoble requires them, its members in every standing (issue 15).
  const dues = await seedDues({ clock, ids, firms, partnerByKey, log })

  const [hubCount, planCount, userCount, matchCount, needGroups, appGroups, dealCount, referenceCount, firmGroups] = await Promise.all([
    prisma.hub.count(),
    prisma.membershipPlan.count(),
    prisma.user.count(),
    prisma.match.count(),
    prisma.need.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.application.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.deal.count(),
    prisma.reference.count(),
    prisma.organisation.groupBy({ by: ['status'], where: { kind: 'FIRM' }, _count: { _all: true } }),
  ])
  const counts: Record<string, number> = {
    hubs: hubCount,
    'membership plans': planCount,
    staff: STAFF.length,
    partners: partners.length + historyPartners.length,
    'partners.PENDING': historyPartners.filter((partner) => partner.status === 'PENDING').length,
    firms: firms.length,
  }
  for (const group of firmGroups.sort((a, b) => a.status.localeCompare(b.status))) counts[`firms.${group.status}`] = group._count._all
  counts.users = userCount
  counts.references = referenceCount
  counts.needs = NEEDS.length + history.needs
  const needStatusOrder: NeedStatus[] = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'PUBLISHED', 'CLOSED', 'AWARDED', 'NOT_AWARDED', 'ARCHIVED']
  for (const status of needStatusOrder) counts[`needs.${status}`] = needGroups.find((group) => group.status === status)?._count._all ?? 0
  counts.matches = matchCount
  counts.applications = applicationCount + history.applications
  for (const group of appGroups.sort((a, b) => a.status.localeCompare(b.status))) counts[`applications.${group.status}`] = group._count._all
  counts.deals = dealCount
  for (const [key, value] of Object.entries(history.counts)) counts[key] = value
  for (const [key, value] of Object.entries(programmes.counts)) counts[key] = value
  for (const [key, value] of Object.entries(dues.counts)) counts[key] = value
  return { counts }
}

export interface BuiltNeed {
  spec: NeedSpec
  partner: OrgDraft
  place: Commune | null
  row: {
    kind: NeedKind
    status: NeedStatus
    title: string
    summary: string
    description: string
    skills: string[]
    nafCodes: string[]
    budgetMinEur: number
    budgetMaxEur: number
    deadline: Date
    expectedStart: Date
    communeInsee: string | null
    communeName: string | null
    radiusKm: number | null
    remoteOk: boolean
    headcountMin: number | null
    headcountMax: number | null
    revenueBands: RevenueBand[]
    minAgeYears: number | null
    visibility: Visibility
    matchingMode: MatchingMode
    searchTitle: string
    searchBody: string
    moderationComment: string | null
    submittedAt: Date | null
    publishedAt: Date | null
    closedAt: Date | null
    createdAt: Date
    updatedAt: Date
  }
}

export function buildNeed(spec: NeedSpec, index: number, clock: Clock, partnerByKey: Map<PartnerKey, OrgDraft>): BuiltNeed {
  const rng = new Rng(`need:${index}`)
  const partner = partnerByKey.get(spec.partner)!
  const place = spec.communeInsee ? commune(spec.communeInsee) : partner.commune
  const description = needDescription(spec, place)
  const deadline = clock.at(spec.deadline, 16, 0)
  const expectedStart = clock.at(spec.deadline + spec.startAfter, 7, 0)

  let createdAt: Date
  let submittedAt: Date | null = null
  let publishedAt: Date | null = null
  let closedAt: Date | null = null
  let updatedAt: Date

  if (spec.status === 'DRAFT' || spec.archivedFrom === 'DRAFT') {
    createdAt = clock.at(spec.status === 'DRAFT' ? -rng.int(1, 10) : spec.deadline - 40, rng.int(8, 17), rng.int(0, 59))
    updatedAt = spec.status === 'DRAFT' ? clock.plusHours(createdAt, rng.int(1, 6)) : clock.at(spec.deadline + 5, 10)
  } else if (spec.status === 'SUBMITTED') {
    submittedAt = clock.at(-rng.int(1, 6), rng.int(8, 17), rng.int(0, 59))
    createdAt = clock.at(clock.dayOf(submittedAt) - rng.int(1, 5), rng.int(8, 17), rng.int(0, 59))
    updatedAt = submittedAt
  } else if (spec.status === 'CHANGES_REQUESTED') {
    submittedAt = clock.at(-rng.int(6, 12), rng.int(8, 17), rng.int(0, 59))
    createdAt = clock.at(clock.dayOf(submittedAt) - rng.int(1, 5), rng.int(8, 17), rng.int(0, 59))
    updatedAt = clock.at(-rng.int(2, 4), rng.int(9, 17), rng.int(0, 59))
  } else if (spec.status === 'PUBLISHED') {
    const daysAgo = spec.publishedDaysAgo ?? 7
    publishedAt = clock.at(-daysAgo, rng.int(9, 17), rng.int(0, 59))
    submittedAt = clock.at(clock.dayOf(publishedAt) - rng.int(1, 3), rng.int(8, 17), rng.int(0, 59))
    createdAt = clock.at(clock.dayOf(submittedAt) - rng.int(1, 5), rng.int(8, 17), rng.int(0, 59))
    updatedAt = publishedAt
  } else {
    // Closed, awarded, not awarded or archived after closing: published about five weeks before the deadline.
    publishedAt = clock.at(spec.deadline - rng.int(30, 40), rng.int(9, 17), rng.int(0, 59))
    submittedAt = clock.at(clock.dayOf(publishedAt) - rng.int(1, 3), rng.int(8, 17), rng.int(0, 59))
    createdAt = clock.at(clock.dayOf(submittedAt) - rng.int(1, 5), rng.int(8, 17), rng.int(0, 59))
    closedAt = clock.at(spec.deadline + 1, 8, 30)
    updatedAt = spec.status === 'CLOSED' ? closedAt : clock.at(spec.deadline + rng.int(8, 15), 11)
  }

  const row: BuiltNeed['row'] = {
    kind: spec.kind,
    status: spec.status,
    title: spec.title,
    summary: spec.summary,
    description,
    skills: spec.skills,
    nafCodes: spec.nafCodes,
    budgetMinEur: spec.budget[0],
    budgetMaxEur: spec.budget[1],
    deadline,
    expectedStart,
    communeInsee: place?.insee ?? null,
    communeName: place?.name ?? null,
    radiusKm: spec.remoteOk ? null : (spec.radiusKm ?? 60),
    remoteOk: spec.remoteOk ?? false,
    headcountMin: spec.headcount?.[0] ?? null,
    headcountMax: spec.headcount?.[1] ?? null,
    revenueBands: spec.revenueBands ?? [],
    minAgeYears: spec.minAgeYears ?? null,
    visibility: spec.visibility ?? 'PUBLIC',
    matchingMode: spec.matchingMode ?? 'OPEN',
    moderationComment: spec.moderationComment ?? null,
    submittedAt,
    publishedAt,
    closedAt,
    createdAt,
    updatedAt,
    ...needSearchText({
      title: spec.title,
      summary: spec.summary,
      description,
      skills: spec.skills,
      partnerName: partner.name,
      communeName: place?.name ?? null,
    }),
  }
  return { spec, partner, place, row }
}

async function mapWithConcurrency<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]
      await work(item)
    }
  })
  await Promise.all(runners)
}

interface ApplicationDraft {
  needTitle: string
  firm: OrgDraft
  status: ApplicationStatus
  approach: string
  timeline: string
  priceEur: number
  referencesText: string
  declineReason: DeclineReason | null
  declineComment: string | null
  createdAt: Date
  submittedAt: Date
  /** Partner-side steps after submission. */
  steps: Array<{ to: ApplicationStatus; at: Date }>
  decidedAt: Date | null
  deal?: 'PILOT' | 'CONTRACT'
}

async function seedApplications(
  clock: Clock,
  context: {
    needIds: Map<string, string>
    ids: { userId: Map<string, string>; orgId: Map<string, string>; hubId: Map<string, string> }
    firms: OrgDraft[]
    needRows: BuiltNeed[]
  },
) {
  const { needIds, ids, firms, needRows } = context
  const firmById = new Map(firms.map((firm) => [ids.orgId.get(firm.slug)!, firm]))
  const demoFirmId = ids.orgId.get(DEMO_FIRM_SLUG)!
  const index = await syncFirmIndex()

  // Published needs: the matches the scorer stored. Closed and awarded ones: the same scorer, run here.
  const withApplications = needRows.filter((built) => built.spec.applications || built.spec.deal)
  const publishedIds = withApplications.filter((built) => built.spec.status === 'PUBLISHED').map((built) => needIds.get(built.spec.title)!)
  const storedMatches = await prisma.match.findMany({ where: { needId: { in: publishedIds } }, select: { needId: true, firmId: true, score: true } })

  const drafts: ApplicationDraft[] = []
  for (const built of withApplications) {
    const { spec, row } = built
    const rng = new Rng(`applications:${spec.title}`)
    const needId = needIds.get(spec.title)!
    let ranked: Array<{ firm: OrgDraft; score: number }>
    if (spec.status === 'PUBLISHED') {
      ranked = storedMatches
        .filter((match) => match.needId === needId)
        .map((match) => ({ firm: firmById.get(match.firmId)!, score: match.score }))
    } else {
      // Closed and awarded needs: ranked by the same engine as they were while open.
      const hubIds = [built.partner.hub, ...(spec.shareWith ?? [])].map((hub) => ids.hubId.get(hub)!)
      ranked = rankNeed(
        index,
        {
          ...row,
          id: needId,
          hubIds: row.visibility === 'PUBLIC' ? [] : hubIds,
          visibility: row.visibility === 'INVITE_ONLY' ? 'MEMBERS' : row.visibility,
          eligibility: { headcountMin: row.headcountMin, headcountMax: row.headcountMax, revenueBands: row.revenueBands, minAgeYears: row.minAgeYears },
        },
        { now: row.publishedAt!, top: 200 },
      ).map((entry) => ({ firm: firmById.get(entry.firmId)!, score: entry.score }))
    }
    ranked.sort((a, b) => b.score - a.score || a.firm.slug.localeCompare(b.firm.slug))

    const wanted = spec.deal ? 1 : (spec.applications?.count ?? 0)
    const others = ranked.filter((entry) => entry.firm.slug !== DEMO_FIRM_SLUG)
    // The best-matched firms apply: a few picked among the top ones, best first.
    let chosen = rng
      .sample(others.slice(0, Math.max(wanted + 2, 5)), wanted)
      .sort((a, b) => b.score - a.score || a.firm.slug.localeCompare(b.firm.slug))
    if (spec.deal) chosen = others.slice(0, 1)
    if (spec.applications?.withDemoFirm) {
      const demo = ranked.find((entry) => entry.firm.slug === DEMO_FIRM_SLUG)
      if (!demo) throw new Error(`the demo firm does not match "${spec.title}"`)
      chosen = [demo, ...chosen.slice(0, wanted - 1)]
    }
    if (chosen.length < wanted) throw new Error(`only ${chosen.length} firms match "${spec.title}"`)

    // Applications arrive on working hours, from the day after publication to the day before the
    // deadline (or yesterday, for needs still open).
    const publishedDay = clock.dayOf(row.publishedAt!)
    const lastDay = spec.status === 'PUBLISHED' ? -1 : spec.deadline - 1
    const span = Math.max(1, lastDay - publishedDay)
    const shortlisted = spec.applications?.shortlisted ?? 0
    chosen.forEach((entry, position) => {
      const firm = entry.firm
      const submittedDay = publishedDay + rng.int(1, Math.max(1, Math.floor(span * 0.7)))
      const submittedAt = clock.at(submittedDay, rng.int(9, 17), rng.int(0, 59))
      const createdAt = clock.plusHours(submittedAt, -rng.int(1, 3))
      const sharedSkills = spec.skills.filter((skill) => firm.skills.includes(skill))
      const reference = firm.references[0]?.title ?? 'un projet comparable'
      const approach = rng.pick(APPROACHES)({
        firm: firm.name,
        need: spec.title,
        skills: joinFrench(sharedSkills.length > 0 ? sharedSkills : firm.skills.slice(0, 2)),
        reference,
        weeks: rng.int(4, 10),
        team: Math.max(2, Math.min(firm.headcount, rng.int(2, 5))),
        where: inCommune(firm.commune.name),
      })
      const framing = rng.int(1, 3)
      const build = rng.int(4, 12)
      const handover = rng.int(1, 3)
      const timeline = `Cadrage : ${framing} semaine${framing > 1 ? 's' : ''} · Réalisation : ${build} semaines · Recette et transfert : ${handover} semaine${handover > 1 ? 's' : ''}`
      const declined = spec.applications?.declineLast === true && position === chosen.length - 1
      const [budgetMin, budgetMax] = spec.budget
      const priceEur = declined
        ? roundTo(budgetMax * (1.35 + rng.float() * 0.3), 500)
        : roundTo(budgetMin + (budgetMax - budgetMin) * (0.25 + rng.float() * 0.65), 500)
      const referencesText = firm.references.map((item) => `- ${item.title} (${item.clientType}, ${item.year}) : ${item.outcome}`).join('\n')

      const steps: ApplicationDraft['steps'] = []
      let status: ApplicationStatus = 'SUBMITTED'
      let decidedAt: Date | null = null
      let declineReason: DeclineReason | null = null
      let declineComment: string | null = null
      const afterSubmission = (minDays: number, maxDays: number) => {
        const day = Math.min(-1, submittedDay + rng.int(minDays, maxDays))
        const at = clock.at(day, rng.int(8, 17), rng.int(0, 59))
        return at.getTime() > submittedAt.getTime() ? at : clock.plusHours(submittedAt, 2)
      }
      if (spec.deal) {
        const shortlistedAt = clock.at(spec.deadline + rng.int(2, 4), 10)
        decidedAt = clock.at(spec.deadline + rng.int(8, 12), 15)
        steps.push({ to: 'SHORTLISTED', at: shortlistedAt }, { to: 'ACCEPTED', at: decidedAt })
        status = 'ACCEPTED'
      } else if (declined) {
        decidedAt = afterSubmission(2, 5)
        steps.push({ to: 'DECLINED', at: decidedAt })
        status = 'DECLINED'
        declineReason = 'BUDGET'
        declineComment = DECLINE_COMMENT
      } else if (position < shortlisted) {
        steps.push({ to: 'SHORTLISTED', at: afterSubmission(2, 6) })
        status = 'SHORTLISTED'
      }
      drafts.push({
        needTitle: spec.title,
        firm,
        status,
        approach,
        timeline,
        priceEur,
        referencesText,
        declineReason,
        declineComment,
        createdAt,
        submittedAt,
        steps,
        decidedAt,
        deal: spec.deal,
      })
    })
  }

  // Safety net: the demo firm keeps at least two well-matching published Grenoble needs to apply to by hand.
  const demoApplied = new Set(drafts.filter((draft) => draft.firm.slug === DEMO_FIRM_SLUG).map((draft) => draft.needTitle))
  const demoOpen = await prisma.match.count({
    where: {
      firmId: demoFirmId,
      score: { gte: 50 },
      need: { status: 'PUBLISHED', hub: { slug: 'digital-grenoble' }, title: { notIn: [...demoApplied] } },
    },
  })
  if (demoOpen < 2) throw new Error(`the demo firm has only ${demoOpen} good published Grenoble matches left to apply to`)

  return prisma.$transaction(
    async (db) => {
      const partnerActor = (title: string) => {
        const built = needRows.find((entry) => entry.spec.title === title)!
        return ids.userId.get(built.partner.users[0].email)!
      }
      const created = await db.application.createManyAndReturn({
        data: drafts.map((draft) => {
          const lastStep = draft.steps[draft.steps.length - 1]
          return {
            needId: needIds.get(draft.needTitle)!,
            firmId: ids.orgId.get(draft.firm.slug)!,
            createdById: ids.userId.get(draft.firm.users[0].email)!,
            status: draft.status,
            approach: draft.approach,
            timeline: draft.timeline,
            priceEur: draft.priceEur,
            referencesText: draft.referencesText,
            declineReason: draft.declineReason,
            declineComment: draft.declineComment,
            submittedAt: draft.submittedAt,
            decidedAt: draft.decidedAt,
            createdAt: draft.createdAt,
            updatedAt: lastStep?.at ?? draft.submittedAt,
          }
        }),
        select: { id: true, needId: true, firmId: true },
      })
      const applicationId = new Map(created.map((application) => [`${application.needId}:${application.firmId}`, application.id]))
      const idOf = (draft: ApplicationDraft) => applicationId.get(`${needIds.get(draft.needTitle)}:${ids.orgId.get(draft.firm.slug)}`)!

      await db.statusChange.createMany({
        data: drafts.flatMap((draft) => {
          const id = idOf(draft)
          const firmUser = ids.userId.get(draft.firm.users[0].email)!
          const partnerUser = partnerActor(draft.needTitle)
          const rows: Prisma.StatusChangeCreateManyInput[] = [
            { applicationId: id, fromStatus: null, toStatus: 'DRAFT', actorId: firmUser, at: draft.createdAt },
            { applicationId: id, fromStatus: 'DRAFT', toStatus: 'SUBMITTED', actorId: firmUser, at: draft.submittedAt },
          ]
          let from: ApplicationStatus = 'SUBMITTED'
          for (const step of draft.steps) {
            rows.push({ applicationId: id, fromStatus: from, toStatus: step.to, actorId: partnerUser, at: step.at })
            from = step.to
          }
          return rows
        }),
      })

      const deals = drafts.filter((draft) => draft.deal)
      await db.deal.createMany({
        data: deals.map((draft) => {
          const decided = draft.decidedAt!
          const day = (offset: number) => new Date(Date.UTC(decided.getUTCFullYear(), decided.getUTCMonth(), decided.getUTCDate()) + offset * DAY_MS)
          if (draft.deal === 'CONTRACT') {
            const signedAt = clock.at(-12, 14)
            return {
              applicationId: idOf(draft),
              status: 'CONTRACT' as DealStatus,
              successCriteria: SUCCESS_CRITERIA.CONTRACT,
              pilotStartsOn: day(14),
              pilotEndsOn: day(74),
              pilotValueEur: draft.priceEur,
              purchaseOrder: `AE-${signedAt.getUTCFullYear()}-0412`,
              contractValueEur: roundTo(draft.priceEur * 2.4, 1000),
              contractSignedAt: signedAt,
              createdAt: decided,
              updatedAt: signedAt,
            }
          }
          return {
            applicationId: idOf(draft),
            status: 'PILOT' as DealStatus,
            successCriteria: SUCCESS_CRITERIA.PILOT,
            pilotStartsOn: day(21),
            pilotEndsOn: day(111),
            pilotValueEur: draft.priceEur,
            createdAt: decided,
            updatedAt: decided,
          }
        }),
      })
      return created.length
    },
    { timeout: 60_000, maxWait: 10_000 },
  )
}
