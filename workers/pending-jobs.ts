import type { Logger } from 'pino'
import { sweepPendingJobs } from '#app/modules/jobs/queue.server'

/**
 * Enqueues, every few seconds, the jobs kept in PostgreSQL while the queue backend was down
 * (PendingJob). A loop of the worker process rather than a scheduled job: it must run while the
 * queue backend is away. Every worker process may run one; they share the rows.
 */
export function startPendingJobSweeper(logger: Logger, intervalMs = 2_000) {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | null = null
  let stopped = false
  let lastError: string | undefined

  async function tick() {
    try {
      const result = await sweepPendingJobs()
      if (result.enqueued || result.discarded) logger.info(result, 'kept jobs enqueued')
      if (result.error && result.error !== lastError) logger.warn({ left: result.left, error: result.error }, 'kept jobs wait for the queue backend')
      lastError = result.error
    } catch (error) {
      // PostgreSQL itself is away: the next tick tries again.
      const message = error instanceof Error ? error.message : String(error)
      if (message !== lastError) logger.warn({ err: error }, 'kept jobs: sweep failed')
      lastError = message
    }
  }

  function schedule() {
    if (stopped) return
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null
        schedule()
      })
    }, intervalMs)
  }
  schedule()

  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
