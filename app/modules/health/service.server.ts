import { pingQueueBackend } from '#app/modules/jobs/queue.server'
import { prisma } from '#app/utils/db.server'
import { getLogger } from '#app/utils/logger.server'

export interface ComponentHealth {
  ok: boolean
  latencyMs?: number
  backend?: string
  error?: string
}

function timeout(ms: number, what: string) {
  return new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms).unref())
}

async function checkDatabase(): Promise<ComponentHealth> {
  const started = performance.now()
  try {
    await Promise.race([prisma.$queryRaw`SELECT 1`, timeout(5_000, 'database')])
    return { ok: true, latencyMs: Math.round(performance.now() - started) }
  } catch (error) {
    getLogger().warn({ err: error }, 'health: database down')
    return { ok: false, error: 'database unreachable' }
  }
}

async function checkQueue(): Promise<ComponentHealth> {
  try {
    const result = await pingQueueBackend()
    return { ok: true, latencyMs: result.latencyMs, backend: result.backend }
  } catch (error) {
    getLogger().warn({ err: error }, 'health: queue backend down')
    return { ok: false, error: 'queue backend unreachable' }
  }
}

/**
 * Database and queue status, for /healthz. `down` (503) when PostgreSQL does not answer: nothing
 * works without it. `degraded` (200) when only the queue backend is away: pages keep answering
 * and jobs are kept in PostgreSQL until it is back, so a load balancer keeps this process in
 * rotation; monitoring reads `queue.ok`. See docs/decisions/0015-faults-and-install.md.
 */
export async function checkHealth() {
  const [database, queue] = await Promise.all([checkDatabase(), checkQueue()])
  const status = !database.ok ? ('down' as const) : queue.ok ? ('ok' as const) : ('degraded' as const)
  return { status, database, queue }
}

/** The HTTP status of /healthz for a health status. */
export function healthHttpStatus(status: Awaited<ReturnType<typeof checkHealth>>['status']) {
  return status === 'down' ? 503 : 200
}
