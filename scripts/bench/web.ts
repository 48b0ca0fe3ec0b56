/**
 * `npm run bench:web`: the web process under load, on benchmark-sized data.
 *
 * 1. A scratch database on the machine's PostgreSQL (BENCH_DATABASE_SERVER_URL, default
 *    postgresql://postgres@127.0.0.1:5432/postgres): migrations, the demo seed, then scaled to
 *    10 000 needs / 2 000 firms with their matches (scripts/bench/scale-data.ts), VACUUM ANALYZEd.
 * 2. The production web process from the sources, as tests/helpers/server.ts starts it (no worker).
 * 3. Logs in as the demo firm (and, for the analytics row, as the demo moderator of Digital Grenoble)
 *    through the real login form and keeps the cookies.
 * 4. autocannon on each scenario (warm-up, then measured): the needs list, a need's page, a search,
 *    and the staff analytics page of the moderator's hub (its twelve months: scale-history.ts).
 * 5. A table, then as the LAST line of stdout one JSON object { scenario: { rps, p50Ms, p95Ms, p99Ms } }.
 * 6. Always stops the web process and drops the scratch database (error and Ctrl-C included).
 *
 * Latency percentiles are exact (nearest rank) over every 200 response of the measured phase,
 * recorded from autocannon's per-response event (its own histogram has p90 and p97.5, not p95, and
 * rounds to whole milliseconds). Requests/s = 200 responses / measured seconds.
 * Progress goes to stderr; the table and the JSON go to stdout. See scripts/bench/README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon, { type Instance } from 'autocannon'
import pg from 'pg'
import { migrateDeploy } from '../db/migrations.ts'
import { DEMO_EMAILS } from '../../prisma/demo-logins.ts'
import { DEMO_FIRM_EMAIL, scaleData } from './scale-data.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const DEMO_PASSWORD = 'demo-sillon-2026'
const SESSION_COOKIE = 'sillon_session'
const SEARCH_QUERY = 'maintenance predictive'
const TARGET = { needsListRps: 200, needsListP95Ms: 150, analyticsP95Ms: 300 }
/** The analytics row logs in as a staff member of the hub it reports on. */
const STAFF_EMAIL = DEMO_EMAILS.moderator

const USAGE = `usage: tsx scripts/bench/web.ts [options]
  --duration S       measured seconds per scenario (10)
  --connections N    concurrent connections (10)
  --warmup S         warm-up seconds per scenario, not measured (3)
  --needs N          total needs after scaling (10000)
  --firms N          total firms after scaling (2000)
  --only a,b         run only these scenarios (needsList, needPage, search, analytics, analyticsUncached)
  --build            rebuild the app (npx remix build) even when build/index.js exists
  --keep             keep the scratch database and print its URL
  --database URL     use this already-loaded database (from --keep) instead of a new one; never dropped
env: BENCH_DATABASE_SERVER_URL (postgresql://postgres@127.0.0.1:5432/postgres)`

// ───────── options ─────────

