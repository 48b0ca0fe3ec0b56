import { createRequire } from 'node:module'
import { normaliseTag } from '../../shared/tags'
import { TAG_ALIASES } from './tag-aliases'

/**
 * The text pipeline shared by the firm index and the needs (French and English):
 *
 * 1. NFC, lower case, typographic apostrophes → ', French elisions dropped (l', d', qu', jusqu'…);
 * 2. tokens are runs of letters and digits; hyphens split words ("turbine-alternateur"); a token
 *    that carries `.`, `+`, `#` or `&` between or after its characters is a technology name
 *    ("c++", "c#", ".net", "node.js", "r&d", "4.0") and is kept whole: never stemmed nor folded, so
 *    "C++" never becomes "c";
 * 3. stop words: stopwords-iso French + English, minus a few words that carry meaning here ("web",
 *    "site", "system"…), plus a few domain words that every need or profile uses ("besoin", "projet"…);
 * 4. Snowball stemming in the document's language (one detection per document, by counting
 *    French and English function words: cheap, and a firm profile or a need is written in one
 *    language; French when unsure). French agent nouns lose "-eur" when a stem of 5+ letters
 *    remains, so « développeurs », « développement » and « développer » meet on "developp";
 * 5. accents are folded AFTER stemming (the French stemmer needs them: « électricité » and
 *    « électrique » both give "électr", then "electr").
 *
 * Stems are cached per language (a Map, cleared when it grows past a bound).
 */
export type Language = 'fr' | 'en'

interface Stemmer {
  stem(word: string): string
}
interface SnowballFactory {
  newStemmer(language: string): Stemmer
}

// Both packages are CommonJS (stopwords-iso's entry point is a JSON file): require() behaves the
// same under Node, tsx, Vitest and the Remix server build.
const require = createRequire(import.meta.url)
const snowball = require('snowball-stemmers') as SnowballFactory
const stopwordsIso = require('stopwords-iso') as Record<string, string[]>

/** Words of the stop lists that matter in this domain. */
const KEEP = new Set([
  'web', 'site', 'sites', 'information', 'informations', 'system', 'systems', 'research', 'test', 'tests', 'line', 'lines',
  'open', 'order', 'orders', 'value', 'values', 'group', 'groups', 'area', 'areas', 'high', 'large', 'small', 'state',
  'states', 'world', 'home', 'room', 'interest', 'problem', 'problems', 'point', 'points', 'part', 'parts', 'number',
  'numbers', 'member', 'members', 'work', 'works', 'working', 'place', 'places', 'face',
])

/** Words that every need or profile uses, which only add noise to the ranking. */
export const DOMAIN_STOP_WORDS = [
  'besoin', 'besoins', 'projet', 'projets', 'entreprise', 'entreprises', 'solution', 'solutions', 'société', 'sociétés',
  'souhaitons', 'souhaite', 'cherchons', 'recherchons', 'need', 'needs', 'project', 'projects', 'company', 'companies',
  'looking', 'seek', 'seeking',
]

export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...(stopwordsIso.fr ?? []), ...(stopwordsIso.en ?? []), ...DOMAIN_STOP_WORDS]
    .map((word) => word.normalize('NFC').toLowerCase())
    .filter((word) => !KEEP.has(word)),
)

/** Function words that tell French from English (none is in both languages). */
const FRENCH_MARKERS = new Set(['le', 'la', 'les', 'des', 'du', 'et', 'est', 'une', 'pour', 'dans', 'avec', 'sur', 'nous', 'notre', 'nos', 'aux', 'au', 'par', 'qui', 'que', 'ses', 'sont', 'leur', 'leurs', 'elle', 'ou', 'entre', 'depuis'])
const ENGLISH_MARKERS = new Set(['the', 'and', 'of', 'to', 'for', 'with', 'is', 'are', 'our', 'we', 'by', 'from', 'that', 'this', 'its', 'their', 'they', 'has', 'have', 'was', 'into', 'which', 'who', 'between', 'since'])

