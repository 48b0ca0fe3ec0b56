import { writeAudit } from '#app/modules/audit/audit.server'
import { canManageJobs, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { getLogger } from '#app/utils/logger.server'
import { JOB_STATES, jobDataIds, type JobDataField, type JobState } from './dashboard'
import { queueNames, type QueueName } from './jobs'
import { getQueue, queueBackend } from './queue.server'

/**
 * The background jobs' page: per queue, the counts by state, the failed jobs with their error and
 * a retry, and the job schedulers with their next run. Read through BullMQ's own Queue API, which
 * both backends implement (Redis, and BullMQ 6's PostgreSQL backend: `getJobCounts`, `getFailed`,
 * `getJobSchedulers`, `Job.retry`, `retryJobs` all go through the backend interface). The queues
 * are the platform's (all hubs share the workers): hub administrators see them whole, payloads as
 * ids only. See docs/decisions/0024-staff-queues-and-jobs.md.
 */

/** The failed jobs listed per queue (the newest first); the count gives the total. */
export const FAILED_SHOWN = 50
const SCHEDULERS_SHOWN = 50
/** A queue that does not answer within this delay is shown as unreachable (the page still renders). */
const QUEUE_TIMEOUT_MS = 5_000


export interface FailedJobView {
  id: string
  name: string
  failedReason: string
  attemptsMade: number
  data: JobDataField[]
  createdAt: number
  processedAt: number | null
  failedAt: number | null
}

export interface SchedulerView {
  id: string
  jobName: string
  pattern: string | null
  every: number | null
  tz: string | null
  next: number | null
}

export type QueueView =
  | { name: QueueName; reachable: true; counts: Record<JobState, number>; failed: FailedJobView[]; schedulers: SchedulerView[] }
  | { name: QueueName; reachable: false; error: string }

function assertJobsManager(actor: Actor) {
  if (!canManageJobs(actor)) throw AppError.forbidden('errors.onlyHubAdmins')
}

/** An error may quote an e-mail address (an SMTP refusal): every hub's admins read this page, so addresses are masked. */
function withoutAddresses(text: string) {
  return text.replace(/[^\s<>"'@]+@[^\s<>"'@]+\.[a-z]{2,}/gi, '[adresse masquée]')
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer after ${QUEUE_TIMEOUT_MS} ms`)), QUEUE_TIMEOUT_MS)
    }),
  ]).finally(() => clearTimeout(timer))
}

async function readQueue(name: QueueName): Promise<QueueView> {
  const queue = getQueue(name)
  try {
    const [counts, failed, schedulers] = await withTimeout(
      Promise.all([queue.getJobCounts(...JOB_STATES), queue.getFailed(0, FAILED_SHOWN - 1), queue.getJobSchedulers(0, SCHEDULERS_SHOWN - 1, true)]),
      `queue ${name}`,
    )
    return {
      name,
      reachable: true,
      counts: Object.fromEntries(JOB_STATES.map((state) => [state, Number(counts[state] ?? 0)])) as Record<JobState, number>,
      failed: failed
        .filter((job) => job?.id)
        .map((job) => ({
          id: String(job.id),
          name: job.name,
          failedReason: withoutAddresses(String(job.failedReason ?? '')).slice(0, 1_000),
          attemptsMade: job.attemptsMade,
          data: jobDataIds(job.data),
          createdAt: job.timestamp,
          processedAt: job.processedOn ?? null,
          failedAt: job.finishedOn ?? null,
        })),
      schedulers: schedulers.map((scheduler) => ({
        id: scheduler.id ?? scheduler.key,
        jobName: scheduler.name || scheduler.key,
        pattern: scheduler.pattern ?? null,
        every: scheduler.every !== undefined && scheduler.every !== null ? Number(scheduler.every) : null,
        tz: scheduler.tz ?? null,
        next: scheduler.next !== undefined && scheduler.next !== null ? Number(scheduler.next) : null,
      })),
    }
  } catch (error) {
    getLogger().warn({ err: error, queue: name }, 'jobs page: queue unreachable')
    return { name, reachable: false, error: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300) }
  }
}

/** Every queue of the platform, for a hub administrator. */
export async function getJobsDashboard(actor: Actor) {
  assertJobsManager(actor)
  const queues = await Promise.all(queueNames.map(readQueue))
  return { backend: queueBackend(), queues }
}

function queueNamed(name: string): QueueName {
  const queue = queueNames.find((candidate) => candidate === name)
  if (!queue) throw AppError.notFound()
  return queue
}

/**
 * Puts one failed job back in its queue (its attempts kept: it runs once more, then backs off as
 * configured). A job that is no longer failed is a conflict; one that is gone, not found.
 */
export async function retryFailedJob(actor: Actor, input: { queue: string; jobId: string }, requestId?: string) {
  assertJobsManager(actor)
  const queue = getQueue(queueNamed(input.queue))
  const job = await queue.getJob(input.jobId)
  if (!job) throw AppError.notFound()
  const state = await job.getState()
  if (state !== 'failed') throw AppError.conflict('job_not_failed', 'queues.jobs.errors.notFailed')
  const before = { state, attemptsMade: job.attemptsMade, failedReason: String(job.failedReason ?? '').slice(0, 300) }
  await job.retry('failed')
  await writeAudit(prisma, {
    actorId: actor.userId,
    hubId: null,
    action: 'job.retry',
    target: { type: 'Job', id: `${input.queue}:${input.jobId}` },
    before,
    after: { state: 'waiting', name: job.name },
    requestId,
  })
  return { name: job.name }
}

/** Puts every failed job of a queue back (BullMQ's `retryJobs`, in batches). */
export async function retryAllFailedJobs(actor: Actor, input: { queue: string }, requestId?: string) {
  assertJobsManager(actor)
  const queue = getQueue(queueNamed(input.queue))
  const failed = Number((await queue.getJobCounts('failed')).failed ?? 0)
  if (failed === 0) throw AppError.conflict('no_failed_jobs', 'queues.jobs.errors.noneFailed')
  await queue.retryJobs({ state: 'failed', count: 500 })
  await writeAudit(prisma, {
    actorId: actor.userId,
    hubId: null,
    action: 'job.retry-all',
    target: { type: 'Queue', id: input.queue },
    before: { failed },
    after: { retried: failed },
    requestId,
  })
  return { count: failed }
}
