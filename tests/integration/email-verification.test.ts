import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { redactSecrets } from '#app/modules/notifications/outbox.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff, createUser } from '#tests/factories'
import { loadBuild, signedIn, Visitor } from '#tests/helpers/app'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

async function signUp(email: string, redirectTo?: string) {
  const visitor = new Visitor()
  const response = await visitor.post('/signup', {
    name: 'Nina Berthier',
    email,
    password: 'une-phrase-de-passe',
    confirmPassword: 'une-phrase-de-passe',
    ...(redirectTo ? { redirectTo } : {}),
  })
  expect(response.status).toBe(302)
  return visitor
}

/** The token of the last verification link e-mailed to an address (the outbox keeps the e-mail without SMTP). */
async function lastLinkTo(address: string) {
  const email = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: address, kind: { in: ['email-verification', 'email-change'] } }, orderBy: { createdAt: 'desc' } })
  const token = email.textBody.match(/\/verify-email\?token=([\w-]+)/)?.[1]
  if (!token) throw new Error(`no verification link in: ${email.textBody}`)
  return { email, token }
}

// Loading the build and rendering a first page are slow on a busy machine: done before the tests' clocks start.
beforeAll(async () => {
  await loadBuild()
  await new Visitor().get('/signup')
}, 120_000)

describe('verified e-mail addresses', () => {
  test('sign-up sends a 48-hour link stored as a hash; it verifies the address once', async () => {
    const visitor = await signUp('nina.berthier@example.org')
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'nina.berthier@example.org' } })
    expect(user.emailVerifiedAt).toBeNull()

    const { email, token } = await lastLinkTo(user.email)
    expect(email.subject).toBe('Confirmez votre adresse e-mail')
    const rows = await prisma.emailVerificationToken.findMany({ where: { userId: user.id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.tokenHash).toBe(sha256(token))
    expect(JSON.stringify(rows)).not.toContain(token)
    const hours = (rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()) / 3_600_000
    expect(hours).toBeGreaterThanOrEqual(24)
    expect(hours).toBeLessThanOrEqual(48)

    // Staff reading the outbox never see the link.
    expect(redactSecrets(email.kind, email.textBody)).not.toContain(token)
    // Opening the link shows what it confirms and spends nothing (mail scanners fetch links).
    const page = await new Visitor().get(`/verify-email?token=${token}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('nina.berthier@example.org')
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull()

    const confirmed = await visitor.post('/verify-email', { intent: 'confirm', token })
    expect(confirmed.status).toBe(302)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull()
    expect(await prisma.auditLog.count({ where: { actorId: user.id, action: 'user.email-verified' } })).toBe(1)

    const again = await visitor.post('/verify-email', { intent: 'confirm', token })
    expect(again.status).toBe(422)
    expect(await again.text()).toContain('n’est plus valable')
    expect(await (await new Visitor().get(`/verify-email?token=${token}`)).text()).toContain('n’est plus valable')
  })

  test('an expired link, a forged one and an older one after a resend are refused', async () => {
    const visitor = await signUp('paul.roux@example.org')
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'paul.roux@example.org' } })
    const { token: first } = await lastLinkTo(user.email)

    const forged = await visitor.post('/verify-email', { intent: 'confirm', token: 'x'.repeat(43) })
    expect(forged.status).toBe(422)

    // The banner's button: a new link, and the first one stops working.
    const resend = await visitor.post('/verify-email', { intent: 'resend', redirectTo: '/needs' })
    expect(resend.status).toBe(302)
    expect(resend.headers.get('Location')).toBe('/needs')
    const { token: second } = await lastLinkTo(user.email)
    expect(second).not.toBe(first)
    expect((await visitor.post('/verify-email', { intent: 'confirm', token: first })).status).toBe(422)

    await prisma.emailVerificationToken.updateMany({ where: { tokenHash: sha256(second) }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect((await visitor.post('/verify-email', { intent: 'confirm', token: second })).status).toBe(422)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull()

    // Resending is rate-limited like password-reset e-mails: five an hour.
    for (let i = 0; i < 4; i++) await visitor.post('/verify-email', { intent: 'resend' })
    const limited = await visitor.post('/verify-email', { intent: 'resend' })
    expect(limited.status).toBe(302)
    const links = await prisma.emailVerificationToken.count({ where: { userId: user.id } })
    expect(links).toBe(6)
    const page = await visitor.get('/account')
    expect(await page.text()).toContain('Trop de tentatives')
  })

  test('an unverified account sees a banner saying what it can do, with a button to resend the link', async () => {
    const visitor = await signUp('lucie.vidal@example.org')
    const html = await (await visitor.get('/orgs/new')).text()
    expect(html).toContain('Confirmez votre adresse e-mail lucie.vidal@example.org')
    expect(html).toContain('créer votre organisation, mais pas rejoindre une organisation sur invitation')
    expect(html).toContain('Renvoyer le lien')
    const verified = await signedIn((await createUser()).email)
    expect(await (await verified.get('/')).text()).not.toContain('Renvoyer le lien')
  })

  test('a staff role goes only to a verified account, with a message next to the address', async () => {
    const hub = await createHub()
    const admin = await signedIn((await createStaff(hub.id, 'ADMIN')).email)
    // Someone signed up first with a future moderator's address, and never opened the link.
    await signUp('future.moderatrice@example.org')
    const refused = await admin.post('/staff/team', { intent: 'grant', hubId: hub.id, email: 'future.moderatrice@example.org', role: 'MODERATOR' })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('n’a pas encore confirmé son adresse e-mail')
    expect(await prisma.staffRole.count({ where: { user: { email: 'future.moderatrice@example.org' } } })).toBe(0)

    const { token } = await lastLinkTo('future.moderatrice@example.org')
    expect((await new Visitor().post('/verify-email', { intent: 'confirm', token })).status).toBe(302)
    const granted = await admin.post('/staff/team', { intent: 'grant', hubId: hub.id, email: 'future.moderatrice@example.org', role: 'MODERATOR' })
    expect(granted.status).toBe(302)
    expect(await prisma.staffRole.count({ where: { user: { email: 'future.moderatrice@example.org' } } })).toBe(1)
  })

  test('an invitation is accepted only by a verified account with the invited address', async () => {
    const hub = await createHub()
    const { organisation, user: owner } = await createMember(hub.id, 'FIRM')
    const sent = await (await signedIn(owner.email)).post(`/orgs/${organisation.slug}`, { email: 'hugo.blanc@example.org', role: 'MEMBER' })
    expect(sent.status).toBe(200)
    const invitation = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: 'hugo.blanc@example.org', kind: 'invitation' } })
    const path = invitation.textBody.match(/\/invitations\/[\w-]+/)![0]

    const visitor = await signUp('hugo.blanc@example.org', path)
    const page = await (await visitor.get(path)).text()
    expect(page).toContain('Confirmez d’abord votre adresse e-mail')
    const refused = await visitor.post(path, {})
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('Confirmez d’abord votre adresse e-mail')
    expect(await prisma.membership.count({ where: { organisationId: organisation.id, user: { email: 'hugo.blanc@example.org' } } })).toBe(0)

    const { token } = await lastLinkTo('hugo.blanc@example.org')
    expect((await visitor.post('/verify-email', { intent: 'confirm', token })).status).toBe(302)
    const accepted = await visitor.post(path, {})
    expect(accepted.status).toBe(302)
    expect(await prisma.membership.count({ where: { organisationId: organisation.id, user: { email: 'hugo.blanc@example.org' } } })).toBe(1)
  })
})
