import { foldAccents } from '../shared/text'

/**
 * The text PostgreSQL indexes for a need (column `search`, `french` configuration): accents are
 * folded here so that a search for "securite" finds "sécurité". Title weighs more than the rest.
 */
export function needSearchText(need: {
  title: string
  summary: string
  description: string
  skills: string[]
  partnerName?: string | null
  communeName?: string | null
}) {
  return {
    searchTitle: foldAccents(need.title),
    searchBody: foldAccents(
      [need.summary, need.description, need.skills.join(', '), need.partnerName ?? '', need.communeName ?? ''].filter(Boolean).join('\n'),
    ),
  }
}

/**
 * A user's search words as a PostgreSQL `websearch_to_tsquery` input: folded, trimmed, bounded.
 * Quotes and "-word" keep their web-search meaning.
 */
export function searchQueryText(query: string | null | undefined) {
  return foldAccents(query ?? '')
    .replace(/[^\p{L}\p{N}\s"'+#.-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
}
