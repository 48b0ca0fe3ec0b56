import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getJobsDashboard, retryAllFailedJobs, retryFailedJob } from '#app/modules/jobs/dashboard.server'
import { closeQueues, createWorker, enqueueJob, getQueue, queueBackend } from '#app/modules/jobs/queue.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createHub, createStaff, createUser } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn } from '#tests/helpers/app'
import { waitFor } from '#tests/helpers/wait'

/**
 * The background jobs' page on both queue backends: a job that fails shows with its error and
 * attempts, a retry puts it back in its queue (audited), schedulers show their next run. Hub
 * administrators only. The web pages run on the Redis backend (the build reads its environment
 * once per process); the PostgreSQL backend is exercised through the same service.
 */
async function failOneEmailJob(emailId: string) {
  const worker = createWorker('emails', async () => {
    throw new Error('Panne simulée du serveur SMTP')
  })
  await worker.waitUntilReady()
  const { id } = await enqueueJob('emails.send', { emailId }, { attempts: 1 })
  await waitFor(async () => (await getQueue('emails').getJob(id!))?.failedReason, 'the job to fail')
  await worker.close()
  return id!
}

describe.each(['redis', 'postgres'] as const)('jobs on %s', (backend) => {
  beforeAll(async () => {
    await closeQueues()
    if (backend === 'postgres') delete process.env.REDIS_URL
    else process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    resetEnvForTests()
  })

  afterAll(async () => {
    await closeQueues()
    process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
    resetEnvForTests()
  })

  test('a failed job shows with its error, a retry re-queues it; schedulers show their next run', async () => {
    expect(queueBackend()).toBe(backend)
    const hub = await createHub()
    const admin = await actorFor((await createStaff(hub.id, 'ADMIN')).id)
    const moderator = await actorFor((await createStaff(hub.id)).id)
    const emailId = `email-${backend}-1`
    const jobId = await failOneEmailJob(emailId)
    await getQueue('reminders').upsertJobScheduler('reminders.sweep', { pattern: '0 5 * * * *', tz: 'Europe/Paris' }, { name: 'reminders.sweep', data: {} })

    const dashboard = await getJobsDashboard(admin)
    expect(dashboard.backend).toBe(backend)
    const emails = dashboard.queues.find((queue) => queue.name === 'emails')!
    expect(emails.reachable).toBe(true)
    if (!emails.reachable) return
    expect(emails.counts.failed).toBe(1)
    expect(emails.failed).toEqual([
      expect.objectContaining({ id: jobId, name: 'emails.send', failedReason: 'Panne simulée du serveur SMTP', attemptsMade: 1, data: [{ name: 'emailId', kind: 'id', value: emailId }] }),
    ])
    expect(emails.failed[0]!.failedAt).toBeGreaterThan(0)
    const reminders = dashboard.queues.find((queue) => queue.name === 'reminders')!
    if (!reminders.reachable) throw new Error('reminders unreachable')
    expect(reminders.schedulers).toEqual([expect.objectContaining({ id: 'reminders.sweep', pattern: '0 5 * * * *', tz: 'Europe/Paris' })])
    expect(reminders.schedulers[0]!.next).toBeGreaterThan(Date.now() - 60_000)

    // Moderators are not administrators.
    await expect(getJobsDashboard(moderator)).rejects.toMatchObject({ status: 403 })
    await expect(retryFailedJob(moderator, { queue: 'emails', jobId })).rejects.toMatchObject({ status: 403 })

    await retryFailedJob(admin, { queue: 'emails', jobId }, 'request-retry')
    expect(await (await getQueue('emails').getJob(jobId))!.getState()).toBe('waiting')
    const after = (await getJobsDashboard(admin)).queues.find((queue) => queue.name === 'emails')!
    if (!after.reachable) throw new Error('emails unreachable')
    expect(after.counts).toMatchObject({ failed: 0, waiting: 1 })
    expect(after.failed).toEqual([])
    const audit = await prisma.auditLog.findFirst({ where: { action: 'job.retry', targetId: `emails:${jobId}` } })
    expect(audit).toMatchObject({ actorId: admin.userId, hubId: null, requestId: 'request-retry', before: expect.objectContaining({ state: 'failed' }) })

    // Retried once already: not failed any more.
    await expect(retryFailedJob(admin, { queue: 'emails', jobId })).rejects.toMatchObject({ status: 409 })
    await expect(retryFailedJob(admin, { queue: 'emails', jobId: 'aucune' })).rejects.toMatchObject({ status: 404 })
    await expect(retryFailedJob(admin, { queue: 'nulle-part', jobId })).rejects.toMatchObject({ status: 404 })

    // Every failed job of a queue at once.
    await getQueue('emails').obliterate({ force: true })
    const first = await failOneEmailJob(`email-${backend}-2`)
    const second = await failOneEmailJob(`email-${backend}-3`)
    expect(await retryAllFailedJobs(admin, { queue: 'emails' })).toEqual({ count: 2 })
    expect(await getQueue('emails').getJobCounts('failed', 'waiting')).toMatchObject({ failed: 0, waiting: 2 })
    expect(await (await getQueue('emails').getJob(first))!.getState()).toBe('waiting')
    expect(await (await getQueue('emails').getJob(second))!.getState()).toBe('waiting')
    await expect(retryAllFailedJobs(admin, { queue: 'emails' })).rejects.toMatchObject({ status: 409 })
    await getQueue('emails').obliterate({ force: true })
    await getQueue('reminders').obliterate({ force: true })
  })

  test.runIf(backend === 'redis')('the page: hub admins only, in French, with a retry that re-queues the job', async () => {
    const hub = await createHub()
    const admin = await createStaff(hub.id, 'ADMIN')
    const moderator = await createStaff(hub.id)
    const outsider = await createUser()
    const jobId = await failOneEmailJob('email-page-1')

    expect((await (await signedIn(moderator.email)).get('/staff/jobs')).status).toBe(403)
    expect((await (await signedIn(outsider.email)).get('/staff/jobs')).status).toBe(403)
    expect((await (await signedIn(moderator.email)).post('/staff/jobs', { intent: 'retry', queue: 'emails', jobId })).status).toBe(403)

    const visitor = await signedIn(admin.email)
    const page = await visitor.get('/staff/jobs')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Tâches de fond')
    expect(html).toContain('Moteur des files\u202f: Redis')
    expect(html).toContain(`data-failed-job="${jobId}"`)
    expect(html).toContain('Panne simulée du serveur SMTP')
    expect(html).toContain('emailId = email-page-1')

    expect((await visitor.post('/staff/jobs', { intent: 'retry', queue: 'emails', jobId: 'a b' })).status).toBe(400)
    const retried = await visitor.post('/staff/jobs', { intent: 'retry', queue: 'emails', jobId })
    expect(retried.status).toBe(302)
    expect(retried.headers.get('Location')).toBe('/staff/jobs')
    expect(await (await getQueue('emails').getJob(jobId))!.getState()).toBe('waiting')
    const again = await visitor.post('/staff/jobs', { intent: 'retry', queue: 'emails', jobId })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Cette tâche n’est plus en échec')
    await getQueue('emails').obliterate({ force: true })
  })
})
