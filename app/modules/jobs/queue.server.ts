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
import { getEnv } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { forgetSingleton, singleton } from '#app/utils/singleton.server'
import { jobIdFor, jobOptionsFor, jobs, type JobName, type JobPayload, type QueueName } from './jobs'

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
    ...(role === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, connectTimeout: 3_000 }),
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

/**
 * Enqueues a job after validating its payload; business-key job ids make repeats harmless. Gives
 * up after a few seconds when the queue backend does not answer (the sweepers catch up later).
 */
export async function enqueueJob<N extends JobName>(name: N, payload: JobPayload<N>, options: JobsOptions = {}) {
  const definition = jobs[name]
  const data = definition.payload.parse(payload)
  const jobId = jobIdFor(name, data as JobPayload<N>)
  return withTimeout(
    getQueue(definition.queue).add(name, data, { ...(jobId ? { jobId } : {}), ...jobOptionsFor(name, data as JobPayload<N>), ...options }),
    5_000,
    `enqueue ${name}`,
  )
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
  const env = getEnv()
  forgetSingleton(`jobs:${env.QUEUE_BACKEND}:${env.REDIS_URL ?? env.DATABASE_URL}:${env.QUEUE_PREFIX}`)
}
