import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { createHub, createMember } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { form, startWebServer, type WebServer } from '#tests/helpers/real-server'

/**
 * Every request body is capped before anything parses it (decision 0010): forms 64 KiB (256 KiB
 * for the long-text forms), JSON 1 MiB, an attachment upload 10 MB and its framing. Over the cap,
 * on the declared Content-Length or while a chunked body arrives: 413 with a message, at once.
 */
let web: WebServer
let token: string
let applicationPath: string
let partnerCookie: string

beforeAll(async () => {
  web = await startWebServer()
  const hub = await createHub()
  const partner = await createMember(hub.id, 'PARTNER')
  token = (await createApiToken(await actorFor(partner.user.id), partner.organisation.id, { name: 'Outil achats' })).token
  partnerCookie = await web.logIn(partner.user.email)
  applicationPath = '/applications/clx0000000000000000000000'
})

afterAll(async () => {
  await web?.stop()
})

const formHeaders = () => ({ Origin: web.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' })

describe('body caps at the edge', () => {
  test('a 200 MB form declared by its Content-Length is refused at once, without reading it', async () => {
    const answer = await web.send('/login', { method: 'POST', headers: formHeaders(), declaredLength: 200 * 1024 * 1024, body: 'email=a' })
    expect(answer.status).toBe(413)
    expect(answer.text).toContain('Envoi trop volumineux : 64 Ko / KB au plus.')
    expect(answer.text).toContain('Request too large')
    expect(answer.headers.connection).toBe('close')
  })

  test('a client that asks first (Expect: 100-continue) is refused before it sends its body, or told to go on', async () => {
    const refused = await web.send('/login', { method: 'POST', headers: { ...formHeaders(), Expect: '100-continue' }, declaredLength: 200 * 1024 * 1024 })
    expect(refused.status).toBe(413)
    expect(refused.continued).toBe(false)
    const body = form({ email: 'personne@test.example', password: 'pas-le-bon-mot-de-passe' })
    const accepted = await web.send('/login', { method: 'POST', headers: { ...formHeaders(), Expect: '100-continue' }, body })
    expect(accepted.continued).toBe(true)
    expect(accepted.status).toBe(400)
  })

  test('a chunked form without Content-Length is refused as soon as it passes 64 KiB', async () => {
    // 100 MB announced by nothing: the server stops reading after 64 KiB.
    const answer = await web.send('/login', { method: 'POST', headers: formHeaders(), chunked: { chunk: Buffer.alloc(16 * 1024, 'a'), count: 6400 } })
    expect(answer.status).toBe(413)
    expect(answer.text).toContain('64 Ko / KB')
  })

  test('a small chunked form still reaches the page (wrong password: 400, not 413)', async () => {
    const body = Buffer.from(form({ email: 'personne@test.example', password: 'pas-le-bon-mot-de-passe' }))
    const answer = await web.send('/login', { method: 'POST', headers: formHeaders(), chunked: { chunk: body, count: 1 } })
    expect(answer.status).toBe(400)
    expect(answer.text).toContain('Adresse e-mail ou mot de passe incorrect')
  })

  test('a need form with a long description (within its 20 000 characters) is not refused by the cap', async () => {
    const description = '’'.repeat(15_000) // 135 KB once percent-encoded
    const answer = await web.send('/needs/new', {
      method: 'POST',
      headers: { ...formHeaders(), Cookie: partnerCookie },
      body: form({ intent: 'save', title: 'Besoin', description }),
    })
    expect(answer.status).not.toBe(413)
    expect(answer.status).toBeLessThan(500)
  })

  test('API JSON: 1 MiB at most, answered in the API’s JSON error shape', async () => {
    const declared = await web.send('/api/v1/needs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      declaredLength: 5 * 1024 * 1024,
      body: '{"title":',
    })
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.text)).toEqual({
      error: { code: 'payload_too_large', message: expect.stringContaining('1 Mo / MB'), fields: {} },
    })
    const chunked = await web.send('/api/v1/needs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      chunked: { chunk: Buffer.alloc(64 * 1024, ' '), count: 40 },
    })
    expect(chunked.status).toBe(413)
    expect(JSON.parse(chunked.text).error.code).toBe('payload_too_large')
  })

  test('an attachment upload: 10 MB and its framing at most; a multipart post elsewhere is a form', async () => {
    const upload = await web.send(applicationPath, {
      method: 'POST',
      headers: { Origin: web.baseUrl, Cookie: partnerCookie, 'Content-Type': 'multipart/form-data; boundary=x' },
      declaredLength: 11 * 1024 * 1024,
      body: '--x\r\n',
    })
    expect(upload.status).toBe(413)
    expect(upload.text).toContain('10 Mo / MB')
    // Under the upload cap, the route itself reads the body (here: no such application, 404).
    const small = await web.send(applicationPath, {
      method: 'POST',
      headers: { Origin: web.baseUrl, Cookie: partnerCookie, 'Content-Type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--x--\r\n',
    })
    expect(small.status).not.toBe(413)
    expect(small.status).toBeLessThan(500)
    const elsewhere = await web.send('/login', {
      method: 'POST',
      headers: { Origin: web.baseUrl, 'Content-Type': 'multipart/form-data; boundary=x' },
      declaredLength: 1024 * 1024,
      body: '--x\r\n',
    })
    expect(elsewhere.status).toBe(413)
  })
})
