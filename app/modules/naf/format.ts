/**
 * NAF codes (the French classification of activities, rév. 2) as people type them. Pure and free
 * of the nomenclature itself, so that form schemas running in the browser can use it; the codes
 * and their labels live in `naf.ts`.
 */

/** A sub-class, the level organisations and needs are tagged with: "62.01Z". */
export const NAF_CODE_PATTERN = /^\d{2}\.\d{2}[A-Z]$/

/** At most this many codes per organisation or need. */
export const MAX_NAF_CODES = 10

/**
 * "62.01Z" from "62.01Z", "62.01z", "6201Z" or " 62 01 Z "; null when it cannot be a sub-class code.
 */
export function normaliseNafCode(raw: string): string | null {
  const compact = raw.replace(/[\s.]/g, '').toUpperCase()
  const match = /^(\d{2})(\d{2})([A-Z])$/.exec(compact)
  return match ? `${match[1]}.${match[2]}${match[3]}` : null
}

/** The pieces of a list as typed: separated by commas, semicolons or line breaks, empty ones dropped. */
export function splitNafInput(input: string | null | undefined): string[] {
  return (input ?? '')
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
}

/**
 * A typed list of codes: `codes` normalised and deduplicated in the order given, `invalid` the
 * pieces that are not codes at all. Whether a well-formed code exists is `isKnownNafCode`'s job.
 * Pieces may also be separated by spaces ("62.01Z 28.99B"), but "62 01 Z" stays one code.
 */
export function parseNafList(input: string | null | undefined): { codes: string[]; invalid: string[] } {
  const codes: string[] = []
  const invalid: string[] = []
  for (const piece of splitNafInput(input)) {
    const whole = normaliseNafCode(piece)
    const parts = whole ? [piece] : piece.split(/\s+/).filter(Boolean)
    for (const part of parts) {
      const code = normaliseNafCode(part)
      if (!code) invalid.push(part)
      else if (!codes.includes(code)) codes.push(code)
    }
  }
  return { codes, invalid }
}
