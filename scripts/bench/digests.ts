/**
 * `npm run bench:digests`: the whole digest pass at scale, through the product's own code and queue.
 *
 * 1. Data: the scratch database `sillon_bench_digests` (dropped first if left over), migrated, then
 *    filled by PostgreSQL (scripts/bench/digests/data.ts): `--users` verified firms with one member
 *    each, due at the pass instant, each with 5 new matching needs. Not part of the figures.
 * 2. An SMTP sink in its own process (scripts/bench/digests/sink.ts): counts messages, duplicates.
 * 3. The worker process(es) as production runs them (`node --import tsx workers/index.ts`,
 *    NODE_ENV=production) on that database, Redis with a fresh QUEUE_PREFIX, SMTP_URL = the sink.
 * 4. The pass triggered as the scheduler would at `--at` (a `digests.tick` job) or as an operator
 *    would (`npm run digests:send -- --at …`, `--trigger cli`). totalMs runs from the trigger until
 *    the sink has received the last expected e-mail.
 * 5. A table, then as the LAST line of stdout one JSON object:
 *    {"users","emails","totalMs","renderP50Ms","emailsPerSec","rssMb","duplicates","missing"}.
 *    Progress goes to stderr. Cleanup (workers, sink, Redis keys, database) also on error and Ctrl-C.
 *
 * See scripts/bench/README.md ("Digest benchmark").
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { migrateDeploy } from '../db/migrations.ts'
import { benchSizes, expectedRecipients, generateDigestData } from './digests/data.ts'
import { measureDigestRenders } from './digests/render.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const DATABASE = 'sillon_bench_digests'
const TARGET = { totalMs: 120_000, rssMb: 1024 }

const USAGE = `usage: npm run bench:digests -- [options]
  --users N          firm members with new matching needs (100000)
  --at ISO           the pass instant (default: the current UTC hour, floored)
  --workers N        worker processes (1)
  --trigger job|cli  a digests.tick job as the scheduler enqueues it (job), or npm run digests:send (cli); default job
  --timeout S        give up waiting for the e-mails after S seconds (900)
  --cpu-prof         write V8 CPU profiles of the worker(s) to .bench/digests-prof/
  --log-level L      the workers' LOG_LEVEL (warn)
  --keep             keep the scratch database (and print its URL)
  --database URL     reuse a kept database: its digests, items and e-mails are deleted first, its data kept
env: BENCH_DATABASE_SERVER_URL (postgresql://postgres@127.0.0.1:5432/postgres), REDIS_URL (redis://127.0.0.1:6379)`

function parseOptions() {
  try {
    return parseArgs({
      options: {
        users: { type: 'string', default: '100000' },
        at: { type: 'string' },
        workers: { type: 'string', default: '1' },
        trigger: { type: 'string', default: 'job' },
        timeout: { type: 'string', default: '900' },
        'cpu-prof': { type: 'boolean', default: false },
        'log-level': { type: 'string', default: 'warn' },
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
function positiveInt(name: string, value: string | undefined) {
  const number = Number(value)
  if (!Number.isInteger(number) || number <= 0) {
    process.stderr.write(`--${name} must be a positive integer (got ${value})\n${USAGE}\n`)
    process.exit(2)
  }
  return number
}
const options = {
  users: positiveInt('users', args.users),
  workers: positiveInt('workers', args.workers),
  timeoutMs: positiveInt('timeout', args.timeout) * 1000,
  trigger: args.trigger === 'cli' ? ('cli' as const) : ('job' as const),
}
if (args.trigger !== 'cli' && args.trigger !== 'job') {
  process.stderr.write(`--trigger must be job or cli\n${USAGE}\n`)
  process.exit(2)
}
const HOUR_MS = 3_600_000
const instant = args.at ? new Date(args.at) : new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS)
if (Number.isNaN(instant.getTime())) {
  process.stderr.write(`--at must be an ISO instant (got ${args.at})\n`)
  process.exit(2)
}
/** The Europe/Paris hour of the instant: the users' digest hour. */
const parisHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: 'numeric', hourCycle: 'h23' }).format(instant))

// ───────── output and cleanup ─────────

