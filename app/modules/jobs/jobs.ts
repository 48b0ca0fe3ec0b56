import type { JobsOptions } from 'bullmq'
import { z } from 'zod'

/**
 * Every background job: its dotted name, its queue and its payload schema. Payloads carry ids only
 * (never confidential text) and are parsed first thing in the processor.
 */
const id = z.string().min(1).max(64)

export const jobs = {
  'matching.score-need': { queue: 'matching', payload: z.object({ needId: id }) },
  'matching.score-firm': { queue: 'matching', payload: z.object({ firmId: id }) },
  'matching.refresh': { queue: 'matching', payload: z.object({ startedById: id.optional() }) },
  /** The nightly scheduler's job: enqueues a refresh (deduplicated, unlike a scheduler's own jobs). */
  'matching.nightly': { queue: 'matching', payload: z.object({}) },
  'matching.sweep': { queue: 'matching', payload: z.object({}) },
  'emails.send': { queue: 'emails', payload: z.object({ emailId: id }) },
  'emails.sweep': { queue: 'emails', payload: z.object({}) },
  /** The hourly pass of reminders (charter delays, draft deadlines, pilot ends); each sent once (ReminderSent). */
  'reminders.sweep': { queue: 'reminders', payload: z.object({ at: z.iso.datetime().optional() }) },
  /** The hourly pass: finds the users whose digest is due and enqueues their batches. */
  'digests.tick': { queue: 'digests', payload: z.object({ at: z.iso.datetime().optional() }) },
  /** One batch of a pass: at most 500 users, the pass instant; `force`: whatever their hour (`digests:send --user`). */
  'digests.batch': { queue: 'digests', payload: z.object({ at: z.iso.datetime(), userIds: z.array(id).min(1).max(500), force: z.boolean().optional() }) },
  /** A need was published: instant saved-search alerts (channel EMAIL). */
  'digests.need-published': { queue: 'digests', payload: z.object({ needId: id }) },
  /**
   * A verified Stripe webhook (issue 15): its job id is the event id (a repeat delivery runs once);
   * the processor fetches the object again from Stripe before applying it. (A Checkout session's
   * id runs to 66 characters or more.)
   */
  'billing.stripe-event': { queue: 'billing', payload: z.object({ eventId: id, type: z.string().min(1).max(100), objectId: z.string().min(1).max(255).optional(), createdAt: z.iso.datetime().optional() }) },
} as const

export type JobName = keyof typeof jobs
export type JobPayload<N extends JobName> = z.output<(typeof jobs)[N]['payload']>
export type QueueName = (typeof jobs)[JobName]['queue']

export const queueNames = [...new Set(Object.values(jobs).map((job) => job.queue))] as QueueName[]

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobs, name)
}

/** Business-key job ids: the same work enqueued twice while waiting runs once. */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayload<N>): string | undefined {
  switch (name) {
    case 'emails.send':
      return `email-${(payload as JobPayload<'emails.send'>).emailId}`
    case 'digests.need-published':
      return `need-published-${(payload as JobPayload<'digests.need-published'>).needId}`
    case 'billing.stripe-event':
      return (payload as JobPayload<'billing.stripe-event'>).eventId
    default:
      return undefined
  }
}

/**
 * Collapsing repeated work. Scoring the same need or firm again while a job for it waits adds
 * nothing (the waiting job reads the latest data when it runs); while one runs, one more is kept
 * to run after it. A firm's job waits a few seconds, so that a burst of profile edits is scored
 * once. One full refresh at a time.
 */
export function jobOptionsFor<N extends JobName>(name: N, payload: JobPayload<N>): JobsOptions {
  switch (name) {
    case 'matching.score-need':
      return { deduplication: { id: `score-need:${(payload as JobPayload<'matching.score-need'>).needId}`, keepLastIfActive: true } }
    case 'matching.score-firm':
      return { deduplication: { id: `score-firm:${(payload as JobPayload<'matching.score-firm'>).firmId}`, keepLastIfActive: true }, delay: FIRM_EDIT_SETTLE_MS }
    case 'matching.refresh':
      return { deduplication: { id: 'matching-refresh' }, attempts: 1 }
    // A batch is retried for about twenty minutes (its users are never skipped; the claim makes a
    // repeat harmless).
    case 'digests.batch':
      return { attempts: 8, backoff: { type: 'exponential', delay: 5_000 } }
    // A Stripe webhook whose fetch failed (Stripe down, rate-limited) is tried again for about
    // eleven hours (10 s doubling, 12 attempts); the event row makes a repeat harmless.
    case 'billing.stripe-event':
      return { attempts: 12, backoff: { type: 'exponential', delay: 10_000 } }
    default:
      return {}
  }
}

/** How long a firm's scoring waits for more edits of its profile. */
export const FIRM_EDIT_SETTLE_MS = 3_000
