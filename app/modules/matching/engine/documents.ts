import { communeByInsee, type Commune } from '../../geo/communes'
import { queryTermWeight } from './bm25'
import { ENGINE_PARAMS } from './config'
import { deadlinePassed } from './eligibility'
import { needBudget, normaliseNaf } from './features'
import { detectLanguage, forEachTerm, normaliseSkills, type Language } from './text'
import type { FirmDoc, NeedDoc, RevenueBand } from './types'

/**
 * How needs and firms become BM25 documents. A firm's document is its description, offerings,
 * references (titles and descriptions) and skill tags (counted `firmSkillsWeight` times). A need's
 * query is its title (counted `titleWeight` times), summary, description and skill tags.
 */

export interface AnalysedFirm {
  language: Language
  /** Term → weighted frequency, in first-seen order. */
  counts: Map<string, number>
  length: number
  skills: Array<{ key: string; label: string }>
  nafCodes: string[]
  commune: Commune | null
  referenceCount: number
}

export function analyseFirm(firm: FirmDoc): AnalysedFirm {
  const references = firm.references ?? []
  const texts = [firm.description ?? '', firm.offerings ?? '', ...references.flatMap((ref) => [ref.title ?? '', ref.description ?? ''])]
  const language = detectLanguage(texts.join('\n'))
  const counts = new Map<string, number>()
  let length = 0
  const add = (weight: number) => (term: string) => {
    counts.set(term, (counts.get(term) ?? 0) + weight)
    length += weight
  }
  const addOnce = add(1)
  for (const text of texts) forEachTerm(text, language, addOnce)
  const skills = normaliseSkills(firm.skills)
  const addSkill = add(ENGINE_PARAMS.bm25.firmSkillsWeight)
  for (const skill of skills) forEachTerm(skill.label, language, addSkill)
  return {
    language,
    counts,
    length,
    skills,
    nafCodes: normaliseNafCodes(firm.nafCodes),
    commune: communeByInsee(firm.communeInsee),
    referenceCount: references.length,
  }
}

export function normaliseNafCodes(codes: readonly string[] | null | undefined) {
  const result: string[] = []
  for (const raw of codes ?? []) {
    const code = normaliseNaf(raw)
    if (code && !result.includes(code)) result.push(code)
  }
  return result
}

export interface QueryTerm {
  term: string
  /** w(qtf), the saturated query term weight. */
  weight: number
  /** The word as the need wrote it, for explanations. */
  surface: string
}

/** A need analysed once (independent of any index), reusable across rankings. */
export interface PreparedNeed {
  need: NeedDoc
  language: Language
  terms: QueryTerm[]
  skills: Array<{ key: string; label: string }>
  nafCodes: string[]
  commune: Commune | null
  remoteOk: boolean
  radiusKm: number | null
  budgetEur: number | null
  headcountMin: number | null
  headcountMax: number | null
  revenueBands: readonly RevenueBand[]
  minAgeYears: number | null
  deadline: Date | string | null
  hubIds: readonly string[]
  inviteOnly: boolean
}

const prepared = new WeakMap<NeedDoc, PreparedNeed>()

/** Analyses a need (memoised per need object: do not mutate a need after ranking it). */
export function prepareNeed(need: NeedDoc): PreparedNeed {
  const cached = prepared.get(need)
  if (cached) return cached
  const language = detectLanguage([need.title, need.summary, need.description].filter(Boolean).join('\n'))
  const qtf = new Map<string, { count: number; surface: string }>()
  const add = (weight: number) => (term: string, surface: string) => {
    const entry = qtf.get(term)
    if (entry) entry.count += weight
    else qtf.set(term, { count: weight, surface })
  }
  forEachTerm(need.title ?? '', language, add(ENGINE_PARAMS.bm25.titleWeight))
  const addOnce = add(1)
  forEachTerm(need.summary ?? '', language, addOnce)
  forEachTerm(need.description ?? '', language, addOnce)
  const skills = normaliseSkills(need.skills)
  for (const skill of skills) forEachTerm(skill.label, language, addOnce)
  const terms = [...qtf].map(([term, entry]) => ({ term, weight: queryTermWeight(entry.count), surface: entry.surface }))
  const rules = need.eligibility ?? {}
  const result: PreparedNeed = {
    need,
    language,
    terms,
    skills,
    nafCodes: normaliseNafCodes(need.nafCodes),
    commune: communeByInsee(need.communeInsee),
    remoteOk: !!need.remoteOk,
    radiusKm: need.radiusKm ?? null,
    budgetEur: needBudget(need.budgetMinEur, need.budgetMaxEur),
    headcountMin: rules.headcountMin ?? null,
    headcountMax: rules.headcountMax ?? null,
    revenueBands: rules.revenueBands ?? [],
    minAgeYears: rules.minAgeYears ?? null,
    deadline: need.deadline ?? null,
    hubIds: need.hubIds ?? [],
    inviteOnly: need.visibility === 'INVITE_ONLY',
  }
  prepared.set(need, result)
  return result
}

export function isPastDeadline(need: PreparedNeed, now: Date) {
  return deadlinePassed(need.deadline, now)
}
