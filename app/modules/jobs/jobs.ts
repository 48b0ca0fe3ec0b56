import { z } from 'zod'

/**
 * Every background job: its dotted name, its queue and its payload schema. Payloads carry ids only
 * (never confidential text) and are parsed first thing in the processor.
 */
const id = z.string().min(1).max(64)

export const jobs = {
  'matching.score-need': { queue: 'matching', payload: z.object({ needId: id }) },
  'matching.sweep': { queue: 'matching', payload: z.object({}) },
  'emails.send': { queue: 'emails', payload: z.object({ emailId: id }) },
  'emails.sweep': { queue: 'emails', payload: z.object({}) },
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
    default:
      return undefined
  }
}
