import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { applyToNeed, listApplicationsForNeed } from '#app/modules/applications/service.server'
import { closeQueues, createWorker, queueBackend } from '#app/modules/jobs/queue.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { listNeedsForActor, moderateNeed, saveNeed } from '#app/modules/needs/service.server'
import { needFormSchema } from '#app/modules/needs/schema'
import { prisma } from '#app/utils/db.server'
import { getLogger } from '#app/utils/logger.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createMarketplace, needFormFields } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { reasonsText, waitFor } from '#tests/helpers/wait'
import { startSmtpServer } from '#tests/helpers/smtp'
import { emailsProcessor } from '#workers/emails'
import { matchingProcessor } from '#workers/matching'

/**
 * The thin journey across every layer, on both queue backends: a partner drafts and submits a
 * need, staff publish it, a real BullMQ worker scores it, the firm sees its score and applies, the
 * partner sees the application and the firm's receipt leaves through a real SMTP server.
 */

describe.each(['redis', 'postgres'] as const)('thin journey with BullMQ on %s', (backend) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let workers: Array<ReturnType<typeof createWorker>> = []

  beforeAll(async () => {
    smtp = await startSmtpServer()
    await closeQueues()
    if (backend === 'postgres') delete process.env.REDIS_URL
    else process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    process.env.SMTP_URL = smtp.url
    resetEnvForTests()
    const logger = getLogger()
    workers = [createWorker('matching', matchingProcessor(logger)), createWorker('emails', emailsProcessor(logger))]
    await Promise.all(workers.map((worker) => worker.waitUntilReady()))
  })

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()))
    await closeQueues()
    await smtp.close()
    delete process.env.SMTP_URL
    process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    resetEnvForTests()
  })

  test('from draft to application, through the real queue', async () => {
    expect(queueBackend()).toBe(backend)
    const { moderator, partner, firm } = await createMarketplace()
    const partnerActor = await actorFor(partner.user.id)

    const input = needFormSchema.parse(needFormFields())
    const { id: needId } = await saveNeed(partnerActor, null, input, { submit: true })
    expect((await prisma.need.findUniqueOrThrow({ where: { id: needId } })).status).toBe('SUBMITTED')

    await moderateNeed(await actorFor(moderator.id), { needId, intent: 'publish' })

    const match = await waitFor(
      () => prisma.match.findUnique({ where: { needId_firmId: { needId, firmId: firm.organisation.id } } }),
      'the matching worker to store the firm’s match',
    )
    expect(match.algorithmVersion).toBe(ALGORITHM_VERSION)
    expect(match.score).toBeGreaterThan(0)
    expect(reasonsText(match.breakdown)).toMatch(/iot|edge computing/i)

    const firmActor = await actorFor(firm.user.id)
    const list = await listNeedsForActor(firmActor)
    expect(list.needs.map((need) => [need.id, need.score])).toContainEqual([needId, match.score])

    await applyToNeed(firmActor, needId, {
      intent: 'submit',
      approach: 'Capteurs vibratoires sur les gares amont, modèle de détection d’anomalies en edge, tableau de bord.',
      timeline: '3 mois',
      priceEur: 60_000,
      referencesText: '',
      consortium: [],
    })
    const forPartner = await listApplicationsForNeed(partnerActor, needId)
    expect(forPartner.applications).toHaveLength(1)
    expect(forPartner.applications[0]).toMatchObject({ status: 'SUBMITTED', firm: { id: firm.organisation.id } })

    const receipt = await smtp.waitFor((mail) => mail.to !== undefined && JSON.stringify(mail.to).includes(firm.user.email))
    expect(receipt.subject).toContain('Maintenance prédictive des télésièges')
    expect(receipt.text).toContain('/applications')

    const actions = await prisma.auditLog.findMany({ where: { targetId: needId }, orderBy: { id: 'asc' }, select: { action: true } })
    expect(actions.map((row) => row.action)).toEqual(['need.create', 'need.submit', 'need.publish'])
  })
})
