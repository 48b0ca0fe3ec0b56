import { CONCEPTS, type ConceptData } from './thesaurus-data'
import { forEachTerm, type Language } from './text'

/**
 * Query expansion with the bilingual domain thesaurus (thesaurus-data.ts: how it was written and
 * how to extend it). Pure: the thesaurus is compiled once per language with the engine's own
 * tokenizer, so its phrases meet the need's words exactly as BM25 sees them (stems, stop words
 * dropped, accents folded).
 *
 * - `evokedConcepts(sequence, language)`: the concepts a need's text evokes, by their offer words
 *   (any language) or their problem cues;
 * - `expansionTerms(concepts)`: the offer words of those concepts as index terms, French words
 *   stemmed as French, English words as English and as French (a French profile quotes English
 *   terms: "machine learning"), each with the offer phrase it comes from (for explanations);
 * - `phraseSpans(sequence, language)`: where multi-word expressions (« tableau de bord », "edge
 *   computing", the thesaurus's phrases) lie in a need's text, so explanations show the whole
 *   expression rather than a fragment.
 */

/** One indexable word of a need's text, in order (`position` jumps between fields). */
export interface SequenceTerm {
  term: string
  position: number
}

type Stems = readonly string[]

interface CompiledConcept {
  id: string
  /** Offer phrases in this language's stems (to recognise them in a need). */
  offers: Stems[]
  /** cue → segment → alternatives → stems. */
  cues: Stems[][][]
}

/** Expressions shown whole in explanations, besides the thesaurus's own phrases. */
const COMPOUNDS = [
  'tableau de bord', 'tableaux de bord', 'mise à jour', 'mises à jour', 'mise en œuvre', 'mise en place', 'mise en production', 'mise en service',
  'prise en charge', 'prise de rendez-vous', 'ligne de production', 'lignes de production', 'chaîne de production', 'temps réel', 'bout en bout',
  'cahier des charges', 'retour sur investissement', 'service client', 'relation client', 'pièces détachées', 'main-d’œuvre', 'savoir-faire',
  'big data', 'open source', 'real time', 'real-time', 'end to end', 'front end', 'back end', 'full stack', 'cloud computing', 'edge computing',
  'machine learning', 'deep learning', 'data science', 'data engineering', 'user experience', 'user interface', 'supply chain', 'spare parts',
  'work orders', 'customer service', 'open data', 'low code', 'no code', 'computer vision', 'point of sale', 'life cycle',
]

function stemsOf(phrase: string, language: Language): string[] {
  const stems: string[] = []
  forEachTerm(phrase, language, (term) => stems.push(term))
  return stems
}

const compiled: Partial<Record<Language, CompiledConcept[]>> = {}
const compiledPhrases: Partial<Record<Language, Stems[]>> = {}

function conceptsFor(language: Language): CompiledConcept[] {
  let result = compiled[language]
  if (!result) {
    result = CONCEPTS.map((concept) => ({
      id: concept.id,
      offers: [...concept.fr, ...concept.en].map((phrase) => stemsOf(phrase, language)).filter((stems) => stems.length > 0),
      cues: concept.cues.map((cue) =>
        cue
          .split(' + ')
          .map((segment) => segment.split('|').map((alternative) => stemsOf(alternative, language)).filter((stems) => stems.length > 0))
          .filter((segment) => segment.length > 0),
      ),
    }))
    compiled[language] = result
  }
  return result
}

function phrasesFor(language: Language): Stems[] {
  let result = compiledPhrases[language]
  if (!result) {
    const all = [...COMPOUNDS, ...CONCEPTS.flatMap((concept) => [...concept.fr, ...concept.en])]
    const seen = new Set<string>()
    result = []
    for (const phrase of all) {
      const stems = stemsOf(phrase, language)
      const key = stems.join(' ')
      if (stems.length < 2 || seen.has(key)) continue
      seen.add(key)
      result.push(stems)
    }
    compiledPhrases[language] = result
  }
  return result
}

