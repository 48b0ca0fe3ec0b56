import { UnrecoverableError, type Job } from 'bullmq'
import type { Logger } from 'pino'
import { isJobName, jobs, type JobName, type JobPayload } from '#app/modules/jobs/jobs'

export type JobHandlers = { [N in JobName]?: (payload: JobPayload<N>, job: Job) => Promise<unknown> }

/**
 * The processor of one queue: parses the payload first (bad data is unrecoverable, no retry),
 * runs the handler and logs the job with its duration.
 */
export function createProcessor(handlers: JobHandlers, logger: Logger) {
  return async (job: Job) => {
    const started = performance.now()
    const log = logger.child({ jobId: job.id, job: job.name, queue: job.queueName, attempt: job.attemptsMade + 1 })
    if (!isJobName(job.name) || !handlers[job.name]) {
      log.error('unknown job name')
      throw new UnrecoverableError(`unknown job ${job.name}`)
    }
    const parsed = jobs[job.name].payload.safeParse(job.data)
    if (!parsed.success) {
      log.error({ issues: parsed.error.issues }, 'invalid job payload')
      throw new UnrecoverableError(`invalid payload for ${job.name}`)
    }
    const handler = handlers[job.name] as (payload: unknown, job: Job) => Promise<unknown>
    try {
      const result = await handler(parsed.data, job)
      log.info({ durationMs: Math.round(performance.now() - started), result }, 'job done')
      return result
    } catch (error) {
      log.warn({ durationMs: Math.round(performance.now() - started), err: error }, 'job failed')
      throw error
    }
  }
}
