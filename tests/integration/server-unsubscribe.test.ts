import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { unsubscribeUrl, type UnsubscribeScope } from '#app/modules/notifications/unsubscribe'
import { prisma } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { createHub, createMember, createStaff } from '#tests/factories'
import { form, startWebServer, type WebServer } from '#tests/helpers/real-server'

/**
 * One-click unsubscribe through the real web process (RFC 8058, decision 0016): a mailbox
 * provider POSTs from its servers, without cookie or Origin; the edge must let it through.
 */
let web: WebServer

beforeAll(async () => {
  web = await startWebServer()
})

afterAll(async () => {
  await web?.stop()
})

/** The link's path and query, as the List-Unsubscribe header carries it. */
const linkOf = (userId: string, scope: UnsubscribeScope) => {
  const url = new URL(unsubscribeUrl(web.baseUrl, getEnv().SESSION_SECRET, userId, scope))
  return `${url.pathname}${url.search}`
}

const oneClick = (path: string, headers: Record<string, string> = {}) =>
  web.send(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: 'List-Unsubscribe=One-Click' })

const setting = (userId: string, category: 'MY_APPLICATIONS' | 'RECOMMENDED') =>
  prisma.notificationSetting.findUnique({ where: { userId_category: { userId, category } }, select: { channel: true, previousChannel: true } })

async function firmUser() {
  const hub = await createHub()
  return (await createMember(hub.id, 'FIRM')).user
}

