import { randomUUID } from 'node:crypto'
import {
  createPostgresBackend,
  createRedisBackend,
  withBackend,
  type JobsOptions,
  type PostgresQueueBackend,
  type Processor,
  type RedisQueueBackend,
  type WorkerOptions,
} from 'bullmq'
import { prisma } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { forgetSingleton, singleton } from '#app/utils/singleton.server'
import { isJobName, jobIdFor, jobOptionsFor, jobs, type JobName, type JobPayload, type QueueName } from './jobs'

/**
 * BullMQ on one of two backends, chosen by configuration only: Redis (through ioredis) when
 * REDIS_URL is set, otherwise BullMQ's PostgreSQL backend in DATABASE_URL (the embedded default).
 * The rest of the application sees the same Queue and Worker classes either way.
 * See docs/decisions/0003-queue-backends.md.
 */
type AnyQueue = InstanceType<ReturnType<typeof withBackend>['Queue']>
type AnyWorker = InstanceType<ReturnType<typeof withBackend>['Worker']>

interface JobSystem {
  backend: 'redis' | 'postgres'
  classes: ReturnType<typeof withBackend>
  baseOptions: { connection: unknown; prefix?: string }
  producerConnection?: unknown
}

/**
 * ioredis options from a redis:// or rediss:// URL; BullMQ owns (and closes) the clients. Workers
 * wait for Redis forever (`maxRetriesPerRequest: null`); producers in a web request fail fast.
 */
export function redisOptionsFromUrl(url: string, role: 'worker' | 'producer' = 'worker') {
  const parsed = new URL(url)
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // Reconnect within 2 s of Redis coming back, however long it was away.
    retryStrategy: (times: number) => Math.min(250 * times, 2_000),
    // A producer fails at once while Redis is unreachable (no offline queue): the job is then kept
    // in PostgreSQL (PendingJob) rather than holding a web request.
    ...(role === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, connectTimeout: 3_000, enableOfflineQueue: false }),
  }
}

function getJobSystem(): JobSystem {
  const env = getEnv()
  return singleton(`jobs:${env.QUEUE_BACKEND}:${env.REDIS_URL ?? env.DATABASE_URL}:${env.QUEUE_PREFIX}`, () => {
    if (env.QUEUE_BACKEND === 'redis') {
      return {
        backend: 'redis' as const,
        classes: withBackend(createRedisBackend) as unknown as ReturnType<typeof withBackend>,
        baseOptions: { connection: redisOptionsFromUrl(env.REDIS_URL!), prefix: env.QUEUE_PREFIX },
        producerConnection: redisOptionsFromUrl(env.REDIS_URL!, 'producer'),
      }
    }
    return {
      backend: 'postgres' as const,
      classes: withBackend(createPostgresBackend) as unknown as ReturnType<typeof withBackend>,
      baseOptions: {
        // BullMQ builds and owns its pg pool plus one LISTEN client; `migrate` creates its schema.
        connection: { connectionString: env.DATABASE_URL, schema: `${env.QUEUE_PREFIX}_bullmq`.replace(/-/g, '_'), max: 5, migrate: true },
      },
    }
  })
}

export function queueBackend() {
  return getJobSystem().backend
}

function openQueues() {
  return singleton('open-queues', () => new Map<QueueName, AnyQueue>())
}

/** One Queue per name and process (never one per request). */
export function getQueue(name: QueueName): AnyQueue {
  let queue = openQueues().get(name)
  if (!queue) {
    const system = getJobSystem()
    queue = new system.classes.Queue(name, {
      ...system.baseOptions,
      ...(system.producerConnection ? { connection: system.producerConnection } : {}),
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 24 * 3600, count: 2_000 },
        removeOnFail: { age: 14 * 24 * 3600 },
      },
    } as never) as AnyQueue
    // Without a listener, connection errors (e.g. a restarting database) would be printed raw.
    queue.on('error', (error: Error) => getLogger().warn({ err: error, queue: name }, 'queue connection error'))
    openQueues().set(name, queue)
  }
  return queue
}

/** What became of an enqueue: on the queue, or kept in PostgreSQL until the queue answers again. */
export interface EnqueuedJob {
  id: string | undefined
  kept: boolean
}

/** How long an enqueue waits for the queue backend before keeping the job in PostgreSQL. */
const ENQUEUE_TIMEOUT_MS = 3_000
/** After a failed enqueue, jobs go straight to PostgreSQL for this long (no request waits on a dead backend). */
const BACKEND_DOWN_MS = 3_000

function backendState() {
  return singleton('queue-backend-state', () => ({ downUntil: 0 }))
}

/**
 * Enqueues a job after validating its payload; business-key job ids make repeats harmless. When
 * the queue backend does not answer within a few seconds (or has just failed to), the job is
 * kept in the PendingJob table instead, and the workers' sweeper enqueues it once the backend is
 * back (`sweepPendingJobs`). Nothing is lost unless PostgreSQL is down too (then the domain
 * sweepers, which look for stranded work in PostgreSQL, catch up).
 */
