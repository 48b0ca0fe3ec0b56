import { ENGINE_PARAMS, type Weights } from './config'
import type { FeatureValues, NafLevel } from './features'
import type { Reason, ReasonKey, RevenueBand } from './types'

/**
 * "Why this match", as data: `{ key, values }`, the largest contributions first, stored with each
 * match; `reasonSentence` renders them in French or English, for the app and the CLI alike. Values (strings are ready to print, numbers are raw):
 *
 * - rareSkills / skills: { count: number, skills: string }   shared skills ("IoT, edge computing"), rare
 *                                                            ones only for rareSkills (≤ 5% of firms)
 * - text:           { count: number, terms: string }         the need's words found in the profile
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
  /** The need's words that weigh most in the firm's text score, best first. */
  textTerms: string[]
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
  if (terms.length > 0) push('text', { count: terms.length, terms: list(terms) }, points('text'))
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

const BAND_LABEL: Record<RevenueBand, { fr: string; en: string }> = {
  LT_1M: { fr: 'moins de 1 M€', en: 'under €1M' },
  M1_2M: { fr: '1–2 M€', en: '€1–2M' },
  M2_5M: { fr: '2–5 M€', en: '€2–5M' },
  M5_10M: { fr: '5–10 M€', en: '€5–10M' },
  M10_50M: { fr: '10–50 M€', en: '€10–50M' },
  GT_50M: { fr: 'plus de 50 M€', en: 'over €50M' },
}

function plural(count: number, one: string, many: string) {
  return count > 1 ? many : one
}

function euros(amount: number, locale: ReasonLocale) {
  if (amount >= 1_000_000) {
    const millions = Math.round(amount / 100_000) / 10
    return locale === 'fr' ? `${String(millions).replace('.', ',')} M€` : `€${millions}M`
  }
  const thousands = Math.round(amount / 1000)
  return locale === 'fr' ? `${thousands} k€` : `€${thousands}k`
}

/**
 * « 3 compétences rares en commun : IoT, cybersécurité, edge », « à 12 km de Grenoble »,
 * « secteur 62.01Z » / "3 rare skills in common: IoT, cybersecurity, edge", "12 km from Grenoble",
 * "sector 62.01Z".
 */
export function reasonSentence(reason: Reason, locale: ReasonLocale = 'fr'): string {
  const v = reason.values
  const fr = locale === 'fr'
  const count = Number(v.count ?? 0)
  switch (reason.key) {
    case 'rareSkills':
      return fr
        ? `${count} ${plural(count, 'compétence rare', 'compétences rares')} en commun : ${v.skills}`
        : `${count} rare ${plural(count, 'skill', 'skills')} in common: ${v.skills}`
    case 'skills':
      return fr ? `${count} ${plural(count, 'compétence', 'compétences')} en commun : ${v.skills}` : `${count} ${plural(count, 'skill', 'skills')} in common: ${v.skills}`
    case 'text':
      return fr ? `${plural(count, 'mot-clé', 'mots-clés')} du besoin dans son profil : ${v.terms}` : `${plural(count, 'keyword', 'keywords')} of the need in its profile: ${v.terms}`
    case 'sector': {
      const level = v.level as NafLevel
      if (level === 'class') return fr ? `secteur ${v.code}` : `sector ${v.code}`
      return fr ? `secteur proche : ${v.code} (besoin ${v.needCode})` : `related sector: ${v.code} (need ${v.needCode})`
    }
    case 'distance': {
      const km = Number(v.km)
      if (km < 1) return fr ? `basée à ${v.commune}` : `based in ${v.commune}`
      return fr ? `à ${km} km de ${v.commune}` : `${km} km from ${v.commune}`
    }
    case 'remote':
      if (v.commune && v.km !== '') return fr ? `travail à distance accepté (à ${v.km} km de ${v.commune})` : `remote work accepted (${v.km} km from ${v.commune})`
      return fr ? 'travail à distance accepté' : 'remote work accepted'
    case 'trackRecord': {
      const deals = Number(v.deals)
      const references = Number(v.references)
      const parts = fr
        ? [deals > 0 ? `${deals} ${plural(deals, 'marché remporté', 'marchés remportés')}` : '', references > 0 ? `${references} ${plural(references, 'référence', 'références')}` : '']
        : [deals > 0 ? `${deals} ${plural(deals, 'deal', 'deals')} won` : '', references > 0 ? `${references} ${plural(references, 'reference', 'references')}` : '']
      return (fr ? 'expérience : ' : 'track record: ') + parts.filter(Boolean).join(fr ? ', ' : ', ')
    }
    case 'budget': {
      const band = BAND_LABEL[v.revenueBand as RevenueBand]
      const budget = euros(Number(v.budgetEur), locale)
      return fr ? `budget de ${budget} adapté à sa taille (CA ${band?.fr ?? v.revenueBand})` : `${budget} budget suits its size (revenue ${band?.en ?? v.revenueBand})`
    }
    case 'responsiveness':
      return fr ? `réactive (${v.percent} % de réponses dans les délais)` : `responsive (${v.percent}% of answers on time)`
  }
}

/** The reasons as one line: « …; … » (French spacing) / "…; …". */
export function reasonsLine(reasons: Reason[], locale: ReasonLocale = 'fr') {
  return reasons.map((reason) => reasonSentence(reason, locale)).join(locale === 'fr' ? ' ; ' : '; ')
}
