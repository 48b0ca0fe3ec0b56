import { charterDueDay, dayIn, daysLate } from '#app/modules/reminders/schedule'

/**
 * The partner scorecard's arithmetic, pure (no I/O, no clock: `now` and the period are
 * arguments): percentiles of the time to first response, the charter's on-time share (the
 * reminders' calendar-day rule, app/modules/reminders/schedule.ts), the contracts' shares and the
 * table's sort. `scorecard.server.ts` loads the facts in a few set-based queries and calls here.
 * Every figure is defined in docs/decisions/0020-partner-scorecards.md.
 */

const DAY_MS = 86_400_000

/** Revenue bands of the firms of 1 to 10 M€ (the Small Business Act's target). */
export const SMALL_FIRM_BANDS = ['M1_2M', 'M2_5M', 'M5_10M'] as const

/** The statuses a partner's first response moves an application to (staff screening is not one). */
export const RESPONSE_STATUSES = ['SHORTLISTED', 'INFO_REQUESTED', 'ACCEPTED', 'DECLINED'] as const

export interface Period {
  start: Date
  /** Excluded. */
  end: Date
}

export const inPeriod = (at: Date | null | undefined, period: Period) => Boolean(at) && at! >= period.start && at! < period.end

/** An application submitted in the period, on one of the partner's needs. */
export interface ApplicationFact {
  partnerId: string
  needId: string
  status: string
  /**
   * When the application reached the partner: its submission, or on a need screened by staff
   * the moment staff released it (its first move out of SCREENING). The partner's clock starts here.
   */
  submittedAt: Date
  /** Still in staff screening (a screened need, SUBMITTED or SCREENING): not the partner's to answer yet. */
  beingScreened?: boolean
  /** The first move of the partner's side after the submission (see RESPONSE_STATUSES), if any. */
  firstResponseAt: Date | null
  /** When it was accepted or declined (Application.decidedAt). */
  decidedAt: Date | null
  declineReason: string | null
  /** The partner's own delay, else its need's hub's (the reminders' rule). */
  charterDays: number
}

export interface DealFact {
  partnerId: string
  needId: string
  status: string
  pilotStartsOn: Date | null
  createdAt: Date
  contractSignedAt: Date | null
  contractValueEur: number | null
  firmRevenueBand: string | null
  firmHomeHubId: string
}

/** The value at rank `p` (0–1) of sorted values, interpolated between neighbours (PostgreSQL's `percentile_cont`). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  const rank = p * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low)
}

export const roundTo = (value: number, digits: number) => {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** `part / whole`, or null when nothing was counted (a share of nothing is not 0 %). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/** Days from the submission to the first response, with one decimal. */
export function responseDays(submittedAt: Date, firstResponseAt: Date) {
  return roundTo((firstResponseAt.getTime() - submittedAt.getTime()) / DAY_MS, 1)
}

/** Decided with a reason: accepted, or declined with a decline reason. */
export function decidedWithReason(application: Pick<ApplicationFact, 'status' | 'decidedAt' | 'declineReason'>) {
  return application.decidedAt !== null && (application.status === 'ACCEPTED' || (application.status === 'DECLINED' && application.declineReason !== null))
}

export type CharterOutcome = 'onTime' | 'late' | 'notDue' | 'withdrawn'

/**
 * Where an application stands against the charter at `now`: decided with a reason on or before
 * its due day (`onTime`); decided after it, declined without a reason, or undecided past it
 * (`late`); undecided and not yet due (`notDue`: not counted yet); withdrawn by the firm before a
 * decision (`withdrawn`: nothing was owed). Days are calendar days in Europe/Paris, as the
 * reminders and /staff/late count them.
 */
export function charterOutcome(application: Pick<ApplicationFact, 'status' | 'submittedAt' | 'decidedAt' | 'declineReason' | 'charterDays' | 'beingScreened'>, now: Date): CharterOutcome {
  // Staff still screen it: the partner has not seen it, its delay has not started.
  if (application.beingScreened) return 'notDue'
  if (decidedWithReason(application)) {
    return dayIn(application.decidedAt!) <= charterDueDay(application.submittedAt, application.charterDays) ? 'onTime' : 'late'
  }
  if (application.status === 'DECLINED' || application.status === 'ACCEPTED') return 'late'
  if (application.status === 'WITHDRAWN') return 'withdrawn'
  return daysLate(application.submittedAt, application.charterDays, now) > 0 ? 'late' : 'notDue'
}

