import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember } from '#tests/factories'
import { form, startWebServer, type WebServer } from '#tests/helpers/real-server'

/**
 * A saved search whose name or query holds a line break answered 500: the raw query went into
 * the Location header of the redirect. Now the query put back in a URL is the saved, percent-
 * encoded one, and a name on several lines gets a message next to its field.
 */
let web: WebServer
let cookie: string
let userId: string

beforeAll(async () => {
  web = await startWebServer()
  const hub = await createHub()
  const firm = await createMember(hub.id, 'FIRM')
  userId = firm.user.id
  cookie = await web.logIn(firm.user.email)
})

afterAll(async () => {
  await web?.stop()
})

// The form posts to the page it is on, the search in its address.
const save = (fields: Record<string, string>) =>
  web.send('/needs?q=iot', {
    method: 'POST',
    headers: { Origin: web.baseUrl, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form({ intent: 'saveSearch', ...fields }),
  })

describe('saved searches with line breaks', () => {
  test('a query holding CR/LF is saved and the redirect carries it percent-encoded', async () => {
    const answer = await save({ name: 'Veille IoT', query: 'q=iot\r\nSet-Cookie: volé=1&kind=PILOT' })
    expect(answer.status).toBe(302)
    expect(answer.headers.location).toMatch(/^\/needs\?/)
    expect(answer.headers.location).not.toMatch(/[\r\n]/)
    expect(answer.headers['set-cookie']?.some((value) => value.startsWith('volé'))).toBeFalsy()
    const saved = await prisma.savedSearch.findFirstOrThrow({ where: { userId, name: 'Veille IoT' } })
    expect(saved.query).not.toMatch(/[\r\n]/)
    expect(answer.headers.location).toBe(`/needs?${saved.query}`)
    const page = await web.send(answer.headers.location!, { headers: { Cookie: cookie } })
    expect(page.status).toBe(200)
  })

  test('a name on several lines gets a message next to its field, nothing saved', async () => {
    const answer = await save({ name: 'Veille\r\nIoT', query: 'q=iot' })
    expect(answer.status).toBe(400)
    expect(answer.text).toContain('Une seule ligne : retirez les retours à la ligne.')
    expect(await prisma.savedSearch.count({ where: { userId, name: { contains: '\n' } } })).toBe(0)
  })
})
