/**
 * `npm run bench:refresh`: the product's full refresh of the matches (`refreshAllMatches`, what
 * the nightly job runs), on data it generates or on a database it is given.
 *
 *   npm run bench:refresh -- --firms 100000 --needs 10000   # a scratch database, generated (refresh-data.ts), dropped at the end
 *   npm run bench:refresh -- --firms 20000 --needs 2000 --keep          # keep it (its URL is printed)
 *   npm run bench:refresh -- --database postgresql://…                  # an already-loaded database (e.g. bench:web --keep); never dropped
 *   options: --runs N (refresh N times, the last one's figures; the 2nd finds the 1st's rows), --width W (candidates per need),
 *            --check-firms N (compare N sampled firms' tops with rankFirm's exact ranking; default 100, 0: off)
 *
 * Prints the data generation time (not counted), the refresh's progress, its figures, and as the
 * last line one JSON object {"needs","firms","matchesWritten","refreshMs","rssMb"}; rssMb is the
 * peak RSS during the refresh (sampled every 100 ms, and the process's maxRSS when the data was
 * not generated in it). It rewrites that database's matches.
 */
import { parseArgs } from 'node:util'
import pg from 'pg'
import { migrateDeploy } from '../db/migrations.ts'
import { generateRefreshData } from './refresh-data.ts'

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    firms: { type: 'string' },
    needs: { type: 'string' },
    keep: { type: 'boolean' },
    runs: { type: 'string' },
    width: { type: 'string' },
    'check-firms': { type: 'string' },
  },
})
if (!values.database && !(values.firms && values.needs)) {
  console.error('usage: npm run bench:refresh -- --firms 100000 --needs 10000 [--keep] [--runs N] [--width W] [--check-firms N]\n       npm run bench:refresh -- --database postgresql://…')
  process.exit(2)
}
const say = (line: string) => console.error(line)
const serverUrl = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
let scratch: string | null = null
let databaseUrl = values.database ?? ''

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function dropScratch() {
  if (scratch && !values.keep) {
    const name = scratch
    scratch = null
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    say(`dropped ${name}`)
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void dropScratch().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)))
}

try {
  if (!values.database) {
    const firms = Number(values.firms)
    const needs = Number(values.needs)
    scratch = `sillon_bench_refresh_${Date.now()}_${process.pid}`
    await admin(`CREATE DATABASE "${scratch}"`)
    const url = new URL(serverUrl)
    url.pathname = `/${scratch}`
    databaseUrl = url.toString()
    const started = performance.now()
    await migrateDeploy(databaseUrl, { log: () => {} })
    say(`data: ${scratch}, migrated; generating ${firms} firms and ${needs} needs`)
    await generateRefreshData(databaseUrl, { firms, needs, log: (line) => say(`  ${line}`) })
    console.log(`data generated in ${((performance.now() - started) / 1000).toFixed(1)} s (not counted)`)
  }
  process.env.DATABASE_URL = databaseUrl
  process.env.LOG_LEVEL ??= 'warn'

  const { refreshAllMatches } = await import('#app/modules/matching/service.server')
  const { syncFirmIndex } = await import('#app/modules/matching/firm-index.server')
  const { readOpenNeedDocs } = await import('#app/modules/matching/documents.server')
  const { rankFirm } = await import('#app/modules/matching/engine/engine')
  const { prisma } = await import('#app/utils/db.server')

  const runs = Math.max(1, Number(values.runs ?? 1))
  let figures = { needs: 0, firms: 0, matchesWritten: 0, refreshMs: 0, rssMb: 0 }
  for (let run = 1; run <= runs; run++) {
    let peak = process.memoryUsage().rss
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
    const started = performance.now()
    let lastShown = -10
    const result = await refreshAllMatches({
      candidatesPerNeed: values.width ? Number(values.width) : undefined,
      log: (line) => say(`  ${line}`),
      report: (progress) => {
        peak = Math.max(peak, process.memoryUsage().rss)
        const percent = Math.floor((100 * progress.done) / Math.max(1, progress.total))
        if (percent >= lastShown + 5 || progress.done === progress.total) {
          lastShown = percent
          say(`  ${percent} % (${progress.done} / ${progress.total}) after ${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${Math.round(process.memoryUsage().rss / 1_048_576)} MB`)
        }
      },
    })
    const refreshMs = Math.round(performance.now() - started)
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
    // maxRSS covers the whole process: the refresh's own peak only when no data was generated here.
    if (values.database) peak = Math.max(peak, process.resourceUsage().maxRSS * 1024)
    const rssMb = Math.round(peak / 1_048_576)
    figures = { needs: result.needs, firms: result.firms, matchesWritten: result.matchesWritten, refreshMs, rssMb }
    console.log(`refresh ${run}/${runs}: ${result.needs} open needs, ${result.firms} verified firms, ${result.matchesWritten} matches written in ${(refreshMs / 1000).toFixed(1)} s; peak RSS ${rssMb} MB`)
  }
  const [counts] = await prisma.$queryRaw<Array<{ rows: number; needTop: number; firmTop: number; both: number; firmsWithTop: number }>>`
    SELECT count(*)::int AS rows, count(*) FILTER (WHERE "inNeedTop")::int AS "needTop", count(*) FILTER (WHERE "inFirmTop")::int AS "firmTop",
           count(*) FILTER (WHERE "inNeedTop" AND "inFirmTop")::int AS both, count(DISTINCT "firmId") FILTER (WHERE "inFirmTop")::int AS "firmsWithTop"
    FROM "Match"`
  console.log(`Match rows: ${counts.rows} (in a need's top ${counts.needTop}, in a firm's top ${counts.firmTop}, both ${counts.both}); firms with a top: ${counts.firmsWithTop}`)

  // How far the firms' tops derived from the needs' candidates are from rankFirm's exact ranking.
  const sample = Number(values['check-firms'] ?? 100)
  if (sample > 0) {
    const started = performance.now()
    const index = await syncFirmIndex()
    const needs = await readOpenNeedDocs()
    const firmIds = (await prisma.organisation.findMany({ where: { kind: 'FIRM', status: 'VERIFIED' }, select: { id: true }, orderBy: { id: 'asc' } })).map((firm) => firm.id)
    const step = Math.max(1, Math.floor(firmIds.length / sample))
    let identical = 0
    let exactPairs = 0
    let found = 0
    let checked = 0
    for (let at = 0; at < firmIds.length && checked < sample; at += step, checked++) {
      const firmId = firmIds[at]
      const exact = rankFirm(index, firmId, needs, { now: new Date(), top: 50, explain: false }).map((entry) => entry.needId)
      const stored = new Set((await prisma.match.findMany({ where: { firmId, inFirmTop: true }, select: { needId: true } })).map((row) => row.needId))
      const hits = exact.filter((needId) => stored.has(needId)).length
      exactPairs += exact.length
      found += hits
      if (hits === exact.length && stored.size === exact.length) identical++
    }
    console.log(
      `firm tops vs rankFirm on ${checked} sampled firms: ${identical} identical, recall ${((100 * found) / Math.max(1, exactPairs)).toFixed(1)} % of ${exactPairs} exact pairs (${((performance.now() - started) / 1000).toFixed(1)} s, not counted)`,
    )
  }
  await prisma.$disconnect()
  if (scratch && values.keep) say(`kept: ${databaseUrl}`)
  await dropScratch()
  console.log(JSON.stringify(figures))
} catch (error) {
  console.error(error)
  await dropScratch().catch(() => {})
  process.exit(1)
}
