import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { apiDecisionIntents } from '#app/modules/api/schema'
import { applicationFormSchema } from '#app/modules/applications/schema'
import type { OperationId } from '#app/modules/api/spec'

/**
 * The intents of every action, read from the route modules' source: what their forms post in the
 * `intent` field (or `action`, for the staff's organisation decisions) and what their actions
 * compare it with. The access-rule test requires a row per (route, intent), so a new intent —
 * a new form, a new branch of an action — fails the test until its row says who may post it.
 *
 * Found in a route file and in the components it imports from `#app/components`:
 * - `name="intent" value="x"` (inputs and buttons), `intent="x"` (a component's prop);
 * - `intent === 'x'`, `intent !== 'x'`, `.get('intent') === 'x'`;
 * - `value={v}` with `v` a parameter typed `v: 'x' | 'y'` or mapped over `(['x', 'y'] as const)`;
 * - `z.enum([...])` / `z.literal('x')` assigned to a name containing "intent";
 * - a multipart form (an upload): the pseudo-intent `upload`.
 * A `value={v}` this cannot resolve fails the test (`unresolved`), rather than being skipped.
 */
export interface RouteIntents {
  intents: string[]
  unresolved: string[]
}

const INTENT_FIELDS = '(?:intent|action)'

function literals(text: string) {
  return [...text.matchAll(/'([\w-]+)'/g)].map((match) => match[1]!)
}

function scan(text: string, intents: Set<string>, unresolved: Set<string>) {
  // A form that posts to another route (`action="/verify-email"`, or a path written as a template
  // literal, `action={`/staff/dues/organisations/${id}`}`) carries that route's intents.
  const source = text.replace(/<Form\b[^>]*\baction=(?:"\/[^"]*"|\{`\/[^`]*`\})[^>]*>[\s\S]*?<\/Form>/g, '')
  for (const match of source.matchAll(new RegExp(`name="${INTENT_FIELDS}"\\s+value="([\\w-]+)"`, 'g'))) intents.add(match[1]!)
  for (const match of source.matchAll(/\bintent="([\w-]+)"/g)) intents.add(match[1]!)
  for (const match of source.matchAll(/\b(?:intent|get\('intent'\))\s*[!=]==\s*'([\w-]+)'/g)) intents.add(match[1]!)
  for (const match of source.matchAll(/\b(?:const|let)\s+\w*[Ii]ntents?\w*\s*=\s*z\.(?:enum\(\[([^\]]*)\]|literal\('([\w-]+)'\))/g)) {
    for (const value of match[2] ? [match[2]] : literals(match[1]!)) intents.add(value)
  }
  for (const match of source.matchAll(new RegExp(`name="${INTENT_FIELDS}"\\s+value=\\{(\\w+)\\}`, 'g'))) {
    const name = match[1]!
    // Every declaration of that name: a parameter's type, or the list it is mapped over.
    const typed = [...source.matchAll(new RegExp(`\\b${name}\\??:\\s*((?:'[\\w-]+'\\s*\\|?\\s*)+)`, 'g'))]
    const mapped = [...source.matchAll(new RegExp(`\\(\\[([^\\]]*)\\]\\s*as const\\)\\.(?:map|filter)\\(\\(${name}\\)`, 'g'))]
    const values = [...typed, ...mapped].flatMap((found) => literals(found[1]!))
    if (values.length === 0) unresolved.add(`value={${name}}`)
    for (const value of values) intents.add(value)
  }
  if (source.includes('multipart/form-data')) intents.add('upload')
}

/** The intents of the route file `app/routes/<file>` (the build's route id minus `routes/`). */
export async function intentsOfRoute(routeId: string, root = process.cwd()): Promise<RouteIntents> {
  const base = path.join(root, 'app', routeId)
  const source = await readFile(`${base}.tsx`, 'utf8').catch(() => readFile(`${base}.ts`, 'utf8'))
  const intents = new Set<string>()
  const unresolved = new Set<string>()
  scan(source, intents, unresolved)
  for (const match of source.matchAll(/from '#app\/components\/([\w/-]+)'/g)) {
    const component = await readFile(path.join(root, 'app/components', `${match[1]}.tsx`), 'utf8').catch(() => '')
    scan(component, intents, unresolved)
  }
  return { intents: [...intents].sort(), unresolved: [...unresolved] }
}

/** The JSON API's intents, from the schemas of its bodies. */
export const API_INTENTS: Partial<Record<OperationId, string[]>> = {
  decideOnApplication: [...apiDecisionIntents],
  applyToNeed: [...applicationFormSchema.shape.intent.unwrap().options],
}

/** The intent a row posts: its form's `intent` (or `action`), its JSON's `intent`, `upload` for a file. */
export function intentOfBody(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null
  if ('multipart' in body) return 'upload'
  const fields = ('form' in body ? body.form : 'json' in body ? body.json : null) as Record<string, unknown> | null
  const value = fields?.intent ?? fields?.action
  return typeof value === 'string' ? value : null
}
