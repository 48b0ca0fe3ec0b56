import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { requestPasswordReset } from '#app/modules/auth/service.server'
import { deliverEmail } from '#app/modules/notifications/email.server'
import { notify } from '#app/modules/notifications/notifications.server'
import { prisma, transaction } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createHub, createMember } from '#tests/factories'
import { loadBuild, Visitor } from '#tests/helpers/app'
import { startSmtpServer } from '#tests/helpers/smtp'

/**
 * E-mails at a real SMTP server: a non-transactional one (queued through notify) carries the RFC
 * 8058 headers and the footer links; a password reset carries none; after the one-click POST of
 * its List-Unsubscribe URL, notify sends nothing more of that category.
 */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>

beforeAll(async () => {
  smtp = await startSmtpServer()
  process.env.SMTP_URL = smtp.url
  resetEnvForTests()
  await loadBuild()
}, 120_000)

afterAll(async () => {
  await smtp.close()
  delete process.env.SMTP_URL
  resetEnvForTests()
})

const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((line) => line.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ')

async function notifyAccepted(userId: string, needTitle: string) {
  return transaction((tx) =>
    notify(tx, {
      category: 'MY_APPLICATIONS',
      userIds: [userId],
      kind: 'application.accepted',
      payload: { needTitle },
      link: '/applications',
      email: {
        about: { type: 'USER', id: userId },
        kind: 'application-accepted',
        template: (user) => ({ name: 'applicationAccepted', data: { name: user.name, needTitle, partnerName: 'Schneider Grenoble', link: 'http://localhost:3000/applications' } }),
      },
    }),
  )
}

async function deliverAll(userId: string) {
  const emails = await prisma.emailMessage.findMany({ where: { userId, status: 'QUEUED' }, select: { id: true } })
  for (const email of emails) expect(await deliverEmail(email.id)).toBe('sent')
  return emails
}

describe('unsubscribe headers and footers at the SMTP server', () => {
  test('an e-mail of a category has List-Unsubscribe (one-click), a stable Message-ID, both parts and the footer links; the POST of its link stops the category', async () => {
    const hub = await createHub()
    const { user } = await createMember(hub.id, 'FIRM')
    expect(await notifyAccepted(user.id, 'Jumeau numérique d’une ligne')).toEqual([user.id])
    const [email] = await deliverAll(user.id)
    const mail = await smtp.waitFor((message) => message.subject?.includes('Jumeau numérique d’une ligne') ?? false)

    const listUnsubscribe = header(mail, 'List-Unsubscribe')
    expect(listUnsubscribe).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\?u=[^&>]+&s=MY_APPLICATIONS&t=[A-Za-z0-9_-]{32}>$/)
    const link = new URL(listUnsubscribe!.slice(1, -1))
    expect(link.searchParams.get('u')).toBe(user.id)
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    expect(mail.messageId).toBe(`<${email!.id}@localhost>`)
    expect((await prisma.emailMessage.findUniqueOrThrow({ where: { id: email!.id } })).messageId).toBe(mail.messageId)

    expect(mail.text).toContain('Choisir les e-mails que vous recevez : http://localhost:3000/settings/notifications')
    expect(mail.text).toContain(`Se désabonner ${link.href}`)
    expect(mail.html).toContain('href="http://localhost:3000/settings/notifications"')
    expect(mail.html).toContain(`href="${link.href.replaceAll('&', '&amp;')}"`)

    // The mailbox provider's POST: no cookie, the link's URL, the RFC 8058 body.
    const answer = await new Visitor().request(`${link.pathname}${link.search}`, { form: { 'List-Unsubscribe': 'One-Click' } })
    expect(answer.status).toBe(200)
    const before = await prisma.notification.count({ where: { userId: user.id } })
    expect(await notifyAccepted(user.id, 'Un second besoin')).toEqual([])
    expect(await prisma.emailMessage.count({ where: { userId: user.id } })).toBe(1)
    expect(await prisma.notification.count({ where: { userId: user.id } })).toBe(before)
  })

  test('a password reset carries no unsubscribe header nor link, and still links the preferences', async () => {
    const hub = await createHub()
    const { user } = await createMember(hub.id, 'FIRM')
    await requestPasswordReset(user.email)
    await deliverAll(user.id)
    const mail = await smtp.waitFor((message) => message.to !== undefined && JSON.stringify(message.to).includes(user.email))
    expect(mail.subject).toBe('Choisir un nouveau mot de passe')
    expect(header(mail, 'List-Unsubscribe')).toBeUndefined()
    expect(header(mail, 'List-Unsubscribe-Post')).toBeUndefined()
    expect(mail.text).not.toContain('/unsubscribe')
    expect(mail.text).not.toContain('Se désabonner')
    expect(mail.text).toContain('http://localhost:3000/settings/notifications')
  })
})
