import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { PASSWORD } from '#tests/factories'

/**
 * The production build of the web app, driven in-process through Remix's request handler: the
 * same loaders, actions, sessions and policy as a browser request, without a port.
 * `npm test` builds first; run `npm run build` before a lone `vitest --project integration`.
 */
let handler: ReturnType<typeof createRequestHandler> | undefined

async function getHandler() {
  if (!handler) {
    const build = (await import(/* @vite-ignore */ pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
    handler = createRequestHandler(build, 'production')
  }
  return handler
}

export type FormFields = Record<string, string | string[]>

/** A visitor with a cookie jar. */
export class Visitor {
  private cookies = new Map<string, string>()

  async request(pathname: string, init: { method?: string; form?: FormFields; json?: unknown; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
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
    const response = await (await getHandler())(request, { requestId: randomUUID() })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair.indexOf('=')
      const name = pair.slice(0, index)
      const value = pair.slice(index + 1)
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
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
