import { randomUUID } from 'node:crypto'
import { createTransport, type Transporter } from 'nodemailer'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { prisma, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { singleton } from '#app/utils/singleton.server'
import { afterFailure, classifyFailure, CLAIM_MS } from './email-retry'
import { renderEmail, type EmailTemplate } from './email-templates'

export type { EmailTemplate } from './email-templates'

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
  input: {
    userId?: string
    to?: string
    locale?: string
    about: EmailRecord
    kind: string
    template: EmailTemplate
    /** A non-transactional e-mail (digest, alert, reminder, news): its one-click unsubscribe link. */
    listUnsubscribe?: string
  },
) {
  const user = input.userId ? await tx.db.user.findUnique({ where: { id: input.userId }, select: { email: true, locale: true } }) : null
  const to = user?.email ?? input.to
  if (!to) throw new Error('queueEmail needs a userId or an address')
  const locale = user?.locale ?? input.locale ?? 'fr'
  const hubId = await hubOfRecord(tx.db, input.about)
  // The footer links to the preference centre when the e-mail goes to an account (an invitation to
  // an address has nobody to set preferences for), and offers the one-click unsubscribe when the
  // e-mail has one (never on password resets, invitations, address checks).
  const rendered = await renderEmail(input.template, locale, {
    preferencesUrl: input.userId ? preferencesUrl() : null,
    unsubscribeUrl: input.listUnsubscribe ?? null,
  })
  const email = await tx.db.emailMessage.create({
    data: {
      userId: input.userId ?? null,
      hubId,
      recordType: input.about.type,
      recordId: input.about.id,
      toAddress: to,
      kind: input.kind,
      listUnsubscribe: input.listUnsubscribe ?? null,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
    },
    select: { id: true },
  })
  tx.afterCommit(() => enqueueJob('emails.send', { emailId: email.id }))
  return email
}

/** The preference centre, linked from every e-mail's footer. */
export function preferencesUrl() {
  return new URL('/settings/notifications', getEnv().APP_URL).toString()
}

function getTransport(): Transporter | null {
  const { SMTP_URL } = getEnv()
  if (!SMTP_URL) return null
  // Every wait well under the ten-minute claim (CLAIM_MS): a send never outlives its claim.
  return singleton(`smtp:${SMTP_URL}`, () =>
    createTransport({ url: SMTP_URL, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }),
  )
}

export type DeliveryOutcome = 'sent' | 'outbox' | 'retry-later' | 'failed' | 'not-due' | 'already-done' | 'missing'

/** A stable Message-ID: a retry of the same e-mail is recognisable as a duplicate by mail servers. */
function messageIdFor(emailId: string) {
  return `<${emailId}@${new URL(getEnv().APP_URL).hostname || 'sillon.local'}>`
}

/**
 * Delivers one stored e-mail: through SMTP when configured, otherwise it stays in the outbox that
 * staff read in the app. The e-mail is claimed first (QUEUED → SENDING, conditionally, and only
 * when its next attempt is due), so two workers never send it both. A failed attempt follows the
 * retry schedule (email-retry.ts): a transient failure keeps the e-mail QUEUED with its next
 * attempt later, for up to the queue lifetime; a permanent refusal is FAILED after a second try.
 * Retries are made by the sweep (`findStrandedEmails`), not by the job, which ends without error.
 */
export async function deliverEmail(emailId: string, now = new Date()): Promise<DeliveryOutcome> {
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
  if (email.nextAttemptAt && email.nextAttemptAt > now) return 'not-due'
  const claimed = await prisma.emailMessage.updateMany({
    where: { id: emailId, status: 'QUEUED', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    // While SENDING, nextAttemptAt is when the claim expires (a worker that died mid-send).
    data: { status: 'SENDING', attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
  })
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
      // RFC 8058: a mailbox provider unsubscribes in one click by POSTing to the URL, no cookie.
      ...(email.listUnsubscribe
        ? { list: { unsubscribe: email.listUnsubscribe }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }
        : {}),
    })
    // Sent, whatever became of the claim meanwhile (never undone by a later outcome).
    await prisma.emailMessage.updateMany({
      where: { id: emailId, status: { in: ['SENDING', 'QUEUED'] } },
      data: { status: 'SENT', sentAt: new Date(), messageId: info.messageId, lastError: null, nextAttemptAt: null },
    })
    return 'sent'
  } catch (error) {
    const next = afterFailure({ attempts, createdAt: email.createdAt, now, kind: classifyFailure(error) })
    // Only while the claim is still ours: another worker's outcome (a SENT above all) stands.
    await prisma.emailMessage.updateMany({
      where: { id: emailId, status: 'SENDING', attempts },
      data: {
        lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
        status: next.status,
        nextAttemptAt: next.status === 'QUEUED' ? next.nextAttemptAt : null,
      },
    })
    return next.status === 'QUEUED' ? 'retry-later' : 'failed'
  }
}

