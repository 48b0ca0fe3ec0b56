/**
 * Which membership plan an organisation pays (pure; no I/O). Its home hub's active plans of its
 * kind; for a firm, the plans of its own revenue band first, else the hub's firms' plan of any
 * band ("toutes tailles"); partners' plans have no band. Within that tier, the yearly plan unless
 * the owner asked for the monthly one and it exists (and the other way round when only one of
 * them is published).
 */
export type PlanKind = 'PARTNER' | 'FIRM'
export type PlanInterval = 'YEAR' | 'MONTH'

export interface ChoosablePlan {
  id: string
  hubId: string
  orgKind: PlanKind
  revenueBand: string | null
  interval: PlanInterval
  archivedAt: Date | string | null
}

export interface PlanChoice<P extends ChoosablePlan> {
  plan: P
  /** The intervals the organisation may choose between (its plan's tier): one or both. */
  intervals: PlanInterval[]
}

export function planTier<P extends ChoosablePlan>(plans: readonly P[], organisation: { homeHubId: string; kind: PlanKind; revenueBand: string | null }): P[] {
  const candidates = plans.filter((plan) => !plan.archivedAt && plan.hubId === organisation.homeHubId && plan.orgKind === organisation.kind)
  if (organisation.kind === 'FIRM' && organisation.revenueBand) {
    const exact = candidates.filter((plan) => plan.revenueBand === organisation.revenueBand)
    if (exact.length > 0) return exact
  }
  return candidates.filter((plan) => plan.revenueBand === null)
}

export function choosePlan<P extends ChoosablePlan>(
  plans: readonly P[],
  organisation: { homeHubId: string; kind: PlanKind; revenueBand: string | null },
  preferred: PlanInterval | null = null,
): PlanChoice<P> | null {
  const tier = planTier(plans, organisation)
  const yearly = tier.find((plan) => plan.interval === 'YEAR')
  const monthly = tier.find((plan) => plan.interval === 'MONTH')
  const plan = preferred === 'MONTH' ? (monthly ?? yearly) : (yearly ?? monthly)
  if (!plan) return null
  return { plan, intervals: [yearly, monthly].filter((found): found is P => Boolean(found)).map((found) => found.interval) }
}

/** Where two active plans would clash: one active plan per (hub, kind, band, interval). */
export function samePlanSlot(a: Pick<ChoosablePlan, 'hubId' | 'orgKind' | 'revenueBand' | 'interval'>, b: Pick<ChoosablePlan, 'hubId' | 'orgKind' | 'revenueBand' | 'interval'>) {
  return a.hubId === b.hubId && a.orgKind === b.orgKind && (a.revenueBand ?? null) === (b.revenueBand ?? null) && a.interval === b.interval
}
