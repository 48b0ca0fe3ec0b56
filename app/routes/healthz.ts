import { json } from '@remix-run/node'
import { checkHealth, healthHttpStatus } from '#app/modules/health/service.server'

/** Readiness: 200 when PostgreSQL answers (`degraded` when the queue backend does not), 503 otherwise. */
export async function loader() {
  const health = await checkHealth()
  return json(health, { status: healthHttpStatus(health.status), headers: { 'Cache-Control': 'no-store' } })
}
