/**
 * Measures the matching engine on the labelled set (tests/fixtures/matching/eval-set.json):
 * NDCG@10, P@5 (relevant = grade ≥ 2) and Recall@50 for
 *   (a) the full engine (eligibility, BM25 and structured features, default weights),
 *   (b) BM25 alone, same tokenizer, no filter (and, for reference, BM25 after the hard filters),
 *   (c) PostgreSQL's full-text ranking (french configuration + unaccent, OR query, ts_rank_cd) in a
 *       scratch database;
 * plus leave-one-feature-out rows. The last line is one JSON object.
 *
 *   npm run eval:matching [-- --input FILE] [--no-pg] [--k1 1.2 --b 0.75] [--weights '{"text":0.3}'] [--sweep]
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildIndex, DEFAULT_WEIGHTS, rankNeed, type MatchingIndex, type NeedDoc, type Weights } from '#app/modules/matching/engine/engine'
import { FEATURE_KEYS } from '#app/modules/matching/engine/config'
import { parseRankInput } from './lib/input'
import { summarise, type Grades, type Summary } from './lib/metrics'
import { loadFirms, rankWithPostgres, setupFrenchSearch, withScratchDatabase } from './lib/pg'

const DEFAULT_INPUT = path.join(import.meta.dirname, '../../tests/fixtures/matching/eval-set.json')
const TEXT_ONLY: Weights = { text: 1, skills: 0, sector: 0, distance: 0, budget: 0, trackRecord: 0, responsiveness: 0 }

const { values: args } = parseArgs({
  options: {
    input: { type: 'string' },
    'no-pg': { type: 'boolean' },
    k1: { type: 'string' },
    b: { type: 'string' },
    weights: { type: 'string' },
    sweep: { type: 'boolean' },
  },
})

function load() {
  const file = args.input ?? DEFAULT_INPUT
  const json = JSON.parse(readFileSync(file, 'utf8')) as { now?: string; grades?: Record<string, Grades> }
  const input = parseRankInput(json)
  if (!input.ok) throw new Error(`invalid eval set:\n${input.errors.join('\n')}`)
  if (!json.grades) throw new Error('the eval set has no "grades"')
  return { firms: input.firms, needs: input.needs, grades: json.grades, now: new Date(json.now ?? '2026-06-01T00:00:00Z') }
}

/** The same need without hard constraints: what a text-only ranker sees. */
function unconstrained(need: NeedDoc): NeedDoc {
  return { ...need, remoteOk: true, eligibility: null, deadline: null }
}

function rankAll(index: MatchingIndex, needs: readonly NeedDoc[], now: Date, weights: Partial<Weights>, strip = false) {
  const rankings = new Map<string, string[]>()
  for (const need of needs) {
    const ranked = rankNeed(index, strip ? unconstrained(need) : need, { now, top: 50, hubScope: 'all', weights, explain: false })
    rankings.set(need.id, ranked.map((match) => match.firmId))
  }
  return rankings
}

function format(summary: Summary) {
  return `${summary.ndcg10.toFixed(3).padStart(8)} ${summary.p5.toFixed(3).padStart(8)} ${summary.recall50.toFixed(3).padStart(10)}`
}

async function main() {
  const { firms, needs, grades, now } = load()
  const bm25 = { ...(args.k1 ? { k1: Number(args.k1) } : {}), ...(args.b ? { b: Number(args.b) } : {}) }
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...(args.weights ? (JSON.parse(args.weights) as Partial<Weights>) : {}) }
  const index = buildIndex(firms, { bm25 })

  if (args.sweep) {
    console.log('k1    b      bm25 NDCG@10  full NDCG@10')
    for (const k1 of [0.6, 0.9, 1.2, 1.5, 2]) {
      for (const b of [0.3, 0.5, 0.75, 0.9]) {
        const swept = buildIndex(firms, { bm25: { k1, b } })
        const text = summarise(rankAll(swept, needs, now, TEXT_ONLY, true), grades)
        const full = summarise(rankAll(swept, needs, now, weights), grades)
        console.log(`${k1.toFixed(1).padEnd(5)} ${b.toFixed(2).padEnd(6)} ${text.ndcg10.toFixed(3).padStart(12)} ${full.ndcg10.toFixed(3).padStart(13)}`)
      }
    }
    return
  }

  const rows: Array<[string, Summary]> = []
  const full = summarise(rankAll(index, needs, now, weights), grades)
  rows.push(['(a) full engine', full])
  const bm25Alone = summarise(rankAll(index, needs, now, TEXT_ONLY, true), grades)
  rows.push(['(b) BM25 alone', bm25Alone])
  rows.push(['    BM25 after the hard filters', summarise(rankAll(index, needs, now, TEXT_ONLY), grades)])
  for (const feature of FEATURE_KEYS) {
    rows.push([`    full without ${feature}`, summarise(rankAll(index, needs, now, { ...weights, [feature]: 0 }), grades)])
  }

  let pgFts: Summary | null = null
  let pgNote = 'skipped (--no-pg)'
  if (!args['no-pg']) {
    try {
      pgFts = await withScratchDatabase('eval', async (client) => {
        const { config, unaccent } = await setupFrenchSearch(client)
        pgNote = `french configuration${unaccent ? ' + unaccent' : ' (unaccent unavailable)'}, OR query, ts_rank_cd`
        await loadFirms(client, config, firms)
        const rankings = new Map<string, string[]>()
        for (const need of needs) rankings.set(need.id, await rankWithPostgres(client, config, need, 50))
        return summarise(rankings, grades)
      })
      rows.push(['(c) PostgreSQL full-text', pgFts])
    } catch (error) {
      pgNote = `failed: ${(error as Error).message}`
    }
  }

  const relevant = needs.reduce((sum, need) => sum + Object.values(grades[need.id] ?? {}).filter((grade) => grade >= 2).length, 0)
  console.log(`Eval set: ${firms.length} firms, ${needs.length} needs, ${relevant} relevant pairs (grade ≥ 2); now = ${now.toISOString().slice(0, 10)}`)
  console.log(`BM25 k1 = ${index.bm25.k1}, b = ${index.bm25.b}; PostgreSQL: ${pgNote}`)
  console.log('')
  console.log(`${'ranker'.padEnd(34)} ${'NDCG@10'.padStart(8)} ${'P@5'.padStart(8)} ${'Recall@50'.padStart(10)}`)
  for (const [label, summary] of rows) console.log(`${label.padEnd(34)} ${format(summary)}`)
  console.log('')
  if (full.ndcg10 <= bm25Alone.ndcg10) console.log('WARNING: the full engine does not beat BM25 alone on NDCG@10')
  console.log(JSON.stringify({ full, bm25: bm25Alone, pgFts }))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
