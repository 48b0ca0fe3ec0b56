/**
 * The staff home's daily queues and its month's figures (pure: no I/O). The rows themselves come
 * from the services of the pages each queue links to (app/modules/staff/queues.server.ts).
 */
export const STAFF_QUEUES = ['moderation', 'verification', 'curation', 'screening', 'late'] as const
export type StaffQueue = (typeof STAFF_QUEUES)[number]

/** `?queue=` of the staff home: an unknown or missing value shows the first queue. */
export function parseStaffQueue(value: string | null | undefined): StaffQueue {
  return STAFF_QUEUES.find((queue) => queue === value) ?? 'moderation'
}

/** Oldest first: by the date a row has waited since, then by id (a stable order for equal dates). */
export function oldestFirst<Row extends { id: string; waitingSince: Date | null }>(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => {
    const at = a.waitingSince?.getTime() ?? Number.POSITIVE_INFINITY
    const bt = b.waitingSince?.getTime() ?? Number.POSITIVE_INFINITY
    return at - bt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  })
}

/** The offset of `timeZone` from UTC at `at`, in milliseconds (positive east of Greenwich). */
function zoneOffsetMs(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  )
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  return asUtc - Math.floor(at.getTime() / 1000) * 1000
}

/** Midnight of the first day of a month in `timeZone`, as an instant. */
function monthStart(year: number, monthIndex: number, timeZone: string) {
  const guess = new Date(Date.UTC(year, monthIndex, 1))
  const first = new Date(guess.getTime() - zoneOffsetMs(guess, timeZone))
  // Across a change of offset on that night, correct once with the offset at the result.
  return new Date(guess.getTime() - zoneOffsetMs(first, timeZone))
}

export interface MonthPeriod {
  /** `YYYY-MM`, for the labels. */
  month: string
  start: Date
  /** Exclusive. */
  end: Date
}

/** This month (up to its end) and the month before, in the actor's time zone. */
export function currentAndPreviousMonth(now: Date, timeZone = 'Europe/Paris'): { current: MonthPeriod; previous: MonthPeriod } {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number]
  const period = (y: number, m: number): MonthPeriod => {
    const next = m === 11 ? [y + 1, 0] : [y, m + 1]
    return { month: `${y}-${String(m + 1).padStart(2, '0')}`, start: monthStart(y, m, timeZone), end: monthStart(next[0]!, next[1]!, timeZone) }
  }
  const current = period(year, month - 1)
  const previous = month === 1 ? period(year - 1, 11) : period(year, month - 2)
  return { current, previous }
}

/** A share in whole percent, or null without a denominator. */
export function percentOf(part: number, whole: number) {
  return whole > 0 ? Math.round((100 * part) / whole) : null
}