/** term → indexes in the sequence where it occurs. */
function positionsByTerm(sequence: readonly SequenceTerm[]) {
  const byTerm = new Map<string, number[]>()
  sequence.forEach((entry, index) => {
    const list = byTerm.get(entry.term)
    if (list) list.push(index)
    else byTerm.set(entry.term, [index])
  })
  return byTerm
}

/** Where a phrase occurs (consecutive words of the same field): [first index, last index] pairs. */
function occurrences(sequence: readonly SequenceTerm[], byTerm: Map<string, number[]>, stems: Stems): Array<[number, number]> {
  const starts = byTerm.get(stems[0])
  if (!starts) return []
  const found: Array<[number, number]> = []
  for (const start of starts) {
    let ok = start + stems.length <= sequence.length
    for (let offset = 1; ok && offset < stems.length; offset++) {
      const entry = sequence[start + offset]
      ok = entry.term === stems[offset] && entry.position === sequence[start].position + offset
    }
    if (ok) found.push([start, start + stems.length - 1])
  }
  return found
}

function cueMatches(sequence: readonly SequenceTerm[], byTerm: Map<string, number[]>, cue: Stems[][], window: number) {
  if (cue.length === 0) return false
  const segments = cue.map((alternatives) => alternatives.flatMap((stems) => occurrences(sequence, byTerm, stems)))
  if (segments.some((found) => found.length === 0)) return false
  // Every segment within `window` words of one occurrence of the first segment.
  return segments[0].some(([start]) => {
    const anchor = sequence[start].position
    return segments.every((found) => found.some(([first, last]) => Math.abs(sequence[first].position - anchor) <= window && Math.abs(sequence[last].position - anchor) <= window))
  })
}

export interface EvokedConcept {
  id: string
  /** How many offer phrases and cues of the concept the need's text matched. */
  hits: number
}

/**
 * The concepts a need's words evoke (its offer words in any language, or its problem cues), most
 * hits first, then thesaurus order; at most `maxConcepts`.
 */
export function evokedConcepts(sequence: readonly SequenceTerm[], language: Language, options: { window: number; maxConcepts: number }): EvokedConcept[] {
  if (sequence.length === 0) return []
  const byTerm = positionsByTerm(sequence)
  const evoked: Array<EvokedConcept & { order: number }> = []
  conceptsFor(language).forEach((concept, order) => {
    let hits = 0
    for (const offer of concept.offers) if (occurrences(sequence, byTerm, offer).length > 0) hits++
    for (const cue of concept.cues) if (cueMatches(sequence, byTerm, cue, options.window)) hits++
    if (hits > 0) evoked.push({ id: concept.id, hits, order })
  })
  evoked.sort((a, b) => b.hits - a.hits || a.order - b.order)
  return evoked.slice(0, options.maxConcepts).map(({ id, hits }) => ({ id, hits }))
}

export interface ExpansionTerm {
  term: string
  /** The offer phrase the term comes from, as written in the thesaurus ("NLP", « maintenance prédictive »). */
  phrase: string
  concept: string
}

const expansionCache = new Map<string, ExpansionTerm[]>()

/** Words that say little about an offer on their own ("grands modèles", "search"), never added. */
const VAGUE = ['grands', 'large', 'recherche', 'search', 'outil', 'outils', 'tool', 'tools', 'logiciel', 'software', 'plateforme', 'platform', 'nouveau', 'new']

/** Index terms of one concept's offer words (French as French; English as English and as French). */
function rawConceptTerms(concept: ConceptData, onTerm: (term: string, phrase: string) => void) {
  for (const phrase of concept.fr) forEachTerm(phrase, 'fr', (term) => onTerm(term, phrase))
  for (const phrase of concept.en) {
    forEachTerm(phrase, 'en', (term) => onTerm(term, phrase))
    forEachTerm(phrase, 'fr', (term) => onTerm(term, phrase))
  }
}

