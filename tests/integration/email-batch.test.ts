import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { closeEmailTransports, deliverEmail, deliverEmails, insertRenderedEmails } from '#app/modules/notifications/email.server'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv, resetEnvForTests } from '#app/utils/env.server'
import { startSmtpServer } from '#tests/helpers/smtp'

/**
 * A batch of stored e-mails (a digest batch) over the pooled SMTP transport: the same claims,
 * outcomes and retry schedule as one e-mail at a time (email-retry.test.ts), at a real SMTP server.
 */
describe('delivering a batch of e-mails', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuse: ['nobody@example.test'] })
    process.env.SMTP_URL = smtp.url
    resetEnvForTests()
  })

  afterAll(async () => {
    // The pool keeps its connections open between batches; the server waits for them to close.
    closeEmailTransports()
    await smtp.close()
    delete process.env.SMTP_URL
    resetEnvForTests()
  })

  async function storeEmails(prefix: string, addresses: string[], listUnsubscribe?: string) {
    const ids: string[] = []
    for (const [index, toAddress] of addresses.entries()) {
      const subject = `${prefix} ${index + 1}`
      const email = await prisma.emailMessage.create({
        data: { toAddress, subject, textBody: `${subject} (text)`, htmlBody: `<p>${subject}</p>`, kind: 'test', listUnsubscribe: listUnsubscribe ?? null },
        select: { id: true },
      })
      ids.push(email.id)
    }
    return ids
  }

  const received = (subjectPrefix: string) => smtp.messages.filter((mail) => mail.subject?.startsWith(subjectPrefix))

  test('one refused recipient: the others are sent, it is retried then FAILED as deliverEmail would', async () => {
    const ids = await storeEmails(
      'Batch',
      ['a@example.test', 'b@example.test', 'nobody@example.test', 'c@example.test', 'd@example.test'],
      'https://sillon.example/unsubscribe?u=x&s=DIGEST&t=y',
    )
    const clock = new Date(Date.now() + 60_000)
    expect(await deliverEmails(ids, clock)).toEqual(['sent', 'sent', 'retry-later', 'sent', 'sent'])

    for (const subject of ['Batch 1', 'Batch 2', 'Batch 4', 'Batch 5']) await smtp.waitFor((mail) => mail.subject === subject)
    const mails = received('Batch')
    expect(mails.map((mail) => mail.subject).sort()).toEqual(['Batch 1', 'Batch 2', 'Batch 4', 'Batch 5'])
    const host = new URL(getEnv().APP_URL).hostname
    for (const mail of mails) {
      const id = ids[Number(mail.subject!.split(' ')[1]) - 1]
      // The stable Message-ID, the one-click unsubscribe headers (RFC 8058) and both parts.
      expect(mail.messageId).toBe(`<${id}@${host}>`)
      const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line
      expect(header('list-unsubscribe')).toBe('List-Unsubscribe: <https://sillon.example/unsubscribe?u=x&s=DIGEST&t=y>')
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
      expect(mail.text?.trim()).toBe(`${mail.subject} (text)`)
      expect(mail.html).toContain(`<p>${mail.subject}</p>`)
    }

    const rows = await prisma.emailMessage.findMany({ where: { id: { in: ids } } })
    const row = (index: number) => rows.find((candidate) => candidate.id === ids[index])!
    for (const index of [0, 1, 3, 4]) {
      expect(row(index)).toMatchObject({ status: 'SENT', attempts: 1, lastError: null, nextAttemptAt: null, messageId: `<${ids[index]}@${host}>` })
      expect(row(index).sentAt).toBeInstanceOf(Date)
    }
    // A permanent refusal is tried once more, a minute later (email-retry.ts).
    expect(row(2)).toMatchObject({ status: 'QUEUED', attempts: 1, nextAttemptAt: new Date(clock.getTime() + 60_000) })
    expect(row(2).lastError).toMatch(/550|No such user/)

    // The same batch again: the sent ones are done, the refused one is not yet due.
    expect(await deliverEmails(ids, clock)).toEqual(['already-done', 'already-done', 'not-due', 'already-done', 'already-done'])
    // Its second attempt, when due: FAILED, never delivered.
    const later = new Date(clock.getTime() + 60_000)
    expect(await deliverEmails([ids[2]!, ids[0]!], later)).toEqual(['failed', 'already-done'])
    const refused = await prisma.emailMessage.findUniqueOrThrow({ where: { id: ids[2] } })
    expect(refused).toMatchObject({ status: 'FAILED', attempts: 2, nextAttemptAt: null })
    expect(await deliverEmail(ids[2]!, later)).toBe('already-done')
    expect(received('Batch')).toHaveLength(4)
  })

  test('two workers given the same batch at once send each e-mail once', async () => {
    const addresses = Array.from({ length: 40 }, (_, index) => `firm${index}@example.test`)
    const ids = await storeEmails('Race', addresses)
    const [first, second, single] = await Promise.all([deliverEmails(ids), deliverEmails([...ids].reverse()), deliverEmail(ids[7]!)])
    const sentBy = ids.map((_, index) => [first[index], second[ids.length - 1 - index], index === 7 ? single : 'already-done'].filter((outcome) => outcome === 'sent').length)
    expect(sentBy).toEqual(ids.map(() => 1))
    expect(await prisma.emailMessage.count({ where: { id: { in: ids }, status: 'SENT' } })).toBe(40)

    for (let index = 1; index <= 40; index++) await smtp.waitFor((mail) => mail.subject === `Race ${index}`)
    const subjects = received('Race').map((mail) => mail.subject)
    expect(subjects).toHaveLength(40)
    expect(new Set(subjects).size).toBe(40)
  })

  test('the SMTP server down: every e-mail of the batch stays queued for its retry, then goes once it is back', async () => {
    closeEmailTransports()
    const { port } = smtp
    await smtp.close()
    const ids = await storeEmails('Outage', ['x@example.test', 'y@example.test'])
    const clock = new Date(Date.now() + 60_000)
    try {
      expect(await deliverEmails(ids, clock)).toEqual(['retry-later', 'retry-later'])
      const rows = await prisma.emailMessage.findMany({ where: { id: { in: ids } } })
      for (const row of rows) {
        expect(row).toMatchObject({ status: 'QUEUED', attempts: 1, nextAttemptAt: new Date(clock.getTime() + 60_000) })
        expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
      }
    } finally {
      smtp = await startSmtpServer({ port, refuse: ['nobody@example.test'] })
    }
    expect(await deliverEmails(ids, new Date(clock.getTime() + 60_000))).toEqual(['sent', 'sent'])
    await smtp.waitFor((mail) => mail.subject === 'Outage 2')
    await smtp.waitFor((mail) => mail.subject === 'Outage 1')
    expect(received('Outage')).toHaveLength(2)
  })

  test('rendered e-mails stored in a batch are delivered with what was stored', async () => {
    const user = await prisma.user.create({ data: { email: 'digest@example.test', name: 'Élise' }, select: { id: true } })
    const ids = await transaction((tx) =>
      insertRenderedEmails(tx.db, [
        {
          userId: user.id,
          to: 'digest@example.test',
          about: { type: 'USER', id: user.id },
          hubId: null,
          kind: 'digest',
          subject: 'Stored : 5 nouveautés',
          text: 'Bonjour Élise,\n5 besoins « à 9 km d’Échirolles »',
          html: '<p>Bonjour Élise, 5 besoins « à 9 km d’Échirolles »</p>',
          listUnsubscribe: 'https://sillon.example/unsubscribe?u=digest',
        },
      ]),
    )
    const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: ids[0] } })
    expect(row).toMatchObject({ status: 'QUEUED', userId: user.id, recordType: 'USER', kind: 'digest', subject: 'Stored : 5 nouveautés' })
    expect(await deliverEmails(ids)).toEqual(['sent'])
    const mail = await smtp.waitFor((candidate) => candidate.subject === 'Stored : 5 nouveautés')
    expect(mail.text?.trim()).toBe('Bonjour Élise,\n5 besoins « à 9 km d’Échirolles »')
    expect(mail.html).toBe('<p>Bonjour Élise, 5 besoins « à 9 km d’Échirolles »</p>')
    expect(mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line).toBe('List-Unsubscribe: <https://sillon.example/unsubscribe?u=digest>')
    expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ status: 'SENT', attempts: 1 })
  })

  test('an unknown id, and an id given twice, are told apart', async () => {
    const [id] = await storeEmails('Twice', ['twice@example.test'])
    expect(await deliverEmails([id!, 'no-such-email', id!])).toEqual(['sent', 'missing', 'already-done'])
    await smtp.waitFor((mail) => mail.subject === 'Twice 1')
    expect(received('Twice')).toHaveLength(1)
  })
})
