/**
 * What the jobs page shows of a job's payload (pure): its ids only. Payloads carry ids by design
 * (app/modules/jobs/jobs.ts); this keeps the page to them even if a payload ever held more: a
 * field named `…Id` with a short identifier is shown, a list of ids (`…Ids`) by its length, any
 * other field by its name alone.
 */
const ID = /^[A-Za-z0-9_:.-]{1,64}$/

export type JobDataField = { name: string; kind: 'id'; value: string } | { name: string; kind: 'ids'; count: number } | { name: string; kind: 'hidden' }

export function jobDataIds(data: unknown): JobDataField[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return []
  return Object.entries(data as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]): JobDataField => {
      if (/Id$/.test(name) && typeof value === 'string' && ID.test(value)) return { name, kind: 'id', value }
      if (/Ids$/.test(name) && Array.isArray(value)) return { name, kind: 'ids', count: value.length }
      return { name, kind: 'hidden' }
    })
}

/** A job's id from a form: BullMQ's ids (numbers, business keys such as `email-…`, scheduler ids). */
export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_:.@-]{1,200}$/.test(value)
}

/** The states the jobs page counts, in its order (shared by the server and the page's bundle). */
export const JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const
export type JobState = (typeof JOB_STATES)[number]
