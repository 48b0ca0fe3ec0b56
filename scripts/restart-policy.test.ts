import { expect, test } from 'vitest'
import { decideRestart, type RestartPolicy } from './restart-policy.ts'

const policy: RestartPolicy = { windowMs: 60_000, maxCrashes: 3, baseDelayMs: 1_000, maxDelayMs: 4_000 }

test.each([
  { crashes: [10_000], now: 10_000, expected: { restart: true, delayMs: 0, crashesInWindow: 1 } },
  { crashes: [10_000, 20_000], now: 20_000, expected: { restart: true, delayMs: 1_000, crashesInWindow: 2 } },
  { crashes: [10_000, 20_000, 30_000], now: 30_000, expected: { restart: true, delayMs: 2_000, crashesInWindow: 3 } },
  // Crashes older than the window are forgotten: a crash a day is always restarted at once.
  { crashes: [0, 100_000, 200_000], now: 200_000, expected: { restart: true, delayMs: 0, crashesInWindow: 1 } },
])('restarts after $crashes.length crash(es) with the expected delay', ({ crashes, now, expected }) => {
  expect(decideRestart(crashes, now, policy)).toEqual(expected)
})

test('the delay is capped', () => {
  const wide = { ...policy, maxCrashes: 10 }
  expect(decideRestart([1, 2, 3, 4, 5, 6, 7], 7, wide)).toEqual({ restart: true, delayMs: 4_000, crashesInWindow: 7 })
})

test('gives up after repeated crashes, saying why', () => {
  const decision = decideRestart([1_000, 2_000, 3_000, 4_000], 4_000, policy)
  expect(decision).toMatchObject({ restart: false, crashesInWindow: 4 })
  expect(decision.restart === false && decision.reason).toBe('it crashed 4 times within 60 s (at most 3 restarts)')
})
