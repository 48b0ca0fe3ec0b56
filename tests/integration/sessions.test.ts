import { createHash, randomUUID } from 'node:crypto'
import { createRequestHandler } from '@remix-run/node'
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { deliverEmail } from '#app/modules/notifications/email.server'
import { prisma } from '#app/utils/db.server'
import { getLogger } from '#app/utils/logger.server'
import { createUser, PASSWORD } from '#tests/factories'
import { cookieHeader, keepCookies, loadBuild, signedIn, Visitor } from '#tests/helpers/app'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** The secret a session cookie carries (signed cookie: base64 JSON string, then the signature). */
function cookieSecret(setCookie: string[]) {
  const raw = setCookie.find((value) => value.startsWith('sillon_session='))!.split(';')[0]!.slice('sillon_session='.length)
  const encoded = decodeURIComponent(raw).split('.')[0]!
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as string
}

/** A browser coming from a given address, as the web server's load context reports it. */
async function logInFrom(email: string, clientIp: string, userAgent: string, cookies = new Map<string, string>()) {
  const handler = createRequestHandler(await loadBuild(), 'production')
  const send = async (pathname: string, form?: Record<string, string>) => {
    const headers = new Headers({ 'User-Agent': userAgent })
    const cookie = cookieHeader(cookies)
    if (cookie) headers.set('Cookie', cookie)
    if (form) headers.set('Content-Type', 'application/x-www-form-urlencoded')
    const response = await handler(
      new Request(`http://localhost:3000${pathname}`, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form) : undefined }),
      { requestId: randomUUID(), clientIp },
    )
    keepCookies(cookies, response)
    return response
  }
  const response = await send('/login', { email, password: PASSWORD })
  expect(response.status).toBe(302)
  return { response, cookies, send }
}

// Loading the build and rendering a first page are slow on a busy machine: done before the tests' clocks start.
beforeAll(async () => {
  await loadBuild()
  await new Visitor().get('/signup')
}, 120_000)

describe('sessions', () => {
  test('the database keeps the SHA-256 of the cookie’s secret, with the address and browser of the log-in', async () => {
    const user = await createUser()
    const { response } = await logInFrom(user.email, '203.0.113.7', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0')
    const secret = cookieSecret(response.headers.getSetCookie())
    const [session] = await prisma.session.findMany({ where: { userId: user.id } })
    expect(session!.id).not.toBe(secret)
    expect(session!.id).toBe(sha256(secret))
    expect(session!.ip).toBe('203.0.113.7')
    expect(session!.userAgent).toContain('Firefox/140.0')
  })

  test('a session idle for more than 7 days ends; activity within them keeps it', async () => {
    const user = await createUser()
    const visitor = await signedIn(user.email)
    await prisma.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date(Date.now() - 6 * 24 * 3_600_000) } })
    expect((await visitor.get('/account')).status).toBe(200)
    const touched = await prisma.session.findFirstOrThrow({ where: { userId: user.id } })
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(60_000)

    await prisma.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date(Date.now() - 8 * 24 * 3_600_000) } })
    const idle = await visitor.get('/account')
    expect(idle.status).toBe(302)
    expect(idle.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
  })

  test('log-in starts a new session id and ends the one the browser brought in', async () => {
    const first = await createUser()
    const second = await createUser()
    const { cookies, send } = await logInFrom(first.email, '198.51.100.1', 'Shared computer')
    const before = await prisma.session.findFirstOrThrow({ where: { userId: first.id } })

    const again = await send('/login', { email: second.email, password: PASSWORD })
    expect(again.status).toBe(302)
    expect(await prisma.session.count({ where: { id: before.id } })).toBe(0)
    const after = await prisma.session.findFirstOrThrow({ where: { userId: second.id } })
    expect(after.id).not.toBe(before.id)
    expect(cookies.size).toBeGreaterThan(0)
  })

  test('the account lists one’s sessions; one can be closed, or all the others at once', async () => {
    const user = await createUser()
    const here = await logInFrom(user.email, '192.0.2.10', 'Laptop Browser')
    const phone = await logInFrom(user.email, '192.0.2.20', 'Phone Browser')
    const tablet = await logInFrom(user.email, '192.0.2.30', 'Tablet Browser')
    const stranger = await signedIn((await createUser()).email)

    const page = await here.send('/account')
    expect(page.status).toBe(200)
    const html = await page.text()
    for (const text of ['Laptop Browser', 'Phone Browser', 'Tablet Browser', '192.0.2.20', 'Cette session', 'Me déconnecter partout ailleurs']) expect(html).toContain(text)

    const phoneSession = await prisma.session.findFirstOrThrow({ where: { userId: user.id, userAgent: 'Phone Browser' } })
    // Someone else's session id is unknown to another account.
    expect((await stranger.post('/account', { intent: 'revoke-session', sessionId: phoneSession.id })).status).toBe(404)
    expect(await prisma.session.count({ where: { id: phoneSession.id } })).toBe(1)

    const revoked = await here.send('/account', { intent: 'revoke-session', sessionId: phoneSession.id })
    expect(revoked.status).toBe(302)
    expect((await phone.send('/account')).status).toBe(302)
    expect((await tablet.send('/account')).status).toBe(200)

    const others = await here.send('/account', { intent: 'revoke-others' })
    expect(others.status).toBe(302)
    expect((await tablet.send('/account')).status).toBe(302)
    expect((await here.send('/account')).status).toBe(200)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1)
    expect(await prisma.auditLog.count({ where: { actorId: user.id, action: { in: ['user.session-revoke', 'user.sessions-revoke-others'] } } })).toBe(2)
  })
})

