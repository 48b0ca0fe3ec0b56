import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { deliverEmail, findStrandedEmails } from '#app/modules/notifications/email.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { startSmtpServer } from '#tests/helpers/smtp'

/**
 * An SMTP outage far longer than five attempts: the e-mail stays queued, is retried only when its
 * next attempt is due, and is delivered once when the server is back. The clock is an argument.
 */
describe('e-mail delivery across an SMTP outage', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuse: ['nobody@example.test'] })
    process.env.SMTP_URL = smtp.url
    resetEnvForTests()
  })

  afterAll(async () => {
    await smtp.close()
    delete process.env.SMTP_URL
    resetEnvForTests()
  })

  function storeEmail(toAddress: string, subject: string, createdAt = new Date()) {
    return prisma.emailMessage.create({
      data: { toAddress, subject, textBody: subject, htmlBody: `<p>${subject}</p>`, kind: 'test', createdAt },
      select: { id: true, createdAt: true },
    })
  }

  test('an e-mail queued during a long outage is delivered exactly once when the server is back', async () => {
    const { port } = smtp
    await smtp.close()
    const email = await storeEmail('firm@example.test', 'Outage e-mail')
    let clock = new Date(email.createdAt.getTime() + 2 * 60_000)

    for (let attempt = 1; attempt <= 8; attempt++) {
      expect(await findStrandedEmails(60_000, clock)).toContain(email.id)
      await deliverEmail(email.id, clock).catch(() => 'threw')
      const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: email.id } })
      expect(row.status).toBe('QUEUED')
      expect(row.attempts).toBe(attempt)
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
      // Not due yet: the sweep leaves it alone and an early job does not send.
      expect(await findStrandedEmails(60_000, clock)).not.toContain(email.id)
      expect(await deliverEmail(email.id, clock)).toBe('not-due')
      clock = row.nextAttemptAt!
    }

    smtp = await startSmtpServer({ port, refuse: ['nobody@example.test'] })
    expect(await findStrandedEmails(60_000, clock)).toEqual([email.id])
    expect(await deliverEmail(email.id, clock)).toBe('sent')
    const later = new Date(clock.getTime() + 3 * 3_600_000)
    expect(await findStrandedEmails(60_000, later)).not.toContain(email.id)
    expect(await deliverEmail(email.id, later)).toBe('already-done')

    await smtp.waitFor((mail) => mail.subject === 'Outage e-mail')
    expect(smtp.messages.filter((mail) => mail.subject === 'Outage e-mail')).toHaveLength(1)
    const sent = await prisma.emailMessage.findUniqueOrThrow({ where: { id: email.id } })
    expect(sent).toMatchObject({ status: 'SENT', attempts: 9, lastError: null, messageId: expect.stringContaining(email.id) })
  })

  test('an e-mail still undeliverable after the queue lifetime is FAILED with the last error', async () => {
    const { port } = smtp
    await smtp.close()
    try {
      const email = await storeEmail('late@example.test', 'Expired e-mail', new Date(Date.now() - 49 * 3_600_000))
      expect(await findStrandedEmails(60_000, new Date())).toContain(email.id)
      expect(await deliverEmail(email.id, new Date())).toBe('failed')
      const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: email.id } })
      expect(row.status).toBe('FAILED')
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
      expect(await findStrandedEmails(60_000, new Date(Date.now() + 3_600_000))).not.toContain(email.id)
    } finally {
      smtp = await startSmtpServer({ port, refuse: ['nobody@example.test'] })
    }
  })

  test('a recipient refused with a 5xx reply is FAILED after at most two attempts and never delivered', async () => {
    const email = await storeEmail('nobody@example.test', 'Refused e-mail')
    let clock = new Date(email.createdAt.getTime() + 2 * 60_000)
    for (let attempt = 1; attempt <= 2; attempt++) {
      const ids = await findStrandedEmails(60_000, clock)
      if (!ids.includes(email.id)) break
      await deliverEmail(email.id, clock).catch(() => 'threw')
      const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: email.id } })
      clock = row.nextAttemptAt ?? clock
    }
    const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: email.id } })
    expect(row.status).toBe('FAILED')
    expect(row.lastError).toMatch(/550|No such user/)
    expect(await findStrandedEmails(60_000, new Date(clock.getTime() + 3_600_000))).not.toContain(email.id)
    expect(smtp.messages.some((mail) => mail.subject === 'Refused e-mail')).toBe(false)
  })
})
