import fr from '#app/i18n/locales/fr'

/**
 * Is a refusal shown? The messages a refused form may show are the French texts under any
 * `validation` or `errors` key of the i18n files (validation.*, errors.*, profile.validation.*…).
 * A page shows one when it is in a field's error list, in the form's alert block, or is the
 * message of the error page (the route's ErrorBoundary).
 */
type Tree = { [key: string]: string | readonly string[] | Tree }

function collect(tree: Tree, path: string[], inErrors: boolean, into: Map<string, string>) {
  for (const [key, value] of Object.entries(tree)) {
    const here = [...path, key]
    const errorish = inErrors || key === 'validation' || key === 'errors'
    if (typeof value === 'string') {
      if (errorish) into.set(here.join('.').replace(/_(one|many|other|zero|two|few)$/, ''), value)
    } else if (!Array.isArray(value)) {
      collect(value as Tree, here, errorish, into)
    }
  }
}

const texts = new Map<string, string>()
collect(fr as unknown as Tree, [], false, texts)

/** i18n keys of messages (e.g. `validation.required`), as Conform and the JSON answers carry them. */
export const messageKeys = new Set(texts.keys())

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** Each message as a pattern: its `{{values}}` and nested `$t(keys)` may be anything. */
const patterns = [...new Set(texts.values())].map((value) => new RegExp(`^${value.split(/\$t\([^)]*\)|\{\{[^}]+\}\}/).map(escape).join('[\\s\\S]+?')}$`))

/** The messages of the i18n files that are error titles (an ErrorBoundary page's heading). */
const errorTitles = new Set(['errors.unexpectedTitle', 'errors.notFoundTitle', 'errors.forbiddenTitle', 'errors.requestRefused'].map((key) => texts.get(key)!))

export function isKnownMessage(text: string) {
  const clean = text.replace(/\s+/g, ' ').trim()
  return clean !== '' && patterns.some((pattern) => pattern.test(clean))
}

function decode(html: string) {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&')
}

/** The texts a page shows as errors: error lists, alert blocks, and the error page's heading and message. */
export function shownErrors(html: string): string[] {
  const found: string[] = []
  for (const match of html.matchAll(/<li\b[^>]*class="[^"]*\btext-red-\d+[^"]*"[^>]*>([\s\S]*?)<\/li>/g)) found.push(decode(match[1]!))
  for (const match of html.matchAll(/<div\b[^>]*role="alert"[^>]*>([\s\S]*?)<\/div>/g)) found.push(decode(match[1]!))
  for (const match of html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>\s*<p\b[^>]*>([\s\S]*?)<\/p>/g)) {
    if (errorTitles.has(decode(match[1]!).trim())) found.push(decode(match[2]!))
  }
  return found.map((value) => value.replace(/\s+/g, ' ').trim()).filter(Boolean)
}

/** The error messages of the i18n files an HTML page shows. */
export function knownErrorsShown(html: string) {
  return shownErrors(html).filter(isKnownMessage)
}

/** The error keys of a JSON answer (`{ result: { error: { field: ['validation.required'] } } }`, or `{ code, message }`). */
export function jsonErrors(text: string): string[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return []
  }
  const found: string[] = []
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      if (messageKeys.has(value) || isKnownMessage(value)) found.push(value)
    } else if (Array.isArray(value)) value.forEach(visit)
    else if (value && typeof value === 'object') Object.values(value).forEach(visit)
  }
  const record = body as { result?: { error?: unknown } | null; message?: unknown } | null
  visit(record?.result?.error)
  visit(record?.message)
  return found
}