describe('password reset links', () => {
  const spies: Array<{ mockRestore: () => void }> = []
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore()
  })

  async function resetLinks(email: string, count: number) {
    for (let i = 0; i < count; i++) await new Visitor().post('/forgot-password', { email })
    // The request answers first; the token and the e-mail follow.
    for (let wait = 0; wait < 100; wait++) {
      const emails = await prisma.emailMessage.findMany({ where: { toAddress: email, kind: 'password-reset' }, orderBy: { createdAt: 'asc' } })
      if (emails.length === count) return emails.map((row) => row.textBody.match(/\/reset-password\?token=[\w-]+/)![0])
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('reset e-mails not stored')
  }

  test('using one reset link makes the account’s other reset links unusable (and proves the address)', async () => {
    const user = await createUser({ emailVerifiedAt: null })
    const [first, second] = await resetLinks(user.email, 2)
    const token = (path: string) => new URL(path, 'http://x').searchParams.get('token')!
    const used = await new Visitor().post(first!, { token: token(first!), password: 'nouvelle-phrase-42', confirmPassword: 'nouvelle-phrase-42' })
    expect(used.status).toBe(302)
    const other = await new Visitor().post(second!, { token: token(second!), password: 'autre-phrase-43', confirmPassword: 'autre-phrase-43' })
    expect(other.status).toBe(422)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull()
    await signedIn(user.email, 'nouvelle-phrase-42')
  })

  test('without SMTP, reset and verification links go to the outbox, never to the logs', async () => {
    const user = await createUser()
    const logger = getLogger()
    const logged: string[] = []
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) {
      spies.push(
        vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
          logged.push(JSON.stringify(args))
        }) as never),
      )
    }
    const [link] = await resetLinks(user.email, 1)
    const reset = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: user.email, kind: 'password-reset' } })
    expect(await deliverEmail(reset.id)).toBe('outbox')
    expect(logged.join('\n')).not.toContain(new URL(link!, 'http://x').searchParams.get('token'))

    await new Visitor().post('/signup', { name: 'Zoé Perrin', email: 'zoe.perrin@example.org', password: 'une-phrase-de-passe', confirmPassword: 'une-phrase-de-passe' })
    const verification = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: 'zoe.perrin@example.org', kind: 'email-verification' } })
    expect(await deliverEmail(verification.id)).toBe('outbox')
    expect(logged.join('\n')).not.toContain(verification.textBody.match(/token=([\w-]+)/)![1])
    // The outbox keeps them, the link hidden from staff.
    expect(await prisma.emailMessage.count({ where: { id: { in: [reset.id, verification.id] }, status: 'OUTBOX' } })).toBe(2)
  })
})