export interface ApplicationSummary {
  applicationsReceived: number
  /** Applications with a first response (the percentiles' population). */
  responded: number
  responseMedianDays: number | null
  responseP90Days: number | null
  /** Applications whose answer was due by `now` or given (the share's denominator). */
  charterCounted: number
  charterOnTime: number
  charterShare: number | null
}

export function summariseApplications(applications: readonly ApplicationFact[], now: Date): ApplicationSummary {
  const delays: number[] = []
  let charterCounted = 0
  let charterOnTime = 0
  for (const application of applications) {
    if (application.firstResponseAt) delays.push(responseDays(application.submittedAt, application.firstResponseAt))
    const outcome = charterOutcome(application, now)
    if (outcome === 'onTime' || outcome === 'late') charterCounted++
    if (outcome === 'onTime') charterOnTime++
  }
  delays.sort((a, b) => a - b)
  const rounded = (value: number | null) => (value === null ? null : roundTo(value, 1))
  return {
    applicationsReceived: applications.length,
    responded: delays.length,
    responseMedianDays: rounded(percentile(delays, 0.5)),
    responseP90Days: rounded(percentile(delays, 0.9)),
    charterCounted,
    charterOnTime,
    charterShare: share(charterOnTime, charterCounted),
  }
}

export interface DealSummary {
  pilotsStarted: number
  pilotsSucceeded: number
  contractsSigned: number
  contractValueEur: number
  smallFirmValueEur: number
  smallFirmShare: number | null
  hubFirmValueEur: number
  hubFirmShare: number | null
}

/** A pilot's start: its start date, else the deal's creation. */
export const pilotStart = (deal: Pick<DealFact, 'pilotStartsOn' | 'createdAt'>) => deal.pilotStartsOn ?? deal.createdAt

/** Every deal opens as a pilot; it succeeded when marked so, or when it led to the contract. */
export const pilotSucceeded = (deal: Pick<DealFact, 'status'>) => deal.status === 'PILOT_SUCCEEDED' || deal.status === 'CONTRACT'

export function summariseDeals(deals: readonly DealFact[], period: Period, partnerHubId: string): DealSummary {
  let pilotsStarted = 0
  let pilotsSucceeded = 0
  let contractsSigned = 0
  let contractValueEur = 0
  let smallFirmValueEur = 0
  let hubFirmValueEur = 0
  for (const deal of deals) {
    if (inPeriod(pilotStart(deal), period)) {
      pilotsStarted++
      if (pilotSucceeded(deal)) pilotsSucceeded++
    }
    if (inPeriod(deal.contractSignedAt, period)) {
      contractsSigned++
      const value = deal.contractValueEur ?? 0
      contractValueEur += value
      if ((SMALL_FIRM_BANDS as readonly string[]).includes(deal.firmRevenueBand ?? '')) smallFirmValueEur += value
      if (deal.firmHomeHubId === partnerHubId) hubFirmValueEur += value
    }
  }
  return {
    pilotsStarted,
    pilotsSucceeded,
    contractsSigned,
    contractValueEur,
    smallFirmValueEur,
    smallFirmShare: share(smallFirmValueEur, contractValueEur),
    hubFirmValueEur,
    hubFirmShare: share(hubFirmValueEur, contractValueEur),
  }
}

// ───────── issue 14: pitches (decision 0028) ─────────

/** A pitch staff sent to one of the partners: sent in the period, or still unanswered (for `pitchesLateNow`). */
export interface PitchFact {
  partnerId: string
  status: string
  sentAt: Date
  answeredAt: Date | null
  /** The partner's own delay, else its home hub's. */
  charterDays: number
}

export interface PitchSummary {
  /** Pitches sent to the partner in the period. */
  pitchesReceived: number
  /** Of those, answered (interested or declined). */
  pitchesAnswered: number
  /** Of those, the ones whose answer was due by `now` or given (the share's denominator). */
  pitchesCharterCounted: number
  pitchesOnTime: number
  pitchesShare: number | null
  /** Sent, unanswered and past their due day at `now`, whatever the period. */
  pitchesLateNow: number
}

/**
 * Where a sent pitch stands against the charter at `now`, as `charterOutcome` does for
 * applications: answered on or before its due day (`onTime`), after it or unanswered past it
 * (`late`), not yet due (`notDue`), withdrawn by the firm before an answer (`withdrawn`).
 */
export function pitchOutcome(pitch: Pick<PitchFact, 'status' | 'sentAt' | 'answeredAt' | 'charterDays'>, now: Date): CharterOutcome {
  const due = charterDueDay(pitch.sentAt, pitch.charterDays)
  if (pitch.answeredAt) return dayIn(pitch.answeredAt) <= due ? 'onTime' : 'late'
  if (pitch.status === 'WITHDRAWN') return 'withdrawn'
  return daysLate(pitch.sentAt, pitch.charterDays, now) > 0 ? 'late' : 'notDue'
}

