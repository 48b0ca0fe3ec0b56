import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, inject } from 'vitest'

/**
 * Per test file: a fresh database cloned from the migrated template, its own queue prefix on the
 * real Redis, and the environment the application reads at boot. Everything is dropped afterwards.
 */
const serverUrl = inject('databaseServerUrl')
const template = inject('templateDatabase')
const suffix = randomBytes(4).toString('hex')
const database = `sillon_t_${inject('testRunId')}_${suffix}`

const admin = new pg.Client({ connectionString: serverUrl })
await admin.connect()
await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template}`)
await admin.end()

const url = new URL(serverUrl)
url.pathname = `/${database}`
process.env.NODE_ENV = 'test'
process.env.DATABASE_URL = url.toString()
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
process.env.QUEUE_PREFIX = `t${suffix}`
process.env.APP_URL = 'http://localhost:3000'
process.env.SESSION_SECRET = 'test-secret-test-secret-test-secret-42'
process.env.LOG_LEVEL = 'error'
process.env.ENABLE_SCHEDULERS = 'false'
process.env.STORAGE_DIR = `.data/test-uploads/${suffix}`
delete process.env.SMTP_URL

afterAll(async () => {
  const { closeQueues } = await import('#app/modules/jobs/queue.server')
  const { disconnectPrisma } = await import('#app/utils/db.server')
  const { closeRateLimits } = await import('#app/utils/rate-limit.server')
  await closeQueues()
  await closeRateLimits()
  await disconnectPrisma()
  const { Redis } = await import('ioredis')
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await redis.connect()
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `t${suffix}:*`, 'COUNT', 500)
      cursor = next
      if (keys.length) await redis.del(...keys)
    } while (cursor !== '0')
  } catch {
    // Redis not used by this file
  } finally {
    redis.disconnect()
  }
  const cleanup = new pg.Client({ connectionString: serverUrl })
  await cleanup.connect()
  await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  await cleanup.end()
})
