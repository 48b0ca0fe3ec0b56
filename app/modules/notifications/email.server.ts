import { randomUUID } from 'node:crypto'
import net from 'node:net'
import { createTransport, type Transporter } from 'nodemailer'
import SMTPPool from 'nodemailer/lib/smtp-pool'
import SMTPTransport from 'nodemailer/lib/smtp-transport'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { prisma, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { forgetSingleton, singleton } from '#app/utils/singleton.server'
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

/**
 * Every wait well under the ten-minute claim (CLAIM_MS): a send never outlives its claim. The
 * transport is built from its class, not from `createTransport({ url, … })`, which keeps only what
 * the URL says and drops these timeouts (nodemailer's own defaults: 2 min to connect, 10 min idle).
 */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }

/** Connections of the pooled transport that batches share (`deliverEmails`). */
export const SMTP_POOL_CONNECTIONS = 10

function getTransport(): Transporter | null {
  const { SMTP_URL } = getEnv()
  if (!SMTP_URL) return null
  // One connection per message: a single e-mail leaves no idle connection behind.
  return singleton(`smtp:${SMTP_URL}`, () => createTransport(new SMTPTransport({ url: SMTP_URL, ...SMTP_TIMEOUTS })))
}

/**
 * A TCP connection with Nagle's algorithm off, for the pooled transport (nodemailer leaves it on
 * and offers no option for it). With it on, the end of each message (".") waits for the
 * server's delayed acknowledgement of the body: about 40 ms per message and connection, measured
 * at 48 ms against a local server, which caps a connection at some twenty messages a second.
 * nodemailer then runs the SMTP session on this socket as on its own (TLS for smtps:// included).
 */
function connectWithoutDelay(
  options: { host?: string; port?: number | string; secure?: boolean; connectionTimeout?: number },
  callback: (error: Error | null, socketOptions?: { connection: net.Socket }) => void,
) {
  const port = Number(options.port) || (options.secure ? 465 : 587)
  const socket = net.connect({ host: options.host || 'localhost', port })
  socket.setNoDelay(true)
  const fail = (error: Error) => {
    clearTimeout(timer)
    socket.destroy()
    callback(error)
  }
  const timer = setTimeout(() => fail(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })), options.connectionTimeout ?? SMTP_TIMEOUTS.connectionTimeout)
  socket.once('error', fail)
  socket.once('connect', () => {
    clearTimeout(timer)
    socket.off('error', fail)
    coalesceWrites(socket)
    callback(null, { connection: socket })
  })
}

/**
 * nodemailer writes a message in many small pieces (each header, each line group of each part);
 * without Nagle's algorithm each would be a system call and a packet of its own. The writes of one
 * turn of the event loop go out together instead (corked until the next turn).
 */
function coalesceWrites(socket: net.Socket) {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean
  socket.write = ((...args: unknown[]) => {
    if (socket.writableCorked === 0) {
      socket.cork()
      setImmediate(() => socket.uncork())
    }
    return write(...args)
  }) as typeof socket.write
}

/**
 * The pooled transport of batches: a few connections kept open, each carrying many messages in
 * turn (nodemailer reconnects after `maxMessages`, as relays often cap messages per connection).
 */
function getPooledTransport(): Transporter | null {
  const { SMTP_URL } = getEnv()
  if (!SMTP_URL) return null
  return singleton(`smtp-pool:${SMTP_URL}`, () =>
    createTransport(
      new SMTPPool({
        url: SMTP_URL,
        pool: true,
        maxConnections: SMTP_POOL_CONNECTIONS,
        maxMessages: 100,
        ...SMTP_TIMEOUTS,
        getSocket: connectWithoutDelay as unknown as SMTPPool.Options['getSocket'],
      }),
    ),
  )
}

