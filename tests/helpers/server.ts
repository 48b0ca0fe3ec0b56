import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { inject } from 'vitest'
import { productPidDir } from '#tests/setup/product-pids'

/**
 * The product as it runs in production, for browser journeys: the web process and the worker
 * process, started from the sources against this test file's database.
 */
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

export async function startProduct(env: Record<string, string | undefined> = {}) {
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
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
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
