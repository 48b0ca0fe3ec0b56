import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dueUsersPage } from '#app/modules/digests/due.server'
import { digestDue } from '#app/modules/digests/period'
import { alertNeedPublished, runDigestBatch, runDigestTick } from '#app/modules/digests/service.server'
import { closeQueues, createWorker, enqueueJob, getQueue } from '#app/modules/jobs/queue.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { getNeedForActor, moderateNeed } from '#app/modules/needs/service.server'
import { unsubscribeUrl } from '#app/modules/notifications/unsubscribe'
import { prisma } from '#app/utils/db.server'
import { getEnv, resetEnvForTests } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { createHub, createMember, createNeed, createStaff } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { startSmtpServer } from '#tests/helpers/smtp'
import { waitFor } from '#tests/helpers/wait'
import { digestsProcessor } from '#workers/digests'
import { emailsProcessor } from '#workers/emails'
import { upsertSchedulers } from '#workers/schedulers'

/**
 * The digest pass against the real PostgreSQL, Redis (the queue) and a real SMTP server: who is
 * due when, what the digest says, that it is sent once, and only what its reader may open.
 */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let workers: Array<ReturnType<typeof createWorker>> = []

beforeAll(async () => {
  smtp = await startSmtpServer()
  process.env.SMTP_URL = smtp.url
  resetEnvForTests()
  const logger = getLogger()
  workers = [createWorker('digests', digestsProcessor(logger)), createWorker('emails', emailsProcessor(logger))]
  await Promise.all(workers.map((worker) => worker.waitUntilReady()))
})

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()))
  await closeQueues()
  await smtp.close()
  delete process.env.SMTP_URL
  resetEnvForTests()
})

/** A header as sent (unfolded), e.g. "<https://…>" for List-Unsubscribe. */
const header = (mail: { headerLines: ReadonlyArray<{ key: string; line: string }> }, key: string) =>
  mail.headerLines.find((line) => line.key === key)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '') ?? null

const mailsTo = (email: string) => smtp.messages.filter((mail) => JSON.stringify(mail.to).includes(email))

/** A hub, a partner and a verified firm whose user has a match of `score` on a new published need. */
async function firmWithMatch(options: { score?: number; locale?: string; timeZone?: string; need?: Parameters<typeof createNeed>[3] } = {}) {
  const hub = await createHub()
  const partner = await createMember(hub.id, 'PARTNER')
  const firm = await createMember(hub.id, 'FIRM', { organisation: { skills: ['iot'] } })
  if (options.locale || options.timeZone) {
    await prisma.user.update({ where: { id: firm.user.id }, data: { ...(options.locale ? { locale: options.locale } : {}), ...(options.timeZone ? { timeZone: options.timeZone } : {}) } })
  }
  const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), title: `Télésièges connectés ${hub.id.slice(-4)}`, ...options.need })
  await prisma.match.create({
    data: { needId: need.id, firmId: firm.organisation.id, score: options.score ?? 82, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION },
  })
  return { hub, partner, firm, need }
}

/** Runs a pass through the queue (tick → batch jobs on the in-process worker) and waits for its jobs. */
async function pass(at: string) {
  const tick = await runDigestTick(new Date(at), { jobIdSuffix: `-${Math.random().toString(36).slice(2, 8)}` })
  const { getQueue } = await import('#app/modules/jobs/queue.server')
  const queue = getQueue('digests')
  const results = []
  for (const job of tick.jobs) {
    results.push(
      await waitFor(async () => {
        const found = await queue.getJob(job.id)
        return (await found?.getState()) === 'completed' ? (found!.returnvalue as { due: number; sent: number; empty: number; alreadySent: number }) : null
      }, `batch ${job.id}`),
    )
  }
  return { tick, results }
}

