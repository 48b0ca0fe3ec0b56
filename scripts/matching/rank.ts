/**
 * Ranks the firms of a JSON file for each of its needs, with the product's engine and weights.
 *
 *   npm run matching:rank -- --input FILE.json [--top N] [--lang fr|en] [--now 2026-11-26]
 *
 * Prints `{ "algorithmVersion", "rankings": { "<needId>": [{ "firmId", "score", "reasons": [...] }] } }`.
 * Firms of the file are treated as verified and all in scope; no deadline filter unless a need
 * gives one. Bad input: a message naming the record and the field on stderr, exit code 2.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ALGORITHM_VERSION, buildIndex, rankNeed, reasonSentence } from '#app/modules/matching/engine/engine'
import { parseRankInput } from './lib/input'

const USAGE = 'usage: npm run matching:rank -- --input FILE.json [--top N] [--lang fr|en] [--now DATE]'

function fail(message: string): never {
  process.stderr.write(`matching:rank: ${message}\n`)
  process.exit(2)
}

function main() {
  let values: { input?: string; top?: string; lang?: string; now?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      options: { input: { type: 'string' }, top: { type: 'string' }, lang: { type: 'string' }, now: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }))
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  if (!values.input) fail(`--input is required\n${USAGE}`)
  const top = values.top === undefined ? 10 : Number(values.top)
  if (!Number.isInteger(top) || top < 1) fail(`--top: expected a positive integer, got ${JSON.stringify(values.top)}`)
  const lang = values.lang ?? 'fr'
  if (lang !== 'fr' && lang !== 'en') fail(`--lang: expected fr or en, got ${JSON.stringify(lang)}`)
  const now = values.now ? new Date(values.now) : new Date()
  if (Number.isNaN(now.getTime())) fail(`--now: expected a date, got ${JSON.stringify(values.now)}`)

  let raw: string
  try {
    raw = readFileSync(values.input, 'utf8')
  } catch (error) {
    fail(`cannot read ${values.input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (error) {
    fail(`${values.input} is not valid JSON: ${(error as Error).message}`)
  }
  const input = parseRankInput(json)
  if (!input.ok) fail(`invalid input in ${values.input}:\n  ${input.errors.join('\n  ')}`)
  for (const warning of input.warnings) process.stderr.write(`matching:rank: warning: ${warning}\n`)

  const index = buildIndex(input.firms)
  const rankings: Record<string, Array<{ firmId: string; score: number; reasons: string[] }>> = {}
  for (const need of input.needs) {
    rankings[need.id] = rankNeed(index, need, { now, top, hubScope: 'all' }).map((match) => ({
      firmId: match.firmId,
      score: match.score,
      // Plain spaces, as the CLI always wrote (the app keeps the no-break spaces before units).
      reasons: match.reasons.map((reason) => reasonSentence(reason, lang, 'staff').replace(/[\u00a0\u202f]/g, ' ')),
    }))
  }
  process.stdout.write(`${JSON.stringify({ algorithmVersion: ALGORITHM_VERSION, rankings }, null, 2)}\n`)
}

main()
