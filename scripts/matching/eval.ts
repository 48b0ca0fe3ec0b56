/**
 * Measures the matching engine on the labelled set (tests/fixtures/matching/eval-set.json, written
 * by hand; see tests/fixtures/matching/README.md): NDCG@10 (gains 2^g − 1), P@5 and Recall@50
 * (relevant = grade ≥ 2), and the share of top-10 entries that the set's own rules make ineligible,
 * for the train and the held-out test split, over the subsets all / problem-worded / English /
 * outside-Alps. Rows:
 *   (a) the full engine (as configured: its own weights unless --weights);
 *   (b) BM25 after the SAME hard filters (the engine with the text feature only, query expansion
 *       off when the engine has one): the baseline;
 *       BM25 without any filter, for reference only;
 *   (c) PostgreSQL's full-text ranking (french + unaccent, OR query, ts_rank_cd, no filter), in a
 *       scratch database (--no-pg skips it);
 *   leave-one-feature-out rows, and rows for the engine's optional switches when it has them
 *   (hand vs learned weights, query expansion off).
 * The last line is one JSON object.
 *
 *   npm run eval:matching [-- --split train|test|all] [--input FILE] [--no-pg] [--k1 1.2 --b 0.75]
 *                           [--weights '{"text":0.3}'] [--sweep]   (--sweep: k1 × b grid on train)
 *   npm run eval:matching -- --split train --per-need   (NDCG@10 of each need: engine vs BM25 after filters)
 *   npm run eval:matching -- --record-floor   (writes tests/fixtures/matching/eval-floor.json from the
 *                                              engine as configured, on the test split; keeps the margin)
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as config from '#app/modules/matching/engine/config'
import { existsSync, writeFileSync } from 'node:fs'
import { buildIndex, DEFAULT_WEIGHTS, type MatchingIndex, type NeedDoc, type RankOptions, type Weights } from '#app/modules/matching/engine/engine'
import { rankAll, measureSplit, type Rankings } from './lib/engine-run'
import { FLOOR_FILE, ineligibleInTop, loadEvalSet, readFloor, selectNeeds, SUBSETS, type EvalFloor, type EvalSet, type IneligibleCount, type Split, type Subset } from './lib/eval-set'
import { summarise, type Summary } from './lib/metrics'
import { loadFirms, rankWithPostgres, setupFrenchSearch, withScratchDatabase } from './lib/pg'

const USAGE =
  "usage: npm run eval:matching -- [--split train|test|all] [--input FILE] [--no-pg] [--k1 1.2 --b 0.75] [--weights '{\"text\":0.3}'] [--sweep] [--per-need] [--record-floor]"

/** Bad arguments: a message and the usage on stderr, exit code 2 (as matching:train); --help: the usage, exit 0. */
function readArgs() {
  try {
    const { values } = parseArgs({
      options: {
        input: { type: 'string' },
        split: { type: 'string' },
        'no-pg': { type: 'boolean' },
        k1: { type: 'string' },
        b: { type: 'string' },
        weights: { type: 'string' },
        sweep: { type: 'boolean' },
        'record-floor': { type: 'boolean' },
        'per-need': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    })
    if (values.help) {
      process.stdout.write(`${USAGE}\n`)
      process.exit(0)
    }
    return values
  } catch (error) {
    process.stderr.write(`eval:matching: ${(error as Error).message}\n${USAGE}\n`)
    process.exit(2)
  }
}

const args = readArgs()

const FEATURES = Object.keys(DEFAULT_WEIGHTS) as Array<keyof Weights>
const TEXT_ONLY = Object.fromEntries(FEATURES.map((key) => [key, key === 'text' ? 1 : 0])) as Weights

/** The same need without hard constraints: what a text-only ranker without filters sees. */
function unconstrained(need: NeedDoc): NeedDoc {
  return { ...need, remoteOk: true, eligibility: null, deadline: null }
}

function rankStripped(index: MatchingIndex, needs: readonly NeedDoc[], now: Date, extra: Partial<RankOptions> & Record<string, unknown>): Rankings {
  return rankAll(index, needs.map(unconstrained), now, extra)
}

function sameRankings(a: Rankings, b: Rankings) {
  for (const [id, ranked] of a) {
    const other = b.get(id) ?? []
    if (ranked.length !== other.length || ranked.some((firm, position) => other[position] !== firm)) return false
  }
  return true
}

function only(rankings: Rankings, needs: readonly NeedDoc[]): Rankings {
  return new Map(needs.map((need) => [need.id, rankings.get(need.id) ?? []]))
}

interface Row {
  key: string
  label: string
  rankings: Rankings
  /** Shown per subset in the second table. */
  headline: boolean
}

/**
 * Turns the engine's query expansion off when it has one (the option names a thesaurus-based
 * expansion may take; an engine without it ignores them): the BM25 rows are plain BM25.
 */
const NO_EXPANSION = { expansion: false, queryExpansion: false, expandQuery: false }

/** Weights from an export: a weights object, or a learned-weights file `{ weights }`. */
function weightsIn(value: unknown): Partial<Weights> | null {
  if (!value || typeof value !== 'object') return null
  if ('text' in value) return value as Partial<Weights>
  if ('weights' in value) return weightsIn((value as { weights: unknown }).weights)
  return null
}

/** Optional engine switches, found by what the engine exports or does (none is required). */
function switchRows(index: MatchingIndex, set: EvalSet, full: Rankings): { rows: Row[]; notes: string[] } {
  const rows: Row[] = []
  const notes: string[] = []
  const exported = config as Record<string, unknown>
  const hand = weightsIn(exported.HAND_SET_WEIGHTS) ?? weightsIn(exported.HAND_WEIGHTS)
  const learned = weightsIn((exported.LEARNED_WEIGHTS as { learnedWeights?: unknown } | undefined)?.learnedWeights) ?? weightsIn(exported.LEARNED_WEIGHTS)
  if (hand) rows.push({ key: 'handWeights', label: 'full, hand-set weights', rankings: rankAll(index, set.needs, set.now, { weights: hand }), headline: true })
  if (learned) rows.push({ key: 'learnedWeights', label: 'full, learned weights (candidate)', rankings: rankAll(index, set.needs, set.now, { weights: learned }), headline: true })
  if (!hand && !learned) notes.push('no HAND_SET_WEIGHTS / LEARNED_WEIGHTS export in engine/config: no weights rows')
  const noExpansion = rankAll(index, set.needs, set.now, NO_EXPANSION)
  if (sameRankings(noExpansion, full)) notes.push('no query-expansion switch (expansion: false changes nothing): no row')
  else rows.push({ key: 'noExpansion', label: 'full, query expansion off', rankings: noExpansion, headline: true })
  return { rows, notes }
}

/** Per ranker: NDCG@10, P@5, Recall@50 per subset, and the share (0–1) of ineligible top-10 entries. */
interface RowFigures {
  subsets: Partial<Record<Subset, Summary>>
  ineligibleTop10: number
}

const pct = (count: IneligibleCount) => (count.entries ? (100 * count.ineligible) / count.entries : 0)
const fmt = (value: number, width = 8) => value.toFixed(3).padStart(width)

function printSplit(set: EvalSet, split: Split | 'all', rows: Row[]) {
  const needs = selectNeeds(set, split)
  const relevant = needs.reduce((sum, need) => sum + Object.values(set.grades[need.id] ?? {}).filter((grade) => grade >= 2).length, 0)
  const note = split === 'test' ? 'held out: never used for tuning' : split === 'train' ? 'tuning allowed' : 'train + test'
  console.log(`\n== split ${split}: ${needs.length} needs (${note}), ${relevant} relevant pairs ==`)
  console.log(`${'ranker'.padEnd(42)} ${'NDCG@10'.padStart(8)} ${'P@5'.padStart(8)} ${'Recall@50'.padStart(10)} ${'inelig@10'.padStart(10)}`)
  const figures: Record<string, RowFigures> = {}
  for (const row of rows) {
    const subsetFigures: Partial<Record<Subset, Summary>> = {}
    for (const subset of SUBSETS) {
      const chosen = selectNeeds(set, split, subset)
      if (chosen.length) subsetFigures[subset] = summarise(only(row.rankings, chosen), set.grades)
    }
    const ineligible = ineligibleInTop(set, only(row.rankings, needs))
    const all = subsetFigures.all ?? { ndcg10: 0, p5: 0, recall50: 0 }
    console.log(`${row.label.padEnd(42)} ${fmt(all.ndcg10)} ${fmt(all.p5)} ${fmt(all.recall50, 10)} ${`${pct(ineligible).toFixed(1)} %`.padStart(10)}`)
    figures[row.key] = { subsets: subsetFigures, ineligibleTop10: Math.round(pct(ineligible) * 10) / 1000 }
  }
  const counts = Object.fromEntries(SUBSETS.map((subset) => [subset, selectNeeds(set, split, subset).length])) as Record<Subset, number>
  console.log(`\nNDCG@10 by subset${' '.repeat(25)}${SUBSETS.map((subset) => `${subset} (${counts[subset]})`.padStart(20)).join('')}`)
  for (const row of rows.filter((candidate) => candidate.headline)) {
    console.log(`${row.label.padEnd(42)}${SUBSETS.map((subset) => {
        const summary = figures[row.key].subsets[subset]
        return summary ? fmt(summary.ndcg10, 20) : '—'.padStart(20)
      }).join('')}`)
  }
  if (args['per-need']) {
    console.log(`\nNDCG@10 per need${' '.repeat(26)}${'engine'.padStart(8)} ${'BM25+f'.padStart(8)}  tags`)
    for (const need of needs) {
      const one = (key: string) => summarise(only(rows.find((row) => row.key === key)!.rankings, [need]), set.grades).ndcg10
      console.log(`${`${need.id} ${need.title ?? ''}`.slice(0, 42).padEnd(42)} ${fmt(one('full'))} ${fmt(one('bm25Filtered'))}  ${(set.tags[need.id] ?? []).join(',')}`)
    }
  }
  const full = ineligibleInTop(set, only(rows[0].rankings, needs))
  const reasons = Object.entries(full.byReason)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ')
  console.log(`\nFull engine: ${full.ineligible} of ${full.entries} top-10 entries ineligible by the set's rules (${pct(full).toFixed(1)} %)${reasons ? `: ${reasons}` : ''}; the issue requires none.`)
  return figures
}

function header(set: EvalSet, index: MatchingIndex, pgNote: string) {
  const relevant = Object.values(set.grades).reduce((sum, row) => sum + Object.values(row).filter((grade) => grade >= 2).length, 0)
  console.log(`Eval set: ${set.firms.length} firms, ${set.needs.length} needs, ${relevant} relevant pairs (grade ≥ 2); now = ${set.now.toISOString().slice(0, 10)}`)
  console.log(`BM25 k1 = ${index.bm25.k1}, b = ${index.bm25.b}; algorithm ${config.ALGORITHM_VERSION}; PostgreSQL: ${pgNote}`)
  console.log(
    [
      'What these figures can show: how the engine orders firms that judges graded from what the firms really do (hidden',
      'capabilities), against the same engine reduced to BM25 after the same hard filters, on needs worded as partners word',
      'them (problems, English) and firms across France; whether it lets through firms the set\'s own rules exclude (radius by',
      'great-circle distance between the set\'s own town coordinates, unknown town on a non-remote need, headcount, revenue, age).',
      `What they cannot show: quality on real partners and firms (one hand-written set, ${set.firms.length} firms, grades by rules rather than`,
      `pair-by-pair judgement, one writer's vocabulary); small differences (a test split of ${selectNeeds(set, 'test').length} needs moves by several`,
      'hundredths when one need changes); the value of context features (distance within the radius, track record,',
      'responsiveness) that the grades neither reward nor punish. Train-split figures are optimistic once tuned on.',
    ].join('\n'),
  )
}

async function main() {
  const set = loadEvalSet(args.input ? path.resolve(args.input) : undefined)
  const bm25 = { ...(args.k1 ? { k1: Number(args.k1) } : {}), ...(args.b ? { b: Number(args.b) } : {}) }
  const override = args.weights ? (JSON.parse(args.weights) as Partial<Weights>) : null
  const index = buildIndex(set.firms, { bm25 })

  if (args['record-floor']) {
    if (override || args.k1 || args.b || args.input) throw new Error('--record-floor records the engine as configured, on the committed set: no --weights, --k1, --b or --input')
    let margin = 0.02
    if (existsSync(FLOOR_FILE)) margin = readFloor().margin
    const { summary, ineligible } = measureSplit(set, 'test')
    const floor: EvalFloor = {
      split: 'test',
      ndcg10: summary.ndcg10,
      margin,
      maxIneligibleTop10: ineligible.ineligible,
      recordedWith: config.ALGORITHM_VERSION,
      recordedAt: new Date().toISOString().slice(0, 10),
    }
    writeFileSync(FLOOR_FILE, `${JSON.stringify(floor, null, 2)}\n`)
    console.log(`recorded ${path.relative(process.cwd(), FLOOR_FILE)}: ${JSON.stringify(floor)}`)
    return
  }

  if (args.sweep) {
    const train = selectNeeds(set, 'train')
    console.log('k1 × b grid on the TRAIN split only (the test split is never tuned on)')
    console.log('k1    b      bm25+filters NDCG@10  full NDCG@10')
    for (const k1 of [0.6, 0.9, 1.2, 1.5, 2]) {
      for (const b of [0.3, 0.5, 0.75, 0.9]) {
        const swept = buildIndex(set.firms, { bm25: { k1, b } })
        const text = summarise(rankAll(swept, train, set.now, { weights: TEXT_ONLY, ...NO_EXPANSION }), set.grades)
        const full = summarise(rankAll(swept, train, set.now, override ? { weights: override } : {}), set.grades)
        console.log(`${k1.toFixed(1).padEnd(5)} ${b.toFixed(2).padEnd(6)} ${fmt(text.ndcg10, 20)} ${fmt(full.ndcg10, 13)}`)
      }
    }
    return
  }

  const full = rankAll(index, set.needs, set.now, override ? { weights: override } : {})
  const base: Weights = { ...DEFAULT_WEIGHTS, ...override }
  const rows: Row[] = [
    { key: 'full', label: '(a) full engine', rankings: full, headline: true },
    { key: 'bm25Filtered', label: '(b) BM25 after the same hard filters', rankings: rankAll(index, set.needs, set.now, { weights: TEXT_ONLY, ...NO_EXPANSION }), headline: true },
    { key: 'bm25Unfiltered', label: '    BM25 without filters (reference only)', rankings: rankStripped(index, set.needs, set.now, { weights: TEXT_ONLY, ...NO_EXPANSION }), headline: true },
  ]

  let pgNote = 'skipped (--no-pg)'
  if (!args['no-pg']) {
    try {
      const rankings = await withScratchDatabase('eval', async (client) => {
        const { config: searchConfig, unaccent } = await setupFrenchSearch(client)
        pgNote = `french configuration${unaccent ? ' + unaccent' : ' (unaccent unavailable)'}, OR query, ts_rank_cd, no filter`
        await loadFirms(client, searchConfig, set.firms)
        const ranked: Rankings = new Map()
        for (const need of set.needs) ranked.set(need.id, await rankWithPostgres(client, searchConfig, need, 50))
        return ranked
      })
      rows.push({ key: 'pgFts', label: '(c) PostgreSQL full-text (no filters)', rankings, headline: true })
    } catch (error) {
      pgNote = `failed: ${(error as Error).message}`
    }
  }

  const switches = switchRows(index, set, full)
  rows.push(...switches.rows)
  for (const feature of FEATURES) {
    if (!base[feature]) continue
    rows.push({ key: `without_${feature}`, label: `    full without ${feature}`, rankings: rankAll(index, set.needs, set.now, { weights: { ...base, [feature]: 0 } }), headline: false })
  }

  header(set, index, pgNote)
  for (const note of switches.notes) console.log(`Note: ${note}`)
  const splits: Array<Split | 'all'> = args.split ? [args.split as Split | 'all'] : ['train', 'test']
  if (args.split && !['train', 'test', 'all'].includes(args.split)) throw new Error(`--split must be train, test or all, got ${args.split}`)
  const result: Record<string, unknown> = { algorithmVersion: config.ALGORITHM_VERSION }
  for (const split of splits) result[split] = printSplit(set, split, rows)
  console.log('')
  for (const split of splits) {
    const figures = result[split] as Record<string, RowFigures>
    if ((figures.full.subsets.all?.ndcg10 ?? 0) <= (figures.bm25Filtered.subsets.all?.ndcg10 ?? 0)) console.log(`WARNING (${split}): the full engine does not beat BM25 after the same hard filters on NDCG@10`)
  }
  console.log(JSON.stringify(result))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
