import fc from 'fast-check'
import type { Answer, Body, Browser, Fields } from './client'
import { jsonErrors, knownErrorsShown } from './messages'
import { changedTables, fullFingerprint } from './state'

/**
 * The property every generated bad input must satisfy: a 4xx (never a 5xx, never a success),
 * nothing written (database and stored files), and the refusal shown — a field or form message
 * of the i18n files on the page (or in the JSON of a resource route).
 */
export const REFUSALS = [400, 401, 403, 404, 405, 409, 413, 415, 422, 429] as const

/** Per form: runs per property (the requirement: at least 100). */
export const RUNS = 100

/** FUZZ_SEED=<n> replays a reported run. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined

export interface Case {
  as: Browser
  path: string
  body: Body
}

export interface Rules {
  /** The statuses that may refuse these inputs (default: every 4xx of REFUSALS). */
  statuses?: readonly number[]
  /** A redirect that is a refusal by design (e.g. back to the editor with an error toast). */
  refusalRedirect?: (answer: Answer) => boolean
  /** Runs before each request (e.g. forget the rate-limit counters). */
  before?: () => Promise<void>
  /** Runs after each request (e.g. restore a cookie jar). */
  after?: () => void
  /** Whether the refusal must show a message (default true). */
  shown?: boolean
}

/**
 * The refusals that must show a message: the requirement names 400 and 422 (a form to correct);
 * 413 and 415 (an upload refused) answer with field messages too. A 403, 404 or 409 shows the
 * error page or a sentence where the form is; FUZZ_STRICT=1 requires a message for those too.
 */
const SHOWN_STATUSES: readonly number[] = process.env.FUZZ_STRICT ? REFUSALS : [400, 413, 415, 422]

export interface Verdict {
  answer: Answer
  /** A 5xx, a success, an unexpected status or a write: the input was not refused. */
  severe: string[]
  /** The refusal shows no message. */
  hidden: string | null
}

