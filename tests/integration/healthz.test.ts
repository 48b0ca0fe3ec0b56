import { describe, expect, test } from 'vitest'
import { Visitor } from '#tests/helpers/app'

describe('/healthz', () => {
  test('reports PostgreSQL and the queue backend as up, with their latency', async () => {
    const response = await new Visitor().get('/healthz')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const body = await response.json()
    expect(body).toMatchObject({ status: 'ok', database: { ok: true }, queue: { ok: true, backend: 'redis' } })
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0)
  })
})