function parseOptions() {
  try {
    return parseArgs({
      options: {
        duration: { type: 'string', default: '10' },
        connections: { type: 'string', default: '10' },
        warmup: { type: 'string', default: '3' },
        needs: { type: 'string', default: '10000' },
        firms: { type: 'string', default: '2000' },
        only: { type: 'string' },
        build: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        database: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    process.exit(2)
  }
}
const args = parseOptions()
if (args.help) {
  process.stdout.write(`${USAGE}\n`)
  process.exit(0)
}

function positive(name: string, value: string | undefined, { allowZero = false } = {}) {
  const number = Number(value)
  if (!Number.isFinite(number) || number < 0 || (!allowZero && number === 0)) {
    process.stderr.write(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number (got ${value})\n${USAGE}\n`)
    process.exit(2)
  }
  return number
}
const options = {
  duration: positive('duration', args.duration),
  connections: Math.round(positive('connections', args.connections)),
  warmup: positive('warmup', args.warmup, { allowZero: true }),
  needs: Math.round(positive('needs', args.needs, { allowZero: true })),
  firms: Math.round(positive('firms', args.firms, { allowZero: true })),
}

// ───────── output and cleanup ─────────

const started = performance.now()
function say(line: string) {
  process.stderr.write(`[bench] ${line}\n`)
}
function elapsed(since = started) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`
}

/** Undone in reverse order by `cleanup`, whatever happens (error, Ctrl-C). */
const cleanups: Array<{ name: string; run: () => Promise<void> }> = []
const children = new Set<ChildProcess>()
let current: Instance | null = null
let cleaning: Promise<void> | null = null

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    current?.stop()
    while (cleanups.length > 0) {
      const step = cleanups.pop()!
      try {
        await step.run()
      } catch (error) {
        say(`cleanup "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  })()
  return cleaning
}

let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return
    interrupted = true
    say(`${signal}: stopping …`)
    void cleanup().then(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  })
}
// Last resort: never leave a child running after this process.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

function stopChild(child: ChildProcess, graceMs = 15_000) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

// ───────── database ─────────

function serverUrl() {
  return process.env.BENCH_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
}

function withDatabase(url: string, database: string) {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl() })
  client.on('error', () => {}) // surfaces through the pending query instead
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function createScratchDatabase() {
  const name = `sillon_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`
  try {
    await adminQuery(`CREATE DATABASE "${name}"`)
  } catch (error) {
    throw new Error(
      `cannot create a database on ${serverUrl()} (${error instanceof Error ? error.message : String(error)}); ` +
        'set BENCH_DATABASE_SERVER_URL to a PostgreSQL server and user that may create databases',
    )
  }
  const url = withDatabase(serverUrl(), name)
  cleanups.push({
    name: `drop database ${name}`,
    run: async () => {
      if (args.keep) {
        say(`kept the database (--keep): ${url}`)
        return
      }
      // WITH (FORCE): PostgreSQL 13+ ends any connection left (e.g. a killed seed).
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      say(`dropped the scratch database ${name}`)
    },
  })
  return url
}

/** `node --import tsx prisma/seed.ts`, its output shown only when it fails. */
async function seed(databaseUrl: string) {
  const output: string[] = []
  const child = spawn(process.execPath, ['--import', 'tsx', 'prisma/seed.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)))
  children.delete(child)
  if (code !== 0) throw new Error(`the demo seed failed (exit code ${code}):\n${output.join('')}`)
}

async function loadDatabase(): Promise<string> {
  if (args.database) {
    say(`using the database of --database (not scaled, never dropped)`)
    await migrateDeploy(args.database, { log: say })
    return args.database
  }
  const url = await createScratchDatabase()
  say(`scratch database ${new URL(url).pathname.slice(1)}`)
  let step = performance.now()
  const applied = await migrateDeploy(url, { log: say })
  say(`applied ${applied.length} migration(s) (${elapsed(step)})`)
  step = performance.now()
  await seed(url)
  say(`demo seed loaded (${elapsed(step)})`)
  const scaled = await scaleData(url, { needs: options.needs, firms: options.firms, log: (line) => say(`  ${line}`) })
  const t = scaled.totals
  say(
    `scaled in ${scaled.seconds.toFixed(1)} s: ${t.needs} needs (${t.publishedNeeds} published), ${t.firms} firms (${t.verifiedFirms} verified), ` +
      `${t.matches} matches (${scaled.demoFirmMatches} for the demo firm)`,
  )
  say(`data loaded in ${elapsed()} (migrations + seed + scaling)`)
  return url
}

// ───────── the web process ─────────

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') newest = Math.max(newest, newestMtime(full))
    } else {
      newest = Math.max(newest, statSync(full).mtimeMs)
    }
  }
  return newest
}

async function ensureBuild() {
  const buildFile = path.join(ROOT, 'build/index.js')
  if (existsSync(buildFile) && !args.build) {
    if (newestMtime(path.join(ROOT, 'app')) > statSync(buildFile).mtimeMs) {
      say('warning: build/index.js is older than files in app/: benchmarking the old build (pass --build to rebuild)')
    }
    return
  }
  say('building the app (npx remix build) …')
  const step = performance.now()
  const output: string[] = []
  const child = spawn('npx', ['remix', 'build'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)))
  children.delete(child)
  if (code !== 0) throw new Error(`npx remix build failed (exit code ${code}):\n${output.join('')}`)
  say(`built (${elapsed(step)})`)
}

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The production web process as `npm start` runs it: one per CPU unless WEB_CONCURRENCY is set (the worker is not needed). */
async function startWeb(databaseUrl: string) {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const { REDIS_URL: _redis, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      APP_URL: baseUrl,
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef-not-for-production',
    },
    // Its own process group: Ctrl-C reaches this script, which stops the server in order.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  const log: string[] = []
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString().split('\n').filter(Boolean))
    if (log.length > 200) log.splice(0, log.length - 200)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  cleanups.push({
    name: 'stop the web process',
    run: async () => {
      await stopChild(child)
      children.delete(child)
      say('web process stopped')
    },
  })

  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the web process did not become healthy within 60 s:\n${log.join('\n')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { baseUrl, log }
}

// ───────── session and targets ─────────

/** POSTs the real login form; returns the Cookie header a browser would send afterwards. */
async function login(baseUrl: string, email = DEMO_FIRM_EMAIL) {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: '/needs' }),
  })
  const cookies = response.headers.getSetCookie().map((header) => header.split(';')[0])
  if (response.status !== 302 || !cookies.some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))) {
    throw new Error(`login as ${email} failed: HTTP ${response.status}, cookies: ${cookies.map((c) => c.split('=')[0]).join(', ') || 'none'}`)
  }
  return cookies.join('; ')
}

async function pickTargets(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  client.on('error', () => {}) // surfaces through the pending query instead
  await client.connect()
  try {
    // A published public need the demo firm would open from its list: its best-matched open one.
    const need = await client.query<{ id: string; title: string }>(
      `SELECT n.id, n.title FROM "Need" n
         LEFT JOIN "Match" m ON m."needId" = n.id
          AND m."firmId" = (SELECT o.id FROM "Organisation" o JOIN "Membership" ms ON ms."organisationId" = o.id
                              JOIN "User" u ON u.id = ms."userId" WHERE u.email = $1 AND o.kind = 'FIRM' LIMIT 1)
        WHERE n.status = 'PUBLISHED' AND n.visibility = 'PUBLIC' AND (n.deadline IS NULL OR n.deadline > now())
        ORDER BY m.score DESC NULLS LAST, n.id LIMIT 1`,
      [DEMO_FIRM_EMAIL],
    )
    if (need.rowCount === 0) throw new Error('no published public need in the database')
    let searchHits: number | null = null
    const hasSearch = await client.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Need' AND column_name = 'search'`,
    )
    if (hasSearch.rowCount) {
      const hits = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Need" WHERE status = 'PUBLISHED' AND search @@ websearch_to_tsquery('french', $1)`,
        [SEARCH_QUERY],
      )
      searchHits = hits.rows[0].n
    }
    return { need: need.rows[0], searchHits }
  } finally {
    await client.end()
  }
}

// ───────── load ─────────

function uncachedAnalyticsPath() {
  let counter = 0
  return () => {
    const to = new Date(Date.now() - (counter++ % 300) * 86_400_000)
    const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1))
    return `/staff/analytics?by=partner&from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`
  }
}

interface Scenario {
  name: 'needsList' | 'needPage' | 'search' | 'analytics' | 'analyticsUncached'
  path: string
  /** A different URL for each request (never served from the analytics' five-minute cache). */
  vary?: () => string
  /** Signed in as the demo firm (default) or as the demo moderator. */
  as?: 'firm' | 'staff'
}

interface Measured {
  scenario: Scenario
  ok: number
  non200: Record<string, number>
  errors: number
  timeouts: number
  seconds: number
  rps: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  meanBytes: number
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

const round1 = (value: number) => Math.round(value * 10) / 10

const BROWSER_HEADERS = {
  accept: 'text/html,application/xhtml+xml',
  'accept-language': 'fr-FR,fr;q=0.9',
  'accept-encoding': 'gzip',
}

async function runLoad(baseUrl: string, scenario: Scenario, cookie: string, seconds: number): Promise<Measured> {
  const latencies: number[] = []
  const non200: Record<string, number> = {}
  let bytes = 0
  const instance = autocannon({
    url: `${baseUrl}${scenario.path}`,
    connections: options.connections,
    duration: seconds,
    timeout: 30,
    headers: { ...BROWSER_HEADERS, cookie },
    ...(scenario.vary ? { requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: scenario.vary!() }) }] } : {}),
  })
  current = instance
  instance.on('response', (_client, statusCode, resBytes, responseTime) => {
    if (statusCode === 200) {
      latencies.push(responseTime)
      bytes += resBytes
    } else {
      non200[statusCode] = (non200[statusCode] ?? 0) + 1
    }
  })
  const result = await instance
  current = null
  latencies.sort((a, b) => a - b)
  const ok = latencies.length
  return {
    scenario,
    ok,
    non200,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    rps: round1(ok / result.duration),
    p50Ms: round1(percentile(latencies, 50)),
    p95Ms: round1(percentile(latencies, 95)),
    p99Ms: round1(percentile(latencies, 99)),
    maxMs: round1(latencies[ok - 1] ?? Number.NaN),
    meanBytes: ok ? Math.round(bytes / ok) : 0,
  }
}