describe('who is due when', () => {
  test('08:00 in Paris is the 07:00 UTC pass in winter and the 06:00 UTC pass in summer; SQL and period.ts agree', async () => {
    const hub = await createHub()
    const { user } = await createMember(hub.id, 'FIRM')
    const dueAt = async (iso: string) => (await dueUsersPage(new Date(iso), { limit: 10_000 })).some((row) => row.userId === user.id)
    expect(await dueAt('2026-12-07T07:00:00Z')).toBe(true)
    expect(await dueAt('2026-12-07T06:00:00Z')).toBe(false)
    expect(await dueAt('2026-12-07T08:00:00Z')).toBe(false)
    expect(await dueAt('2026-07-01T06:00:00Z')).toBe(true)
    expect(await dueAt('2026-07-01T07:00:00Z')).toBe(false)

    // The same rule in SQL and in period.ts, hour by hour across both DST change days, in far zones too.
    const zones = [
      { timeZone: 'Europe/Paris', hour: 2, frequency: 'DAILY' as const },
      { timeZone: 'Pacific/Auckland', hour: 8, frequency: 'DAILY' as const },
      { timeZone: 'America/New_York', hour: 0, frequency: 'WEEKLY' as const },
    ]
    const users = []
    for (const zone of zones) {
      const member = await createMember(hub.id, 'FIRM')
      await prisma.user.update({ where: { id: member.user.id }, data: { timeZone: zone.timeZone } })
      await prisma.notificationPreference.update({ where: { userId: member.user.id }, data: { digestHour: zone.hour, digestFrequency: zone.frequency, digestWeekday: 7 } })
      users.push({ id: member.user.id, ...zone })
    }
    for (const start of ['2026-03-27T00:00:00Z', '2026-10-23T00:00:00Z']) {
      for (let hour = 0; hour < 96; hour++) {
        const at = new Date(new Date(start).getTime() + hour * 3_600_000)
        const rows = await dueUsersPage(at, { limit: 10_000 })
        for (const user of users) {
          const expected = digestDue(at, { timeZone: user.timeZone, frequency: user.frequency, weekday: 7, hour: user.hour })
          const row = rows.find((candidate) => candidate.userId === user.id)
          expect({ at: at.toISOString(), zone: user.timeZone, due: Boolean(row), period: row?.period ?? null }).toEqual({
            at: at.toISOString(),
            zone: user.timeZone,
            due: expected.due,
            period: expected.due ? expected.period : null,
          })
        }
      }
    }
  })

  test('an unverified address, a NEVER digest, an unknown stored zone', async () => {
    const hub = await createHub()
    const unverified = await createMember(hub.id, 'FIRM')
    await prisma.user.update({ where: { id: unverified.user.id }, data: { emailVerifiedAt: null } })
    const never = await createMember(hub.id, 'FIRM')
    await prisma.notificationPreference.update({ where: { userId: never.user.id }, data: { digestFrequency: 'NEVER' } })
    const odd = await createMember(hub.id, 'FIRM')
    await prisma.user.update({ where: { id: odd.user.id }, data: { timeZone: 'Mars/Olympus' } })
    const noRow = await createMember(hub.id, 'FIRM')
    await prisma.notificationPreference.delete({ where: { userId: noRow.user.id } })
    const rows = await dueUsersPage(new Date('2026-12-08T07:00:00Z'), { limit: 10_000 })
    const ids = rows.map((row) => row.userId)
    expect(ids).not.toContain(unverified.user.id)
    expect(ids).not.toContain(never.user.id)
    expect(ids).toContain(odd.user.id)
    expect(rows.find((row) => row.userId === noRow.user.id)).toEqual({ userId: noRow.user.id, period: 'D:2026-12-08', frequency: 'DAILY' })
  })
})

