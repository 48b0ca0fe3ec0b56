/**
 * When a person's digest is due, pure (no clock, no I/O): the scheduler passes every hour, on the
 * hour, and asks for each person whether their local digest time has come since the previous pass.
 *
 * The rule (the same one due.server.ts writes in SQL with `AT TIME ZONE`): with L(t) the local wall
 * clock of instant t in the person's zone and D the local date of L(t), the digest is due at the pass
 * t when L(t) ≥ D + hour and L(t − 1 h) < D + hour — the first pass at or after the local hour. So:
 * - 08:00 Europe/Paris is the 07:00 UTC pass in winter and the 06:00 UTC pass in summer;
 * - an hour that does not exist locally (02:00 on the spring-forward day) is served at the first pass
 *   after it (03:00 local), once;
 * - an hour that happens twice (02:00 on the fall-back day) is served at its first occurrence only;
 * - zones with a half-hour offset are served at the first pass after their hour (08:30 for 08:00).
 * Weekly digests add: the local date D is the chosen ISO weekday. The period key names the local
 * date ("D:2026-12-07") or the local ISO week ("W:2026-W50"): one digest per person per key.
 */
export type Frequency = 'DAILY' | 'WEEKLY' | 'NEVER'

export interface DigestSchedule {
  timeZone: string
  frequency: Frequency
  /** ISO weekday, 1 = Monday … 7 = Sunday (weekly digests). */
  weekday: number
  /** Local hour, 0–23. */
  hour: number
}

export const HOUR_MS = 3_600_000
export const FALLBACK_TIME_ZONE = 'Europe/Paris'

/** The pass hour of an instant: the instant floored to the UTC hour (the scheduler runs on the hour). */
export function passHour(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS)
}

/**
 * The pass hour a scheduler's tick job serves: the instant it was scheduled for (created ahead,
 * delayed until then), with a few seconds to spare for rounding. A tick run late (workers down a
 * while) still serves its own hour, and a retried tick the same one.
 */
export function scheduledPassHour(job: { timestamp: number; delay?: number }): Date {
  return passHour(new Date(job.timestamp + (job.delay ?? 0) + 5_000))
}

const partFormatters = new Map<string, Intl.DateTimeFormat>()

/** Whether the runtime knows this IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

/** A known zone, else the product's default (a person's stored zone is validated on input; this is a guard). */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : FALLBACK_TIME_ZONE
}

function formatterFor(timeZone: string) {
  let formatter = partFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    partFormatters.set(timeZone, formatter)
  }
  return formatter
}

export interface LocalTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  /** The wall clock as if it were UTC, in ms: comparable between two local times of one zone. */
  wallMs: number
}

/** The local wall clock of an instant in a zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = formatterFor(timeZone).formatToParts(instant)
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0)
  const year = get('year')
  const month = get('month')
  const day = get('day')
  const hour = get('hour') % 24
  const minute = get('minute')
  const second = get('second')
  return { year, month, day, hour, minute, wallMs: Date.UTC(year, month - 1, day, hour, minute, second) }
}

/** ISO weekday of a local date, 1 = Monday … 7 = Sunday. */
export function isoWeekday(year: number, month: number, day: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return weekday === 0 ? 7 : weekday
}

/** ISO week-numbering year and week of a local date. */
export function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day))
  // The Thursday of this week decides the year.
  date.setUTCDate(date.getUTCDate() + 4 - isoWeekday(year, month, day))
  const weekYear = date.getUTCFullYear()
  const firstDay = Date.UTC(weekYear, 0, 1)
  const week = Math.ceil(((date.getTime() - firstDay) / 86_400_000 + 1) / 7)
  return { year: weekYear, week }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** The period key of a frequency at an instant in a zone: "D:2026-12-07" or "W:2026-W50". */
export function periodKey(instant: Date, timeZone: string, frequency: Exclude<Frequency, 'NEVER'>): string {
  const local = localTime(instant, timeZone)
  if (frequency === 'DAILY') return `D:${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`
  const { year, week } = isoWeek(local.year, local.month, local.day)
  return `W:${pad(year, 4)}-W${pad(week)}`
}

export type DigestDue = { due: true; period: string } | { due: false; period: string | null }

/**
 * Whether the digest of this schedule is due at the pass `instant` (floored to its hour), and the
 * period it belongs to (null for NEVER).
 */
export function digestDue(instant: Date, schedule: DigestSchedule): DigestDue {
  if (schedule.frequency === 'NEVER') return { due: false, period: null }
  const at = passHour(instant)
  const timeZone = safeTimeZone(schedule.timeZone)
  const now = localTime(at, timeZone)
  const before = localTime(new Date(at.getTime() - HOUR_MS), timeZone)
  const threshold = Date.UTC(now.year, now.month - 1, now.day, schedule.hour)
  const period = periodKey(at, timeZone, schedule.frequency)
  const hourCrossed = now.wallMs >= threshold && before.wallMs < threshold
  const dayMatches = schedule.frequency === 'DAILY' || isoWeekday(now.year, now.month, now.day) === schedule.weekday
  return hourCrossed && dayMatches ? { due: true, period } : { due: false, period }
}

/** The period a person's digest belongs to at an instant whatever their hour (`--user` forces it). */
export function currentPeriod(instant: Date, schedule: Pick<DigestSchedule, 'timeZone' | 'frequency'>): string | null {
  if (schedule.frequency === 'NEVER') return null
  return periodKey(passHour(instant), safeTimeZone(schedule.timeZone), schedule.frequency)
}
