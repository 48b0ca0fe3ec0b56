import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import http, { type IncomingHttpHeaders } from 'node:http'
import { createServer } from 'node:net'
import path from 'node:path'
import { inject } from 'vitest'
import { PASSWORD } from '#tests/factories'
import { server as msw } from '#tests/mocks/server'
import { productPidDir } from '#tests/setup/product-pids'

/**
 * The web process alone (`server/index.ts`, the production build from `npm run build`) on a free
 * port against this test file's database, probed over real HTTP: what the Express layer does
 * (headers, body caps, cross-site checks, rate limits, static files, client address) has no other
 * test. `send` speaks raw HTTP/1.1, so that a test chooses every header (no Origin, a lying
 * Content-Length, a chunked body) and reads the answer before it has sent its whole body.
 */
async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))))
    })
  })
}

export interface Answer {
  status: number
  /** The server said "100 Continue" (to a request sent with `Expect: 100-continue`). */
  continued: boolean
  headers: IncomingHttpHeaders
  text: string
}

export interface SendOptions {
  method?: string
  headers?: Record<string, string | string[]>
  /** Sent whole (with its Content-Length unless `chunked`). */
  body?: string | Buffer
  /** Sends the body in chunks of this size without Content-Length (Transfer-Encoding: chunked). */
  chunked?: { chunk: Buffer; count: number }
  /** Declares this Content-Length but sends only `body` (then waits for the answer). */
  declaredLength?: number
}

export type WebServer = Awaited<ReturnType<typeof startWebServer>>

export async function startWebServer(env: Record<string, string | undefined> = {}) {
  // The probes speak to our own web process only, byte by byte: MSW (which stands in for third
  // parties) would read each request whole before letting it through. The web process is a child
  // process, out of MSW's reach anyway.
  msw.close()
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production' as const,
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: baseUrl,
    LOG_LEVEL: 'warn',
    ENABLE_SCHEDULERS: 'false',
    WEB_CONCURRENCY: '1',
    ...env,
  }
  const output: string[] = []
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  const kill = () => child.exitCode === null && child.kill('SIGKILL')
  process.once('exit', kill)
  const pidDir = productPidDir(inject('testRunId'))
  mkdirSync(pidDir, { recursive: true })
  if (child.pid) writeFileSync(path.join(pidDir, String(child.pid)), '')
  child.once('exit', () => rmSync(path.join(pidDir, String(child.pid)), { force: true }))

  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      kill()
      throw new Error(`the web process did not start:\n${output.join('')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }

  /** One raw HTTP request; the answer as soon as it arrives, whatever remains to be sent. */
  function send(pathname: string, options: SendOptions = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = { ...options.headers }
      if (options.chunked) headers['Transfer-Encoding'] = 'chunked'
      else if (options.declaredLength !== undefined) headers['Content-Length'] = String(options.declaredLength)
      else if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body))
      const request = http.request(`${baseUrl}${pathname}`, { method: options.method ?? 'GET', headers, agent: false })
      let settled = false
      let continued = false
      request.on('continue', () => (continued = true))
      request.on('response', (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          settled = true
          resolve({ status: response.statusCode ?? 0, continued, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') })
          request.destroy()
        })
      })
      // The server may close the connection while the body is still being sent: the answer counts.
      request.on('error', (error) => {
        if (!settled) setTimeout(() => !settled && reject(error), 1_000)
      })
      void (async () => {
        if (options.chunked) {
          for (let index = 0; index < options.chunked.count && !settled && !request.destroyed; index++) {
            if (!request.write(options.chunked.chunk)) await new Promise((resume) => request.once('drain', resume))
          }
          if (!settled && !request.destroyed) request.end()
        } else if (options.declaredLength !== undefined) {
          if (options.body !== undefined) request.write(options.body)
          // Headers and the first bytes only: the rest never comes.
        } else request.end(options.body)
      })().catch(() => undefined)
    })
  }

  /** A session cookie for this user, logged in through the real log-in form. */
  async function logIn(email: string, password = PASSWORD) {
    const answer = await send('/login', {
      method: 'POST',
      headers: { Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password }).toString(),
    })
    const cookie = ([] as string[])
      .concat(answer.headers['set-cookie'] ?? [])
      .map((value) => value.split(';')[0]!)
      .find((value) => value.startsWith('sillon_session='))
    if (answer.status !== 302 || !cookie) throw new Error(`log-in failed (${answer.status}): ${answer.text.slice(0, 200)}`)
    return cookie
  }

  return {
    baseUrl,
    output,
    send,
    logIn,
    async stop() {
      if (child.exitCode !== null) return
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000)
        child.once('exit', () => {
          clearTimeout(force)
          resolve()
        })
        child.kill('SIGTERM')
      })
    },
  }
}

/** A form body, urlencoded. */
export function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString()
}
