import { awaitsPartner, type ApplicationStatus } from './application-state'

export interface StatusChangeRow {
  fromStatus: string | null
  toStatus: string
  at: Date
}

export interface Stage {
  status: ApplicationStatus
  since: Date
  until: Date | null
  /** Time spent in the stage, up to `now` for the current one. */
  durationMs: number
}

/** The stages an application went through, with the time spent in each (pure). */
export function timeInStages(history: StatusChangeRow[], now: Date): Stage[] {
  const sorted = [...history].sort((a, b) => a.at.getTime() - b.at.getTime())
  return sorted.map((change, index) => {
    const next = sorted[index + 1]
    const until = next ? next.at : null
    return {
      status: change.toStatus as ApplicationStatus,
      since: change.at,
      until,
      durationMs: Math.max(0, (until ?? now).getTime() - change.at.getTime()),
    }
  })
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The partner owes an answer (submitted or shortlisted) for longer than the charter's delay,
 * counted from the last change of status.
 */
export function isOverdue(status: string, history: StatusChangeRow[], charterDays: number, now: Date) {
  if (!awaitsPartner(status as ApplicationStatus)) return false
  const last = history.reduce<Date | null>((latest, change) => (!latest || change.at > latest ? change.at : latest), null)
  if (!last) return false
  return now.getTime() - last.getTime() > charterDays * DAY_MS
}

/** Days left before a deadline (0 on the day, negative once passed), for countdowns. */
export function daysUntil(deadline: Date | string | null, now: Date) {
  if (!deadline) return null
  const end = typeof deadline === 'string' ? new Date(deadline) : deadline
  return Math.ceil((end.getTime() - now.getTime()) / DAY_MS)
}
