import { createHash } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '#app/generated/prisma/client'
import { getEnv } from './env.server'
import { getLogger } from './logger.server'
import { forgetSingleton, singleton } from './singleton.server'

export type { Prisma } from '#app/generated/prisma/client'

/** How many distinct statements each connection keeps prepared; the rest are planned at every call. */
const PREPARED_STATEMENTS_MAX = 500
const preparedNames = new Map<string, string>()

/**
 * A name per distinct SQL text, so that each pooled connection parses and plans a statement once
 * and then only binds and executes it (planning costs 1–4 ms on the needs list and the session
 * lookup, more than they take to run). The set is capped: statements whose text varies without
 * bound (bulk inserts of N rows) stop getting names once it is full.
 */
function statementName(query: { sql: string }): string {
  let name = preparedNames.get(query.sql)
  if (name === undefined && preparedNames.size < PREPARED_STATEMENTS_MAX) {
    name = `s_${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`
    preparedNames.set(query.sql, name)
  }
  // Without a name (the set is full), pg sends the statement unnamed, as Prisma does by default.
  return name as string
}

function createClient() {
  const env = getEnv()
  // JIT compilation costs more than it saves on these short queries (measured: +17–130 ms on the
  // needs list): off for the app's connections.
  const adapter = new PrismaPg(
    { connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, options: '-c jit=off' },
    { statementNameGenerator: statementName },
  )
  return new PrismaClient({ adapter })
}

export type Db = ReturnType<typeof createClient>
/** A client or the client of an open transaction. */
export type DbClient = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

/** The process's Prisma client, created on first use. */
export const prisma: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = singleton('prisma', createClient)
    const value = Reflect.get(client, property, client)
    return typeof value === 'function' ? value.bind(client) : value
  },
})

export async function disconnectPrisma() {
  const store = globalThis as unknown as { __sillonSingletons?: Map<string, unknown> }
  const client = store.__sillonSingletons?.get('prisma') as Db | undefined
  if (client) {
    forgetSingleton('prisma')
    await client.$disconnect()
  }
}

/** A transaction's client plus a way to run work (enqueueing jobs) only once it has committed. */
export interface Tx {
  db: DbClient
  afterCommit(hook: () => Promise<unknown> | unknown): void
}

/**
 * Runs `work` in one database transaction; hooks registered with `afterCommit` run after the
 * commit (never on rollback). Once committed, the change stands: a failing hook (the queue
 * backend is down, say) is logged and never turns the request into an error. Jobs are swept from
 * their PostgreSQL source of truth, so a lost enqueue is recovered.
 */
export async function transaction<T>(work: (tx: Tx) => Promise<T>, options?: { timeoutMs?: number }): Promise<T> {
  const hooks: Array<() => Promise<unknown> | unknown> = []
  const result = await prisma.$transaction((db) => work({ db, afterCommit: (hook) => hooks.push(hook) }), {
    timeout: options?.timeoutMs ?? 15_000,
    maxWait: 10_000,
  })
  for (const hook of hooks) {
    try {
      await hook()
    } catch (error) {
      getLogger().warn({ err: error }, 'after-commit work failed; the sweepers will retry it')
    }
  }
  return result
}