function describeValue(value: string) {
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 40)}…${value.slice(-20)}` : value)
  return value.length > 80 ? `${shown} (${value.length} chars)` : shown
}

export function describeFields(fields: Fields) {
  return `{ ${Object.entries(fields)
    .map(([name, value]) => `${JSON.stringify(name)}: ${value === undefined ? 'undefined' : Array.isArray(value) ? `[${value.map(describeValue).join(', ')}]` : describeValue(value)}`)
    .join(', ')} }`
}

export function describeCase(c: Case) {
  const body =
    c.body.kind === 'form'
      ? describeFields(c.body.fields)
      : c.body.kind === 'multipart'
        ? `multipart ${describeFields(c.body.fields ?? {})} files ${c.body.files.map((file) => `${JSON.stringify(file.field)}:${describeValue(file.name)} (${file.type}, ${file.bytes.length} bytes)`).join(', ')}`
        : `raw ${c.body.contentType ?? '-'} ${typeof c.body.body === 'string' ? describeValue(c.body.body) : `${c.body.body.length} bytes`}`
  return `POST ${c.path} as ${c.as.label} ${body}`
}

function excerpt(answer: Answer) {
  if (answer.contentType.includes('html')) {
    const main = /<main[\s\S]*?<\/main>/.exec(answer.text)?.[0] ?? answer.text
    return main.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300)
  }
  return answer.text.slice(0, 300)
}

export async function attempt(c: Case, rules: Rules = {}): Promise<Verdict> {
  await rules.before?.()
  const before = await fullFingerprint()
  const answer = await c.as.send(c.path, c.body)
  rules.after?.()
  const after = await fullFingerprint()
  const severe: string[] = []
  const allowed = rules.statuses ?? REFUSALS
  const redirectRefusal = answer.status >= 300 && answer.status < 400 && (rules.refusalRedirect?.(answer) ?? false)
  if (answer.status >= 500) severe.push(`answered ${answer.status}`)
  else if (answer.status < 400 && !redirectRefusal) severe.push(`accepted: ${answer.status}${answer.location ? ` → ${answer.location}` : ''}`)
  else if (answer.status >= 400 && !allowed.includes(answer.status)) severe.push(`answered ${answer.status}, expected one of ${allowed.join('/')}`)
  const tables = changedTables(before.database, after.database)
  if (tables.length) severe.push(`wrote to ${tables.join(', ')}`)
  if (before.storage.join('|') !== after.storage.join('|')) severe.push('wrote to the attachment storage')
  let hidden: string | null = null
  if (severe.length === 0 && !redirectRefusal && rules.shown !== false && SHOWN_STATUSES.includes(answer.status)) {
    if (answer.contentType.includes('json')) {
      if (jsonErrors(answer.text).length === 0) hidden = `${answer.status} JSON without an error message`
    } else if (knownErrorsShown(answer.text).length === 0) {
      hidden = `${answer.status} page without an error message`
    }
  }
  return { answer, severe, hidden }
}

function failure(c: Case, verdict: Verdict, problems: string[]) {
  return new Error(`${problems.join('; ')}\n  input: ${describeCase(c)}\n  answer: ${verdict.answer.status} ${verdict.answer.contentType} ${excerpt(verdict.answer)}`)
}

function report(details: fc.RunDetails<[Case]>) {
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
  return `${error}\n(fast-check: failed after ${details.numRuns} runs, shrunk ${details.numShrinks} times; seed ${details.seed}, path "${details.counterexamplePath}")`
}

/**
 * Runs the property (RUNS cases). A case that is not refused, or that writes, fails it, shrunk
 * by fast-check. Refusals that show no message are collected without stopping the run (a missing
 * message never hides a 5xx or a write); if any, the first is replayed (same seed, its path) and
 * shrunk, and the property fails with that counterexample and the shortest others.
 */
export async function assertRefused(arbitrary: fc.Arbitrary<Case>, rules: Rules = {}) {
  const hidden: string[] = []
  let first: string | undefined
  let runs = 0
  let firstHidden: number | undefined
  const main = await fc.check(
    fc.asyncProperty(arbitrary, async (c) => {
      const run = runs++
      const verdict = await attempt(c, rules)
      if (verdict.severe.length) {
        const error = failure(c, verdict, verdict.severe)
        first ??= error.message
        throw error
      }
      if (verdict.hidden) {
        firstHidden ??= run
        hidden.push(`${verdict.answer.status} ${describeCase(c)}`)
      }
    }),
    { numRuns: RUNS, seed: SEED },
  )
  if (main.failed) {
    const also = hidden.length ? `\n(also ${hidden.length} refusals without a message before it)` : ''
    const original = first && first !== (main.errorInstance as Error | undefined)?.message ? `\nbefore shrinking: ${first}` : ''
    throw new Error(`${report(main)}${original}${also}`)
  }
  if (hidden.length === 0) return
  // Replays the first refusal without a message (same seed, its run's path) and shrinks it.
  const shown = await fc.check(
    fc.asyncProperty(arbitrary, async (c) => {
      const verdict = await attempt(c, rules)
      const problems = [...verdict.severe, ...(verdict.hidden ? [verdict.hidden] : [])]
      if (problems.length) throw failure(c, verdict, problems)
    }),
    { numRuns: RUNS, seed: main.seed, path: String(firstHidden ?? 0) },
  )
  const samples = [...new Set(hidden)].sort((a, b) => a.length - b.length).slice(0, 6)
  throw new Error(
    `${hidden.length} of ${main.numRuns} refusals showed no message.\n${shown.failed ? report(shown) : ''}\nshortest of them:\n${samples.map((sample) => `  - ${sample.slice(0, 400)}`).join('\n')}`,
  )
}

/**
 * A case builder: `as` posts `fields` to `path` as an ordinary form. Given a function, each case
 * gets its own browser (anonymous forms: a case never inherits another's cookies).
 */
export function form(as: Browser | (() => Browser), path: string) {
  return (fields: Fields): Case => ({ as: typeof as === 'function' ? as() : as, path, body: { kind: 'form', fields } })
}