export async function enqueueJob<N extends JobName>(name: N, payload: JobPayload<N>, options: JobsOptions = {}): Promise<EnqueuedJob> {
  const definition = jobs[name]
  const data = definition.payload.parse(payload) as JobPayload<N>
  // Every job gets an id before the backend is asked: an add that lands after its time-out and the
  // copy kept in PostgreSQL then name the same job, which BullMQ runs once.
  const jobId = options.jobId ?? jobIdFor(name, data) ?? `${name}-${randomUUID()}`
  const state = backendState()
  let reason = 'queue backend marked down after a recent failure'
  if (Date.now() >= state.downUntil) {
    try {
      const job = await addToQueue(name, data, { ...options, jobId })
      return { id: job.id ?? jobId, kept: false }
    } catch (error) {
      state.downUntil = Date.now() + BACKEND_DOWN_MS
      reason = error instanceof Error ? error.message : String(error)
    }
  }
  const { jobId: _id, ...kept } = options
  await prisma.pendingJob.create({
    data: { name, data: data as object, jobId, options: JSON.parse(JSON.stringify(kept)) as object, lastError: reason.slice(0, 500) },
  })
  getLogger().warn({ job: name, jobId, reason }, 'queue backend unavailable: job kept in PostgreSQL until it answers')
  return { id: jobId, kept: true }
}

function addToQueue<N extends JobName>(name: N, data: JobPayload<N>, options: JobsOptions) {
  return withTimeout(
    getQueue(jobs[name].queue).add(name, data, { ...jobOptionsFor(name, data), ...options }),
    ENQUEUE_TIMEOUT_MS,
    `enqueue ${name}`,
  )
}

/** The delay before a kept job is tried again after `attempts` failures: 1 s, 2 s, 4 s … up to 30 s. */
export function pendingRetryDelayMs(attempts: number) {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, attempts - 1))
}

/** How long a sweeper holds the rows it took (another process takes them over after that). */
const PENDING_LEASE_MS = 60_000

/**
 * Enqueues the jobs kept in PendingJob while the queue backend was down, oldest first, each with
 * its business-key job id (a job enqueued twice runs once), deleting each row once enqueued.
 * Rows are taken with SKIP LOCKED and a lease, so several worker processes share the work. Stops
 * at the first failure (the backend is still down) and tries again after a growing delay.
 */
export async function sweepPendingJobs(limit = 200) {
  const rows = await prisma.$queryRaw<Array<{ id: string; name: string; data: unknown; jobId: string | null; options: JobsOptions | null; attempts: number; createdAt: Date }>>`
    UPDATE "PendingJob" SET "nextAttemptAt" = now() + make_interval(secs => ${PENDING_LEASE_MS / 1000})
    WHERE id IN (
      SELECT id FROM "PendingJob" WHERE "nextAttemptAt" <= now()
      ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    RETURNING id, name, data, "jobId", options, attempts, "createdAt"`
  rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  let enqueued = 0
  let discarded = 0
  for (const [index, row] of rows.entries()) {
    const definition = isJobName(row.name) ? jobs[row.name] : null
    const parsed = definition?.payload.safeParse(row.data)
    if (!definition || !parsed?.success) {
      // A job this version no longer knows, or a payload it no longer accepts: it could never run.
      getLogger().error({ job: row.name, jobId: row.jobId }, 'kept job discarded: unknown name or invalid payload')
      await prisma.pendingJob.delete({ where: { id: row.id } })
      discarded++
      continue
    }
    try {
      await addToQueue(row.name as JobName, parsed.data as never, { ...(row.options ?? {}), ...(row.jobId ? { jobId: row.jobId } : {}) })
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500)
      const left = rows.slice(index)
      await prisma.pendingJob.updateMany({
        where: { id: { in: left.map((r) => r.id) } },
        data: { attempts: { increment: 1 }, lastError, nextAttemptAt: new Date(Date.now() + pendingRetryDelayMs(row.attempts + 1)) },
      })
      return { enqueued, discarded, left: left.length, error: lastError }
    }
    await prisma.pendingJob.delete({ where: { id: row.id } })
    enqueued++
  }
  if (enqueued > 0) backendState().downUntil = 0
  return { enqueued, discarded, left: 0 }
}

export function createWorker(
  name: QueueName,
  processor: Processor,
  options: Partial<WorkerOptions> = {},
): AnyWorker {
  const system = getJobSystem()
  return new system.classes.Worker(name, processor, {
    ...system.baseOptions,
    concurrency: getEnv().WORKER_CONCURRENCY,
    ...options,
  } as never) as AnyWorker
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string) {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/** A cheap liveness probe of the queue backend, through a queue's own connection. */
export async function pingQueueBackend(timeoutMs = 2_000) {
  const queue = getQueue('emails')
  const started = performance.now()
  if (queueBackend() === 'redis') {
    await withTimeout(
      (async () => {
        const client = (await (queue.getBackend() as RedisQueueBackend).client) as unknown as { ping(): Promise<string> }
        const pong = await client.ping()
        if (pong !== 'PONG') throw new Error(`redis ping answered ${pong}`)
      })(),
      timeoutMs,
      'redis',
    )
  } else {
    const backend = queue.getBackend() as PostgresQueueBackend
    await withTimeout(backend.connection.waitUntilReady().then(() => backend.connection.pool.query('SELECT 1')), timeoutMs, 'postgres queue')
  }
  return { backend: queueBackend(), latencyMs: Math.round(performance.now() - started) }
}

/** Closes this process's queues (web shutdown, tests). */
export async function closeQueues() {
  const queues = [...openQueues().values()]
  openQueues().clear()
  await Promise.allSettled(queues.map((queue) => queue.close()))
  forgetSingleton('queue-backend-state')
  const env = getEnv()
  forgetSingleton(`jobs:${env.QUEUE_BACKEND}:${env.REDIS_URL ?? env.DATABASE_URL}:${env.QUEUE_PREFIX}`)
}
