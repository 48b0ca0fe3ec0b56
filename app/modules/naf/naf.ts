import codesNaf from '@socialgouv/codes-naf'
import { AppError } from '../shared/app-error'
import { foldAccents } from '../shared/text'
import { NAF_CODE_PATTERN, normaliseNafCode } from './format'

/**
 * The NAF nomenclature (rév. 2, INSEE) from `@socialgouv/codes-naf`, in French only (the official
 * labels). Only the 732 sub-classes ("62.01Z") are offered: organisations and needs are tagged at
 * that level. Loaded once per process, on first use.
 */
export interface NafCode {
  code: string
  label: string
}

interface Entry extends NafCode {
  /** "6201z": what a code typed without its dot is compared with. */
  compact: string
  /** The label folded for search: lower case, no accents, punctuation as spaces. */
  folded: string
  /** The words of the folded label. */
  words: string[]
}

let entries: Entry[] | undefined
let byCode: Map<string, Entry> | undefined

/** Lower case, accents removed, anything but letters and digits turned into single spaces. */
export function foldForNafSearch(value: string) {
  return foldAccents(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

function load() {
  if (!entries) {
    entries = (codesNaf as Array<{ id: string; label: string }>)
      .filter((item) => NAF_CODE_PATTERN.test(item.id))
      .map((item) => {
        const label = item.label.normalize('NFC')
        const folded = foldForNafSearch(label)
        return { code: item.id, label, compact: item.id.replace('.', '').toLowerCase(), folded, words: folded.split(' ') }
      })
    byCode = new Map(entries.map((entry) => [entry.code, entry]))
  }
  return { entries, byCode: byCode! }
}

/** Every sub-class, in the nomenclature's order. */
export function allNafCodes(): NafCode[] {
  return load().entries.map(({ code, label }) => ({ code, label }))
}

export function isKnownNafCode(code: string) {
  return load().byCode.has(code)
}

/** Refuses a list with a code of the right shape that is not in the nomenclature (a field error). */
export function assertKnownNafCodes(codes: readonly string[]) {
  if (codes.some((code) => !isKnownNafCode(code))) throw AppError.invalid({ nafCodes: ['profile.validation.nafUnknown'] })
}

/** The French label of a code ("62.01Z" → "Programmation informatique"); null when unknown. */
export function nafLabel(code: string): string | null {
  const normalised = normaliseNafCode(code)
  return normalised ? (load().byCode.get(normalised)?.label ?? null) : null
}

/** Codes with their labels (null for unknown ones), in the order given: for showing a chosen list. */
export function describeNafCodes(codes: readonly string[]): Array<{ code: string; label: string | null }> {
  return codes.map((code) => ({ code, label: nafLabel(code) }))
}

/** "62.01Z — Programmation informatique" */
export function nafOptionLabel(code: NafCode) {
  return `${code.code} — ${code.label}`
}

/**
 * Sub-classes matching what someone typed, accents and case ignored:
 * - a code or its beginning ("62", "62.0", "6201", "62.01z") matches codes starting with it, first;
 * - words match labels whose words start with every one of them ("prog info" →
 *   "Programmation informatique"); labels starting with the query come before the others.
 * Ties keep the nomenclature's order.
 */
export function searchNaf(query: string, limit = 15): NafCode[] {
  const folded = foldForNafSearch(query.slice(0, 200))
  if (!folded || limit <= 0) return []
  const compactQuery = folded.replace(/ /g, '')
  const looksLikeCode = /^\d/.test(compactQuery)
  const queryWords = folded.split(' ')
  const ranked: Array<{ entry: Entry; rank: number; index: number }> = []
  load().entries.forEach((entry, index) => {
    let rank: number | null = null
    if (looksLikeCode && entry.compact.startsWith(compactQuery)) rank = 0
    else if (entry.folded.startsWith(folded)) rank = 1
    else if (queryWords.every((word) => entry.words.some((labelWord) => labelWord.startsWith(word)))) rank = 2
    if (rank !== null) ranked.push({ entry, rank, index })
  })
  return ranked
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map(({ entry }) => ({ code: entry.code, label: entry.label }))
}
