import { isIP } from 'node:net'
import { availableParallelism } from 'node:os'
import { z } from 'zod'

/**
 * The one place that reads process.env. Web, workers and scripts call `getEnv()`; the first call
 * validates everything and fails with one message naming each missing or malformed variable.
 */
const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .url({ protocol: new RegExp(`^(${protocols.join('|')})$`) })
        .optional(),
    )
    .optional()

/**
 * The proxies whose X-Forwarded-For (client address) and X-Forwarded-Proto are believed: none by
 * default (`false`, also for an empty value), a number of hops, or a comma-separated list of
 * addresses, CIDR ranges and Express's names `loopback`, `linklocal`, `uniquelocal`. "Trust every
 * proxy" (`true`) is refused: any client could then choose the address its rate limits count.
 */
const trustProxy = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx): false | number | string[] => {
    if (value === '' || value === 'false' || value === 'none') return false
    if (/^\d{1,2}$/.test(value)) return Number(value)
    const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean)
    const valid = (entry: string) => {
      if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true
      const [address, bits, ...rest] = entry.split('/')
      if (rest.length > 0 || !address || !isIP(address)) return false
      if (bits === undefined) return true
      return /^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128)
    }
    const invalid = entries.filter((entry) => !valid(entry))
    if (entries.length === 0 || invalid.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected false, a number of hops, or addresses / CIDR ranges / loopback, linklocal, uniquelocal separated by commas (got ${JSON.stringify(invalid[0] ?? value)})`,
      })
      return z.NEVER
    }
    return entries
  })

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** The interface the web process listens on (the embedded default keeps to 127.0.0.1). */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Public base URL used in e-mail links. */
    APP_URL: optionalUrl(['http', 'https']),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    /** Web processes sharing the port; by default one per CPU (up to 4) in production, one otherwise. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(32).optional(),
    /** Connections per process to DATABASE_URL (Prisma); BullMQ on PostgreSQL adds its own small pools. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Without it, BullMQ runs on its PostgreSQL backend in DATABASE_URL. */
    REDIS_URL: optionalUrl(['redis', 'rediss']),
    /** Prefix of every BullMQ key / queue name, so that several installations can share one server. */
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/i).default('sillon'),
    /** Signs the session cookies. Required in production; development and tests use a fixed one. */
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
    /** smtp://user:pass@host:port or smtps://… — without it, e-mails stay in the staff outbox. */
    SMTP_URL: optionalUrl(['smtp', 'smtps']),
    MAIL_FROM: z.string().default('Sillon <ne-pas-repondre@sillon.local>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Where uploaded attachments are stored (outside public/). */
    STORAGE_DIR: z.string().default('.data/uploads'),
    /** Answer requests on the worker side with this many jobs at once per queue. */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** Set to false to run the web process without scheduling (tests). */
    ENABLE_SCHEDULERS: booleanish.default(true),
    /** Stripe (membership dues): both keys, or neither (dues off). Test-mode keys (sk_test_…) for trials. */
    STRIPE_SECRET_KEY: z.string().trim().transform((value) => (value === '' ? undefined : value)).pipe(z.string().startsWith('sk_', 'expected a Stripe secret key (sk_…)').optional()).optional(),
    STRIPE_WEBHOOK_SECRET: z.string().trim().transform((value) => (value === '' ? undefined : value)).pipe(z.string().startsWith('whsec_', 'expected a Stripe webhook signing secret (whsec_…)').optional()).optional(),
    /** Which proxies in front of the web may tell the client's address (X-Forwarded-For); none by default. */
    TRUST_PROXY: trustProxy,
    /** Public company directory (recherche-entreprises) base URL; empty disables online lookups. */
    COMPANY_DIRECTORY_URL: optionalUrl(['http', 'https']),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'missing (required in production: 32+ random characters)' })
    }
    if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
      const missing = env.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'
      ctx.addIssue({ code: 'custom', path: [missing], message: 'missing (membership dues need both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither)' })
    }
    if (env.NODE_ENV === 'production' && !env.APP_URL) {
      ctx.addIssue({ code: 'custom', path: ['APP_URL'], message: 'missing (required in production: the public URL used in e-mail links)' })
    }
  })
  .transform((env) => ({
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? 'development-only-secret-do-not-use-in-production',
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    QUEUE_BACKEND: env.REDIS_URL ? ('redis' as const) : ('postgres' as const),
    /** Membership dues through Stripe: on only with both keys (the embedded default has none). */
    DUES_ENABLED: Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET),
    WEB_CONCURRENCY: env.WEB_CONCURRENCY ?? (env.NODE_ENV === 'production' ? Math.min(availableParallelism(), 4) : 1),
  }))

export type Env = z.output<typeof envSchema>

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Configuration invalide (variables d'environnement) / invalid environment:\n${problems
        .map((problem) => `  - ${problem}`)
        .join('\n')}`,
    )
    this.name = 'EnvError'
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)'
    const missing = issue.code === 'invalid_type' && source[name] === undefined
    return missing ? `${name}: missing` : `${name}: ${issue.message}`
  })
  throw new EnvError(problems)
}

let cached: Env | undefined

/** Reads and validates the environment once per process. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

/** Tests and the embedded launcher change the environment before boot, then call this. */
export function resetEnvForTests() {
  cached = undefined
}
