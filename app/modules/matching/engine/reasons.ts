import { ENGINE_PARAMS, type Weights } from './config'
import type { FeatureValues, NafLevel } from './features'
import type { Reason, ReasonKey, RevenueBand } from './types'

/**
 * "Why this match", as data: `{ key, values }`, the largest contributions first, stored with each
 * match; `reasonSentence` renders them in French or English, for the app and the CLI alike. Values (strings are ready to print, numbers are raw):
 *
 * - rareSkills / skills: { count: number, skills: string }   shared skills ("IoT, edge computing"), rare
 *                                                            ones only for rareSkills (≤ 5% of firms)
 * - text:           { count: number, terms: string, related?: string }  the need's words found in the
 *                                                            profile, as written (whole expressions:
 *                                                            « tableau de bord »); related: thesaurus
 *                                                            phrases (query expansion) found there
 * - sector:         { code: string, needCode: string, level: 'class' | 'group' | 'division' }
 * - distance:       { km: number, commune: string }          km from the need's commune (rounded)
 * - remote:         { km: number | '', commune: string }     remote-OK need, firm beyond the radius ('' if unknown)
 * - trackRecord:    { deals: number, references: number }
 * - budget:         { budgetEur: number, revenueBand: RevenueBand }
 * - responsiveness: { percent: number }
 */
export interface ReasonDetails {
  values: FeatureValues
  normalised: Weights
  sharedSkills: Array<{ label: string; rare: boolean }>
  /** The need's words that weigh most in the firm's text score, best first, as written (whole expressions). */
  textTerms: string[]
  /** Thesaurus phrases (query expansion) found in the firm's text, best first. */
  relatedTerms?: string[]
  naf: { needCode: string; firmCode: string; level: NafLevel } | null
  km: number | null
  communeName: string | null
  remoteOk: boolean
  radiusKm: number
  dealsWon: number
  referenceCount: number
  budgetEur: number | null
  revenueBand: RevenueBand | null
  responsiveness: number
}

const KEY_ORDER: ReasonKey[] = ['rareSkills', 'skills', 'text', 'sector', 'distance', 'remote', 'budget', 'trackRecord', 'responsiveness']

export function buildReasons(details: ReasonDetails): Reason[] {
  const { values, normalised } = details
  const params = ENGINE_PARAMS.reasons
  const points = (feature: keyof Weights) => 100 * normalised[feature] * (values[feature] ?? 0)
  const candidates: Array<{ reason: Reason; points: number }> = []
  const push = (key: ReasonKey, reasonValues: Reason['values'], featurePoints: number) => {
    if (featurePoints >= params.minPoints) candidates.push({ reason: { key, values: reasonValues }, points: featurePoints })
  }

  const rare = details.sharedSkills.filter((skill) => skill.rare)
  if (rare.length > 0) {
    push('rareSkills', { count: rare.length, skills: list(rare.map((skill) => skill.label)) }, points('skills'))
  } else if (details.sharedSkills.length > 0) {
    push('skills', { count: details.sharedSkills.length, skills: list(details.sharedSkills.map((skill) => skill.label)) }, points('skills'))
  }
  const terms = details.textTerms.slice(0, 4)
  const related = (details.relatedTerms ?? []).slice(0, terms.length > 0 ? 2 : 4)
  if (terms.length > 0 || related.length > 0) {
    push('text', { count: terms.length, terms: list(terms), ...(related.length > 0 ? { related: list(related) } : {}) }, points('text'))
  }
  if (details.naf) push('sector', { code: details.naf.firmCode, needCode: details.naf.needCode, level: details.naf.level }, points('sector'))
  if (details.communeName) {
    const near = details.km !== null && details.km <= details.radiusKm
    if (near) push('distance', { km: Math.round(details.km!), commune: details.communeName }, points('distance'))
    else if (details.remoteOk) push('remote', { km: details.km === null ? '' : Math.round(details.km), commune: details.communeName }, points('distance'))
  } else if (details.remoteOk) {
    push('remote', { km: '', commune: '' }, points('distance'))
  }
  if (details.budgetEur !== null && details.revenueBand && (values.budget ?? 0) >= 0.8) {
    push('budget', { budgetEur: details.budgetEur, revenueBand: details.revenueBand }, points('budget'))
  }
  if (details.dealsWon > 0 || details.referenceCount > 0) {
    push('trackRecord', { deals: details.dealsWon, references: details.referenceCount }, points('trackRecord'))
  }
  if (details.responsiveness >= 0.75) push('responsiveness', { percent: Math.round(details.responsiveness * 100) }, points('responsiveness'))

  candidates.sort((a, b) => b.points - a.points || KEY_ORDER.indexOf(a.reason.key) - KEY_ORDER.indexOf(b.reason.key))
  return candidates.slice(0, params.max).map((candidate) => candidate.reason)
}

