import { randomUUID } from 'node:crypto'
import { type Prisma } from '#app/generated/prisma/client'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { listNeedsForActor } from '#app/modules/needs/queries.server'
import { parseNeedFilters } from '#app/modules/needs/schema'
import { deliverEmails, insertRenderedEmails, type RenderedEmailRow } from '#app/modules/notifications/email.server'
import { channelsFor, notify, unsubscribeLink } from '#app/modules/notifications/notifications.server'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { loadActors } from '#app/modules/auth/actors.server'
import { buildDigests } from './build.server'
import { dueAmong, dueBatches, type DueUser } from './due.server'
import { announcedNeeds, isEmpty, itemCount, withoutNeeds, type DigestLinks, type DigestModel } from './model'
import { passHour, scheduledPassHour } from './period'
import { renderDigest, type RenderedDigest } from './render'

/**
 * The digest pass. The hourly tick pages through the due users and enqueues small batch jobs;
 * each batch builds its users' digests, then in ONE transaction claims a DigestDelivery per
 * (user, period) (`ON CONFLICT DO NOTHING`: a conflict means already sent), stores the e-mails and
 * the DigestItems; after the commit it delivers the e-mails. See docs/decisions/0017-digest-pass.md.
 */
export const BATCH_SIZE = 500

/** Where a batch's time went (the job's result, for the logs and the benchmark). */
export interface BatchTimings {
  build: number
  render: number
  write: number
  deliver: number
}

export interface PassCounts {
  due: number
  sent: number
  empty: number
  alreadySent: number
}

const hourKey = (at: Date) => passHour(at).toISOString().slice(0, 13).replace(/\D/g, '')

/** The batch job id: one per (pass hour, first user), so a retried tick does not add its batches twice. */
export function batchJobId(at: Date, firstUserId: string, suffix = '') {
  return `digests-batch-${hourKey(at)}-${firstUserId}${suffix}`
}

/** Enqueues the batches of the users due at the pass `at`; returns the jobs and how many users they hold. */
export async function runDigestTick(at: Date, options: { jobIdSuffix?: string; batchSize?: number } = {}) {
  const jobs: Array<{ id: string; userIds: string[] }> = []
  for await (const page of dueBatches(at, Math.min(options.batchSize ?? BATCH_SIZE, BATCH_SIZE))) {
    const userIds = page.map((user) => user.userId)
    const jobId = batchJobId(at, userIds[0]!, options.jobIdSuffix)
    await enqueueJob('digests.batch', { at: passHour(at).toISOString(), userIds }, { jobId })
    jobs.push({ id: jobId, userIds })
  }
  return { at: passHour(at).toISOString(), batches: jobs.length, due: jobs.reduce((sum, job) => sum + job.userIds.length, 0), jobs }
}

/** The pass instant of a tick job: the scheduled hour it was created for (a late run still serves that hour). */
export function tickInstant(job: { timestamp: number; opts: { delay?: number; prevMillis?: number } }, payloadAt?: string) {
  if (payloadAt) return passHour(new Date(payloadAt))
  // A job scheduler's job carries the instant it was scheduled for (`prevMillis`).
  if (job.opts.prevMillis) return passHour(new Date(job.opts.prevMillis + 5_000))
  return scheduledPassHour({ timestamp: job.timestamp, delay: job.opts.delay })
}

function linksFor(userId: string): DigestLinks {
  const base = getEnv().APP_URL.replace(/\/$/, '')
  return { base, unsubscribe: unsubscribeLink(userId, 'DIGEST'), preferences: `${base}/settings/notifications` }
}

function emailRow(model: DigestModel, rendered: RenderedDigest, links: DigestLinks): RenderedEmailRow {
  return {
    userId: model.userId,
    to: model.email,
    // Filed under the person (USER): staff never read someone's digest in the outbox.
    about: { type: 'USER', id: model.userId },
    hubId: null,
    kind: 'digest',
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    listUnsubscribe: links.unsubscribe,
  }
}

/**
 * One batch: build, render, then claim and store in one transaction, then deliver. Safe to run
 * twice or concurrently (the claim decides who sends); a crash leaves nothing (a retry redoes it)
 * or committed QUEUED e-mails (delivered by a retry of this batch or by the e-mail sweep).
 */
