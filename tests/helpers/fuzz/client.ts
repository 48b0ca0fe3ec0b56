import { PASSWORD } from '#tests/factories'
import { cookieHeader, handleInProcess, keepCookies } from '#tests/helpers/app'

/**
 * A browser for generated input: the production build driven in-process (as tests/helpers/app.ts),
 * with a cookie jar, and bodies the ordinary visitor cannot send: multipart uploads, raw bodies,
 * fields in a chosen order (a field posted twice), names with control characters.
 */
/** Form fields: a value, several values (the field posted several times), or the field left out. */
export type Fields = Record<string, string | string[] | undefined>

/** One file of a multipart body. */
export interface Upload {
  field: string
  name: string
  type: string
  bytes: Uint8Array
}

export type Body =
  | { kind: 'form'; fields: Fields }
  | { kind: 'multipart'; fields?: Fields; files: Upload[] }
  | { kind: 'raw'; body: string | Uint8Array; contentType?: string }

export interface Answer {
  status: number
  location: string | null
  contentType: string
  setCookies: string[]
  text: string
}

export function encodeForm(fields: Fields) {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item)
  }
  return body
}

export class Browser {
  private cookies = new Map<string, string>()

  constructor(readonly label = 'visitor') {}

  async send(pathname: string, body: Body | null, method = body ? 'POST' : 'GET'): Promise<Answer> {
    const headers = new Headers()
    const cookie = cookieHeader(this.cookies)
    if (cookie) headers.set('Cookie', cookie)
    let payload: BodyInit | undefined
    if (body?.kind === 'form') {
      payload = encodeForm(body.fields)
      headers.set('Content-Type', 'application/x-www-form-urlencoded')
    } else if (body?.kind === 'multipart') {
      const form = new FormData()
      for (const [name, value] of Object.entries(body.fields ?? {})) {
        if (value === undefined) continue
        for (const item of Array.isArray(value) ? value : [value]) form.append(name, item)
      }
      for (const file of body.files) form.append(file.field, new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name)
      payload = form
    } else if (body?.kind === 'raw') {
      payload = typeof body.body === 'string' ? body.body : (body.body as Uint8Array<ArrayBuffer>)
      if (body.contentType) headers.set('Content-Type', body.contentType)
    }
    const request = new Request(`http://localhost:3000${pathname}`, { method, headers, body: payload })
    const response = await handleInProcess(request)
    keepCookies(this.cookies, response)
    return {
      status: response.status,
      location: response.headers.get('Location'),
      contentType: response.headers.get('Content-Type') ?? '',
      setCookies: response.headers.getSetCookie(),
      text: await response.text(),
    }
  }

  get(pathname: string) {
    return this.send(pathname, null)
  }

  post(pathname: string, fields: Fields) {
    return this.send(pathname, { kind: 'form', fields })
  }

  /** The cookies as they stand, to restore them after a request that changes them (log-out). */
  saveCookies() {
    return new Map(this.cookies)
  }

  restoreCookies(saved: Map<string, string>) {
    this.cookies = new Map(saved)
  }

  hasCookie(name: string) {
    return this.cookies.has(name)
  }

  setCookie(name: string, value: string | undefined) {
    if (value === undefined) this.cookies.delete(name)
    else this.cookies.set(name, value)
  }
}

/** A browser signed in through the real log-in form. */
export async function signIn(email: string, password = PASSWORD) {
  const browser = new Browser(email)
  const answer = await browser.post('/login', { email, password })
  if (answer.status !== 302) throw new Error(`log-in failed for ${email}: ${answer.status} ${answer.text.slice(0, 300)}`)
  return browser
}
