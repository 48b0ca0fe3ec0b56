import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { http, passthrough } from 'msw'
import { afterAll, expect, test } from 'vitest'
import { createHub } from '#tests/factories'
import { server } from '#tests/mocks/server'

/**
 * `npm start`'s launcher (scripts/start.ts) against this file's database: a worker process killed
 * by SIGKILL (as the out-of-memory killer does) is restarted, and the web keeps answering.
 * Needs `npm run build` (as `npm test` does).
 */
const root = path.resolve(import.meta.dirname, '../..')
let launcher: ChildProcess | null = null
const output: string[] = []

async function freePort() {
  return new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function waitForOutput(pattern: RegExp, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const match = output.join('').match(pattern)
    if (match) return match
    if (Date.now() > deadline || launcher?.exitCode !== null) throw new Error(`no ${what} in the launcher's output:\n${output.join('').slice(-4000)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

afterAll(() => {
  if (launcher?.pid && launcher.exitCode === null) process.kill(-launcher.pid, 'SIGKILL')
})

test('a worker process killed by SIGKILL is restarted; the web keeps answering', async () => {
  // A database with data: the launcher does not load the demo data.
  await createHub()
  const port = await freePort()
  launcher = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    detached: true,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), LOG_LEVEL: 'info', WEB_CONCURRENCY: '1', ENABLE_SCHEDULERS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  launcher.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  launcher.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  await waitForOutput(/Sillon is running/, 'start')
  const first = Number((await waitForOutput(/workers started \(pid (\d+)\)/, 'worker pid'))[1])

  process.kill(first, 'SIGKILL')
  await waitForOutput(/workers stopped unexpectedly \(SIGKILL\); restarting them/, 'restart notice')
  const second = Number((await waitForOutput(new RegExp(`workers started \\(pid (?!${first}\\))(\\d+)\\)`), 'second worker pid'))[1])
  expect(second).not.toBe(first)
  await waitForOutput(new RegExp(`"pid":${second},"service":"worker"[^\\n]*"msg":"workers ready"`), 'the new worker ready')

  // The product itself, not a third party.
  server.use(http.get(`http://127.0.0.1:${port}/healthz`, () => passthrough()))
  const health = await fetch(`http://127.0.0.1:${port}/healthz`)
  expect(health.status).toBe(200)
  expect(output.join('')).not.toMatch(/shutting everything down/)

  const exited = new Promise<number | null>((resolve) => launcher!.once('exit', (code) => resolve(code)))
  launcher.kill('SIGTERM')
  expect(await exited).toBe(0)
}, 120_000)
