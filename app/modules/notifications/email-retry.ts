/**
 * The e-mail retry schedule, as a mail transfer agent keeps it. A transient failure (no SMTP reply:
 * connection refused, timeout, DNS; or a 4xx reply) keeps the e-mail queued and retries it after a
 * growing delay until the e-mail is older than the queue lifetime; a permanent failure (a 5xx reply)
 * is retried once, then the e-mail is FAILED. Pure: no I/O, the clock is an argument.
 */

const MINUTE = 60_000

/** Delay after the 1st, 2nd, … failed attempt; hourly after the last. */
export const RETRY_DELAYS_MS = [1, 2, 5, 10, 30, 60].map((minutes) => minutes * MINUTE)

/** An e-mail still undelivered this long after it was queued is FAILED. */
export const QUEUE_LIFETIME_MS = 48 * 60 * MINUTE

/** A permanently refused e-mail is FAILED after this many attempts. */
export const MAX_PERMANENT_ATTEMPTS = 2

/** How long a worker's claim (SENDING) lasts before a sweep may put the e-mail back in the queue. */
export const CLAIM_MS = 10 * MINUTE

export type FailureKind = 'transient' | 'permanent'

/** nodemailer sets `responseCode` to the SMTP reply code; without a reply the failure is transient. */
export function classifyFailure(error: unknown): FailureKind {
  const code = typeof error === 'object' && error !== null ? (error as { responseCode?: unknown }).responseCode : undefined
  return typeof code === 'number' && code >= 500 && code < 600 ? 'permanent' : 'transient'
}

/** The wait after `attempts` failed attempts (1-based). */
export function retryDelayMs(attempts: number) {
  const index = Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1
  return RETRY_DELAYS_MS[index]!
}

export type AfterFailure = { status: 'QUEUED'; nextAttemptAt: Date } | { status: 'FAILED' }

/** What becomes of an e-mail whose `attempts`-th attempt (counted, 1-based) has just failed. */
export function afterFailure(input: { attempts: number; createdAt: Date; now: Date; kind: FailureKind }): AfterFailure {
  if (input.kind === 'permanent' && input.attempts >= MAX_PERMANENT_ATTEMPTS) return { status: 'FAILED' }
  const expires = input.createdAt.getTime() + QUEUE_LIFETIME_MS
  if (input.now.getTime() >= expires) return { status: 'FAILED' }
  // The last attempt is made when the lifetime ends, not an hour after.
  const next = Math.min(input.now.getTime() + retryDelayMs(input.attempts), expires)
  return { status: 'QUEUED', nextAttemptAt: new Date(next) }
}