/** One request first: a scenario that does not answer 200 is a broken setup, not a slow app. */
async function preflight(baseUrl: string, scenario: Scenario, cookie: string, webLog: string[]) {
  const step = performance.now()
  const response = await fetch(`${baseUrl}${scenario.path}`, { headers: { ...BROWSER_HEADERS, cookie }, redirect: 'manual' })
  const body = await response.text()
  const ms = performance.now() - step
  if (response.status !== 200) {
    const location = response.headers.get('location')
    const why = location ? ` → ${location}${location.startsWith('/login') ? ' (the session was not accepted)' : ''}` : ''
    throw new Error(`${scenario.name}: GET ${scenario.path} answered ${response.status}${why}\nlast web log lines:\n${webLog.slice(-10).join('\n')}`)
  }
  say(`  ${scenario.name}: first request 200 in ${ms.toFixed(0)} ms, ${(body.length / 1024).toFixed(0)} KB of HTML`)
  return body
}

/** The needs a list page links to, in order. */
function needLinks(html: string) {
  return [...html.matchAll(/href="\/needs\/([^"/?#]+)"/g)].map((match) => match[1]).filter((id) => id !== 'new')
}

function printTable(results: Measured[]) {
  const rows = [
    ['scenario', 'path', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'non-200', 'errors', 'KB/resp'],
    ...results.map((r) => [
      r.scenario.name,
      r.scenario.path.length > 40 ? `${r.scenario.path.slice(0, 37)}…` : r.scenario.path,
      String(r.ok),
      r.rps.toFixed(1),
      r.p50Ms.toFixed(1),
      r.p95Ms.toFixed(1),
      r.p99Ms.toFixed(1),
      r.maxMs.toFixed(1),
      String(Object.values(r.non200).reduce((sum, n) => sum + n, 0)),
      String(r.errors),
      (r.meanBytes / 1024).toFixed(1),
    ]),
  ]
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  const line = (row: string[]) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')
  const out = [line(rows[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)]
  process.stdout.write(`\n${out.join('\n')}\n`)
}

// ───────── main ─────────

/**
 * Other work on the machine (a test run, a type check) skews every figure: measures how busy the
 * CPUs are for one second while the benchmark and its server are idle, and says so.
 */
async function warnIfBusy() {
  const sample = () => os.cpus().reduce((sum, cpu) => ({ idle: sum.idle + cpu.times.idle, total: sum.total + Object.values(cpu.times).reduce((a, b) => a + b, 0) }), { idle: 0, total: 0 })
  const before = sample()
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const after = sample()
  const busy = 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total)
  if (busy > 0.25) say(`warning: the CPUs are ${Math.round(busy * 100)} % busy with other work before measuring: figures will be noisy`)
}

async function main() {
  say(`${os.cpus().length} CPU(s), Node ${process.version}, web processes: ${process.env.WEB_CONCURRENCY ?? 'one per CPU'}, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per scenario`)
  const databaseUrl = await loadDatabase()
  await ensureBuild()
  if (interrupted) return null

  const step = performance.now()
  const web = await startWeb(databaseUrl)
  say(`web process healthy on ${web.baseUrl} (${elapsed(step)})`)
  const firmCookie = await login(web.baseUrl)
  say(`logged in as ${DEMO_FIRM_EMAIL}`)
  const staffCookie = await login(web.baseUrl, STAFF_EMAIL)
  say(`logged in as ${STAFF_EMAIL} (the analytics row)`)
  const cookieOf = (scenario: Scenario) => (scenario.as === 'staff' ? staffCookie : firmCookie)
  const { need, searchHits } = await pickTargets(databaseUrl)
  say(`need page: ${need.id} (${need.title})`)
  if (searchHits !== null) say(`search "${SEARCH_QUERY}": ${searchHits} published needs match in PostgreSQL (websearch_to_tsquery('french'))`)

  const all: Scenario[] = [
    { name: 'needsList', path: '/needs' },
    { name: 'needPage', path: `/needs/${encodeURIComponent(need.id)}` },
    { name: 'search', path: `/needs?q=${encodeURIComponent(SEARCH_QUERY)}` },
    // The moderator's hub (its only one), the last twelve months, broken down by partner.
    { name: 'analytics', path: '/staff/analytics?by=partner', as: 'staff' },
    // The same page over twelve months ending on a different day at each request: every answer is
    // computed (300 periods cycle through a cache of 200), what the first visitor of a view waits.
    { name: 'analyticsUncached', path: '/staff/analytics?by=partner', as: 'staff', vary: uncachedAnalyticsPath() },
  ]
  const only = args.only?.split(',').map((name) => name.trim())
  const unknown = only?.filter((name) => !all.some((scenario) => scenario.name === name)) ?? []
  if (unknown.length > 0) throw new Error(`unknown scenario(s) in --only: ${unknown.join(', ')}`)
  const scenarios = only ? all.filter((scenario) => only.includes(scenario.name)) : all

  const pages = new Map<string, string>()
  for (const scenario of scenarios) pages.set(scenario.name, await preflight(web.baseUrl, scenario, cookieOf(scenario), web.log))
  const list = pages.get('needsList')
  const search = pages.get('search')
  if (list !== undefined && search !== undefined) {
    const listed = needLinks(list)
    const found = needLinks(search)
    if (found.length === 0) say(`warning: the search page links to no need (expected ${searchHits ?? 'some'} matches)`)
    else if (found.join() === listed.join()) say('warning: /needs?q=… shows the same needs as /needs: the list does not seem to filter by q yet')
  }

  await warnIfBusy()
  const results: Measured[] = []
  for (const scenario of scenarios) {
    if (interrupted) return null
    if (options.warmup > 0) {
      say(`${scenario.name}: warming up ${options.warmup} s …`)
      await runLoad(web.baseUrl, scenario, cookieOf(scenario), options.warmup)
    }
    if (interrupted) return null
    say(`${scenario.name}: measuring ${options.duration} s with ${options.connections} connections …`)
    const measured = await runLoad(web.baseUrl, scenario, cookieOf(scenario), options.duration)
    if (interrupted) return null
    results.push(measured)
    const failed = Object.values(measured.non200).reduce((sum, n) => sum + n, 0) + measured.errors
    say(
      `${scenario.name}: ${measured.rps} req/s, p50 ${measured.p50Ms} ms, p95 ${measured.p95Ms} ms, p99 ${measured.p99Ms} ms` +
        (failed ? ` — ${failed} failed (non-200: ${JSON.stringify(measured.non200)}, errors: ${measured.errors}, timeouts: ${measured.timeouts})` : ''),
    )
    if (measured.ok > 0 && measured.ok < 100) say(`${scenario.name}: only ${measured.ok} responses measured: p99 is about the maximum`)
    if (measured.ok === 0 || failed > measured.ok) {
      const lastLogs = web.log.slice(-20).join('\n')
      throw new Error(`${scenario.name}: most responses were not 200 (${measured.ok} × 200, ${failed} failed) — session lost or app broken.\nlast web log lines:\n${lastLogs}`)
    }
  }
  const errorLines = web.log.filter((line) => /"level":(50|60)/.test(line))
  if (errorLines.length > 0) say(`the web process logged ${errorLines.length} error line(s); last: ${errorLines[errorLines.length - 1]}`)
  return results
}

let exitCode = 0
let results: Measured[] | null = null
try {
  results = await main()
} catch (error) {
  exitCode = 1
  // After Ctrl-C, whatever was running fails because its database is being dropped: not news.
  if (!interrupted) process.stderr.write(`[bench] failed: ${error instanceof Error ? error.message : String(error)}\n`)
}
await cleanup()
if (interrupted) process.exit(130)
if (results) {
  printTable(results)
  const target = results.find((r) => r.scenario.name === 'needsList')
  if (target) {
    const met = target.rps >= TARGET.needsListRps && target.p95Ms <= TARGET.needsListP95Ms
    process.stdout.write(
      `\ntarget (informational): needsList ≥ ${TARGET.needsListRps} req/s with p95 ≤ ${TARGET.needsListP95Ms} ms — ${met ? 'met' : 'NOT met'} ` +
        `(${target.rps} req/s, p95 ${target.p95Ms} ms; ${os.cpus().length} CPU(s), load generator on the same machine)\n`,
    )
  }
  const analytics = results.find((r) => r.scenario.name === 'analytics')
  if (analytics) {
    process.stdout.write(
      `target (informational): analytics p95 ≤ ${TARGET.analyticsP95Ms} ms — ${analytics.p95Ms <= TARGET.analyticsP95Ms ? 'met' : 'NOT met'} ` +
        `(p95 ${analytics.p95Ms} ms; a view's figures are kept 5 minutes per web process: the first request computes them)\n`,
    )
  }
  const uncached = results.find((r) => r.scenario.name === 'analyticsUncached')
  if (uncached) {
    process.stdout.write(
      `target (informational): analytics computed at every request p95 ≤ ${TARGET.analyticsP95Ms} ms — ${uncached.p95Ms <= TARGET.analyticsP95Ms ? 'met' : 'NOT met'} (p95 ${uncached.p95Ms} ms)\n`,
    )
  }
  const summary = Object.fromEntries(results.map((r) => [r.scenario.name, { rps: r.rps, p50Ms: r.p50Ms, p95Ms: r.p95Ms, p99Ms: r.p99Ms }]))
  process.stdout.write(`${JSON.stringify(summary)}\n`)
}
process.exit(exitCode)
