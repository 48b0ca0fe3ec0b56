import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { runDigestTick } from '#app/modules/digests/service.server'
import { closeQueues, enqueueJob, queueBackend } from '#app/modules/jobs/queue.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createHub, createMember, createNeed } from '#tests/factories'
import { waitFor } from '#tests/helpers/wait'

/**
 * The worker process killed (SIGKILL) in the middle of a 1 000-user digest fan-out, then started
 * again: exactly 1 000 e-mails reach the SMTP server, one per person, on both queue backends.
 *
 * The SMTP server here can hold its answers: once a few hundred e-mails arrived it stops answering
 * new ones, waits until the worker recorded every accepted e-mail as SENT, and the worker is
 * killed then. The e-mails it was handing over were never accepted (their connections die with
 * the worker) and stay SENDING under a ten-minute claim; the test lets that claim run out by
 * moving its expiry to now (what ten minutes would do), and the e-mail sweep sends them. (A kill
 * in the instant between the server's "250 OK" and the worker writing SENT would send that one
 * e-mail twice after the claim, with the same Message-ID: at least once, not tested here.)
 */
const USERS = 1_000
const AT = new Date('2026-12-15T07:00:00Z')

function holdingSmtpServer() {
  const accepted: ParsedMail[] = []
  let holding = false
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          // Held: never answered, so never delivered (the sender dies waiting).
          if (holding) return
          accepted.push(mail)
          callback()
        })
        .catch(callback)
    },
  })
  server.on('error', () => {})
  return {
    accepted,
    hold: () => (holding = true),
    release: () => (holding = false),
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** 1 000 firm users, each with a verified firm and a current match on one published need. */
async function thousandDueUsers() {
  const hub = await createHub()
  const partner = await createMember(hub.id, 'PARTNER')
  const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), title: 'Supervision des télécabines' })
  const ids = Array.from({ length: USERS }, () => ({ user: randomUUID(), firm: randomUUID() }))
  await prisma.user.createMany({ data: ids.map(({ user }, index) => ({ id: user, email: `crash-${index}-${user}@test.example`, name: `Firme ${index}`, emailVerifiedAt: new Date() })) })
  await prisma.organisation.createMany({
    data: ids.map(({ firm }, index) => ({ id: firm, slug: `crash-${firm}`, kind: 'FIRM' as const, name: `Startup ${index}`, status: 'VERIFIED' as const, homeHubId: hub.id })),
  })
  await prisma.membership.createMany({ data: ids.map(({ user, firm }) => ({ userId: user, organisationId: firm, role: 'OWNER' as const })) })
  await prisma.match.createMany({ data: ids.map(({ firm }) => ({ needId: need.id, firmId: firm, score: 80, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION })) })
  return ids.map(({ user }) => user)
}

function startWorker(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
  child.stderr?.on('data', () => {})
  return child
}

describe.each(['redis', 'postgres'] as const)('SIGKILL of the worker mid fan-out, on %s', (backend) => {
  const smtp = holdingSmtpServer()
  let child: ChildProcess | null = null
  let workerEnv: NodeJS.ProcessEnv

  beforeAll(async () => {
    const smtpUrl = await smtp.start()
    await closeQueues()
    if (backend === 'postgres') delete process.env.REDIS_URL
    else process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    resetEnvForTests()
    workerEnv = { ...process.env, SMTP_URL: smtpUrl, ENABLE_SCHEDULERS: 'false', LOG_LEVEL: 'fatal', WORKER_CONCURRENCY: '4' }
    if (backend === 'postgres') delete workerEnv.REDIS_URL
  })

  afterEach(() => {
    child?.kill('SIGKILL')
    child = null
  })

  afterAll(async () => {
    await closeQueues()
    await smtp.close()
    process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    resetEnvForTests()
  })

  test('exactly 1 000 e-mails, none twice', { timeout: 300_000 }, async () => {
    expect(queueBackend()).toBe(backend)
    await prisma.$executeRaw`TRUNCATE "DigestDelivery", "DigestItem", "EmailMessage" CASCADE`
    const userIds = await thousandDueUsers()
    // Only these 1 000 are due (the partner, and the other backend's run, are not).
    await prisma.$executeRaw`
      INSERT INTO "NotificationPreference" ("userId", "digestFrequency", "updatedAt")
      SELECT id, 'NEVER', now() FROM "User" WHERE NOT (id = ANY(${userIds}))
      ON CONFLICT ("userId") DO UPDATE SET "digestFrequency" = 'NEVER'`

    child = startWorker(workerEnv)
    // Many small jobs: batches of 50.
    const tick = await runDigestTick(AT, { batchSize: 50, jobIdSuffix: `-${backend}` })
    expect(tick.due).toBe(USERS)
    expect(tick.batches).toBe(USERS / 50)

    await waitFor(async () => smtp.accepted.length >= 250, 'some e-mails to arrive', 120_000)
    smtp.hold()
    const acceptedAtHold = smtp.accepted.length
    // Every accepted e-mail recorded SENT: nothing is between "250 OK" and SENT when the worker dies.
    await waitFor(async () => (await prisma.emailMessage.count({ where: { status: 'SENT' } })) >= acceptedAtHold, 'accepted e-mails marked SENT', 20_000)
    child.kill('SIGKILL')
    await new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve() : child!.once('exit', () => resolve())))
    child = null
    // In the middle: some digests committed, not all; some e-mails sent, not all.
    const committed = await prisma.digestDelivery.count({ where: { userId: { in: userIds } } })
    const byStatus = await prisma.emailMessage.groupBy({ by: ['status'], _count: true })
    console.info(`${backend}: at the kill ${smtp.accepted.length} e-mails accepted, ${committed} digests committed, e-mails ${JSON.stringify(byStatus.map((row) => [row.status, row._count]))}`)
    expect(smtp.accepted.length).toBeLessThan(USERS)
    expect(committed).toBeLessThan(USERS)
    smtp.release()

    // Ten minutes later for the claims of the e-mails that were being handed over.
    await prisma.$executeRaw`UPDATE "EmailMessage" SET "nextAttemptAt" = now() WHERE status = 'SENDING'`
    child = startWorker(workerEnv)
    await waitFor(
      async () => {
        if (smtp.accepted.length >= USERS) return true
        // The e-mail sweep (every minute in production): stranded e-mails go out again.
        await enqueueJob('emails.sweep', {}, { jobId: `sweep-${Date.now()}` })
        await new Promise((resolve) => setTimeout(resolve, 2_000))
        return false
      },
      'every e-mail to arrive after the restart',
      240_000,
    )
    const deliveries = await prisma.digestDelivery.groupBy({ by: ['status'], where: { userId: { in: userIds } }, _count: true })
    expect(deliveries).toEqual([{ status: 'SENT', _count: USERS }])
    // A moment more: nothing else arrives.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    const recipients = smtp.accepted.map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address)
    expect(smtp.accepted).toHaveLength(USERS)
    expect(new Set(recipients).size).toBe(USERS)
    expect(await prisma.emailMessage.count({ where: { status: 'SENT' } })).toBe(USERS)
  })
})
