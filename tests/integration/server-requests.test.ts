import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { randomBytes } from 'node:crypto'
import { createHub, createMember, PASSWORD } from '#tests/factories'
import { form, startWebServer, type WebServer } from '#tests/helpers/real-server'

/**
 * The real web process over HTTP (decision 0010): cross-site posts, redirects after log-in,
 * sign-up and the language switch, the security headers of pages and static files.
 */
let web: WebServer
let email: string

beforeAll(async () => {
  web = await startWebServer()
  const hub = await createHub()
  email = (await createMember(hub.id, 'FIRM')).user.email
})

afterAll(async () => {
  await web?.stop()
})

const wrongPassword = () => form({ email: 'personne@test.example', password: 'pas-le-bon-mot-de-passe' })
const urlencoded = { 'Content-Type': 'application/x-www-form-urlencoded' }

describe('cross-site posts', () => {
  test.each([
    ['Origin: null', { Origin: 'null' }, 403],
    ['another site’s Origin', { Origin: 'https://evil.example' }, 403],
    ['a malformed Origin', { Origin: 'not a url' }, 403],
    ['no Origin, Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }, 403],
    ['no Origin, Sec-Fetch-Site: same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }, 403],
    ['no Origin, Sec-Fetch-Site: same-origin', { 'Sec-Fetch-Site': 'same-origin' }, 400],
    ['no Origin, Sec-Fetch-Site: none (typed by the user)', { 'Sec-Fetch-Site': 'none' }, 400],
    ['neither header nor cookie (curl)', {}, 400],
  ])('POST /login with %s %j answers %i', async (_label, headers, status) => {
    const answer = await web.send('/login', { method: 'POST', headers: { ...urlencoded, ...headers }, body: wrongPassword() })
    expect(answer.status).toBe(status)
    if (status === 403) expect(answer.text).toBe('Requête refusée : elle ne vient pas de ce site. / Request refused: it does not come from this site.')
  })

  test('this site’s Origin passes', async () => {
    const answer = await web.send('/login', { method: 'POST', headers: { ...urlencoded, Origin: web.baseUrl }, body: wrongPassword() })
    expect(answer.status).toBe(400)
  })

  test('a post with a session cookie but neither Origin nor Sec-Fetch-Site is refused', async () => {
    const cookie = await web.logIn(email)
    const refused = await web.send('/logout', { method: 'POST', headers: { ...urlencoded, Cookie: cookie }, body: '' })
    expect(refused.status).toBe(403)
    // Still signed in: the same cookie opens a member page.
    const page = await web.send('/applications', { headers: { Cookie: cookie } })
    expect(page.status).toBe(200)
    const fromTheSite = await web.send('/logout', { method: 'POST', headers: { ...urlencoded, Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' }, body: '' })
    expect(fromTheSite.status).toBe(302)
  })

  test('the API (bearer tokens, no cookies) is not concerned', async () => {
    const answer = await web.send('/api/v1/needs', { method: 'POST', headers: { Origin: 'null', 'Content-Type': 'application/json' }, body: '{}' })
    expect(answer.status).toBe(401)
  })
})

describe('redirects stay on the site', () => {
  const evil = '/.//evil.example/x'

  test('after log-in', async () => {
    const answer = await web.send('/login', {
      method: 'POST',
      headers: { ...urlencoded, Origin: web.baseUrl },
      body: form({ email, password: PASSWORD, redirectTo: evil }),
    })
    expect(answer.status).toBe(302)
    // Refused, it lands on the firm member's own home.
    expect(answer.headers.location).toBe('/needs')
    const kept = await web.send('/login', {
      method: 'POST',
      headers: { ...urlencoded, Origin: web.baseUrl },
      body: form({ email, password: PASSWORD, redirectTo: '/needs?q=iot' }),
    })
    expect(kept.headers.location).toBe('/needs?q=iot')
  })

  test('after sign-up', async () => {
    const answer = await web.send('/signup', {
      method: 'POST',
      headers: { ...urlencoded, Origin: web.baseUrl },
      body: form({ name: 'Camille Roux', email: `camille-${randomBytes(4).toString('hex')}@test.example`, password: PASSWORD, confirmPassword: PASSWORD, redirectTo: evil }),
    })
    expect(answer.status).toBe(302)
    expect(answer.headers.location).toMatch(/^\/(?![/\\])/)
    expect(answer.headers.location).not.toContain('evil.example')
  })

  test('after the language switch', async () => {
    for (const redirectTo of [evil, '/./\\evil.example', '//evil.example', 'https://evil.example']) {
      const answer = await web.send('/settings/locale', { method: 'POST', headers: { ...urlencoded, Origin: web.baseUrl }, body: form({ locale: 'en', redirectTo }) })
      expect(answer.status).toBe(302)
      expect(answer.headers.location).toBe('/')
    }
    const kept = await web.send('/settings/locale', { method: 'POST', headers: { ...urlencoded, Origin: web.baseUrl }, body: form({ locale: 'en', redirectTo: '/needs' }) })
    expect(kept.headers.location).toBe('/needs')
  })
})

describe('headers', () => {
  test('pages carry a Content-Security-Policy whose nonce is the one on every inline and module script', async () => {
    const page = await web.send('/login')
    expect(page.status).toBe(200)
    const csp = String(page.headers['content-security-policy'])
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    const scripts = [...page.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])
    expect(scripts.length).toBeGreaterThan(1)
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`)
    // A new nonce for every request.
    const again = await web.send('/login')
    expect(again.headers['content-security-policy']).not.toBe(csp)
    // No HSTS on an http installation.
    expect(page.headers['strict-transport-security']).toBeUndefined()
  })

  test('signed-in answers and the one that sets the session cookie are private and never stored', async () => {
    const anonymous = await web.send('/login')
    expect(anonymous.headers['cache-control'] ?? '').not.toContain('no-store')
    const login = await web.send('/login', {
      method: 'POST',
      headers: { ...urlencoded, Origin: web.baseUrl },
      body: form({ email, password: PASSWORD }),
    })
    expect(login.headers['cache-control']).toBe('private, no-store')
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((value) => value.startsWith('sillon_session='))!.split(';')[0]!
    for (const path of ['/', '/applications', '/needs', '/applications?_data=root']) {
      const answer = await web.send(path, { headers: { Cookie: cookie } })
      expect(answer.status, path).toBe(200)
      expect(answer.headers['cache-control'], path).toBe('private, no-store')
    }
  })

  test('static files: built assets immutable for a year, public files an hour, both with the security headers', async () => {
    const page = await web.send('/login')
    const asset = /<script[^>]+src="(\/build\/[^"]+\.js)"/.exec(page.text)?.[1] ?? /href="(\/build\/[^"]+\.js)"/.exec(page.text)?.[1]
    expect(asset).toBeTruthy()
    const script = await web.send(asset!)
    expect(script.status).toBe(200)
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(script.headers['x-content-type-options']).toBe('nosniff')
    const icon = await web.send('/favicon.svg')
    expect(icon.status).toBe(200)
    expect(icon.headers['content-type']).toContain('image/svg+xml')
    expect(icon.headers['cache-control']).toBe('public, max-age=3600')
    expect(icon.headers['content-security-policy']).toContain("default-src 'self'")
    expect((await web.send('/build/../../package.json')).status).toBe(404)
  })

  test('with an https public URL: HSTS on every answer and secure cookies', async () => {
    const secure = await startWebServer({ APP_URL: 'https://sillon.example' })
    try {
      const page = await secure.send('/login')
      expect(page.headers['strict-transport-security']).toBe('max-age=15552000')
      expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests')
      const health = await secure.send('/healthz')
      expect(health.headers['strict-transport-security']).toBe('max-age=15552000')
      const login = await secure.send('/login', {
        method: 'POST',
        headers: { ...urlencoded, Origin: 'https://sillon.example' },
        body: form({ email, password: PASSWORD }),
      })
      expect(login.status, secure.output.join('')).toBe(302)
      expect(String(login.headers['set-cookie'])).toMatch(/sillon_session=[^;]+;.*Secure/)
    } finally {
      await secure.stop()
    }
  })
})

describe('a Host header that names no host', () => {
  test('answers 400 with a message, not 500', async () => {
    const answer = await web.send('/login', { headers: { Host: 'pas un hôte' } })
    expect(answer.status).toBe(400)
    expect(answer.text).toMatch(/Host/)
  })
})