/** Closes the pooled connections of this process (worker shutdown, tests); the next batch opens new ones. */
export function closeEmailTransports() {
  const { SMTP_URL } = getEnv()
  if (!SMTP_URL) return
  const store = globalThis as unknown as { __sillonSingletons?: Map<string, unknown> }
  const pool = store.__sillonSingletons?.get(`smtp-pool:${SMTP_URL}`) as Transporter | undefined
  if (pool) {
    forgetSingleton(`smtp-pool:${SMTP_URL}`)
    pool.close()
  }
}

export type DeliveryOutcome = 'sent' | 'outbox' | 'retry-later' | 'failed' | 'not-due' | 'already-done' | 'missing'

/** A stable Message-ID: a retry of the same e-mail is recognisable as a duplicate by mail servers. */
function messageIdFor(emailId: string) {
  return `<${emailId}@${new URL(getEnv().APP_URL).hostname || 'sillon.local'}>`
}

type StoredEmail = { id: string; toAddress: string; subject: string; textBody: string; htmlBody: string; listUnsubscribe: string | null }

function mailOptions(email: StoredEmail) {
  return {
    from: getEnv().MAIL_FROM,
    to: email.toAddress,
    subject: email.subject,
    text: email.textBody,
    html: email.htmlBody,
    // Base64 parts: nodemailer's quoted-printable encoder costs about three times as much CPU per
    // e-mail and, with the French accents and the HTML attributes, gives larger messages.
    textEncoding: 'base64' as const,
    messageId: messageIdFor(email.id),
    // RFC 8058: a mailbox provider unsubscribes in one click by POSTing to the URL, no cookie.
    ...(email.listUnsubscribe
      ? { list: { unsubscribe: email.listUnsubscribe }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }
      : {}),
  }
}