const started = performance.now()
function say(line: string) {
  process.stderr.write(`[bench:digests] ${line}\n`)
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

const cleanups: Array<{ name: string; run: () => Promise<void> }> = []
const children = new Set<ChildProcess>()
let cleaning: Promise<void> | null = null
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
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
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

function stopChild(child: ChildProcess, graceMs = 20_000) {
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
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function prepareDatabase(): Promise<string> {
  if (args.database) {
    say('reusing --database: its digests, digest items and e-mails are deleted, its data kept (never dropped)')
    await migrateDeploy(args.database, { log: say })
    await withClient(args.database, async (client) => {
      await client.query('TRUNCATE "DigestItem", "DigestDelivery", "EmailMessage", "ReminderSent" CASCADE')
      await client.query(`UPDATE "NotificationPreference" SET "digestHour" = $1 WHERE "userId" LIKE 'bdg\\_u\\_%'`, [parisHour])
      await client.query('VACUUM (ANALYZE) "DigestItem", "DigestDelivery", "EmailMessage"')
    })
    return args.database
  }
  await withClient(serverUrl(), (client) => client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`))
  await withClient(serverUrl(), (client) => client.query(`CREATE DATABASE "${DATABASE}"`))
  const url = withDatabase(serverUrl(), DATABASE)
  cleanups.push({
    name: `drop database ${DATABASE}`,
    run: async () => {
      if (args.keep) return say(`kept the database (--keep): ${url}`)
      await withClient(serverUrl(), (client) => client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`))
      say(`dropped the scratch database ${DATABASE}`)
    },
  })
  const step = performance.now()
  const applied = await migrateDeploy(url, { log: say })
  say(`scratch database ${DATABASE}: ${applied.length} migration(s) applied in ${seconds(performance.now() - step)}`)
  const sizes = benchSizes(options.users)
  say(`generating ${options.users} firm members (${sizes.partners} partners, ${sizes.needsPerHub * 4} needs, ${options.users * 6} matches) …`)
  const data = await withClient(url, (client) => generateDigestData(client, { users: options.users, instant, hour: parisHour, log: say }))
  say(`data generated in ${seconds(data.seconds * 1000)} (not counted in totalMs)`)
  return url
}

// ───────── the SMTP sink ─────────

interface SinkStats {
  received: number
  duplicates: number
  unique: number
  withoutMessageId: number
  withUnsubscribe: number
  firstAt: number
  lastAt: number
  bytes: number
}

async function startSink() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/digests/sink.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  children.add(child)
  cleanups.push({
    name: 'stop the SMTP sink',
    run: async () => {
      if (child.connected) child.send({ type: 'close' })
      await stopChild(child, 5_000)
      children.delete(child)
    },
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (code ${code})`)))
    child.on('message', (message: { type: string; port?: number }) => {
      if (message.type === 'ready') resolve(message.port!)
    })
  })
  const ask = <T>(type: 'stats' | 'report') =>
    new Promise<T>((resolve) => {
      const listen = (message: { type: string }) => {
        if (message.type !== type) return
        child.off('message', listen)
        resolve(message as T)
      }
      child.on('message', listen)
      child.send({ type })
    })
  return {
    url: `smtp://127.0.0.1:${port}`,
    pid: child.pid!,
    stats: () => ask<SinkStats>('stats'),
    report: () => ask<SinkStats & { recipients: string[] }>('report'),
  }
}

// ───────── worker processes ─────────

function procStatus(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0)
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 }
  } catch {
    return null
  }
}
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, in clock ticks (100 Hz)
  } catch {
    return 0
  }
}

/**
 * CPU seconds of the PostgreSQL backends serving the scratch database (their process titles name
 * it), counted from the first time each is seen: backends that exit between two samples lose
 * their last moments; PostgreSQL's shared background processes are not counted.
 */
function postgresCpu(database: string) {
  const first = new Map<number, number>()
  const last = new Map<number, number>()
  const sample = () => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      const pid = Number(entry)
      try {
        const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        if (!title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue
      } catch {
        continue
      }
      const cpu = cpuSeconds(pid)
      if (!first.has(pid)) first.set(pid, cpu)
      last.set(pid, cpu)
    }
  }
  return {
    sample,
    total: () => [...last].reduce((sum, [pid, cpu]) => sum + cpu - first.get(pid)!, 0),
  }
}