let generic: Set<string> | null = null
/**
 * Terms of the offer words of three concepts or more ("gestion", "management", "smart",
 * "analyse", "données"…) and vague words: they would pull firms of every trade, so expansion
 * leaves them out (a need that writes them still searches them as its own words).
 */
function genericTerms() {
  if (!generic) {
    const concepts = new Map<string, Set<string>>()
    for (const concept of CONCEPTS) {
      rawConceptTerms(concept, (term) => {
        const ids = concepts.get(term) ?? new Set<string>()
        ids.add(concept.id)
        concepts.set(term, ids)
      })
    }
    generic = new Set([...concepts].filter(([, ids]) => ids.size >= 3).map(([term]) => term))
    for (const word of VAGUE) for (const language of ['fr', 'en'] as const) forEachTerm(word, language, (term) => generic!.add(term))
  }
  return generic
}

/** The index terms of a concept's offer words (first phrase wins for a term), cached. */
function conceptTerms(concept: ConceptData): ExpansionTerm[] {
  let terms = expansionCache.get(concept.id)
  if (!terms) {
    const seen = new Set<string>(genericTerms())
    terms = []
    const add = (phrase: string, language: Language) => {
      forEachTerm(phrase, language, (term) => {
        if (seen.has(term)) return
        seen.add(term)
        terms!.push({ term, phrase, concept: concept.id })
      })
    }
    // French and English phrases in turn, main names first: a capped expansion keeps both languages.
    for (let rank = 0; rank < Math.max(concept.fr.length, concept.en.length); rank++) {
      if (rank < concept.fr.length) add(concept.fr[rank], 'fr')
      if (rank < concept.en.length) {
        add(concept.en[rank], 'en')
        add(concept.en[rank], 'fr')
      }
    }
    expansionCache.set(concept.id, terms)
  }
  return terms
}

const conceptById = new Map(CONCEPTS.map((concept) => [concept.id, concept]))

/**
 * The offer words of the concepts as index terms, each term once, at most `maxTerms` (shared
 * fairly between the concepts, each concept's first phrases first: write a concept's main names
 * first), leaving out the terms `skip` says the need already has.
 */
export function expansionTerms(concepts: readonly EvokedConcept[], maxTerms = Infinity, skip: (term: string) => boolean = () => false): ExpansionTerm[] {
  const lists = concepts.map(({ id }) => conceptById.get(id)).filter((concept) => concept !== undefined).map((concept) => conceptTerms(concept).filter((entry) => !skip(entry.term)))
  const seen = new Set<string>()
  const result: ExpansionTerm[] = []
  const cursors = lists.map(() => 0)
  // Round robin: one term of each concept in turn.
  for (let progress = true; progress && result.length < maxTerms; ) {
    progress = false
    for (let index = 0; index < lists.length && result.length < maxTerms; index++) {
      const list = lists[index]
      while (cursors[index] < list.length && seen.has(list[cursors[index]].term)) cursors[index]++
      if (cursors[index] >= list.length) continue
      const entry = list[cursors[index]++]
      seen.add(entry.term)
      result.push(entry)
      progress = true
    }
  }
  return result
}

/**
 * The multi-word expressions of a need's text: for each sequence index inside one, the [first,
 * last] indexes of the longest expression covering it.
 */
export function phraseSpans(sequence: readonly SequenceTerm[], language: Language): Map<number, [number, number]> {
  const spans = new Map<number, [number, number]>()
  if (sequence.length < 2) return spans
  const byTerm = positionsByTerm(sequence)
  for (const stems of phrasesFor(language)) {
    for (const [first, last] of occurrences(sequence, byTerm, stems)) {
      for (let index = first; index <= last; index++) {
        const current = spans.get(index)
        if (!current || current[1] - current[0] < last - first) spans.set(index, [first, last])
      }
    }
  }
  return spans
}

/** The thesaurus's concept ids (tests, diagnostics). */
export const CONCEPT_IDS: readonly string[] = CONCEPTS.map((concept) => concept.id)
