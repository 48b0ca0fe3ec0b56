import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dueAmong } from '#app/modules/digests/due.server'
import { closeQueues, createWorker } from '#app/modules/jobs/queue.server'
import { notify } from '#app/modules/notifications/notifications.server'
import { authenticateApiToken, createApiToken } from '#app/modules/organisations/api-tokens.server'
import { prisma, transaction } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { createHub, createMember, createStaff, PASSWORD } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn, Visitor } from '#tests/helpers/app'
import { firstLink, startSmtpServer } from '#tests/helpers/smtp'
import { emailsProcessor } from '#workers/emails'

/** Issue 13 part 6: hub administrators disable, enable and force a password reset (decision 0023). */
describe('user administration by hub staff', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let worker: ReturnType<typeof createWorker>
  let hubId: string
  let admin: Visitor
  let moderator: Visitor
  let adminUser: Awaited<ReturnType<typeof createStaff>>

  beforeAll(async () => {
    smtp = await startSmtpServer()
    process.env.SMTP_URL = smtp.url
    resetEnvForTests()
    worker = createWorker('emails', emailsProcessor(getLogger()))
    hubId = (await createHub()).id
    adminUser = await createStaff(hubId, 'ADMIN')
    admin = await signedIn(adminUser.email)
    moderator = await signedIn((await createStaff(hubId, 'MODERATOR')).email)
  })

  afterAll(async () => {
    await worker.close()
    await closeQueues()
    await smtp.close()
    delete process.env.SMTP_URL
    resetEnvForTests()
  })

  test('disabling: the log-in is refused with its own message, the open session dies, no digest, no e-mail, no API; enabling restores', async () => {
    const { user, organisation } = await createMember(hubId, 'FIRM')
    const session = await signedIn(user.email)
    const { token } = await createApiToken(await actorFor(user.id), organisation.id, { name: 'Intégration' })
    expect(await authenticateApiToken(token)).not.toBeNull()
    expect(await dueAmong(new Date(), [user.id], true)).toHaveLength(1)

    // Moderators see the page without the buttons, and their POST is refused.
    const asModerator = await (await moderator.get(`/staff/users/${user.id}`)).text()
    expect(asModerator).not.toContain('Désactiver le compte')
    expect((await moderator.post(`/staff/users/${user.id}`, { intent: 'disable', reason: 'Essai' })).status).toBe(403)

    const noReason = await admin.post(`/staff/users/${user.id}`, { intent: 'disable', reason: ' ' })
    expect(noReason.status).toBe(400)
    expect(await noReason.text()).toContain('Indiquez un motif.')
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull()

    const disabled = await admin.post(`/staff/users/${user.id}`, { intent: 'disable', reason: 'Départ de l’entreprise' })
    expect(disabled.status).toBe(302)
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'user.disable', targetId: user.id } })
    expect(audit.hubId).toBe(hubId)
    expect(audit.before).toEqual({ disabledAt: null })
    expect(audit.after).toMatchObject({ reason: 'Départ de l’entreprise', sessionsEnded: 2 })

    // The session opened before is dead; the right password gets the disabled message, a wrong one the usual one.
    const after = await session.get('/notifications')
    expect(after.status).toBe(302)
    expect(after.headers.get('Location')).toMatch(/^\/login/)
    const refused = await new Visitor().post('/login', { email: user.email, password: PASSWORD })
    expect(refused.status).toBe(403)
    const refusedText = await refused.text()
    expect(refusedText).toContain('Ce compte a été désactivé')
    expect(refusedText).not.toContain(PASSWORD)
    const wrong = await new Visitor().post('/login', { email: user.email, password: 'pas-le-bon-mot' })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('Adresse e-mail ou mot de passe incorrect.')

    expect(await authenticateApiToken(token)).toBeNull()
    expect(await dueAmong(new Date(), [user.id], true)).toEqual([])
    const before = await prisma.emailMessage.count({ where: { userId: user.id } })
    await transaction((tx) =>
      notify(tx, {
        category: 'MY_APPLICATIONS',
        userIds: [user.id],
        kind: 'test.disabled',
        payload: {},
        email: { about: { type: 'USER', id: user.id }, kind: 'organisation-verified', template: (u) => ({ name: 'organisationVerified', data: { name: u.name, organisationName: 'X', link: 'http://localhost:3000/' } }) },
      }),
    )
    expect(await prisma.emailMessage.count({ where: { userId: user.id } })).toBe(before)

    const page = await (await admin.get(`/staff/users/${user.id}`)).text()
    expect(page).toContain('Départ de l’entreprise')
    expect((await admin.post(`/staff/users/${user.id}`, { intent: 'disable', reason: 'Encore' })).status).toBe(409)

    expect((await admin.post(`/staff/users/${user.id}`, { intent: 'enable' })).status).toBe(302)
    expect(await prisma.auditLog.count({ where: { action: 'user.enable', targetId: user.id } })).toBe(1)
    await signedIn(user.email)
    expect(await authenticateApiToken(token)).not.toBeNull()
  })

  test('forcing a reset: sessions end, the e-mail comes, log-in waits for the new password, which clears the flag', async () => {
    const { user } = await createMember(hubId, 'PARTNER')
    const session = await signedIn(user.email)
    expect((await moderator.post(`/staff/users/${user.id}`, { intent: 'forceReset' })).status).toBe(403)
    const forced = await admin.post(`/staff/users/${user.id}`, { intent: 'forceReset' })
    expect(forced.status).toBe(302)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect((await session.get('/notifications')).status).toBe(302)
    expect(await prisma.auditLog.count({ where: { action: 'user.force-reset', targetId: user.id } })).toBe(1)

    const refused = await new Visitor().post('/login', { email: user.email, password: PASSWORD })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('suivez le lien reçu par e-mail')

    const mail = await smtp.waitFor((message) => JSON.stringify(message.to).includes(user.email))
    const link = firstLink(mail, /http:\/\/localhost:3000\/reset-password\?token=[\w-]+/)
    const path = link.replace('http://localhost:3000', '')
    const token = new URL(link).searchParams.get('token')!
    const reset = await new Visitor().post(path, { token, password: 'nouvelle-phrase-42', confirmPassword: 'nouvelle-phrase-42' })
    expect(reset.status).toBe(302)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordResetRequiredAt).toBeNull()
    await signedIn(user.email, 'nouvelle-phrase-42')
  })

  test('an administrator cannot disable themselves, nor staff of a hub they do not administer', async () => {
    expect((await admin.post(`/staff/users/${adminUser.id}`, { intent: 'disable', reason: 'Moi' })).status).toBe(403)
    const otherHub = (await createHub()).id
    // A member of this hub's firm who is also a moderator of another hub: visible, not administrable.
    const { user } = await createMember(hubId, 'FIRM')
    await prisma.staffRole.create({ data: { userId: user.id, hubId: otherHub, role: 'MODERATOR' } })
    const page = await (await admin.get(`/staff/users/${user.id}`)).text()
    expect(page).not.toContain('Désactiver le compte')
    expect((await admin.post(`/staff/users/${user.id}`, { intent: 'disable', reason: 'Essai' })).status).toBe(403)
    const stranger = await createStaff(otherHub, 'ADMIN')
    expect((await admin.post(`/staff/users/${stranger.id}`, { intent: 'disable', reason: 'Essai' })).status).toBe(404)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: stranger.id } })).disabledAt).toBeNull()
  })
})