const APOSTROPHES = /[\u2019\u2018\u02bc\u00b4`]/g
const ELISION = /(?<![\p{L}\p{N}])(?:jusqu|lorsqu|puisqu|qu|[ldjnsctm])'(?=[\p{L}\p{N}])/gu
/**
 * A word (Latin letters with their accents, digits), or a technology name with `.+#&` inside or
 * `+#` after it, or a name starting with a dot. Latin ranges rather than \p{L}: four times faster
 * and enough for French and English (other scripts separate words).
 */
const L = 'a-z0-9\u00b5\u00df-\u00f6\u00f8-\u024f'
const TOKEN = new RegExp(`[${L}]+(?:[.+#&][${L}]+)*[+#]*|\\.[a-z\u00df-\u00f6\u00f8-\u024f][${L}]*(?:\\.[${L}]+)*`, 'g')
const WORD = new RegExp(`[${L}]+`, 'g')
const MARKS = /\p{M}/gu
/** Language detection reads at most this many characters. */
const DETECTION_SPAN = 1500

/** Lower case, NFC, single spaces: the same tag as parseTags (app/modules/shared/tags.ts). */
export { normaliseTag }

/** Accents and ligatures folded: "électr" → "electr", "cœur" → "coeur". */
export function foldAccents(value: string) {
  return value.normalize('NFD').replace(MARKS, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae')
}

/**
 * The key two tags are compared by: normalised (parseTags rules), accents folded, hyphens,
 * underscores and apostrophes as spaces, then a known French/English equivalent mapped to one
 * canonical key (tag-aliases.ts): "Predictive maintenance" and « maintenance prédictive » meet.
 */
export function tagKey(raw: string) {
  const key = foldAccents(normaliseTag(raw))
    .replace(/[-_'\u2019]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return TAG_ALIASES.get(key) ?? key
}

/**
 * Lower-cased NFC text with apostrophes unified and French elisions blanked (replaced by spaces:
 * the result keeps the NFC text's offsets, so a token can be traced back to the words as written).
 */
export function prepareText(text: string) {
  return prepareNfc(text.normalize('NFC'))
}

function prepareNfc(nfc: string) {
  return nfc.toLowerCase().replace(APOSTROPHES, "'").replace(ELISION, blank)
}

/**
 * Acronyms that are stop words in lower case (« MES » / « mes », « CE » / « ce », « SI » / « si »,
 * "IT" / "it", "AI" / « ai »): indexed when written in capitals.
 */
const CAPITAL_ACRONYMS = new Set(['mes', 'ce', 'si', 'ai', 'it'])

function writtenInCapitals(nfc: string, start: number, token: string) {
  return nfc.slice(start, start + token.length) === token.toUpperCase()
}

function blank(match: string) {
  return ' '.repeat(match.length)
}

/** French or English, by counting each language's function words; French when unsure. */
export function detectLanguage(text: string): Language {
  let french = 0
  let english = 0
  const sample = prepareText(text.length > DETECTION_SPAN ? text.slice(0, DETECTION_SPAN) : text)
  WORD.lastIndex = 0
  for (let match = WORD.exec(sample); match !== null; match = WORD.exec(sample)) {
    const word = match[0]
    if (FRENCH_MARKERS.has(word)) french++
    else if (ENGLISH_MARKERS.has(word)) english++
  }
  return english > french ? 'en' : 'fr'
}

const stemmers: Record<Language, Stemmer> = { fr: snowball.newStemmer('french'), en: snowball.newStemmer('english') }
const STEM_CACHE_LIMIT = 400_000
const stemCache: Record<Language, Map<string, string>> = { fr: new Map(), en: new Map() }

/** The term of a raw token, '' when it is not indexed: the pipeline's rules, without the cache. */
function termOf(token: string, language: Language): string {
  let digits = true
  for (let index = 0; index < token.length; index++) {
    const code = token.charCodeAt(index)
    // A technology name (c++, c#, .net, node.js, r&d, 4.0) is kept whole.
    if (code === 46 || code === 43 || code === 35 || code === 38) return token
    if (code < 48 || code > 57) digits = false
  }
  // Codes such as ISO 27001 or IEC 62443 are kept; small numbers and years are not.
  if (digits) return token.length >= 4 && !/^(19|20)\d\d$/.test(token) ? token : ''
  if (token.length < 2 || STOP_WORDS.has(token) || STOP_WORDS.has(foldAccents(token))) return ''
  let stem = stemmers[language].stem(token)
  if (language === 'fr' && stem.endsWith('eur') && stem.length - 3 >= 5) stem = stem.slice(0, -3)
  return foldAccents(stem)
}

/** The term of a word: stemmed in its language, then folded ('' for a stop word). Cached. */
export function stemWord(word: string, language: Language): string {
  const cache = stemCache[language]
  let term = cache.get(word)
  if (term === undefined) {
    term = termOf(word, language)
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear()
    cache.set(word, term)
  }
  return term
}

/**
 * Calls `onTerm(term, surface, start)` for each indexable term of the text, in order. `surface` is
 * the lower-cased word as written, `start` its offset in `text.normalize('NFC')` (for
 * explanations). One regex scan and one cache lookup per token.
 */
export function forEachTerm(text: string, language: Language, onTerm: (term: string, surface: string, start: number) => void) {
  if (!text) return
  const nfc = text.normalize('NFC')
  const prepared = prepareNfc(nfc)
  const traceable = prepared.length === nfc.length
  const cache = stemCache[language]
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(prepared); match !== null; match = TOKEN.exec(prepared)) {
    const token = match[0]
    let term = cache.get(token)
    if (term === undefined) {
      term = termOf(token, language)
      if (cache.size >= STEM_CACHE_LIMIT) cache.clear()
      cache.set(token, term)
    }
    if (term) onTerm(term, token, match.index)
    else if (traceable && CAPITAL_ACRONYMS.has(token) && writtenInCapitals(nfc, match.index, token)) onTerm(token, token, match.index)
  }
}

/** The terms of a text, in order (convenient for tests and small inputs). */
export function tokenize(text: string, language: Language = detectLanguage(text)): string[] {
  const terms: string[] = []
  forEachTerm(text, language, (term) => terms.push(term))
  return terms
}

/** Skill tags normalised (parseTags rules) and deduplicated by their comparison key, in order. */
export function normaliseSkills(skills: readonly string[] | null | undefined) {
  const seen = new Set<string>()
  const result: Array<{ key: string; label: string }> = []
  for (const raw of skills ?? []) {
    const key = tagKey(raw)
    if (!key || seen.has(key)) continue
    seen.add(key)
    result.push({ key, label: raw.trim().replace(/\s+/g, ' ') })
  }
  return result
}