export async function runDigestBatch(input: { at: Date; userIds: string[]; force?: boolean }): Promise<PassCounts & { emailIds: string[]; ms: BatchTimings }> {
  const started = performance.now()
  const at = passHour(input.at)
  const due = await dueAmong(at, input.userIds, input.force ?? false)
  const actors = await loadActors(due.map((user) => user.userId))
  const asOf = new Date()
  const models = await buildDigests(due, actors, at, asOf)
  const built = performance.now()
  const rendered = new Map<string, { links: DigestLinks; digest: RenderedDigest }>()
  for (const model of models) {
    if (isEmpty(model)) continue
    const links = linksFor(model.userId)
    rendered.set(model.userId, { links, digest: renderDigest(model, links) })
  }
  const renderedAt = performance.now()
  const byUser = new Map(models.map((model) => [model.userId, model]))
  const claimable = due.filter((user) => byUser.has(user.userId))

  const outcome = await transaction(
    async (tx) => {
      // The claim: one row per (user, period); a row that exists already (sent by an earlier or a
      // concurrent run, which this insert waits for) is skipped. Rows go in user order, so two
      // runs of one batch never wait on each other crosswise.
      const deliveryIds = claimable.map(() => randomUUID())
      const claimed = claimable.length
        ? await tx.db.$queryRaw<Array<{ id: string; userId: string }>>`
            INSERT INTO "DigestDelivery" (id, "userId", period, frequency, status, "itemCount", "createdAt")
            SELECT d.id, d."userId", d.period, d.frequency::"DigestFrequency", 'PENDING', 0, ${asOf}
            FROM unnest(${deliveryIds}::text[], ${claimable.map((user) => user.userId)}::text[], ${claimable.map((user) => user.period)}::text[], ${claimable.map((user) => user.frequency)}::text[])
              AS d(id, "userId", period, frequency)
            ORDER BY d."userId"
            ON CONFLICT ("userId", period) DO NOTHING
            RETURNING id, "userId"`
        : []
      const deliveryOf = new Map(claimed.map((row) => [row.userId, row.id]))

      // The needs announced, once per person ever: a need announced meanwhile by another path
      // (an instant alert) leaves this digest, which is then rendered again without it.
      const items = [...deliveryOf].flatMap(([userId, deliveryId]) => {
        const model = byUser.get(userId)!
        return isEmpty(model) ? [] : announcedNeeds(model).map((item) => ({ userId, deliveryId, ...item }))
      })
      const inserted = items.length
        ? await tx.db.$queryRaw<Array<{ userId: string; needId: string }>>`
            INSERT INTO "DigestItem" ("userId", "needId", category, "deliveryId", "createdAt")
            SELECT i."userId", i."needId", i.category::"NotificationCategory", i."deliveryId", ${asOf}
            FROM unnest(${items.map((item) => item.userId)}::text[], ${items.map((item) => item.needId)}::text[], ${items.map((item) => item.category)}::text[], ${items.map((item) => item.deliveryId)}::text[])
              AS i("userId", "needId", category, "deliveryId")
            ON CONFLICT ("userId", "needId") DO NOTHING
            RETURNING "userId", "needId"`
        : []
      const insertedKeys = new Set(inserted.map((row) => `${row.userId}\u0000${row.needId}`))
      const taken = new Map<string, Set<string>>()
      for (const item of items) {
        if (insertedKeys.has(`${item.userId}\u0000${item.needId}`)) continue
        taken.set(item.userId, (taken.get(item.userId) ?? new Set()).add(item.needId))
      }

      const sending: Array<{ userId: string; deliveryId: string; model: DigestModel; row: RenderedEmailRow }> = []
      const skipped: string[] = []
      for (const [userId, deliveryId] of deliveryOf) {
        let model = byUser.get(userId)!
        let digest = rendered.get(userId)
        const gone = taken.get(userId)
        if (gone && digest) {
          model = withoutNeeds(model, gone)
          digest = isEmpty(model) ? undefined : { links: digest.links, digest: renderDigest(model, digest.links) }
        }
        if (!digest || isEmpty(model)) skipped.push(deliveryId)
        else sending.push({ userId, deliveryId, model, row: emailRow(model, digest.digest, digest.links) })
      }
      const emailIds = await insertRenderedEmails(tx.db, sending.map((entry) => entry.row))
      if (sending.length) {
        await tx.db.$executeRaw`
          UPDATE "DigestDelivery" d SET status = 'SENT', "itemCount" = s.count, "emailMessageId" = s."emailId", "sentAt" = ${asOf}
          FROM unnest(${sending.map((entry) => entry.deliveryId)}::text[], ${sending.map((entry) => itemCount(entry.model))}::int[], ${emailIds}::text[])
            AS s(id, count, "emailId")
          WHERE d.id = s.id`
      }
      if (skipped.length) await tx.db.$executeRaw`UPDATE "DigestDelivery" SET status = 'SKIPPED' WHERE id = ANY(${skipped})`
      return { sent: sending.length, empty: skipped.length, emailIds, claimedUsers: new Set(deliveryOf.keys()) }
    },
    { timeoutMs: 120_000 },
  )

  // Users sent by an earlier run of this batch (a crash after its commit): their e-mails, if
  // still waiting, go now rather than at the next sweep. Each delivery claims its e-mail first.
  const written = performance.now()
  const alreadySentUsers = claimable.filter((user) => !outcome.claimedUsers.has(user.userId))
  const waiting = alreadySentUsers.length ? await waitingEmailsOf(alreadySentUsers) : []
  await deliverEmails([...outcome.emailIds, ...waiting])
  const ms = {
    build: Math.round(built - started),
    render: Math.round(renderedAt - built),
    write: Math.round(written - renderedAt),
    deliver: Math.round(performance.now() - written),
  }
  return { due: due.length, sent: outcome.sent, empty: outcome.empty, alreadySent: alreadySentUsers.length, emailIds: outcome.emailIds, ms }
}