function list(items: string[]) {
  return items.slice(0, ENGINE_PARAMS.reasons.maxListed).join(', ')
}

// ───────────────────────────── sentences (the app and the CLI) ─────────────────────────────

export type ReasonLocale = 'fr' | 'en'
/**
 * Who reads the reason: the firm (second person: « vos compétences en commun », « votre entreprise
 * est à 12 km d’Échirolles »), the partner who posted the need (the firm in the third person, « votre
 * besoin »), or staff and tools (neutral, the default: « compétences en commun », « à 12 km de … »).
 */
export type ReasonAudience = 'firm' | 'partner' | 'staff'

const NBSP = '\u00a0'

const BAND_LABEL: Record<RevenueBand, { fr: string; en: string }> = {
  LT_1M: { fr: `moins de 1${NBSP}M€`, en: 'under €1M' },
  M1_2M: { fr: `1–2${NBSP}M€`, en: '€1–2M' },
  M2_5M: { fr: `2–5${NBSP}M€`, en: '€2–5M' },
  M5_10M: { fr: `5–10${NBSP}M€`, en: '€5–10M' },
  M10_50M: { fr: `10–50${NBSP}M€`, en: '€10–50M' },
  GT_50M: { fr: `plus de 50${NBSP}M€`, en: 'over €50M' },
}

const numberFormats: Record<ReasonLocale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
}
const percentFormats: Record<ReasonLocale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 }),
}

/** A number as Intl writes it: « 1 200 » (narrow no-break space), « 2,5 »; "1,200", "2.5". */
function formatNumber(value: number, locale: ReasonLocale) {
  return numberFormats[locale].format(value)
}

function plural(count: number, one: string, many: string) {
  return count > 1 ? many : one
}

/** « 80 k€ », « 1,5 M€ » / "€80k", "€1.5M" (a no-break space before the French unit). */
function euros(amount: number, locale: ReasonLocale) {
  if (amount >= 1_000_000) {
    const millions = formatNumber(Math.round(amount / 100_000) / 10, locale)
    return locale === 'fr' ? `${millions}${NBSP}M€` : `€${millions}M`
  }
  const thousands = formatNumber(Math.round(amount / 1000), locale)
  return locale === 'fr' ? `${thousands}${NBSP}k€` : `€${thousands}k`
}

/** « 12 km » with a no-break space. */
function kilometres(km: number, locale: ReasonLocale) {
  return `${formatNumber(km, locale)}${NBSP}km`
}

/** Words whose initial h is aspirated: no elision (« de Hauteluce »); any other h is mute (« d’Huez »). */
const ASPIRATED_H = /^h(?:aut|al|am|an|ar|as|ay|ér|on|ou|ur)/i
const VOWEL = /^[aeiouyàâäéèêëîïôöùûüœæ]/i

/**
 * A French preposition before a commune's name, elided and contracted as French writes it:
 * « d’Échirolles », « d’Annecy », « d’Huez », « de Hauteluce », « de Grenoble », « du Bourg-d’Oisans »
 * (de + Le), « des Deux Alpes » (de + Les), « de La Mure », « de L’Isle-d’Abeau »; « à Annecy »,
 * « au Bourg-d’Oisans », « aux Deux Alpes ». Apostrophes become typographic.
 */
