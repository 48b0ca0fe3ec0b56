import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { rateLimit } from '#app/utils/rate-limit.server'
import { createHub, createMember } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { form, startWebServer, type WebServer } from '#tests/helpers/real-server'

/**
 * Rate limits through the real web process (decision 0010): the API's 600 calls a minute per
 * token, and log-in attempts counted per address across IPs as well as per IP, the client's
 * address taken from X-Forwarded-For only when TRUST_PROXY names the proxy.
 */
let web: WebServer
let behindProxy: WebServer

beforeAll(async () => {
  ;[web, behindProxy] = await Promise.all([startWebServer(), startWebServer({ TRUST_PROXY: 'loopback' })])
})

afterAll(async () => {
  await Promise.all([web?.stop(), behindProxy?.stop()])
})

describe('API: 600 calls a minute per token', () => {
  test('the 601st call within the minute answers 429 with Retry-After and the JSON error; another token is not concerned', async () => {
    const hub = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    const actor = await actorFor(partner.user.id)
    const [first, second] = await Promise.all([
      createApiToken(actor, partner.organisation.id, { name: 'Outil achats' }),
      createApiToken(actor, partner.organisation.id, { name: 'Tableau de bord' }),
    ])
    const call = (token: string) => web.send('/api/v1/needs', { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'fr' } })

    // 590 calls counted straight in the shared counters (601 real calls would not fit in a minute
    // on a loaded test machine), then the last 10 of the minute over HTTP, then one too many.
    for (let batch = 0; batch < 590 / 10; batch++) await Promise.all(Array.from({ length: 10 }, () => rateLimit('api', first.id)))
    const statuses: number[] = []
    for (let index = 0; index < 10; index++) statuses.push((await call(first.token)).status)
    expect(statuses).toEqual(Array(10).fill(200))

    const refused = await call(first.token)
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers['retry-after'])
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(refused.headers['content-type']).toContain('application/json')
    expect(JSON.parse(refused.text)).toEqual({
      error: { code: 'rate_limited', message: `Trop d’appels avec ce jeton : 600 par minute au plus. Réessayez dans ${retryAfter} s.`, fields: {} },
    })

    expect((await call(second.token)).status).toBe(200)
  }, 60_000)
})

describe('log-in throttling', () => {
  const attempt = (server: WebServer, email: string, forwardedFor: string) =>
    server.send('/login', {
      method: 'POST',
      headers: { Origin: server.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwardedFor },
      body: form({ email, password: 'pas-le-bon-mot-de-passe' }),
    })

  test('without TRUST_PROXY, a rotated X-Forwarded-For changes nothing: the 11th attempt on an address is refused', async () => {
    const email = 'cible-a@test.example'
    for (let index = 1; index <= 10; index++) expect((await attempt(web, email, `203.0.113.${index}`)).status).toBe(400)
    const refused = await attempt(web, email, '203.0.113.99')
    expect(refused.status).toBe(429)
    expect(refused.text).toContain('Trop de tentatives : réessayez dans 15 minutes.')
  })

  test('behind a trusted proxy, each client address counts apart, and one address gets 30 attempts across all of them', async () => {
    const email = 'cible-b@test.example'
    // 30 attempts from 30 addresses: more than the 10 one address may make, so X-Forwarded-For is believed.
    for (let index = 1; index <= 30; index++) expect((await attempt(behindProxy, email, `198.51.100.${index}`)).status).toBe(400)
    const refused = await attempt(behindProxy, email, '198.51.100.200')
    expect(refused.status).toBe(429)
    expect(refused.text).toContain('Trop de tentatives')
    // Another address is not locked by this one.
    expect((await attempt(behindProxy, 'autre@test.example', '198.51.100.201')).status).toBe(400)
  })

  test('behind a trusted proxy, one client still gets 10 attempts per address', async () => {
    const email = 'cible-c@test.example'
    for (let index = 1; index <= 10; index++) expect((await attempt(behindProxy, email, '192.0.2.7')).status).toBe(400)
    expect((await attempt(behindProxy, email, '192.0.2.7')).status).toBe(429)
    expect((await attempt(behindProxy, email, '192.0.2.8')).status).toBe(400)
  })
})
