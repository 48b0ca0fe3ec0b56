/**
 * The period a staff page reports on, read from its URL (`from`, `to` as YYYY-MM-DD, both days
 * included) so that a view can be bookmarked and shared. Pure: no I/O. Days and months are the
 * associations' own, in Europe/Paris: `from=2026-12-01` starts at 00:00 in Paris (23:00 UTC the
 * day before), as the dates on the pages are shown. Without them, the last twelve whole months and
 * the current one; a reversed or impossible range falls back to that default and says so
 * (`corrected`), rather than failing the page.
 */
export interface DateRange {
  /** First instant included (00:00 in Paris of `from`). */
  start: Date
  /** First instant excluded (00:00 in Paris of the day after `to`). */
  end: Date
  from: string
  to: string
  /** The URL asked for something unusable; the default was used. */
  corrected: boolean
}

/** The zone of the periods' days and months (the SQL groups months in it too). */
export const RANGE_TIME_ZONE = 'Europe/Paris'
/** Longest range a page computes (a decade). */
export const MAX_RANGE_DAYS = 3_660
const DAY_MS = 86_400_000

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: RANGE_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** The wall-clock date and time in Paris of an instant. */
function zoned(instant: Date) {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((part) => [part.type, part.value]))
  return { year: Number(parts.year), month: Number(parts.month) - 1, day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) }
}

/** The instant of 00:00 in Paris on a calendar day (month 0-based, overflowing days and months allowed). */
export function zonedMidnight(year: number, month: number, day: number): Date {
  const wall = Date.UTC(year, month, day)
  let instant = wall
  // Twice: the offset at the first guess may differ from the offset at midnight (a DST change).
  for (let i = 0; i < 2; i++) {
    const z = zoned(new Date(instant))
    const offset = Date.UTC(z.year, z.month, z.day, z.hour, z.minute, z.second) - instant
    instant = wall - offset
  }
  return new Date(instant)
}

function isoDay(year: number, month: number, day: number) {
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10)
}

function parseDay(value: string | null): { year: number; month: number; day: number } | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const date = new Date(`${value}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return null
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() }
}

function rangeOf(from: { year: number; month: number; day: number }, to: { year: number; month: number; day: number }): DateRange {
  return {
    start: zonedMidnight(from.year, from.month, from.day),
    end: zonedMidnight(to.year, to.month, to.day + 1),
    from: isoDay(from.year, from.month, from.day),
    to: isoDay(to.year, to.month, to.day),
    corrected: false,
  }
}

/** The default: from the first day of the month eleven months ago, to today (in Paris). */
export function defaultRange(now: Date): DateRange {
  const today = zoned(now)
  const first = new Date(Date.UTC(today.year, today.month - 11, 1))
  return rangeOf({ year: first.getUTCFullYear(), month: first.getUTCMonth(), day: 1 }, today)
}

export function parseRange(params: URLSearchParams, now = new Date()): DateRange {
  const fallback = defaultRange(now)
  const fromParam = params.get('from')
  const toParam = params.get('to')
  if (!fromParam && !toParam) return fallback
  const from = fromParam ? parseDay(fromParam) : parseDay(fallback.from)
  const to = toParam ? parseDay(toParam) : parseDay(fallback.to)
  if (!from || !to) return { ...fallback, corrected: true }
  const days = (Date.UTC(to.year, to.month, to.day) - Date.UTC(from.year, from.month, from.day)) / DAY_MS
  if (days < 0 || days > MAX_RANGE_DAYS) return { ...fallback, corrected: true }
  return rangeOf(from, to)
}

/** The months a range covers ('2026-01' …, Paris months), for charts by month. */
export function monthsOf(range: Pick<DateRange, 'start' | 'end'>): string[] {
  const first = zoned(range.start)
  const last = zoned(new Date(range.end.getTime() - 1))
  const months: string[] = []
  for (let cursor = new Date(Date.UTC(first.year, first.month, 1)); cursor <= new Date(Date.UTC(last.year, last.month, 1)); cursor = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1))) {
    months.push(cursor.toISOString().slice(0, 7))
  }
  return months
}
