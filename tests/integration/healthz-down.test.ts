import { describe, expect, test } from 'vitest'
import { Visitor } from '#tests/helpers/app'

// This file's process sees a queue backend that does not answer (nothing listens on port 1).
process.env.REDIS_URL = 'redis://127.0.0.1:1'

describe('/healthz when the queue backend is down', () => {
  test('answers 200 "degraded" (pages keep answering, jobs are kept) and names the component that failed', async () => {
    const response = await new Visitor().get('/healthz')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.status).toBe('degraded')
    expect(body.database).toMatchObject({ ok: true })
    expect(body.queue).toMatchObject({ ok: false })
    expect(body.queue.error).toBe('queue backend unreachable')
    expect(JSON.stringify(body)).not.toContain('127.0.0.1')
  })

  test('pages keep answering', async () => {
    const response = await new Visitor().get('/login')
    expect(response.status).toBe(200)
  })
})
