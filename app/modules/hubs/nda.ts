/**
 * The NDA of confidential needs (decision 0022), pure. A hub publishes versions of its own text
 * (HubNdaText, never edited); the newest applies to the hub's confidential needs. A hub without one
 * uses the platform's text (the i18n `nda.text`) and its version.
 */
export const PLATFORM_NDA_VERSION = 'nda-2026-1'

/** The version an acceptance records for a hub's text: `hub-v2` (its hub is in `ndaTextId`). */
export function hubNdaVersion(version: number) {
  return `hub-v${version}`
}

export interface CurrentNda {
  /** Posted by the form and recorded by the acceptance. */
  version: string
  /** The hub's version number; null: the platform's text. */
  number: number | null
  /** The hub's text; null: the platform's (translated) text. */
  text: string | null
  ndaTextId: string | null
}

export function currentNdaOf(newest: { id: string; version: number; text: string } | null): CurrentNda {
  if (!newest) return { version: PLATFORM_NDA_VERSION, number: null, text: null, ndaTextId: null }
  return { version: hubNdaVersion(newest.version), number: newest.version, text: newest.text, ndaTextId: newest.id }
}

/** The text's paragraphs, as the need page shows them. */
export function ndaParagraphs(text: string) {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
}
