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
    await Promise.race([prisma.$queryRaw`SELECT 1`, timeout(2_000, 'database')])
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

/** Database and queue status, for /healthz (503 when either is down). */
export async function checkHealth() {
  const [database, queue] = await Promise.all([checkDatabase(), checkQueue()])
  return { status: database.ok && queue.ok ? ('ok' as const) : ('down' as const), database, queue }
}
