import { json } from '@remix-run/node'
import { checkHealth } from '#app/modules/health/service.server'

/** Liveness and readiness: 200 when PostgreSQL and the queue backend answer, 503 otherwise. */
export async function loader() {
  const health = await checkHealth()
  return json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