describe('the digest', () => {
  test('a due firm user gets one digest with their recommended need and saved-search alert, in their language, at the SMTP server', async () => {
    const { hub, partner, firm, need } = await firmWithMatch()
    await prisma.savedSearch.create({ data: { userId: firm.user.id, name: 'Neige', query: 'q=neige', alert: true, createdAt: new Date(Date.now() - 3_600_000) } })
    const alertNeed = await createNeed(partner.organisation.id, hub.id, partner.user.id, {
      status: 'PUBLISHED',
      publishedAt: new Date(),
      title: 'Capteurs de neige pour les pistes',
      summary: 'Mesure de la neige en continu.',
    })
    // An English-speaking firm user of another hub, with a match too.
    const english = await firmWithMatch({ locale: 'en' })

    const { results } = await pass('2026-12-09T07:00:00Z')
    const total = results.reduce((sum, result) => ({ sent: sum.sent + result.sent, alreadySent: sum.alreadySent + result.alreadySent }), { sent: 0, alreadySent: 0 })
    expect(total.alreadySent).toBe(0)

    const mail = await smtp.waitFor((candidate) => JSON.stringify(candidate.to).includes(firm.user.email))
    expect(mail.subject).toBe('Sillon\u00a0: 2 nouveautés pour vous')
    const appUrl = getEnv().APP_URL
    for (const part of [mail.text ?? '', String(mail.html)]) {
      expect(part).toContain(need.title)
      expect(part).toContain('Capteurs de neige pour les pistes')
      expect(part).toContain('Recherche «\u00a0Neige\u00a0»')
      expect(part).toContain(`${appUrl}/needs/${need.id}`)
      expect(part).toContain(`${appUrl}/needs/${alertNeed.id}`)
    }
    // The links open the pages, for that reader, in full.
    const actor = await actorFor(firm.user.id)
    expect((await getNeedForActor(actor, need.id)).visibility).toBe('full')
    expect((await getNeedForActor(actor, alertNeed.id)).visibility).toBe('full')
    // RFC 8058 one-click unsubscribe from the digest, signed for this user.
    const unsubscribe = unsubscribeUrl(appUrl, getEnv().SESSION_SECRET, firm.user.id, 'DIGEST')
    expect(header(mail, 'list-unsubscribe')).toBe(`<${unsubscribe}>`)
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(mail.text).toContain(unsubscribe)
    expect(mail.messageId).toMatch(/^<[\w-]+@localhost>$/)

    const englishMail = await smtp.waitFor((candidate) => JSON.stringify(candidate.to).includes(english.firm.user.email))
    expect(englishMail.subject).toBe('Sillon: 1 new item for you')
    expect(englishMail.text).toContain('Hello ')
    expect(englishMail.text).toContain('82% match')

    const delivery = await prisma.digestDelivery.findUniqueOrThrow({ where: { userId_period: { userId: firm.user.id, period: 'D:2026-12-09' } } })
    expect(delivery).toMatchObject({ status: 'SENT', itemCount: 2 })
    const items = await prisma.digestItem.findMany({ where: { userId: firm.user.id }, orderBy: { category: 'asc' } })
    expect(items.map((item) => [item.needId, item.category])).toEqual([
      [need.id, 'RECOMMENDED'],
      [alertNeed.id, 'SAVED_SEARCH'],
    ])
    // The staff outbox files it under the person: no hub reads it.
    const email = await prisma.emailMessage.findUniqueOrThrow({ where: { id: delivery.emailMessageId! } })
    expect(email).toMatchObject({ recordType: 'USER', recordId: firm.user.id, hubId: null, status: 'SENT' })

    // The next day, nothing new: no e-mail, the delivery SKIPPED; never the same need twice.
    const before = mailsTo(firm.user.email).length
    await pass('2026-12-10T07:00:00Z')
    expect(await prisma.digestDelivery.findUniqueOrThrow({ where: { userId_period: { userId: firm.user.id, period: 'D:2026-12-10' } } })).toMatchObject({
      status: 'SKIPPED',
      itemCount: 0,
      emailMessageId: null,
    })
    expect(mailsTo(firm.user.email)).toHaveLength(before)
  })

  test('the pass twice, and two runs of one batch at once, send once', async () => {
    const { firm } = await firmWithMatch()
    const other = await firmWithMatch()
    const at = new Date('2026-12-11T07:00:00Z')
    const [first, second] = await Promise.all([
      runDigestBatch({ at, userIds: [firm.user.id, other.firm.user.id] }),
      runDigestBatch({ at, userIds: [firm.user.id, other.firm.user.id] }),
    ])
    expect(first.sent + second.sent).toBe(2)
    expect(first.alreadySent + second.alreadySent).toBe(2)
    await pass('2026-12-11T07:00:00Z')
    const again = await runDigestBatch({ at, userIds: [firm.user.id] })
    expect(again).toMatchObject({ due: 1, sent: 0, empty: 0, alreadySent: 1 })
    await smtp.waitFor((mail) => JSON.stringify(mail.to).includes(other.firm.user.email))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(mailsTo(firm.user.email)).toHaveLength(1)
    expect(mailsTo(other.firm.user.email)).toHaveLength(1)
    expect(await prisma.digestDelivery.count({ where: { userId: firm.user.id } })).toBe(1)
  })

  test('a need that turned confidential, and a firm suspended, between scoring and sending are not announced', async () => {
    const confidential = await firmWithMatch()
    await prisma.need.update({ where: { id: confidential.need.id }, data: { visibility: 'INVITE_ONLY' } })
    const suspended = await firmWithMatch()
    await prisma.organisation.update({ where: { id: suspended.firm.organisation.id }, data: { status: 'SUSPENDED' } })
    const curated = await firmWithMatch({ need: { matchingMode: 'CURATED' } })
    const low = await firmWithMatch({ score: 40 })
    // Members only, and moved to a hub the firm is not a member of.
    const elsewhere = await firmWithMatch()
    const otherHub = await createHub()
    await prisma.need.update({ where: { id: elsewhere.need.id }, data: { visibility: 'MEMBERS', hubId: otherHub.id } })

    const at = new Date('2026-12-12T07:00:00Z')
    const entries = [confidential, suspended, curated, low, elsewhere]
    const result = await runDigestBatch({ at, userIds: entries.map((entry) => entry.firm.user.id) })
    expect(result).toMatchObject({ due: 5, sent: 0, empty: 5 })
    for (const user of entries.map((entry) => entry.firm.user)) {
      expect(await prisma.digestDelivery.findUniqueOrThrow({ where: { userId_period: { userId: user.id, period: 'D:2026-12-12' } } })).toMatchObject({ status: 'SKIPPED' })
      expect(await prisma.digestItem.count({ where: { userId: user.id } })).toBe(0)
    }

    // Invited to the curated need: now it is recommended (the next day).
    await prisma.match.updateMany({ where: { needId: curated.need.id }, data: { status: 'INVITED' } })
    const next = await runDigestBatch({ at: new Date('2026-12-13T07:00:00Z'), userIds: [curated.firm.user.id] })
    expect(next).toMatchObject({ sent: 1 })
  })

  test('updates from DIGEST-channel notifications, re-checked at send time; staff queue counts', async () => {
    const { hub, partner, firm, need } = await firmWithMatch({ score: 10 })
    await prisma.notificationSetting.create({ data: { userId: firm.user.id, category: 'MY_APPLICATIONS', channel: 'DIGEST' } })
    const application = await prisma.application.create({ data: { needId: need.id, firmId: firm.organisation.id, createdById: firm.user.id, status: 'SHORTLISTED', submittedAt: new Date() } })
    const hidden = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), visibility: 'INVITE_ONLY', title: 'Projet confidentiel' })
    await prisma.notification.createMany({
      data: [
        { userId: firm.user.id, kind: 'application.shortlisted', payload: { title: need.title }, link: `/applications/${application.id}`, category: 'MY_APPLICATIONS', needId: need.id, applicationId: application.id },
        { userId: firm.user.id, kind: 'application.info-requested', payload: { title: 'Projet confidentiel' }, link: `/needs/${hidden.id}`, category: 'MY_APPLICATIONS', needId: hidden.id },
      ],
    })
    const staff = await createStaff(hub.id)
    await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'SUBMITTED', submittedAt: new Date() })

    const result = await runDigestBatch({ at: new Date('2026-12-14T07:00:00Z'), userIds: [firm.user.id, staff.id] })
    expect(result).toMatchObject({ sent: 2 })
    const mail = await smtp.waitFor((candidate) => JSON.stringify(candidate.to).includes(firm.user.email))
    expect(mail.text).toContain(`Votre candidature à «\u00a0${need.title}\u00a0» est présélectionnée`.replace(/\u00a0/g, ' '))
    expect(mail.text).not.toContain('Projet confidentiel')
    const staffMail = await smtp.waitFor((candidate) => JSON.stringify(candidate.to).includes(staff.email))
    expect(staffMail.text).toContain('1 besoin à modérer')
    expect(staffMail.text).toContain('/staff/moderation/needs')
  })

  test('instant saved-search alert on publication: EMAIL channel, once, with its own unsubscribe', async () => {
    const hub = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    const firm = await createMember(hub.id, 'FIRM')
    await prisma.notificationSetting.create({ data: { userId: firm.user.id, category: 'SAVED_SEARCH', channel: 'EMAIL' } })
    await prisma.savedSearch.create({ data: { userId: firm.user.id, name: 'Luge', query: 'q=luge', alert: true } })
    const other = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), title: 'Billetterie du musée' })
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), title: 'Piste de luge connectée' })
    expect(await alertNeedPublished(other.id)).toEqual({ alerted: 0 })
    expect(await alertNeedPublished(need.id)).toEqual({ alerted: 1 })
    expect(await alertNeedPublished(need.id)).toEqual({ alerted: 0 })
    const mail = await smtp.waitFor((candidate) => JSON.stringify(candidate.to).includes(firm.user.email))
    expect(mail.subject).toContain('Piste de luge connectée')
    expect(header(mail, 'list-unsubscribe')).toBe(`<${unsubscribeUrl(getEnv().APP_URL, getEnv().SESSION_SECRET, firm.user.id, 'SAVED_SEARCH')}>`)
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(mailsTo(firm.user.email)).toHaveLength(1)
  })

  test('publishing a need alerts at once through the queue, and the next digest does not repeat it', async () => {
    const hub = await createHub()
    const moderator = await createStaff(hub.id)
    const partner = await createMember(hub.id, 'PARTNER')
    const firm = await createMember(hub.id, 'FIRM')
    await prisma.notificationSetting.create({ data: { userId: firm.user.id, category: 'SAVED_SEARCH', channel: 'EMAIL' } })
    await prisma.savedSearch.create({ data: { userId: firm.user.id, name: 'Raquettes', query: 'q=raquettes', alert: true } })
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'SUBMITTED', submittedAt: new Date(), title: 'Location de raquettes connectées' })
    await moderateNeed(await actorFor(moderator.id), { needId: need.id, intent: 'publish' })
    const mail = await smtp.waitFor((candidate) => JSON.stringify(candidate.to).includes(firm.user.email))
    expect(mail.subject).toBe('Nouveau besoin pour votre recherche «\u00a0Raquettes\u00a0»\u00a0: Location de raquettes connectées')
    expect(mail.text).toContain(`${getEnv().APP_URL}/needs/${need.id}`)
    await prisma.match.create({ data: { needId: need.id, firmId: firm.organisation.id, score: 95, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION } })
    expect(await runDigestBatch({ at: new Date('2026-12-17T07:00:00Z'), userIds: [firm.user.id] })).toMatchObject({ sent: 0, empty: 1 })
  })

  test('the hourly tick job and its scheduler: the tick enqueues the batches, the worker sends', async () => {
    const { firm } = await firmWithMatch()
    await upsertSchedulers()
    const scheduler = await getQueue('digests').getJobScheduler('digests.tick')
    expect(scheduler?.pattern).toBe('0 0 * * * *')
    await enqueueJob('digests.tick', { at: '2026-12-18T07:20:00Z' })
    await waitFor(() => prisma.digestDelivery.findUnique({ where: { userId_period: { userId: firm.user.id, period: 'D:2026-12-18' } } }), 'the digest of the tick')
    const mail = await smtp.waitFor((candidate) => JSON.stringify(candidate.to).includes(firm.user.email))
    expect(mail.subject).toBe('Sillon\u00a0: 1 nouveauté pour vous')
    await getQueue('digests').removeJobScheduler('digests.tick')
  })
})

