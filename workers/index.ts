/**
 * The worker process: `npm run start:worker` (or started by `npm start`). Runs one BullMQ worker
 * per queue with the domain code of app/modules, and shuts down gracefully on SIGTERM/SIGINT:
 * finish the jobs in hand, close the workers, disconnect Prisma, close the queue connections.
 */
import { closeQueues, createWorker, getQueue, queueBackend } from '#app/modules/jobs/queue.server'
import type { QueueName } from '#app/modules/jobs/jobs'
import { disconnectPrisma } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { getLogger, setLogService } from '#app/utils/logger.server'
import { billingProcessor } from './billing'
import { digestsProcessor } from './digests'
import { emailsProcessor } from './emails'
import { matchingProcessor } from './matching'
import { remindersProcessor } from './reminders'
import { startPendingJobSweeper } from './pending-jobs'
import { upsertSchedulers } from './schedulers'

setLogService('worker')
const env = getEnv()
const logger = getLogger()

const processors: Record<QueueName, ReturnType<typeof matchingProcessor>> = {
  matching: matchingProcessor(logger),
  emails: emailsProcessor(logger),
  reminders: remindersProcessor(logger),
  digests: digestsProcessor(logger),
  billing: billingProcessor(logger),
}

// The queue backend must be ready (on PostgreSQL: its schema migrated) before a worker polls it.
await Promise.all(Object.keys(processors).map((name) => getQueue(name as QueueName).waitUntilReady()))

const workers = Object.entries(processors).map(([name, processor]) => {
  const worker = createWorker(name as QueueName, processor)
  worker.on('error', (error) => logger.error({ err: error, queue: name }, 'worker error'))
  return worker
})

// Jobs kept in PostgreSQL while the queue backend was down are enqueued as soon as it answers.
const pendingSweeper = startPendingJobSweeper(logger)

if (env.ENABLE_SCHEDULERS) await upsertSchedulers()
await Promise.all(workers.map((worker) => worker.waitUntilReady()))
logger.info({ queues: Object.keys(processors), backend: queueBackend(), concurrency: env.WORKER_CONCURRENCY }, 'workers ready')

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'workers stopping')
  const force = setTimeout(() => {
    logger.error('workers did not stop within 25 s, exiting')
    process.exit(1)
  }, 25_000)
  force.unref()
  await pendingSweeper.stop()
  await Promise.allSettled(workers.map((worker) => worker.close()))
  await closeQueues()
  await disconnectPrisma()
  logger.info('workers stopped')
  process.exit(0)
}

process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
