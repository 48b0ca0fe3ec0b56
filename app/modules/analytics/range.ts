/**
 * The period a staff page reports on, read from its URL (`from`, `to` as YYYY-MM-DD, both days
 * included) so that a view can be bookmarked and shared. Pure: no I/O. Without them, the last
 * twelve whole months and the current one; a reversed or impossible range falls back to that
 * default and says so (`corrected`), rather than failing the page.
 */
export interface DateRange {
  /** First instant included (00:00 UTC of `from`). */
  start: Date
  /** First instant excluded (00:00 UTC of the day after `to`). */
  end: Date
  from: string
  to: string
  /** The URL asked for something unusable; the default was used. */
  corrected: boolean
}

const DAY_MS = 86_400_000
/** Longest range a page computes (a decade). */
export const MAX_RANGE_DAYS = 3_660

function isoDay(date: Date) {
  return date.toISOString().slice(0, 10)
}

function parseDay(value: string | null): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const date = new Date(`${value}T00:00:00Z`)
  return Number.isNaN(date.getTime()) || isoDay(date) !== value ? null : date
}

/** The default: from the first day of the month eleven months ago, to today. */
export function defaultRange(now: Date): DateRange {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1))
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  return { start, end: new Date(today.getTime() + DAY_MS), from: isoDay(start), to: isoDay(today), corrected: false }
}

export function parseRange(params: URLSearchParams, now = new Date()): DateRange {
  const fallback = defaultRange(now)
  const fromParam = params.get('from')
  const toParam = params.get('to')
  if (!fromParam && !toParam) return fallback
  const from = fromParam ? parseDay(fromParam) : fallback.start
  const to = toParam ? parseDay(toParam) : new Date(fallback.end.getTime() - DAY_MS)
  if (!from || !to || to < from || (to.getTime() - from.getTime()) / DAY_MS > MAX_RANGE_DAYS) return { ...fallback, corrected: true }
  return { start: from, end: new Date(to.getTime() + DAY_MS), from: isoDay(from), to: isoDay(to), corrected: false }
}

/** The months a range covers ('2026-01' …), for charts by month. */
export function monthsOf(range: Pick<DateRange, 'start' | 'end'>): string[] {
  const months: string[] = []
  let cursor = new Date(Date.UTC(range.start.getUTCFullYear(), range.start.getUTCMonth(), 1))
  while (cursor < range.end) {
    months.push(cursor.toISOString().slice(0, 7))
    cursor = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1))
  }
  return months
}
