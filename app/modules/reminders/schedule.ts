/**
 * When reminders are due, pure: calendar days counted in one time zone (Europe/Paris, the zone of
 * the charter and of every hub: one due day for a whole partner team, whoever reads it), dates
 * written in each reader's own zone by the caller. No clock inside: `now` is an argument.
 */
export const REMINDER_ZONE = 'Europe/Paris'

/** Days before the charter's due day when the partner is reminded (and again on the day). */
export const CHARTER_SOON_DAYS = 2
/** Days before a need's deadline when a firm holding a draft is reminded. */
export const DRAFT_DEADLINE_DAYS = 3
/** Days before a pilot's end when both sides are reminded. */
export const PILOT_END_DAYS = 7

const dayFormatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(instant: Date, timeZone = REMINDER_ZONE): string {
  let formatter = dayFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormatters.set(timeZone, formatter)
  }
  return formatter.format(instant)
}

const DAY_MS = 86_400_000
const utcMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string) {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS)
}

export function addDays(day: string, days: number) {
  return new Date(utcMidnight(day) + days * DAY_MS).toISOString().slice(0, 10)
}

/** An instant inside a calendar day in every zone from UTC−11 to UTC+11: for writing the day in a reader's zone. */
export function middayOf(day: string) {
  return new Date(`${day}T12:00:00Z`)
}

/** The charter's due day of an application: its submission day plus the delay, in calendar days. */
export function charterDueDay(submittedAt: Date, charterDays: number) {
  return addDays(dayIn(submittedAt), charterDays)
}

export type CharterStage = 'soon' | 'due'

/**
 * The reminder a partner owes an undecided application at `now`: `soon` one or two days before
 * the due day (the day before catches a missed pass), `due` on the day itself, else none.
 */
export function charterReminder(submittedAt: Date, charterDays: number, now: Date): { stage: CharterStage; dueDay: string; daysLeft: number } | null {
  const dueDay = charterDueDay(submittedAt, charterDays)
  const daysLeft = daysBetween(dayIn(now), dueDay)
  if (daysLeft === 0) return { stage: 'due', dueDay, daysLeft }
  if (daysLeft > 0 && daysLeft <= CHARTER_SOON_DAYS) return { stage: 'soon', dueDay, daysLeft }
  return null
}

/** Calendar days an undecided application is late at `now` (0 while within the charter's delay). */
export function daysLate(submittedAt: Date, charterDays: number, now: Date) {
  return Math.max(0, daysBetween(charterDueDay(submittedAt, charterDays), dayIn(now)))
}

/**
 * Days left before a day (a need's deadline, a pilot's end) when a reminder is due: within
 * `withinDays` days and not yet reached (a pass missed on the first day catches up the next), else null.
 */
export function daysLeftWithin(target: Date, withinDays: number, now: Date) {
  const left = daysBetween(dayIn(now), dayIn(target))
  return left > 0 && left <= withinDays ? left : null
}
