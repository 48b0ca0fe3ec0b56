/**
 * Cohorts' pure core (no I/O): the window in which a firm's pipeline counts for its cohort, and a
 * firm's (or a cohort's) progress against its target. The SQL lives in pipeline.server.ts; see
 * docs/decisions/0025-accelerator-cohorts.md.
 */

const DAY_MS = 86_400_000

/** The revenue bands the accelerators aim at (1–10 M€): the firm picker's default filter. */
export const ACCELERATOR_BANDS = ['M1_2M', 'M2_5M', 'M5_10M'] as const

/**
 * The period in which a firm's applications, pilots and contracts count for its cohort: the
 * cohort's dates, its last day included; a date not set leaves that side open (the same rule as the
 * analytics' cohort breakdown). `start` is inclusive, `end` exclusive; null is open. Cohort dates
 * are calendar days kept as midnight UTC.
 */
export function cohortWindow(cohort: { startsOn: Date | null; endsOn: Date | null }): { start: Date | null; end: Date | null } {
  const start = cohort.startsOn
  const end = cohort.endsOn ? new Date(cohort.endsOn.getTime() + DAY_MS) : null
  return { start, end }
}

/** Whether an instant falls in a window (start inclusive, end exclusive). */
export function inWindow(at: Date | null | undefined, window: { start: Date | null; end: Date | null }) {
  if (!at) return false
  return (window.start === null || at.getTime() >= window.start.getTime()) && (window.end === null || at.getTime() < window.end.getTime())
}

export interface Progress {
  value: number
  target: number
  /** value / target (0 when there is no target), not capped: 1.5 is 150 %. */
  share: number
  /** The share for a progress bar: between 0 and 100, whole. */
  percent: number
  /** The target is met (false without a target). */
  reached: boolean
}

/**
 * A value against its target: the real share (which may pass 100 %) and the bar's capped percent.
 * A target of 0 (none set) gives a share of 0 and is never "reached", so a bar never fills by
 * default. Negative or non-finite inputs count as 0.
 */
export function progressOf(value: number, target: number): Progress {
  const safeValue = Number.isFinite(value) && value > 0 ? value : 0
  const safeTarget = Number.isFinite(target) && target > 0 ? target : 0
  const share = safeTarget === 0 ? 0 : safeValue / safeTarget
  const percent = Math.max(0, Math.min(100, Math.floor(share * 100)))
  return { value: safeValue, target: safeTarget, share, percent, reached: safeTarget > 0 && safeValue >= safeTarget }
}

/** A cohort's overall target: the per-firm target times its number of firms. */
export function cohortTarget(perFirm: number, firms: number) {
  return Math.max(0, perFirm) * Math.max(0, firms)
}

export type CohortPhase = 'upcoming' | 'running' | 'ended' | 'archived'

/** Where a cohort stands on a day: archived first, then by its dates (open dates count as running). */
export function cohortPhase(cohort: { startsOn: Date | null; endsOn: Date | null; archivedAt: Date | null }, now: Date): CohortPhase {
  if (cohort.archivedAt) return 'archived'
  if (cohort.startsOn && now.getTime() < cohort.startsOn.getTime()) return 'upcoming'
  if (cohort.endsOn && now.getTime() >= cohort.endsOn.getTime() + DAY_MS) return 'ended'
  return 'running'
}