export function summarisePitches(pitches: readonly PitchFact[], period: Period, now: Date): PitchSummary {
  let pitchesReceived = 0
  let pitchesAnswered = 0
  let pitchesCharterCounted = 0
  let pitchesOnTime = 0
  let pitchesLateNow = 0
  for (const pitch of pitches) {
    if (pitch.status === 'SENT' && daysLate(pitch.sentAt, pitch.charterDays, now) > 0) pitchesLateNow++
    if (!inPeriod(pitch.sentAt, period)) continue
    pitchesReceived++
    if (pitch.answeredAt) pitchesAnswered++
    const outcome = pitchOutcome(pitch, now)
    if (outcome === 'onTime' || outcome === 'late') pitchesCharterCounted++
    if (outcome === 'onTime') pitchesOnTime++
  }
  return { pitchesReceived, pitchesAnswered, pitchesCharterCounted, pitchesOnTime, pitchesShare: share(pitchesOnTime, pitchesCharterCounted), pitchesLateNow }
}

export interface PartnerFacts {
  id: string
  name: string
  slug: string
  status: string
  homeHubId: string
  hubName: string
  charterDays: number
  needsPublished: number
  invitationsSent: number
  lateNow: number
}

export type Scorecard = PartnerFacts & ApplicationSummary & DealSummary & PitchSummary

function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const name = key(item)
    const group = groups.get(name)
    if (group) group.push(item)
    else groups.set(name, [item])
  }
  return groups
}

/** One scorecard per partner from the loaded facts. */
export function buildScorecards(
  partners: readonly PartnerFacts[],
  applications: readonly ApplicationFact[],
  deals: readonly DealFact[],
  period: Period,
  now: Date,
  pitches: readonly PitchFact[] = [],
): Scorecard[] {
  const applicationsOf = groupBy(applications, (application) => application.partnerId)
  const dealsOf = groupBy(deals, (deal) => deal.partnerId)
  const pitchesOf = groupBy(pitches, (pitch) => pitch.partnerId)
  return partners.map((partner) => ({
    ...partner,
    ...summariseApplications(applicationsOf.get(partner.id) ?? [], now),
    ...summariseDeals(dealsOf.get(partner.id) ?? [], period, partner.homeHubId),
    ...summarisePitches(pitchesOf.get(partner.id) ?? [], period, now),
  }))
}

/** The sortable columns of /staff/partners (a URL's `sort`). */
export const SORT_KEYS = [
  'name',
  'needsPublished',
  'applicationsReceived',
  'responseMedianDays',
  'responseP90Days',
  'charterShare',
  'lateNow',
  'invitationsSent',
  'pilotsStarted',
  'pilotsSucceeded',
  'contractsSigned',
  'contractValueEur',
  'smallFirmShare',
  'hubFirmShare',
  'pitchesReceived',
  'pitchesShare',
  'pitchesLateNow',
] as const
export type SortKey = (typeof SORT_KEYS)[number]
export type SortDir = 'asc' | 'desc'

/** The sort a URL asks for; unknown values fall back to the partners' names, A to Z. */
export function parseSort(params: URLSearchParams): { sort: SortKey; dir: SortDir } {
  const sort = params.get('sort')
  const dir = params.get('dir')
  return {
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : 'name',
    dir: dir === 'desc' ? 'desc' : 'asc',
  }
}

/** Sorted by one column; empty figures (null) last in both directions, then by name. */
export function sortScorecards<Row extends Pick<Scorecard, SortKey>>(rows: readonly Row[], sort: SortKey, dir: SortDir): Row[] {
  const sign = dir === 'asc' ? 1 : -1
  const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' })
  return [...rows].sort((a, b) => {
    if (sort === 'name') return sign * byName(a, b)
    const x = a[sort] as number | null
    const y = b[sort] as number | null
    if (x === null && y === null) return byName(a, b)
    if (x === null) return 1
    if (y === null) return -1
    return sign * (x - y) || byName(a, b)
  })
}

/** The next `dir` of a column header's link: the other way when it is the current sort. */
export function nextDir(current: { sort: SortKey; dir: SortDir }, column: SortKey): SortDir {
  if (current.sort === column) return current.dir === 'asc' ? 'desc' : 'asc'
  return column === 'name' || column === 'responseMedianDays' || column === 'responseP90Days' || column === 'lateNow' || column === 'pitchesLateNow' ? 'asc' : 'desc'
}
