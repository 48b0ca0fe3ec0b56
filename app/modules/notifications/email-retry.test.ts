import { describe, expect, test } from 'vitest'
import { afterFailure, classifyFailure, QUEUE_LIFETIME_MS, retryDelayMs } from './email-retry'

const MINUTE = 60_000

describe('e-mail retry schedule', () => {
  test('the delay grows 1, 2, 5, 10, 30 min, then hourly', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 40].map((n) => retryDelayMs(n) / MINUTE)).toEqual([1, 2, 5, 10, 30, 60, 60, 60])
  })

  test('no SMTP reply or a 4xx reply is transient; a 5xx reply is permanent', () => {
    expect(classifyFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBe('transient')
    expect(classifyFailure(Object.assign(new Error('Greylisted'), { responseCode: 451 }))).toBe('transient')
    expect(classifyFailure(Object.assign(new Error('Mailbox full'), { responseCode: 452 }))).toBe('transient')
    expect(classifyFailure(Object.assign(new Error('No such user'), { responseCode: 550 }))).toBe('permanent')
    expect(classifyFailure('a string')).toBe('transient')
  })

  test('a transient failure stays queued well past five attempts, until the queue lifetime', () => {
    const createdAt = new Date('2026-12-07T10:00:00Z')
    let now = createdAt
    for (let attempts = 1; attempts <= 20; attempts++) {
      const next = afterFailure({ attempts, createdAt, now, kind: 'transient' })
      expect(next.status).toBe('QUEUED')
      if (next.status !== 'QUEUED') return
      expect(next.nextAttemptAt.getTime() - now.getTime()).toBe(retryDelayMs(attempts))
      now = next.nextAttemptAt
    }
    const late = new Date(createdAt.getTime() + QUEUE_LIFETIME_MS - 10 * MINUTE)
    expect(afterFailure({ attempts: 50, createdAt, now: late, kind: 'transient' })).toEqual({
      status: 'QUEUED',
      nextAttemptAt: new Date(createdAt.getTime() + QUEUE_LIFETIME_MS),
    })
    const expired = new Date(createdAt.getTime() + QUEUE_LIFETIME_MS)
    expect(afterFailure({ attempts: 51, createdAt, now: expired, kind: 'transient' })).toEqual({ status: 'FAILED' })
  })

  test('a permanent failure is retried once, then FAILED', () => {
    const createdAt = new Date('2026-12-07T10:00:00Z')
    expect(afterFailure({ attempts: 1, createdAt, now: createdAt, kind: 'permanent' }).status).toBe('QUEUED')
    expect(afterFailure({ attempts: 2, createdAt, now: createdAt, kind: 'permanent' })).toEqual({ status: 'FAILED' })
  })
})
