/**
 * Skills and technologies as normalised tags: trimmed, single spaces, lower case except for
 * the case that carries meaning in technology names is lost on purpose ("Node.js" → "node.js"),
 * deduplicated, in the order given.
 */
export function normaliseTag(raw: string) {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
}

export function parseTags(input: string | string[] | undefined | null, { max = 30, maxLength = 40 } = {}) {
  const parts = Array.isArray(input) ? input : (input ?? '').split(/[,;\n]/)
  const seen = new Set<string>()
  const tags: string[] = []
  for (const part of parts) {
    const tag = normaliseTag(part)
    if (!tag || tag.length > maxLength || seen.has(tag)) continue
    seen.add(tag)
    tags.push(tag)
    if (tags.length >= max) break
  }
  return tags
}
