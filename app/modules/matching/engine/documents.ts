import { communeByInsee, type Commune } from '../../geo/communes'

/** A commune the engine may measure distances from: known and placed at its own point (Commune.placed). */
export function placedCommune(insee: string | null | undefined): Commune | null {
  const commune = communeByInsee(insee)
  return commune?.placed ? commune : null
}
import { queryTermWeight } from './bm25'
import { ENGINE_PARAMS } from './config'
import { deadlinePassed } from './eligibility'
import { needBudget, normaliseNaf } from './features'
import { detectLanguage, forEachTerm, normaliseSkills, type Language } from './text'
import { evokedConcepts, expansionTerms, phraseSpans, type SequenceTerm } from './thesaurus'
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
    // A firm whose commune has only a shared centre (EPCI, département) is of unknown location.
    commune: placedCommune(firm.communeInsee),
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
  /** w(qtf), the saturated query term weight (× ENGINE_PARAMS.expansion.termWeight for an expansion term). */
  weight: number
  /**
   * For explanations: the need's words as written, whole expression (« tableau de bord », "edge
   * computing", "IoT"); for an expansion term, the thesaurus phrase it comes from ("NLP").
   */
  surface: string
  /** Added by query expansion (a concept the need evokes), not written by the need. */
  expanded?: boolean
}

/** A need analysed once (independent of any index), reusable across rankings. */
export interface PreparedNeed {
  need: NeedDoc
  language: Language
  /** The need's own terms first, then the expansion terms (ENGINE_PARAMS.expansion). */
  terms: QueryTerm[]
  /** The thesaurus concepts the need evokes (empty when expansion is off). */
  concepts: string[]
  skills: Array<{ key: string; label: string }>
  nafCodes: string[]
  /** The need's commune when placed at its own point (distances are measured from it), else null. */
  commune: Commune | null
  /** The département of the need's commune, placed or not (intervention areas, the radius rule). */
  dept: string | null
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

export interface PrepareOptions {
  /** Query expansion with the domain thesaurus (default ENGINE_PARAMS.expansion.enabled). */
  expansion?: boolean
}

const preparedWith = new WeakMap<NeedDoc, PreparedNeed>()
const preparedWithout = new WeakMap<NeedDoc, PreparedNeed>()

/** Positions between two fields of a need: phrases and cues never span fields. */
const FIELD_GAP = 1000

interface Occurrence extends SequenceTerm {
  /** The field's NFC text, and the word's offsets in it. */
  text: string
  start: number
  end: number
  /** Whether the field's words can be traced back (lower-casing kept the offsets). */
  traceable: boolean
}

/**
 * Analyses a need (memoised per need object and expansion setting: do not mutate a need after
 * ranking it).
 */
export function prepareNeed(need: NeedDoc, options: PrepareOptions = {}): PreparedNeed {
  const expansion = options.expansion ?? ENGINE_PARAMS.expansion.enabled
  const memo = expansion ? preparedWith : preparedWithout
  const cached = memo.get(need)
  if (cached) return cached
  const language = detectLanguage([need.title, need.summary, need.description].filter(Boolean).join('\n'))
  const qtf = new Map<string, { count: number; first: number }>()
  const sequence: Occurrence[] = []
  let position = 0
  const read = (raw: string | null | undefined, weight: number) => {
    if (!raw) return
    const text = raw.normalize('NFC')
    const traceable = text.toLowerCase().length === text.length
    forEachTerm(text, language, (term, surface, start) => {
      const entry = qtf.get(term)
      if (entry) entry.count += weight
      else qtf.set(term, { count: weight, first: sequence.length })
      sequence.push({ term, position: position + start, text, start, end: start + surface.length, traceable })
    })
    position += text.length + FIELD_GAP
  }
  read(need.title, ENGINE_PARAMS.bm25.titleWeight)
  read(need.summary, 1)
  read(need.description, 1)
  const skills = normaliseSkills(need.skills)
  for (const skill of skills) read(skill.label, 1)
  // Positions count words, not characters, for phrases and cue windows.
  const words: SequenceTerm[] = []
  let word = 0
  for (let index = 0; index < sequence.length; index++) {
    if (index > 0) word += sequence[index].position - sequence[index - 1].position > FIELD_GAP ? FIELD_GAP : 1
    words.push({ term: sequence[index].term, position: word })
  }
  const spans = phraseSpans(words, language)
  const terms: QueryTerm[] = [...qtf].map(([term, entry]) => ({
    term,
    weight: queryTermWeight(entry.count),
    surface: surfaceAt(sequence, entry.first, spans.get(entry.first)),
  }))
  const concepts: string[] = []
  if (expansion) {
    const params = ENGINE_PARAMS.expansion
    const evoked = evokedConcepts(words, language, { window: params.cueWindow, maxConcepts: params.maxConcepts })
    for (const concept of evoked) concepts.push(concept.id)
    for (const entry of expansionTerms(evoked, params.maxTerms, (term) => qtf.has(term))) {
      terms.push({ term: entry.term, weight: params.termWeight * queryTermWeight(1), surface: entry.phrase, expanded: true })
    }
  }
  const rules = need.eligibility ?? {}
  const result: PreparedNeed = {
    need,
    language,
    terms,
    concepts,
    skills,
    nafCodes: normaliseNafCodes(need.nafCodes),
    // Distances are measured from a placed commune only; the département counts for intervention areas.
    commune: placedCommune(need.communeInsee),
    dept: communeByInsee(need.communeInsee)?.dept ?? null,
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
  memo.set(need, result)
  return result
}

/**
 * The need's words at an occurrence, as written: the whole expression when the word is part of one
 * (« tableau de bord », not « bord »). Acronyms and mixed-case names keep their capitals ("IA",
 * "IoT"), a capitalised word keeps its capital unless it starts a sentence; other words are lower case.
 */
function surfaceAt(sequence: readonly Occurrence[], index: number, span: [number, number] | undefined): string {
  const occurrence = sequence[index]
  if (!occurrence.traceable) return occurrence.text.slice(occurrence.start, occurrence.end).toLowerCase()
  const [first, last] = span ?? [index, index]
  const start = sequence[first].start
  const end = sequence[last].end
  const text = occurrence.text
  const sentenceStart = /(^|[.!?:;\n]\s*|^\s*[-•*]\s*)$/.test(text.slice(0, start))
  return text
    .slice(start, end)
    .replace(/\s+/g, ' ')
    .replace(/[\p{L}\p{N}]+/gu, (wordText, at: number) => casedWord(wordText, sentenceStart && at === 0))
}

function casedWord(word: string, sentenceStart: boolean) {
  const rest = word.slice(1)
  if (rest !== rest.toLowerCase()) return word
  if (word.length >= 2 && word === word.toUpperCase() && /\p{Lu}/u.test(word)) return word
  if (!sentenceStart && word[0] !== word[0].toLowerCase()) return word
  return word.toLowerCase()
}

export function isPastDeadline(need: PreparedNeed, now: Date) {
  return deadlinePassed(need.deadline, now)
}