describe('issue 14: a need reserved to a cohort', () => {
  test('is announced to the cohort’s firms while reserved, to the other firms only once it opens, and once', async () => {
    const { hub, firm: outsider, need } = await firmWithMatch({ need: { title: 'Navettes autonomes pour la station' } })
    const cohort = await prisma.cohort.create({ data: { hubId: hub.id, name: 'Accélérateur 2026', year: 2026, targetEur: 200_000 } })
    const insider = await createMember(hub.id, 'FIRM')
    await prisma.cohortMember.create({ data: { cohortId: cohort.id, organisationId: insider.organisation.id } })
    await prisma.match.create({ data: { needId: need.id, firmId: insider.organisation.id, score: 90, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION } })
    await prisma.need.update({ where: { id: need.id }, data: { reservedCohortId: cohort.id, reservedDays: 10, reservedUntil: new Date(Date.now() + 10 * 86_400_000) } })
    // A firm without a match, whose saved search (alerts on, in the digest) lists the need.
    const searcher = await createMember(hub.id, 'FIRM')
    await prisma.savedSearch.create({ data: { userId: searcher.user.id, name: 'Navettes', query: 'q=navettes', alert: true, createdAt: new Date(Date.now() - 3_600_000) } })
    const users = [outsider.user.id, insider.user.id, searcher.user.id]
    const announced = async (userId: string) => (await prisma.digestItem.findMany({ where: { userId, needId: need.id } })).map((item) => item.category)

    await runDigestBatch({ at: new Date('2026-12-20T07:00:00Z'), userIds: users })
    expect(await announced(insider.user.id)).toEqual(['RECOMMENDED'])
    expect(await announced(outsider.user.id)).toEqual([])
    expect(await announced(searcher.user.id)).toEqual([])

    // The reservation ends (reservedUntil passed): the others hear of it in their next digest.
    await prisma.need.update({ where: { id: need.id }, data: { reservedUntil: new Date() } })
    await runDigestBatch({ at: new Date('2026-12-21T07:00:00Z'), userIds: users })
    expect(await announced(outsider.user.id)).toEqual(['RECOMMENDED'])
    expect(await announced(searcher.user.id)).toEqual(['SAVED_SEARCH'])
    expect(await announced(insider.user.id)).toEqual(['RECOMMENDED'])
    const mail = await smtp.waitFor((candidate) => JSON.stringify(candidate.to).includes(searcher.user.email))
    expect(mail.text).toContain('Navettes autonomes pour la station')
  })
})
