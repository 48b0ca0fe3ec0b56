import { PASSWORD } from '#tests/factories'
import { cookieHeader, handleInProcess, keepCookies } from '#tests/helpers/app'

/**
 * The production build driven in-process (as tests/helpers/app.ts does), for the access-rule
 * table: a cookie jar, form, JSON and multipart bodies, a bearer token, and redirects not followed.
 * Answers are read whole (text, headers), whatever their status.
 */
export type Fields = Record<string, string | string[]>

export interface Upload {
  field: string
  name: string
  type: string
  bytes: Uint8Array
}

export type RequestBody =
  | { form: Fields }
  | { json: unknown }
  | { multipart: { fields?: Fields; files: Upload[] } }

export interface Answer {
  status: number
  headers: Headers
  location: string | null
  text: string
}

export class Client {
  private cookies = new Map<string, string>()

  constructor(readonly label: string) {}

  async send(method: string, pathname: string, body?: RequestBody, token?: string): Promise<Answer> {
    const headers = new Headers()
    const cookie = cookieHeader(this.cookies)
    if (cookie) headers.set('Cookie', cookie)
    if (token) headers.set('Authorization', `Bearer ${token}`)
    let payload: BodyInit | undefined
    if (body && 'form' in body) {
      const form = new URLSearchParams()
      for (const [name, value] of Object.entries(body.form)) for (const item of Array.isArray(value) ? value : [value]) form.append(name, item)
      payload = form
      headers.set('Content-Type', 'application/x-www-form-urlencoded')
    } else if (body && 'json' in body) {
      payload = JSON.stringify(body.json)
      headers.set('Content-Type', 'application/json')
    } else if (body && 'multipart' in body) {
      const form = new FormData()
      for (const [name, value] of Object.entries(body.multipart.fields ?? {})) for (const item of Array.isArray(value) ? value : [value]) form.append(name, item)
      for (const file of body.multipart.files) form.append(file.field, new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name)
      payload = form
    }
    const request = new Request(`http://localhost:3000${pathname}`, { method, headers, body: payload })
    const response = await handleInProcess(request)
    keepCookies(this.cookies, response)
    // Binary answers (PDF downloads) read as latin1: one character per byte, markers intact.
    const bytes = new Uint8Array(await response.arrayBuffer())
    const text = new TextDecoder((response.headers.get('Content-Type') ?? '').includes('application/pdf') ? 'latin1' : 'utf-8').decode(bytes)
    return { status: response.status, headers: response.headers, location: response.headers.get('Location'), text }
  }
}

/** A client signed in through the real log-in form. */
export async function signIn(label: string, email: string, password = PASSWORD) {
  const client = new Client(label)
  const answer = await client.send('POST', '/login', { form: { email, password } })
  if (answer.status !== 302) throw new Error(`log-in failed for ${email}: ${answer.status} ${answer.text.slice(0, 300)}`)
  return client
}
