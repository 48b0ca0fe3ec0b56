import { cleanText } from '#app/utils/form.server'
import { apiErrors, MAX_BODY_BYTES } from './errors'

/**
 * Reads a request's JSON body defensively: JSON media type only (415), at most 1 MiB (413, read
 * as a stream so that a lying or missing Content-Length changes nothing), UTF-8 JSON (400
 * `invalid_json`), nested at most `MAX_DEPTH` levels (400), and every string — keys included —
 * cleaned of NUL and other control characters (`cleanText`), as form fields are.
 */
export const MAX_DEPTH = 16

export function isJsonMediaType(contentType: string) {
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) throw apiErrors.payloadTooLarge()
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw apiErrors.payloadTooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** Strings cleaned, depth bounded; objects rebuilt with own properties only (`__proto__` stays a plain key). */
export function cleanJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value)
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_DEPTH) throw apiErrors.bodyTooDeep()
  if (Array.isArray(value)) return value.map((item) => cleanJson(item, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [cleanText(key), cleanJson(item, depth + 1)]))
}

/** The parsed, cleaned body, or `undefined` when the request has none. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const contentType = request.headers.get('content-type')
  // Refused before reading: no point in receiving a megabyte of something else.
  if (contentType && !isJsonMediaType(contentType)) throw apiErrors.unsupportedMediaType()
  const bytes = await readLimited(request, limit)
  if (bytes.byteLength === 0) return undefined
  if (!contentType) throw apiErrors.unsupportedMediaType()
  let text: string
  let parsed: unknown
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    if (text.trim() === '') return undefined
    parsed = JSON.parse(text)
  } catch {
    throw apiErrors.invalidJson()
  }
  return cleanJson(parsed)
}
