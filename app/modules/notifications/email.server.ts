import { createTransport, type Transporter } from 'nodemailer'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { prisma, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { singleton } from '#app/utils/singleton.server'
import { renderEmail, type EmailTemplate } from './email-templates'

export type { EmailTemplate } from './email-templates'

const MAX_ATTEMPTS = 5

/**
 * What an e-mail is about. It is filed under that record's hub, and the staff outbox shows it only
 * to staff of that hub who may open the record's own page (outbox.server.ts). Account e-mails
 * (`USER`: password reset, address verification) belong to no hub: nobody reads them in the app.
 */
export type EmailRecord = { type: 'NEED' | 'APPLICATION' | 'ORGANISATION' | 'STAFF_ROLE' | 'USER'; id: string }

async function hubOfRecord(db: Tx['db'], record: EmailRecord): Promise<string | null> {
  switch (record.type) {
    case 'NEED':
      return (await db.need.findUnique({ where: { id: record.id }, select: { hubId: true } }))?.hubId ?? null
    case 'APPLICATION':
      return (await db.application.findUnique({ where: { id: record.id }, select: { need: { select: { hubId: true } } } }))?.need.hubId ?? null
    case 'ORGANISATION':
      return (await db.organisation.findUnique({ where: { id: record.id }, select: { homeHubId: true } }))?.homeHubId ?? null
    case 'STAFF_ROLE':
      return (await db.staffRole.findUnique({ where: { id: record.id }, select: { hubId: true } }))?.hubId ?? null
    case 'USER':
      return null
  }
}

/**
 * Renders an e-mail in the recipient's language and stores it in the outbox table, in the caller's
 * transaction, filed under the record it is about; the `emails.send` job is enqueued once the
 * transaction commits.
 */
export async function queueEmail(
  tx: Tx,
  input: { userId?: string; to?: string; locale?: string; about: EmailRecord; kind: string; template: EmailTemplate },
) {
  const user = input.userId ? await tx.db.user.findUnique({ where: { id: input.userId }, select: { email: true, locale: true } }) : null
  const to = user?.email ?? input.to
  if (!to) throw new Error('queueEmail needs a userId or an address')
  const locale = user?.locale ?? input.locale ?? 'fr'
  const hubId = await hubOfRecord(tx.db, input.about)
  const rendered = await renderEmail(input.template, locale)
  const email = await tx.db.emailMessage.create({
    data: {
      userId: input.userId ?? null,
      hubId,
      recordType: input.about.type,
      recordId: input.about.id,
      toAddress: to,
      kind: input.kind,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
    },
    select: { id: true },
  })
  tx.afterCommit(() => enqueueJob('emails.send', { emailId: email.id }))
  return email
}

function getTransport(): Transporter | null {
  const { SMTP_URL } = getEnv()
  if (!SMTP_URL) return null
  return singleton(`smtp:${SMTP_URL}`, () => createTransport(SMTP_URL))
}

export type DeliveryOutcome = 'sent' | 'outbox' | 'already-done' | 'missing'

/** A stable Message-ID: a retry of the same e-mail is recognisable as a duplicate by mail servers. */
function messageIdFor(emailId: string) {
  return `<${emailId}@${new URL(getEnv().APP_URL).hostname || 'sillon.local'}>`
}

/**
 * Delivers one stored e-mail: through SMTP when configured, otherwise it stays in the outbox that
 * staff read in the app. The e-mail is claimed first (QUEUED → SENDING, conditionally), so two
 * workers never send it both; a failure puts it back for a retry, up to five attempts.
 */
export async function deliverEmail(emailId: string): Promise<DeliveryOutcome> {
  const email = await prisma.emailMessage.findUnique({ where: { id: emailId } })
  if (!email) return 'missing'
  if (email.status !== 'QUEUED') return 'already-done'
  const transport = getTransport()
  if (!transport) {
    const kept = await prisma.emailMessage.updateMany({ where: { id: emailId, status: 'QUEUED' }, data: { status: 'OUTBOX' } })
    if (kept.count === 0) return 'already-done'
    // Without SMTP an e-mail stays in the outbox, a secret link hidden from staff (decision 0013);
    // the link is never written to the logs, which many people and systems read.
    return 'outbox'
  }
  const claimed = await prisma.emailMessage.updateMany({ where: { id: emailId, status: 'QUEUED' }, data: { status: 'SENDING', attempts: { increment: 1 } } })
  if (claimed.count === 0) return 'already-done'
  const attempts = email.attempts + 1
  try {
    const info = await transport.sendMail({
      from: getEnv().MAIL_FROM,
      to: email.toAddress,
      subject: email.subject,
      text: email.textBody,
      html: email.htmlBody,
      messageId: messageIdFor(email.id),
    })
    await prisma.emailMessage.update({ where: { id: emailId }, data: { status: 'SENT', sentAt: new Date(), messageId: info.messageId, lastError: null } })
    return 'sent'
  } catch (error) {
    await prisma.emailMessage.update({
      where: { id: emailId },
      data: {
        lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
        status: attempts >= MAX_ATTEMPTS ? 'FAILED' : 'QUEUED',
      },
    })
    throw error
  }
}

/**
 * E-mails stored but never handed to the queue (a crash between commit and enqueue, a queue
 * outage), and e-mails left SENDING by a worker that died mid-send (sent again: at least once,
 * with the same Message-ID).
 */
export async function findStrandedEmails(olderThanMs = 60_000, now = new Date()) {
  await prisma.emailMessage.updateMany({
    where: { status: 'SENDING', createdAt: { lt: new Date(now.getTime() - 10 * 60_000) } },
    data: { status: 'QUEUED' },
  })
  const rows = await prisma.emailMessage.findMany({
    where: { status: 'QUEUED', attempts: { lt: MAX_ATTEMPTS }, createdAt: { lt: new Date(now.getTime() - olderThanMs) } },
    select: { id: true },
    take: 500,
  })
  return rows.map((row) => row.id)
}
