import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { closeQueues, enqueueJob, getQueue, sweepPendingJobs } from '#app/modules/jobs/queue.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { waitFor } from '#tests/helpers/wait'

/**
 * A queue outage loses no job: an enqueue that Redis does not answer is kept in PostgreSQL
 * (PendingJob), and the workers' sweeper enqueues it, with its business-key job id, once Redis
 * answers again. A Redis of this file's own, on a port where nothing listens at first.
 */
async function freePort() {
  return new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

let port = 0
let redis: ChildProcess | null = null

beforeAll(async () => {
  port = await freePort()
  await closeQueues()
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`
  resetEnvForTests()
})

afterAll(async () => {
  await closeQueues()
  redis?.kill('SIGKILL')
  process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
  resetEnvForTests()
})

describe('jobs enqueued while Redis is down', () => {
  test('are kept in PostgreSQL, then enqueued once when Redis answers', async () => {
    const started = Date.now()
    const first = await enqueueJob('emails.send', { emailId: 'mail-during-outage' })
    const second = await enqueueJob('matching.score-need', { needId: 'need-during-outage' }, { priority: 3 })
    expect(first).toEqual({ id: 'email-mail-during-outage', kept: true })
    expect(second.kept).toBe(true)
    // The request that enqueued did not hang on the dead backend.
    expect(Date.now() - started).toBeLessThan(10_000)
    const kept = await prisma.pendingJob.findMany({ orderBy: { createdAt: 'asc' } })
    // Each kept with an id named before Redis was asked (an add that lands late is the same job)
    // and with the caller's options.
    expect(kept.map((row) => [row.name, row.data, row.jobId, row.options])).toEqual([
      ['emails.send', { emailId: 'mail-during-outage' }, 'email-mail-during-outage', {}],
      ['matching.score-need', { needId: 'need-during-outage' }, second.id, { priority: 3 }],
    ])
    expect(second.id).toMatch(/^matching\.score-need-/)

    // Still down: the sweep keeps the rows and tries again later.
    const stillDown = await sweepPendingJobs()
    expect(stillDown).toMatchObject({ enqueued: 0, left: 2 })
    expect(await prisma.pendingJob.count()).toBe(2)

    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    await waitFor(
      async () => {
        await sweepPendingJobs()
        return (await prisma.pendingJob.count()) === 0
      },
      'the kept jobs to reach Redis',
      20_000,
    )
    const job = await getQueue('emails').getJob('email-mail-during-outage')
    expect(job?.data).toEqual({ emailId: 'mail-during-outage' })
    expect(await getQueue('matching').getJobCounts('waiting', 'delayed', 'prioritized')).toMatchObject({ prioritized: 1 })
    expect((await getQueue('matching').getJob(second.id!))?.opts.priority).toBe(3)

    // Kept twice (a reply lost after Redis took the job): still one job.
    await prisma.pendingJob.create({ data: { name: 'emails.send', data: { emailId: 'mail-during-outage' }, jobId: 'email-mail-during-outage' } })
    expect(await sweepPendingJobs()).toMatchObject({ enqueued: 1, left: 0 })
    expect(await getQueue('emails').getJobCounts('waiting')).toMatchObject({ waiting: 1 })
  })
})