function workerEnv(databaseUrl: string, smtpUrl: string, prefix: string): NodeJS.ProcessEnv & { REDIS_URL: string } {
  return {
    ...process.env,
    NODE_ENV: 'production' as const,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    SMTP_URL: smtpUrl,
    APP_URL: 'https://bench.sillon.example',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef-not-for-production',
    // The hourly schedulers would start passes of their own: the benchmark triggers the one pass.
    ENABLE_SCHEDULERS: 'false',
  }
}

function startWorker(index: number, env: NodeJS.ProcessEnv) {
  const profile = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.bench/digests-prof')}`] : []
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'workers/index.ts'], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: args['log-level'] },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  const log: string[] = []
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      log.push(line)
      if (/"level":(50|60)/.test(line)) say(`worker ${index}: ${line.slice(0, 400)}`)
    }
    if (log.length > 300) log.splice(0, log.length - 300)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  child.once('exit', (code, signal) => {
    if (!stoppingWorkers) say(`worker ${index} exited (code ${code}, signal ${signal}); last lines:\n${log.slice(-20).join('\n')}`)
  })
  return { child, pid: child.pid!, log, peakMb: 0 }
}
let stoppingWorkers = false

// ───────── the pass ─────────

async function main() {
  say(`digest benchmark: ${options.users} users, pass at ${instant.toISOString()} (${parisHour}:00 Europe/Paris), ${options.workers} worker process(es), trigger ${options.trigger}; ${os.availableParallelism()} CPUs, load average ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`)
  const databaseUrl = await prepareDatabase()
  const expected = await withClient(databaseUrl, expectedRecipients)
  say(`${expected.length} users expected to receive a digest`)

  const sink = await startSink()
  say(`SMTP sink listening at ${sink.url} (pid ${sink.pid})`)

  const prefix = `benchdig${process.pid}`
  const env = workerEnv(databaseUrl, sink.url, prefix)
  Object.assign(process.env, env, { LOG_LEVEL: 'warn' })
  const { closeQueues, enqueueJob, getQueue } = await import('#app/modules/jobs/queue.server')
  const { disconnectPrisma } = await import('#app/utils/db.server')
  cleanups.push({
    name: 'remove the queue keys',
    run: async () => {
      const { Redis } = await import('ioredis')
      const redis = new Redis(env.REDIS_URL)
      let cursor = '0'
      let removed = 0
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
        cursor = next
        if (keys.length > 0) removed += await redis.del(...keys)
      } while (cursor !== '0')
      await redis.quit()
      say(`removed ${removed} Redis keys of ${prefix}`)
    },
  })
  cleanups.push({ name: 'close the queues', run: async () => {
    await closeQueues()
    await disconnectPrisma()
  } })

  const workers = Array.from({ length: options.workers }, (_, index) => startWorker(index, env))
  cleanups.push({
    name: 'stop the workers',
    run: async () => {
      stoppingWorkers = true
      await Promise.all(workers.map((worker) => stopChild(worker.child)))
      for (const worker of workers) children.delete(worker.child)
    },
  })
  const readyBy = Date.now() + 60_000
  while ((await getQueue('emails').getWorkersCount()) < options.workers) {
    if (Date.now() > readyBy || workers.some((worker) => worker.child.exitCode !== null)) throw new Error('the worker process(es) did not start')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  say(`${options.workers} worker process(es) ready (pid ${workers.map((worker) => worker.pid).join(', ')})`)
  // renderP50Ms: the product's renderDigest on real digest models of a sample of users, timed
  // here before the pass (scripts/bench/digests/render.ts).
  const sampleIds = await withClient(databaseUrl, async (client) =>
    (await client.query<{ id: string }>(`SELECT id FROM "User" WHERE id LIKE 'bdg\\_u\\_%' ORDER BY md5(id) LIMIT 200`)).rows.map((row) => row.id),
  )
  const renders = await measureDigestRenders(sampleIds, instant)
  say(
    renders
      ? `render of one digest (renderDigest, ${renders.sample} real models × 3, this process): p50 ${renders.p50Ms} ms, p95 ${renders.p95Ms} ms; up to ${renders.htmlBytes} B of HTML, ${renders.textBytes} B of text`
      : 'no digest to render in the sample',
  )
  const cpuBefore = workers.map((worker) => cpuSeconds(worker.pid))
  const sinkCpuBefore = cpuSeconds(sink.pid)
  const pgCpu = postgresCpu(new URL(databaseUrl).pathname.slice(1))
  pgCpu.sample()
  const sampleRss = () => {
    for (const worker of workers) {
      const status = procStatus(worker.pid)
      if (status) worker.peakMb = Math.max(worker.peakMb, status.hwmMb, status.rssMb)
    }
  }
  const rssTimer = setInterval(sampleRss, 250)
  const pgTimer = setInterval(pgCpu.sample, 1_000)

  // Trigger the pass.
  const t0 = Date.now()
  let triggerDone = false
  let cliSummary: string | null = null
  if (options.trigger === 'job') {
    await enqueueJob('digests.tick', { at: instant.toISOString() })
    triggerDone = true
    say(`pass triggered: digests.tick enqueued for ${instant.toISOString()}`)
  } else {
    const cli = spawn('npm', ['run', '--silent', 'digests:send', '--', '--at', instant.toISOString()], {
      cwd: ROOT,
      env: { ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.add(cli)
    let output = ''
    cli.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    cli.once('exit', (code) => {
      triggerDone = true
      cliSummary = output.trim().split('\n').pop() ?? ''
      say(`npm run digests:send exited (code ${code}) after ${seconds(Date.now() - t0)}: ${cliSummary}`)
    })
    say('pass triggered: npm run digests:send -- --at ' + instant.toISOString())
  }

  // Wait for the e-mails, printing progress.
  let stats = await sink.stats()
  let lastProgressAt = Date.now()
  let lastReceived = 0
  let lastLine = 0
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    stats = await sink.stats()
    const now = Date.now()
    if (stats.received !== lastReceived) {
      lastReceived = stats.received
      lastProgressAt = now
    }
    if (now - lastLine >= 5_000) {
      lastLine = now
      sampleRss()
      const rate = stats.received / Math.max(0.001, (now - t0) / 1000)
      say(
        `  ${seconds(now - t0)}: ${stats.received} / ${expected.length} e-mails at the sink (${Math.round(rate)}/s), ` +
          `worker RSS ${workers.map((worker) => `${Math.round(procStatus(worker.pid)?.rssMb ?? 0)} MB`).join(', ')}, load ${os.loadavg()[0]!.toFixed(2)}`,
      )
    }
    if (stats.received >= expected.length) break
    if (now - t0 > options.timeoutMs) {
      say(`timed out after ${seconds(now - t0)}`)
      break
    }
    if (triggerDone && options.trigger === 'cli' && now - lastProgressAt > 15_000) {
      say('no new e-mail for 15 s since the command ended: stopping')
      break
    }
    if (workers.every((worker) => worker.child.exitCode !== null)) throw new Error('every worker process exited')
  }
  const complete = stats.received >= expected.length
  // Late duplicates show up in the next moments: wait a little before the final count.
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  sampleRss()
  clearInterval(rssTimer)
  pgCpu.sample()
  clearInterval(pgTimer)
  const sinkCpu = cpuSeconds(sink.pid) - sinkCpuBefore
  const report = await sink.report()
  const totalMs = (complete ? report.lastAt : Date.now()) - t0
  const workerCpu = workers.map((worker, index) => cpuSeconds(worker.pid) - cpuBefore[index]!)

  const received = new Set(report.recipients)
  const missing = expected.filter((email) => !received.has(email.toLowerCase())).length
  const db = await withClient(databaseUrl, async (client) => {
    const deliveries = await client.query<{ status: string; count: string }>('SELECT status, count(*) FROM "DigestDelivery" GROUP BY status ORDER BY status')
    const emails = await client.query<{ status: string; count: string }>('SELECT status, count(*) FROM "EmailMessage" GROUP BY status ORDER BY status')
    const items = await client.query<{ count: string }>('SELECT count(*) FROM "DigestItem"')
    return {
      deliveries: Object.fromEntries(deliveries.rows.map((row) => [row.status, Number(row.count)])),
      emails: Object.fromEntries(emails.rows.map((row) => [row.status, Number(row.count)])),
      items: Number(items.rows[0]!.count),
    }
  })

  const renderP50Ms = renders?.p50Ms ?? null
  // Where the batches' time went: the timings each digests.batch job returns (wall clock, summed).
  const phases = { batches: 0, build: 0, render: 0, write: 0, deliver: 0 }
  for (const job of await getQueue('digests').getJobs(['completed'], 0, -1)) {
    const ms = (job.returnvalue as { ms?: Partial<Record<'build' | 'render' | 'write' | 'deliver', number>> } | null)?.ms
    if (job.name !== 'digests.batch' || !ms) continue
    phases.batches++
    for (const key of ['build', 'render', 'write', 'deliver'] as const) phases[key] += ms[key] ?? 0
  }
  const rssMb = Math.round(Math.max(...workers.map((worker) => worker.peakMb)))
  const emailsPerSec = Math.round((report.received / Math.max(1, totalMs)) * 1000)

  console.log(`digest pass, ${options.users} users, ${options.workers} worker process(es), ${os.availableParallelism()} CPUs`)
  console.log(`  e-mails at the sink      ${report.received} (${report.unique} recipients, ${report.withUnsubscribe} with List-Unsubscribe + List-Unsubscribe-Post)`)
  console.log(`  total                    ${seconds(totalMs)}${complete ? '' : ' (INCOMPLETE)'}  (first e-mail after ${seconds(report.firstAt ? report.firstAt - t0 : 0)})`)
  console.log(`  throughput               ${emailsPerSec} e-mails/s`)
  console.log(`  render p50               ${renderP50Ms ?? 'n/a'} ms (p95 ${renders?.p95Ms ?? 'n/a'} ms; renderDigest on ${renders?.sample ?? 0} real digest models, in this process)`)
  console.log(`  worker peak RSS          ${workers.map((worker) => `${Math.round(worker.peakMb)} MB`).join(', ')}; CPU ${workerCpu.map((cpu) => seconds(cpu * 1000)).join(', ')}`)
  const perEmail = (cpu: number) => `${((cpu * 1000) / Math.max(1, report.received)).toFixed(2)} ms`
  const workerTotal = workerCpu.reduce((sum, cpu) => sum + cpu, 0)
  console.log(
    `  CPU during the pass      workers ${seconds(workerTotal * 1000)} (${perEmail(workerTotal)}/e-mail), PostgreSQL backends ${seconds(pgCpu.total() * 1000)} (${perEmail(pgCpu.total())}), ` +
      `SMTP sink ${seconds(sinkCpu * 1000)} (${perEmail(sinkCpu)}); machine load average ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}`,
  )
  if (phases.batches > 0) {
    console.log(
      `  batch phases (wall, sum) ${phases.batches} batches: build ${seconds(phases.build)}, render ${seconds(phases.render)} (${(phases.render / Math.max(1, report.received)).toFixed(2)} ms/e-mail), ` +
        `store ${seconds(phases.write)}, deliver ${seconds(phases.deliver)}`,
    )
  }
  console.log(`  duplicates / missing     ${report.duplicates} / ${missing}`)
  console.log(`  DigestDelivery           ${JSON.stringify(db.deliveries)}; DigestItem ${db.items}; EmailMessage ${JSON.stringify(db.emails)}`)
  if (cliSummary) console.log(`  digests:send             ${cliSummary}`)
  console.log(
    `  targets: totalMs ≤ ${TARGET.totalMs} ${totalMs <= TARGET.totalMs && complete ? 'ok' : 'MISSED'}; duplicates 0 ${report.duplicates === 0 ? 'ok' : 'MISSED'}; ` +
      `missing 0 ${missing === 0 ? 'ok' : 'MISSED'}; worker RSS ≤ ${TARGET.rssMb} MB ${rssMb <= TARGET.rssMb ? 'ok' : 'MISSED'}`,
  )
  say(`done in ${seconds(performance.now() - started)} (data generation included)`)
  console.log(JSON.stringify({ users: options.users, emails: report.received, totalMs, renderP50Ms, emailsPerSec, rssMb, duplicates: report.duplicates, missing }))
}

try {
  await main()
  await cleanup()
  process.exit(0)
} catch (error) {
  say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  await cleanup()
  process.exit(1)
}