/** A failed attempt, as the retry schedule says; only while the claim is still ours (another worker's SENT stands). */
async function recordFailure(email: { id: string; createdAt: Date }, attempts: number, now: Date, error: unknown): Promise<DeliveryOutcome> {
  const next = afterFailure({ attempts, createdAt: email.createdAt, now, kind: classifyFailure(error) })
  await prisma.emailMessage.updateMany({
    where: { id: email.id, status: 'SENDING', attempts },
    data: {
      lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
      status: next.status,
      nextAttemptAt: next.status === 'QUEUED' ? next.nextAttemptAt : null,
    },
  })
  return next.status === 'QUEUED' ? 'retry-later' : 'failed'
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
    const info = await transport.sendMail(mailOptions(email))
    // Sent, whatever became of the claim meanwhile (never undone by a later outcome).
    await prisma.emailMessage.updateMany({
      where: { id: emailId, status: { in: ['SENDING', 'QUEUED'] } },
      data: { status: 'SENT', sentAt: new Date(), messageId: info.messageId, lastError: null, nextAttemptAt: null },
    })
    return 'sent'
  } catch (error) {
    return recordFailure(email, attempts, now, error)
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

/** What a batch's claim returns; the rest of the e-mail comes from `justStored` or is read after the claim. */
interface ClaimedRow {
  id: string
  attempts: number
  createdAt: Date
}

/**
 * The e-mails this process has just stored (`insertRenderedEmails`), so that delivering them right
 * after (a digest batch) does not read megabytes of bodies back from PostgreSQL. Only a shortcut:
 * the claim is still made in PostgreSQL, a stored e-mail never changes, and an e-mail missing here
 * (another process stored it, or it was forgotten) is read from its row. Bounded: the oldest go first.
 */
const STORED_KEPT = 5_000
function justStored() {
  return singleton('emails-just-stored', () => new Map<string, StoredEmail>())
}
function rememberStored(email: StoredEmail) {
  const kept = justStored()
  kept.set(email.id, { id: email.id, toAddress: email.toAddress, subject: email.subject, textBody: email.textBody, htmlBody: email.htmlBody, listUnsubscribe: email.listUnsubscribe })
  if (kept.size > STORED_KEPT) kept.delete(kept.keys().next().value!)
}

/** The claimed e-mails with their contents, from `justStored` or, for the others, read in one query. */
async function withContents(claimed: ClaimedRow[]): Promise<Array<StoredEmail & ClaimedRow>> {
  const kept = justStored()
  const missing = claimed.filter((row) => !kept.has(row.id)).map((row) => row.id)
  const read = missing.length
    ? await prisma.emailMessage.findMany({
        where: { id: { in: missing } },
        select: { id: true, toAddress: true, subject: true, textBody: true, htmlBody: true, listUnsubscribe: true },
      })
    : []
  const byId = new Map<string, StoredEmail>(read.map((row) => [row.id, row]))
  return claimed.flatMap((row) => {
    const email = kept.get(row.id) ?? byId.get(row.id)
    kept.delete(row.id)
    return email ? [{ ...email, ...row }] : []
  })
}

/** The longest one send may take: connection, greeting and socket timeouts, with room to spare. */
const LONGEST_SEND_MS = 3 * 60_000

/**
 * Delivers many stored e-mails (a digest batch) with the claims and outcomes of `deliverEmail`,
 * in a few statements rather than a few per e-mail:
 *
 * 1. one claim of all the due ones (QUEUED and due → SENDING, attempts + 1, the claim's expiry),
 *    conditional like deliverEmail's, so an e-mail claimed here is never sent by another worker;
 * 2. the claimed ones sent over the pooled transport, `concurrency` at a time;
 * 3. the sent ones marked SENT in small bulk updates while the rest are being sent (one update in
 *    flight at a time, so a crash leaves few sent e-mails still SENDING: those are sent again after
 *    their claim expires, with the same Message-ID, as deliverEmail's would be);
 * 4. a failure follows the retry schedule, one e-mail at a time (rare), as in deliverEmail.
 *
 * The outcomes come in the order of `emailIds`; an id given twice is delivered once.
 */
export async function deliverEmails(emailIds: string[], now = new Date(), concurrency = 2 * SMTP_POOL_CONNECTIONS): Promise<DeliveryOutcome[]> {
  const ids = [...new Set(emailIds)]
  if (ids.length === 0) return []
  const outcomes = new Map<string, DeliveryOutcome>()
  const result = () => {
    const seen = new Set<string>()
    return emailIds.map((id) => (seen.has(id) ? 'already-done' : (seen.add(id), outcomes.get(id) ?? 'already-done')))
  }
  const transport = getPooledTransport()
  if (!transport) {
    // Without SMTP the e-mails stay in the outbox (see deliverEmail).
    const kept = await prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE "EmailMessage" SET status = 'OUTBOX' WHERE id = ANY(${ids}::text[]) AND status = 'QUEUED' RETURNING id`
    for (const row of kept) outcomes.set(row.id, 'outbox')
    await explainUnclaimed(ids, outcomes, now)
    return result()
  }

  const claimedRows = await prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "EmailMessage"
       SET status = 'SENDING', attempts = attempts + 1, "nextAttemptAt" = ${new Date(now.getTime() + CLAIM_MS)}
     WHERE id = ANY(${ids}::text[]) AND status = 'QUEUED' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})
    RETURNING id, attempts, "createdAt"`
  await explainUnclaimed(ids, outcomes, now, new Set(claimedRows.map((row) => row.id)))
  const claimed = await withContents(claimedRows)

  // Sent e-mails wait here for their SENT update. One update runs at a time and takes everything
  // sent meanwhile (a group commit): few statements, and a sent e-mail is marked within moments.
  const toMark: Array<{ id: string; messageId: string }> = []
  let marker: Promise<void> | null = null
  let markError: unknown = null
  const startMarking = () => {
    if (marker || toMark.length === 0) return
    marker = (async () => {
      while (toMark.length > 0) {
        const batch = toMark.splice(0, 500)
        try {
          // Sent, whatever became of the claim meanwhile (never undone by a later outcome).
          await prisma.$executeRaw`
            UPDATE "EmailMessage" AS e
               SET status = 'SENT', "sentAt" = now(), "messageId" = s."messageId", "lastError" = NULL, "nextAttemptAt" = NULL
              FROM unnest(${batch.map((row) => row.id)}::text[], ${batch.map((row) => row.messageId)}::text[]) AS s(id, "messageId")
             WHERE e.id = s.id AND e.status IN ('SENDING', 'QUEUED')`
        } catch (error) {
          // Left SENDING: sent again after the claim expires, with the same Message-ID.
          markError ??= error
        }
      }
    })().finally(() => {
      marker = null
    })
  }

  // The claim covers the whole batch for CLAIM_MS: no send starts once what is left of it could not
  // hold one more send (its own timeouts), so a sweep never hands out an e-mail still being sent
  // here. What is left waits for the claim to expire and is sent once by the sweep.
  const lastStart = Date.now() + CLAIM_MS - LONGEST_SEND_MS
  let next = 0
  async function lane(send: Transporter) {
    while (next < claimed.length) {
      if (Date.now() > lastStart) {
        for (const email of claimed.slice(next)) outcomes.set(email.id, 'retry-later')
        next = claimed.length
        return
      }
      const email = claimed[next++]!
      try {
        const info = await send.sendMail(mailOptions(email))
        toMark.push({ id: email.id, messageId: info.messageId })
        outcomes.set(email.id, 'sent')
        startMarking()
      } catch (error) {
        outcomes.set(email.id, await recordFailure(email, email.attempts, now, error))
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, () => lane(transport)))
  startMarking()
  while (marker) await marker
  if (markError) throw markError
  return result()
}

/** Why e-mails of a batch were not claimed: gone, already handled, or not yet due (as deliverEmail says). */
async function explainUnclaimed(ids: string[], outcomes: Map<string, DeliveryOutcome>, now: Date, claimed = new Set<string>()) {
  const rest = ids.filter((id) => !claimed.has(id) && !outcomes.has(id))
  if (rest.length === 0) return
  const rows = await prisma.emailMessage.findMany({ where: { id: { in: rest } }, select: { id: true, status: true, nextAttemptAt: true } })
  const byId = new Map(rows.map((row) => [row.id, row]))
  for (const id of rest) {
    const row = byId.get(id)
    outcomes.set(id, !row ? 'missing' : row.status === 'QUEUED' && row.nextAttemptAt && row.nextAttemptAt > now ? 'not-due' : 'already-done')
  }
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
  const records = rows.map((row, index) => ({
    id: ids[index]!,
    userId: row.userId,
    hubId: row.hubId,
    recordType: row.about.type,
    recordId: row.about.id,
    toAddress: row.to,
    kind: row.kind,
    listUnsubscribe: row.listUnsubscribe,
    subject: row.subject.replaceAll('\u0000', ''),
    textBody: row.text.replaceAll('\u0000', ''),
    htmlBody: row.html.replaceAll('\u0000', ''),
  }))
  // One JSON parameter rather than createMany: a batch carries megabytes of bodies, which Prisma's
  // query building and pg's array literals would copy and escape several times over.
  await db.$executeRaw`
    INSERT INTO "EmailMessage" (id, "userId", "hubId", "recordType", "recordId", "toAddress", kind, "listUnsubscribe", subject, "textBody", "htmlBody")
    SELECT r.id, r."userId", r."hubId", r."recordType", r."recordId", r."toAddress", r.kind, r."listUnsubscribe", r.subject, r."textBody", r."htmlBody"
    FROM json_to_recordset(${JSON.stringify(records)}::json)
      AS r(id text, "userId" text, "hubId" text, "recordType" text, "recordId" text, "toAddress" text, kind text, "listUnsubscribe" text, subject text, "textBody" text, "htmlBody" text)`
  for (const record of records) rememberStored(record)
  return ids
}