export function frenchPlace(preposition: 'de' | 'à', name: string) {
  const place = name.trim().replace(/'/g, '’')
  // A real article only: « Le », « La », « Les » followed by a space (not Lens, Levallois-Perret,
  // Lamballe, Lesneven), or an elided « L’ » (the apostrophe is already typographic here).
  const article = /^(Les|Le|La) (.+)$/u.exec(place)
  if (article && (article[1] === 'Le' || article[1] === 'Les')) {
    const contracted = { de: { Le: 'du', Les: 'des' }, à: { Le: 'au', Les: 'aux' } }[preposition][article[1]]
    return `${contracted} ${article[2]}`
  }
  if (preposition === 'de' && (VOWEL.test(place) || (/^h/i.test(place) && !ASPIRATED_H.test(place)))) return `d’${place}`
  return `${preposition} ${place}`
}

function distancePhrase(km: number, commune: string, locale: ReasonLocale) {
  return locale === 'fr' ? `à ${kilometres(km, locale)} ${frenchPlace('de', commune)}` : `${kilometres(km, locale)} from ${commune}`
}

/**
 * One reason as a sentence fragment, in French or English, for its reader:
 *
 * - staff (default, also the CLI): « 3 compétences rares en commun : IoT, MES », « à 12 km
 *   d’Échirolles », « mots-clés du besoin dans son profil : tableau de bord »;
 * - firm: « vos compétences rares en commun : IoT, MES », « votre entreprise est à 12 km
 *   d’Échirolles », « mots-clés du besoin dans votre profil : … »;
 * - partner: « 3 compétences rares en commun avec votre besoin : … », « l’entreprise est à 12 km
 *   d’Échirolles », « mots-clés de votre besoin dans son profil : … ».
 */
export function reasonSentence(reason: Reason, locale: ReasonLocale = 'fr', audience: ReasonAudience = 'staff'): string {
  const v = reason.values
  const fr = locale === 'fr'
  const count = Number(v.count ?? 0)
  const firm = audience === 'firm'
  const partner = audience === 'partner'
  switch (reason.key) {
    case 'rareSkills':
    case 'skills': {
      const rare = reason.key === 'rareSkills'
      if (firm) {
        return fr
          ? `${plural(count, 'votre compétence', 'vos compétences')}${rare ? plural(count, ' rare', ' rares') : ''} en commun : ${v.skills}`
          : `your ${rare ? 'rare ' : ''}${plural(count, 'skill', 'skills')} in common: ${v.skills}`
      }
      const frNoun = rare ? plural(count, 'compétence rare', 'compétences rares') : plural(count, 'compétence', 'compétences')
      const enNoun = `${rare ? 'rare ' : ''}${plural(count, 'skill', 'skills')}`
      return fr
        ? `${count} ${frNoun} en commun${partner ? ' avec votre besoin' : ''} : ${v.skills}`
        : `${count} ${enNoun} in common${partner ? ' with your need' : ''}: ${v.skills}`
    }
    case 'text': {
      const terms = String(v.terms ?? '')
      const related = String(v.related ?? '')
      const where = fr ? (firm ? 'dans votre profil' : 'dans son profil') : firm ? 'in your profile' : 'in its profile'
      const need = fr ? (partner ? 'de votre besoin' : 'du besoin') : partner ? 'of your need' : 'of the need'
      if (!terms) {
        return fr ? `${plural(count || 2, 'terme proche', 'termes proches')} ${need} ${where} : ${related}` : `terms related to ${partner ? 'your need' : 'the need'} ${where}: ${related}`
      }
      const main = fr ? `${plural(count, 'mot-clé', 'mots-clés')} ${need} ${where} : ${terms}` : `${plural(count, 'keyword', 'keywords')} ${need} ${where}: ${terms}`
      if (!related) return main
      return fr ? `${main} (et termes proches : ${related})` : `${main} (and related terms: ${related})`
    }
    case 'sector': {
      const level = v.level as NafLevel
      if (level === 'class') {
        if (firm) return fr ? `votre secteur : ${v.code}` : `your sector: ${v.code}`
        if (partner) return fr ? `son secteur : ${v.code}` : `its sector: ${v.code}`
        return fr ? `secteur ${v.code}` : `sector ${v.code}`
      }
      if (firm) return fr ? `votre secteur est proche : ${v.code} (besoin ${v.needCode})` : `your sector is related: ${v.code} (need ${v.needCode})`
      if (partner) return fr ? `secteur proche : ${v.code} (votre besoin ${v.needCode})` : `related sector: ${v.code} (your need ${v.needCode})`
      return fr ? `secteur proche : ${v.code} (besoin ${v.needCode})` : `related sector: ${v.code} (need ${v.needCode})`
    }
    case 'distance': {
      const km = Number(v.km)
      const commune = String(v.commune)
      const subject = fr ? (firm ? 'votre entreprise est ' : partner ? 'l’entreprise est ' : '') : firm ? 'your company is ' : partner ? 'the company is ' : ''
      if (km < 1) return fr ? `${subject}basée ${frenchPlace('à', commune)}` : `${subject}based in ${commune}`
      return `${subject}${distancePhrase(km, commune, locale)}`
    }
    case 'remote': {
      const accepted = fr ? 'travail à distance accepté' : 'remote work accepted'
      if (!v.commune || v.km === '') return accepted
      const subject = fr ? (firm ? 'vous êtes ' : partner ? 'l’entreprise est ' : '') : firm ? 'you are ' : partner ? 'the company is ' : ''
      return `${accepted} (${subject}${distancePhrase(Number(v.km), String(v.commune), locale)})`
    }
    case 'trackRecord': {
      const deals = Number(v.deals)
      const references = Number(v.references)
      const parts = fr
        ? [deals > 0 ? `${formatNumber(deals, locale)} ${plural(deals, 'marché remporté', 'marchés remportés')}` : '', references > 0 ? `${formatNumber(references, locale)} ${plural(references, 'référence', 'références')}` : '']
        : [deals > 0 ? `${formatNumber(deals, locale)} ${plural(deals, 'deal', 'deals')} won` : '', references > 0 ? `${formatNumber(references, locale)} ${plural(references, 'reference', 'references')}` : '']
      const label = fr ? (firm ? 'votre expérience : ' : partner ? 'son expérience : ' : 'expérience : ') : firm ? 'your track record: ' : partner ? 'its track record: ' : 'track record: '
      return label + parts.filter(Boolean).join(', ')
    }
    case 'budget': {
      const band = BAND_LABEL[v.revenueBand as RevenueBand]
      const budget = euros(Number(v.budgetEur), locale)
      const revenue = fr ? `CA ${band?.fr ?? v.revenueBand}` : `revenue ${band?.en ?? v.revenueBand}`
      if (firm) return fr ? `budget de ${budget} adapté à votre taille (${revenue})` : `${budget} budget suits your size (${revenue})`
      if (partner) return fr ? `votre budget de ${budget} est adapté à sa taille (${revenue})` : `your ${budget} budget suits its size (${revenue})`
      return fr ? `budget de ${budget} adapté à sa taille (${revenue})` : `${budget} budget suits its size (${revenue})`
    }
    case 'responsiveness': {
      const percent = percentFormats[locale].format(Number(v.percent) / 100)
      if (firm) return fr ? `vous répondez dans les délais (${percent} des réponses)` : `you answer on time (${percent} of answers)`
      return fr ? `réactive (${percent} de réponses dans les délais)` : `responsive (${percent} of answers on time)`
    }
  }
}

/** The reasons as one line: « …; … » (French spacing) / "…; …". */
export function reasonsLine(reasons: Reason[], locale: ReasonLocale = 'fr', audience: ReasonAudience = 'staff') {
  return reasons.map((reason) => reasonSentence(reason, locale, audience)).join(locale === 'fr' ? ' ; ' : '; ')
}
