import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { inject } from 'vitest'
import { productPidDir } from '#tests/setup/product-pids'

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

/**
 * The preload that puts the tests' third-party doubles (MSW with tests/mocks/handlers.ts: Stripe,
 * the company directory) into the product's processes; it needs STRIPE_FAKE_STATE in their env.
 */
export const CHILD_MOCKS = path.join(import.meta.dirname, '../mocks/child-preload.ts')

export interface ProductOptions {
  /** Modules each child imports before its own code (`node --import tsx --import <module> …`). */
  preload?: string[]
}

/** The command line of one of the product's processes: tsx, then the preloads, then the script. */
export function productNodeArgs(script: string, preload: string[] = []) {
  return ['--import', 'tsx', ...preload.flatMap((module) => ['--import', pathToFileURL(path.resolve(module)).href]), script]
}

/**
 * The product as it runs in production, for browser journeys: the web process and the worker
 * process, started from the sources against this test file's database.
 *
 * Third parties: a journey that needs Stripe or the company directory passes
 * `{ preload: [CHILD_MOCKS] }` and, in `env`, the keys (`TEST_STRIPE_ENV`) and `STRIPE_FAKE_STATE`,
 * a file of its own; both processes then answer their calls to api.stripe.com (and the directory)
 * with the tests' MSW handlers, the Stripe double's state kept in that file, which the test drives
 * through `createStripeFake(file)` (completing a Checkout on "Stripe's side", failing a payment).
 * Local traffic is not mocked; any other unhandled host fails (tests/mocks/child-preload.ts).
 * Without the option the children call no double: a real network call would fail in this sandbox.
 */
export async function startProduct(env: Record<string, string | undefined> = {}, options: ProductOptions = {}) {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production' as const,
    PORT: String(port),
    APP_URL: baseUrl,
    LOG_LEVEL: 'warn',
    ENABLE_SCHEDULERS: 'true',
    // One web process per test product; pass WEB_CONCURRENCY: undefined for the production default.
    WEB_CONCURRENCY: '1',
    ...env,
  }
  const output: string[] = []
  const children: ChildProcess[] = ['server/index.ts', 'workers/index.ts'].map((script) => {
    const child = spawn(process.execPath, productNodeArgs(script, options.preload), { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    return child
  })
  // Never leave the product running after the test process, whatever happens: killed on exit,
  // and listed for the run's teardown in case this process is killed without a chance to.
  const killAll = () => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL'))
  process.once('exit', killAll)
  const pidDir = productPidDir(inject('testRunId'))
  mkdirSync(pidDir, { recursive: true })
  for (const child of children) {
    if (child.pid) writeFileSync(path.join(pidDir, String(child.pid)), '')
    child.once('exit', () => rmSync(path.join(pidDir, String(child.pid)), { force: true }))
  }
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || children.some((child) => child.exitCode !== null)) {
      children.forEach((child) => child.kill('SIGKILL'))
      throw new Error(`the product did not start:\n${output.join('')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    baseUrl,
    output,
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve()
              const kill = setTimeout(() => child.kill('SIGKILL'), 20_000)
              child.once('exit', () => {
                clearTimeout(kill)
                resolve()
              })
              child.kill('SIGTERM')
            }),
        ),
      )
    },
  }
}
