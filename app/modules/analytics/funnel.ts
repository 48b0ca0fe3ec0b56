/**
 * The analytics page's pure core (no I/O): the funnel's steps and their conversion rates, the
 * dimensions a breakdown may use, which hubs a view covers, and the months of a chart filled in.
 * The SQL lives in funnel.server.ts; see docs/decisions/0021-analytics-charts.md.
 */

/** From a published need to a signed contract, in order. */
export const FUNNEL_STEPS = ['published', 'recommended', 'invited', 'applications', 'shortlisted', 'pilots', 'contracts'] as const
export type FunnelStep = (typeof FUNNEL_STEPS)[number]

/**
 * The counts of one funnel. `published` is null where a row cannot count needs (a cohort groups
 * firms, not needs).
 */
export type FunnelCounts = { published: number | null } & Record<Exclude<FunnelStep, 'published'>, number>

export const EMPTY_FUNNEL: FunnelCounts = { published: 0, recommended: 0, invited: 0, applications: 0, shortlisted: 0, pilots: 0, contracts: 0 }

export interface FunnelStepFigure {
  step: FunnelStep
  count: number | null
  /** Share of the previous step (0–1); null for the first step or when the previous one is 0 or unknown. */
  rate: number | null
}

/** The steps with the conversion rate from each step to the next. */
export function funnelSteps(counts: FunnelCounts): FunnelStepFigure[] {
  return FUNNEL_STEPS.map((step, index) => {
    const count = counts[step]
    const previous = index === 0 ? null : counts[FUNNEL_STEPS[index - 1]]
    const rate = previous === null || previous === 0 || count === null ? null : count / previous
    return { step, count, rate }
  })
}

/** Whether a funnel holds anything at all (the page's empty state otherwise). */
export function isEmptyFunnel(counts: FunnelCounts) {
  return FUNNEL_STEPS.every((step) => !counts[step])
}

// ───────── dimensions ─────────

export const DIMENSIONS = ['hub', 'partner', 'cohort', 'kind', 'month'] as const
export type Dimension = (typeof DIMENSIONS)[number]

/** `?by=`: an unknown value falls back to the hub (the page stays useful). */
export function parseDimension(value: string | null): Dimension {
  return (DIMENSIONS as readonly string[]).includes(value ?? '') ? (value as Dimension) : 'hub'
}

// ───────── which hubs a view covers ─────────

export const PLATFORM = 'platform'

export interface HubInfo {
  id: string
  name: string
  shareAnalytics: boolean
}

export type AnalyticsScope =
  | { kind: 'hub'; hubId: string; hubIds: string[] }
  | { kind: 'platform'; hubIds: string[] }
  | { kind: 'notFound' }
  | { kind: 'forbidden' }

/**
 * The hubs a view covers, from `?hub=`: one of the actor's hubs (the first, by name, without the
 * parameter), or `platform`: every hub that shares its analytics, when `mayViewPlatform` (the
 * policy's `canViewPlatformAnalytics`). A hub the actor does not staff is unknown to it (404).
 */
export function analyticsScope(
  param: string | null,
  context: { staffHubs: readonly HubInfo[]; allHubs: readonly HubInfo[]; mayViewPlatform: boolean },
): AnalyticsScope {
  if (param === PLATFORM) {
    if (!context.mayViewPlatform) return { kind: 'forbidden' }
    return { kind: 'platform', hubIds: context.allHubs.filter((hub) => hub.shareAnalytics).map((hub) => hub.id) }
  }
  const hubs = [...context.staffHubs].sort((a, b) => a.name.localeCompare(b.name, 'fr'))
  const hub = param ? hubs.find((entry) => entry.id === param) : hubs[0]
  if (!hub) return { kind: 'notFound' }
  return { kind: 'hub', hubId: hub.id, hubIds: [hub.id] }
}

// ───────── series by month ─────────

/** One value per month of the range, in order: months without a row get `empty`. */
export function byMonth<Row extends { month: string }>(months: readonly string[], rows: readonly Row[], empty: (month: string) => Row): Row[] {
  const found = new Map(rows.map((row) => [row.month, row]))
  return months.map((month) => found.get(month) ?? empty(month))
}

const DAY_MS = 86_400_000

/** Days from a duration in milliseconds, to one decimal. */
export function toDays(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / DAY_MS) * 10) / 10
}

/** Most rows of a breakdown (the page and its CSV say so). */
export const BREAKDOWN_LIMIT = 10_000

/** The breakdown key of partners outside the view's hubs (a need shared into them): one row, never named. */
export const OTHER_PARTNERS = 'other-hubs'