/**
 * E-mails due for an attempt: stored but never handed to the queue (a crash between commit and
 * enqueue, a queue outage), waiting for their next retry, or left SENDING by a worker that died
 * mid-send once its claim has expired (sent again: at least once, with the same Message-ID). An
 * e-mail whose retry is not yet due is left alone, so a long SMTP outage is not hammered.
 */
export async function findStrandedEmails(olderThanMs = 60_000, now = new Date()) {
  await prisma.emailMessage.updateMany({
    where: {
      status: 'SENDING',
      OR: [
        { nextAttemptAt: { lte: now } },
        { nextAttemptAt: null, createdAt: { lt: new Date(now.getTime() - CLAIM_MS) } },
      ],
    },
    data: { status: 'QUEUED', nextAttemptAt: null },
  })
  const rows = await prisma.emailMessage.findMany({
    where: {
      status: 'QUEUED',
      OR: [
        { nextAttemptAt: { lte: now } },
        { nextAttemptAt: null, createdAt: { lt: new Date(now.getTime() - olderThanMs) } },
      ],
    },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: 500,
  })
  return rows.map((row) => row.id)
}

/**
 * Delivers many stored e-mails (a digest batch), with the same claims and outcomes as
 * `deliverEmail`, a few at a time.
 */
export async function deliverEmails(emailIds: string[], now = new Date(), concurrency = 8): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = new Array(emailIds.length)
  let next = 0
  async function lane() {
    while (next < emailIds.length) {
      const index = next++
      outcomes[index] = await deliverEmail(emailIds[index]!, now)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, emailIds.length) }, lane))
  return outcomes
}

/** An e-mail already rendered (a digest): stored as `queueEmail` stores one, without rendering. */
export interface RenderedEmailRow {
  userId: string
  to: string
  about: EmailRecord
  /** The hub it is filed under (null for `USER` records: nobody reads them in the outbox). */
  hubId: string | null
  kind: string
  subject: string
  text: string
  html: string
  listUnsubscribe: string | null
}

/**
 * Stores many rendered e-mails in one statement, in the caller's transaction, and returns their
 * ids in order. No `emails.send` job is enqueued: the caller delivers them after the commit
 * (`deliverEmails`), and the sweep picks up any it could not.
 */
export async function insertRenderedEmails(db: Tx['db'], rows: RenderedEmailRow[]): Promise<string[]> {
  const ids = rows.map(() => randomUUID())
  if (rows.length === 0) return ids
  // One INSERT over arrays (a few MB for a batch of digests): much cheaper than a createMany of as many rows.
  const column = <T>(pick: (row: RenderedEmailRow) => T) => rows.map(pick)
  await db.$executeRaw`
    INSERT INTO "EmailMessage" (id, "userId", "hubId", "recordType", "recordId", "toAddress", kind, "listUnsubscribe", subject, "textBody", "htmlBody", status, attempts, "createdAt")
    SELECT e.id, e."userId", e."hubId", e."recordType", e."recordId", e."toAddress", e.kind, e."listUnsubscribe", e.subject, e."textBody", e."htmlBody", 'QUEUED', 0, now()
    FROM unnest(
      ${ids}::text[], ${column((row) => row.userId)}::text[], ${column((row) => row.hubId)}::text[], ${column((row) => row.about.type)}::text[],
      ${column((row) => row.about.id)}::text[], ${column((row) => row.to)}::text[], ${column((row) => row.kind)}::text[],
      ${column((row) => row.listUnsubscribe)}::text[], ${column((row) => row.subject.replaceAll('\u0000', ''))}::text[],
      ${column((row) => row.text.replaceAll('\u0000', ''))}::text[], ${column((row) => row.html.replaceAll('\u0000', ''))}::text[]
    ) AS e(id, "userId", "hubId", "recordType", "recordId", "toAddress", kind, "listUnsubscribe", subject, "textBody", "htmlBody")`
  return ids
}
