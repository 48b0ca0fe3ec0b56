import pg from 'pg'
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'
import { AppError } from '#app/modules/shared/app-error'
import { getEnv } from './env.server'
import { getLogger } from './logger.server'
import { forgetSingleton, singleton } from './singleton.server'

/**
 * Limits on the requests an attacker would repeat: log-in attempts, password-reset e-mails,
 * sign-ups, API calls. Counters live in PostgreSQL (table rate_limits), so they hold across web
 * processes. Exceeding a limit answers 429 with the wait in minutes.
 */
const LIMITS = {
  /** Per address and IP: a password guessed slowly at best. */
  login: { points: 10, duration: 15 * 60 },
  /**
   * Per address, whatever the IP: an attacker spreading guesses over many addresses (a botnet,
   * rotated proxies) still gets 30 per quarter hour on one account (decision 0010).
   */
  loginAddress: { points: 30, duration: 15 * 60 },
  /** Per IP, all addresses together. */
  loginIp: { points: 100, duration: 15 * 60 },
  passwordReset: { points: 5, duration: 60 * 60 },
  signup: { points: 20, duration: 60 * 60 },
  /** Per API token (the README's promise). */
  api: { points: 600, duration: 60 },
} as const

export const API_CALLS_PER_MINUTE = LIMITS.api.points

export type RateLimitKind = keyof typeof LIMITS

function limiter(kind: RateLimitKind) {
  const env = getEnv()
  const pool = singleton(`rate-limit-pool:${env.DATABASE_URL}`, () => {
    const created = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2, options: '-c jit=off' })
    // An idle connection closed by the server (restart, failover) is replaced on next use.
    created.on('error', (error) => getLogger().warn({ err: error }, 'rate-limit pool connection error'))
    return created
  })
  return singleton(`rate-limiter:${kind}:${env.DATABASE_URL}`, () => {
    return new RateLimiterPostgres({
      storeClient: pool,
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: kind,
      ...LIMITS[kind],
    })
  })
}

/**
 * Counts one attempt; throws a 429 AppError once the limit is reached, with the wait in minutes
 * (the forms' message) and in seconds (`retryAfterSeconds`, the API's Retry-After header).
 */
export async function rateLimit(kind: RateLimitKind, key: string, messageKey = 'errors.tooManyRequests') {
  try {
    await limiter(kind).consume(key.slice(0, 200))
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000))
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000))
      throw new AppError(429, 'rate_limited', messageKey, { count: minutes, minutes, retryAfterSeconds, limit: LIMITS[kind].points })
    }
    throw error
  }
}

/** A successful log-in clears the address's failed attempts. */
export async function resetRateLimit(kind: RateLimitKind, key: string) {
  await limiter(kind).delete(key.slice(0, 200))
}

/** Closes this process's rate-limit connections (shutdown, tests). */
export async function closeRateLimits() {
  const env = getEnv()
  const key = `rate-limit-pool:${env.DATABASE_URL}`
  const store = globalThis as unknown as { __sillonSingletons?: Map<string, unknown> }
  const pool = store.__sillonSingletons?.get(key) as pg.Pool | undefined
  if (!pool) return
  forgetSingleton(key)
  for (const kind of Object.keys(LIMITS)) forgetSingleton(`rate-limiter:${kind}:${env.DATABASE_URL}`)
  await pool.end()
}