async function waitingEmailsOf(users: DueUser[]) {
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT e.id FROM unnest(${users.map((user) => user.userId)}::text[], ${users.map((user) => user.period)}::text[]) AS u("userId", period)
    JOIN "DigestDelivery" d ON d."userId" = u."userId" AND d.period = u.period
    JOIN "EmailMessage" e ON e.id = d."emailMessageId"
    WHERE e.status = 'QUEUED'`
  return rows.map((row) => row.id)
}

// ───────── instant saved-search alerts ─────────

/**
 * A need was just published: the people whose saved searches with alerts on match it (through
 * the /needs list's own query, as each of them) and who chose the EMAIL (or APP) channel for
 * saved searches hear of it now, once: the DigestItem (user, need) is the "told once" fact, so
 * neither a repeat of this job nor a later digest tells them again. DIGEST-channel people get it
 * in their next digest instead.
 */
export async function alertNeedPublished(needId: string) {
  const need = await prisma.need.findUnique({ where: { id: needId }, select: { id: true, status: true, title: true, partner: { select: { name: true } } } })
  if (!need || need.status !== 'PUBLISHED') return { alerted: 0 }
  const searches = await prisma.savedSearch.findMany({
    where: { alert: true, user: { emailVerifiedAt: { not: null }, digestItems: { none: { needId } } } },
    orderBy: [{ userId: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, userId: true, name: true, query: true },
  })
  const userIds = [...new Set(searches.map((search) => search.userId))]
  const channels = await channelsFor(prisma, userIds, 'SAVED_SEARCH')
  const listeners = userIds.filter((userId) => channels.get(userId) === 'EMAIL' || channels.get(userId) === 'APP')
  const actors = await loadActors(listeners)
  const link = `${getEnv().APP_URL.replace(/\/$/, '')}/needs/${needId}`
  let alerted = 0
  for (const userId of listeners) {
    const actor = actors.get(userId)
    if (!actor) continue
    // The first of the person's alert searches that lists this need, as the list would.
    let matched: (typeof searches)[number] | null = null
    for (const search of searches.filter((row) => row.userId === userId)) {
      const { filters } = parseNeedFilters(new URLSearchParams(typeof search.query === 'string' ? search.query : ''))
      const list = await listNeedsForActor(actor, { ...filters, status: 'PUBLISHED', page: 1 }, { needIds: [needId], fullOnly: true })
      if (list.needs.some((row) => row.id === needId)) {
        matched = search
        break
      }
    }
    if (!matched) continue
    const search = matched
    const told = await transaction(async (tx) => {
      const claimed = await tx.db.$executeRaw`
        INSERT INTO "DigestItem" ("userId", "needId", category) VALUES (${userId}, ${needId}, 'SAVED_SEARCH')
        ON CONFLICT ("userId", "needId") DO NOTHING`
      if (claimed === 0) return false
      await notify(tx, {
        category: 'SAVED_SEARCH',
        userIds: [userId],
        kind: 'digests:alert',
        payload: { needId, title: need.title, search: search.name } as Prisma.InputJsonValue,
        link: `/needs/${needId}`,
        needId,
        email: {
          about: { type: 'USER', id: userId },
          kind: 'saved-search-alert',
          template: (user) => ({ name: 'digests.alert', data: { name: user.name, needTitle: need.title, partnerName: need.partner.name, searchName: search.name, link } }),
        },
      })
      return true
    })
    if (told) alerted++
  }
  return { alerted }
}

// ───────── by hand ─────────

/** The user of an address (the CLI's `--user`). */
export async function findUserByEmail(email: string) {
  return prisma.user.findFirst({ where: { email: { equals: email.trim(), mode: 'insensitive' } }, select: { id: true, email: true } })
}

/** Whether a user's digest may be forced now (verified address, frequency not NEVER). */
export async function forcedDue(userId: string, at: Date) {
  return (await dueAmong(at, [userId], true))[0] ?? null
}

