import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { withCsvExports } from '../../server/csv-exports'
import { PASSWORD } from '#tests/factories'

/**
 * The production build of the web app, driven in-process through Remix's request handler: the
 * same loaders, actions, sessions and policy as a browser request, without a port.
 * `npm test` builds first; run `npm run build` before a lone `vitest --project integration`.
 */
let build: ServerBuild | undefined
let handler: ReturnType<typeof createRequestHandler> | undefined

export async function loadBuild() {
  build ??= (await import(/* @vite-ignore */ pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
  return build
}

/** One request through the build's handler, as the web server hands it over. */
export async function handleInProcess(request: Request) {
  const build = await loadBuild()
  handler ??= withCsvExports(createRequestHandler(build, 'production'), build)
  return handler(request, { requestId: randomUUID() })
}

/** The Cookie header a browser would send with this jar. */
export function cookieHeader(cookies: Map<string, string>) {
  return cookies.size ? [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') : null
}

/** Keeps the cookies a response sets in the jar, and forgets those it expires, as a browser does. */
export function keepCookies(cookies: Map<string, string>, response: Response) {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';')
    const index = pair.indexOf('=')
    const name = pair.slice(0, index)
    const value = pair.slice(index + 1)
    if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') cookies.delete(name)
    else cookies.set(name, value)
  }
}

export type FormFields = Record<string, string | string[]>

/** A visitor with a cookie jar. */
export class Visitor {
  private cookies = new Map<string, string>()

  async request(pathname: string, init: { method?: string; form?: FormFields; json?: unknown; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers)
    const cookie = cookieHeader(this.cookies)
    if (cookie) headers.set('Cookie', cookie)
    let body: URLSearchParams | string | undefined
    if (init.form) {
      body = new URLSearchParams()
      for (const [name, value] of Object.entries(init.form)) {
        for (const item of Array.isArray(value) ? value : [value]) body.append(name, item)
      }
      headers.set('Content-Type', 'application/x-www-form-urlencoded')
    } else if (init.json !== undefined) {
      body = JSON.stringify(init.json)
      headers.set('Content-Type', 'application/json')
    }
    const method = init.method ?? (init.form || init.json !== undefined ? 'POST' : 'GET')
    const request = new Request(`http://localhost:3000${pathname}`, { method, headers, body })
    const response = await handleInProcess(request)
    keepCookies(this.cookies, response)
    return response
  }

  get(pathname: string) {
    return this.request(pathname)
  }

  post(pathname: string, form: FormFields) {
    return this.request(pathname, { form })
  }
}

/** A visitor signed in through the real log-in form. */
export async function signedIn(email: string, password = PASSWORD) {
  const visitor = new Visitor()
  const response = await visitor.post('/login', { email, password })
  if (response.status !== 302) throw new Error(`log-in failed for ${email}: ${response.status} ${await response.text()}`)
  return visitor
}