describe('one-click unsubscribe (POST from a mailbox provider)', () => {
  test('without cookie nor Origin: 200 at once, never a redirect; the category is OFF; a second one keeps the first former channel', async () => {
    const user = await firmUser()
    const path = linkOf(user.id, 'MY_APPLICATIONS')
    const answer = await oneClick(path)
    expect(answer.status).toBe(200)
    expect(answer.headers.location).toBeUndefined()
    expect(answer.text).toContain('C’est fait : vous ne recevrez plus de notifications sur vos candidatures.')
    expect(await setting(user.id, 'MY_APPLICATIONS')).toEqual({ channel: 'OFF', previousChannel: 'EMAIL' })

    expect((await oneClick(path)).status).toBe(200)
    expect(await setting(user.id, 'MY_APPLICATIONS')).toEqual({ channel: 'OFF', previousChannel: 'EMAIL' })
  })

  test('as multipart/form-data, and with another site’s Origin and someone’s session cookie: the signed link decides', async () => {
    const user = await firmUser()
    const other = await firmUser()
    const cookie = await web.logIn(other.email)
    const boundary = '----sillon-test'
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`
    const answer = await web.send(linkOf(user.id, 'RECOMMENDED'), {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: 'https://mail.example', Cookie: cookie },
      body,
    })
    expect(answer.status).toBe(200)
    expect(await setting(user.id, 'RECOMMENDED')).toEqual({ channel: 'OFF', previousChannel: 'DIGEST' })
    expect(await setting(other.id, 'RECOMMENDED')).toBeNull()
  })

  test('a one-click body posted without a form Content-Type is still understood', async () => {
    const user = await firmUser()
    const answer = await web.send(linkOf(user.id, 'MY_APPLICATIONS'), { method: 'POST', body: 'List-Unsubscribe=One-Click' })
    expect(answer.status).toBe(200)
    expect(await setting(user.id, 'MY_APPLICATIONS')).toEqual({ channel: 'OFF', previousChannel: 'EMAIL' })
  })

  test('a forged or altered link: 400 with a clear message, the same whether the account exists or not; nothing changes', async () => {
    const user = await firmUser()
    const good = new URL(linkOf(user.id, 'MY_APPLICATIONS'), web.baseUrl)
    const forged = new URL(good)
    forged.searchParams.set('t', 'A'.repeat(32))
    const otherScope = new URL(good)
    otherScope.searchParams.set('s', 'MY_NEEDS')
    const unknownUser = new URL(forged)
    unknownUser.searchParams.set('u', 'cm0000000000000000000000')
    const answers = await Promise.all(
      [forged, otherScope, unknownUser, new URL('/unsubscribe', web.baseUrl), new URL('/unsubscribe?u=x&s=NOPE&t=', web.baseUrl)].map((url) =>
        oneClick(`${url.pathname}${url.search}`),
      ),
    )
    for (const answer of answers) {
      expect(answer.status).toBe(400)
      expect(answer.text).toContain('Ce lien est incomplet ou a été modifié.')
      expect(answer.text).not.toContain('C’est fait')
    }
    expect(await setting(user.id, 'MY_APPLICATIONS')).toBeNull()
    const page = await web.send(`${forged.pathname}${forged.search}`)
    expect(page.status).toBe(400)
    expect(page.text).toContain('Lien de désabonnement invalide')
  })
})

describe('the footer link (GET), then “Annuler”', () => {
  test('GET unsubscribes from the digest and says what stops; undo brings the weekly digest back; a reload of the result changes nothing', async () => {
    const user = await firmUser()
    await prisma.notificationPreference.update({ where: { userId: user.id }, data: { digestFrequency: 'WEEKLY', digestWeekday: 5 } })
    const path = linkOf(user.id, 'DIGEST')

    const page = await web.send(path)
    expect(page.status).toBe(200)
    expect(page.headers['cache-control']).toContain('no-store')
    expect(page.text).toContain('C’est fait : vous ne recevrez plus le résumé de Sillon par e-mail.')
    expect(page.text).toContain('>Annuler</button>')
    expect(page.text).toContain('href="/settings/notifications"')
    expect(await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ digestFrequency: 'NEVER', previousDigestFrequency: 'WEEKLY' })

    // A second visit (a link scanner, then the person): the former frequency is kept.
    expect((await web.send(path)).status).toBe(200)
    expect(await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ digestFrequency: 'NEVER', previousDigestFrequency: 'WEEKLY' })

    const undo = await web.send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: web.baseUrl },
      body: form({ intent: 'undo' }),
    })
    expect(undo.status).toBe(302)
    expect(undo.headers.location).toBe(`${path}&view=1`)
    expect(await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({
      digestFrequency: 'WEEKLY',
      digestWeekday: 5,
      previousDigestFrequency: null,
    })
    const result = await web.send(undo.headers.location!)
    expect(result.status).toBe(200)
    expect(result.text).toContain('Vous recevez de nouveau le résumé de Sillon par e-mail.')
    expect(await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ digestFrequency: 'WEEKLY' })
  })

  test('a category: GET turns it OFF, undo restores the default (no row left)', async () => {
    const user = await firmUser()
    const path = linkOf(user.id, 'MY_APPLICATIONS')
    const page = await web.send(path)
    expect(page.text).toContain('C’est fait : vous ne recevrez plus de notifications sur vos candidatures.')
    expect(await setting(user.id, 'MY_APPLICATIONS')).toEqual({ channel: 'OFF', previousChannel: 'EMAIL' })
    const undo = await web.send(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: web.baseUrl }, body: form({ intent: 'undo' }) })
    expect(undo.status).toBe(302)
    expect(await setting(user.id, 'MY_APPLICATIONS')).toBeNull()
  })
})

describe('template previews in the staff outbox', () => {
  test('staff see every template in French and English, HTML in a sandboxed frame with its styles, and the text part; others are refused', async () => {
    const hub = await createHub()
    const staffCookie = await web.logIn((await createStaff(hub.id)).email)
    const outbox = await web.send('/staff/outbox', { headers: { Cookie: staffCookie } })
    expect(outbox.text).toContain('href="/staff/outbox/templates"')

    const page = await web.send('/staff/outbox/templates?template=applicationAccepted', { headers: { Cookie: staffCookie } })
    expect(page.status).toBe(200)
    for (const name of ['passwordReset', 'needPublished', 'members.removed', 'applicationAccepted']) expect(page.text).toContain(`?template=${name}`)
    expect(page.text.match(/<iframe [^>]*sandbox=""[^>]*srcDoc=|<iframe [^>]*srcdoc=[^>]*sandbox=""/gi)?.length ?? 0).toBe(2)
    expect(page.text).toContain('Candidature retenue')
    expect(page.text).toContain('Se désabonner')
    expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'")
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/)
    expect(outbox.headers['content-security-policy']).toContain("style-src 'self';")

    const firmCookie = await web.logIn((await firmUser()).email)
    expect((await web.send('/staff/outbox/templates', { headers: { Cookie: firmCookie } })).status).toBe(403)
  })
})
