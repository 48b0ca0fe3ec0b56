/**
 * When the launcher restarts a crashed process: at once the first time, then after a delay that
 * doubles with each crash in the window (1 s, 2 s, 4 s … up to maxDelayMs); past maxCrashes
 * crashes in the window it gives up, as the web's cluster primary does (server/index.ts).
 */
export interface RestartPolicy {
  windowMs: number
  maxCrashes: number
  baseDelayMs: number
  maxDelayMs: number
}

export const WORKER_RESTART_POLICY: RestartPolicy = { windowMs: 5 * 60_000, maxCrashes: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 }

export type RestartDecision =
  | { restart: true; delayMs: number; crashesInWindow: number }
  | { restart: false; crashesInWindow: number; reason: string }

/** `crashTimes`: when the process crashed (this crash included), in ms; `now`: this crash's time. */
export function decideRestart(crashTimes: readonly number[], now: number, policy: RestartPolicy = WORKER_RESTART_POLICY): RestartDecision {
  const crashesInWindow = crashTimes.filter((time) => time > now - policy.windowMs && time <= now).length
  if (crashesInWindow > policy.maxCrashes) {
    return {
      restart: false,
      crashesInWindow,
      reason: `it crashed ${crashesInWindow} times within ${Math.round(policy.windowMs / 1_000)} s (at most ${policy.maxCrashes} restarts)`,
    }
  }
  const delayMs = crashesInWindow <= 1 ? 0 : Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (crashesInWindow - 2))
  return { restart: true, delayMs, crashesInWindow }
}
