import { Prisma } from '#app/generated/prisma/client'
import { canViewHubAnalytics, canViewPlatformAnalytics, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import {
  analyticsScope,
  byMonth,
  EMPTY_FUNNEL,
  toDays,
  type Dimension,
  type FunnelCounts,
  type HubInfo,
  BREAKDOWN_LIMIT,
  OTHER_PARTNERS,
} from './funnel'
import { monthsOf, type DateRange } from './range'

/**
 * The analytics page's figures, in set-based SQL (one statement per figure, whatever the number of
 * needs): the funnel of the needs published in the period and its breakdown, the time to a need's
 * first application and the contract value by month. A need counts for its hub and for every hub it
 * is shared with (NeedShare); a total counts it once. See docs/decisions/0021-analytics-charts.md.
 */

export interface BreakdownRow extends FunnelCounts {
  key: string
  /** A hub's, partner's or cohort's name; the kind or month as is (the page translates them). */
  label: string
}

export interface FirstApplicationRow {
  month: string
  /** Needs published that month that received at least one application. */
  needs: number
  medianDays: number | null
  p90Days: number | null
}

export interface ContractValueRow {
  month: string
  contracts: number
  valueEur: number
}

export interface AnalyticsView {
  scope: { kind: 'hub' | 'platform'; hubId: string | null; hubs: Array<{ id: string; name: string }> }
  /** The hubs the actor may choose, and whether the platform view is one of the choices. */
  choices: { hubs: Array<{ id: string; name: string }>; platform: boolean }
  dimension: Dimension
  months: string[]
  total: FunnelCounts
  breakdown: BreakdownRow[]
  firstApplication: FirstApplicationRow[]
  contractValue: ContractValueRow[]
  /** When these figures were computed (they are kept a few minutes). */
  computedAt: string
}

/** At most this many rows in a breakdown (partners of a platform): the page and its CSV say so. */

/** The needs published in the period in the hubs of the view: one row per (need, hub). */
function scopeSql(hubIds: string[], range: Pick<DateRange, 'start' | 'end'>) {
  return Prisma.sql`
  scope AS (
    SELECT n.id AS "needId", n."hubId"
      FROM "Need" n
     WHERE n."hubId" = ANY(${hubIds}) AND n."publishedAt" >= ${range.start} AND n."publishedAt" < ${range.end}
    UNION
    SELECT n.id, s."hubId"
      FROM "NeedShare" s JOIN "Need" n ON n.id = s."needId"
     WHERE s."hubId" = ANY(${hubIds}) AND n."publishedAt" >= ${range.start} AND n."publishedAt" < ${range.end}
  ),
  needs AS (SELECT DISTINCT "needId" AS id FROM scope)`
}

/**
 * Per need, the counts of each step: firms recommended (matches among the need's best), invited,
 * applications submitted, ever shortlisted (a StatusChange to SHORTLISTED), pilots (a deal),
 * contracts (a signed one). Per (need, firm) for the firms of the view's cohorts only: PostgreSQL
 * computes only the CTEs a statement uses, so the other breakdowns never build pairs.
 */
function pairsSql(hubIds: string[]) {
  return Prisma.sql`
  cohort_firms AS (
    -- A cohort's window (docs/decisions/0025): its dates, its last day included, a date not set
    -- leaving that side open. Archived cohorts stay: their figures still report on the past.
    SELECT cm."organisationId" AS "firmId", c.id, c.name,
           COALESCE(c."startsOn", '-infinity'::timestamp) AS ws,
           CASE WHEN c."endsOn" IS NULL THEN 'infinity'::timestamp ELSE c."endsOn" + interval '1 day' END AS we
      FROM "CohortMember" cm JOIN "Cohort" c ON c.id = cm."cohortId"
     WHERE c."hubId" = ANY(${hubIds})
  ),
  cohort_matches AS (
    SELECT m."needId", m."firmId", m."inNeedTop" AS recommended, m."invitedAt" IS NOT NULL AS invited
      FROM "Match" m JOIN needs ON needs.id = m."needId"
     WHERE m."firmId" IN (SELECT "firmId" FROM cohort_firms) AND (m."inNeedTop" OR m."invitedAt" IS NOT NULL)
  ),
  apps AS (
    SELECT a."needId", a."firmId",
           EXISTS (SELECT 1 FROM "StatusChange" c WHERE c."applicationId" = a.id AND c."toStatus" = 'SHORTLISTED') AS shortlisted,
           d.id IS NOT NULL AS pilot,
           d."contractSignedAt" IS NOT NULL AS contract
      FROM "Application" a
      JOIN needs ON needs.id = a."needId"
      LEFT JOIN "Deal" d ON d."applicationId" = a.id
     WHERE a."submittedAt" IS NOT NULL
  ),
  cohort_pairs_all AS (
    SELECT COALESCE(m."needId", a."needId") AS "needId", COALESCE(m."firmId", a."firmId") AS "firmId",
           COALESCE(m.recommended, false) AS recommended, COALESCE(m.invited, false) AS invited,
           a."needId" IS NOT NULL AS applied, COALESCE(a.shortlisted, false) AS shortlisted,
           COALESCE(a.pilot, false) AS pilot, COALESCE(a.contract, false) AS contract
      FROM cohort_matches m
      FULL JOIN (SELECT * FROM apps WHERE "firmId" IN (SELECT "firmId" FROM cohort_firms)) a
        ON a."needId" = m."needId" AND a."firmId" = m."firmId"
  ),
  -- A pair counts for a cohort of its firm when the need was published within the cohort's window.
  cohort_pair_cohorts AS (
    SELECT p.*, c.id AS "cohortId", c.name AS "cohortName"
      FROM cohort_pairs_all p JOIN "Need" n ON n.id = p."needId"
      JOIN cohort_firms c ON c."firmId" = p."firmId" AND n."publishedAt" >= c.ws AND n."publishedAt" < c.we
  ),
  -- Each pair once, whatever the number of its firm's cohorts: what "no cohort" leaves out.
  cohort_pairs AS (
    SELECT DISTINCT ON ("needId", "firmId") "needId", "firmId", recommended, invited, applied, shortlisted, pilot, contract
      FROM cohort_pair_cohorts
  ),
  match_counts AS (
    SELECT m."needId", count(*) FILTER (WHERE m."inNeedTop") AS recommended, count(m."invitedAt") AS invited
      FROM "Match" m JOIN needs ON needs.id = m."needId"
     GROUP BY m."needId"
  ),
  app_counts AS (
    SELECT "needId", count(*) AS applications, count(*) FILTER (WHERE shortlisted) AS shortlisted,
           count(*) FILTER (WHERE pilot) AS pilots, count(*) FILTER (WHERE contract) AS contracts
      FROM apps GROUP BY "needId"
  ),
  per_need AS (
    SELECT needs.id AS "needId", mc.recommended, mc.invited, ac.applications, ac.shortlisted, ac.pilots, ac.contracts
      FROM needs LEFT JOIN match_counts mc ON mc."needId" = needs.id LEFT JOIN app_counts ac ON ac."needId" = needs.id
  )`
}

const needSums = Prisma.sql`
  COALESCE(sum(p.recommended), 0)::int AS recommended, COALESCE(sum(p.invited), 0)::int AS invited,
  COALESCE(sum(p.applications), 0)::int AS applications, COALESCE(sum(p.shortlisted), 0)::int AS shortlisted,
  COALESCE(sum(p.pilots), 0)::int AS pilots, COALESCE(sum(p.contracts), 0)::int AS contracts`

const pairSums = Prisma.sql`
  (count(*) FILTER (WHERE p.recommended))::int AS recommended, (count(*) FILTER (WHERE p.invited))::int AS invited,
  (count(*) FILTER (WHERE p.applied))::int AS applications, (count(*) FILTER (WHERE p.shortlisted))::int AS shortlisted,
  (count(*) FILTER (WHERE p.pilot))::int AS pilots, (count(*) FILTER (WHERE p.contract))::int AS contracts`

function breakdownSql(dimension: Dimension, hubIds: string[]) {
  switch (dimension) {
    case 'hub':
      return Prisma.sql`
        SELECT false AS total, s."hubId" AS key, h.name AS label, count(*)::int AS published, ${needSums}
          FROM scope s JOIN "Hub" h ON h.id = s."hubId" LEFT JOIN per_need p ON p."needId" = s."needId"
         GROUP BY s."hubId", h.name`
    case 'partner':
      return Prisma.sql`
        SELECT false AS total, pk.key, max(pk.label) AS label, count(*)::int AS published, ${needSums}
          FROM needs JOIN "Need" n ON n.id = needs.id JOIN "Organisation" o ON o.id = n."partnerId"
          -- A partner of another hub (its need shared into the view) is not this console's to name:
          -- its figures count in one "other associations' partners" row (policy: canViewPartnerScorecardAsStaff).
          CROSS JOIN LATERAL (SELECT CASE WHEN o."homeHubId" = ANY(${hubIds}) THEN n."partnerId" ELSE ${OTHER_PARTNERS} END AS key,
                                     CASE WHEN o."homeHubId" = ANY(${hubIds}) THEN o.name ELSE '' END AS label) pk
          LEFT JOIN per_need p ON p."needId" = n.id
         GROUP BY pk.key`
    case 'kind':
      return Prisma.sql`
        SELECT false AS total, n.kind::text AS key, n.kind::text AS label, count(*)::int AS published, ${needSums}
          FROM needs JOIN "Need" n ON n.id = needs.id LEFT JOIN per_need p ON p."needId" = n.id
         GROUP BY n.kind`
    case 'month':
      return Prisma.sql`
        SELECT false AS total, to_char(n."publishedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS key, to_char(n."publishedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS label,
               count(*)::int AS published, ${needSums}
          FROM needs JOIN "Need" n ON n.id = needs.id LEFT JOIN per_need p ON p."needId" = n.id
         GROUP BY 2`
    case 'cohort':
      // A cohort groups firms: a firm in two of the view's cohorts counts in both; needs are not
      // counted. A pair counts for a cohort when its need was published within the cohort's dates.
      // Only the (few) cohort firms' pairs are built; "no cohort" is the total minus them.
      return Prisma.sql`
        SELECT false AS total, p."cohortId" AS key, p."cohortName" AS label, NULL::int AS published, ${pairSums}
          FROM cohort_pair_cohorts p
         GROUP BY p."cohortId", p."cohortName"
        UNION ALL
        SELECT false, '', '', NULL::int,
               t.recommended - x.recommended, t.invited - x.invited, t.applications - x.applications,
               t.shortlisted - x.shortlisted, t.pilots - x.pilots, t.contracts - x.contracts
          FROM (SELECT ${needSums} FROM per_need p) t, (SELECT ${pairSums} FROM cohort_pairs p) x`
  }
}

interface FunnelRow extends BreakdownRow {
  total: boolean
}

/** The funnel's total and its breakdown by `dimension`, in one statement. */
export async function funnelFigures(hubIds: string[], range: Pick<DateRange, 'start' | 'end'>, dimension: Dimension) {
  const rows = await prisma.$queryRaw<FunnelRow[]>`
    WITH ${scopeSql(hubIds, range)}, ${pairsSql(hubIds)}
    SELECT true AS total, '' AS key, '' AS label, count(*)::int AS published, ${needSums}
      FROM needs LEFT JOIN per_need p ON p."needId" = needs.id
    UNION ALL
    (${breakdownSql(dimension, hubIds)} ORDER BY published DESC, key LIMIT ${BREAKDOWN_LIMIT})`
  const totalRow = rows.find((row) => row.total)
  const total: FunnelCounts = totalRow ? countsOf(totalRow) : { ...EMPTY_FUNNEL }
  const breakdown = rows
    .filter((row) => !row.total)
    .map((row) => ({ key: row.key, label: row.label, ...countsOf(row) }))
    .sort((a, b) => (dimension === 'month' ? a.key.localeCompare(b.key) : (b.published ?? b.recommended) - (a.published ?? a.recommended) || a.label.localeCompare(b.label, 'fr')))
  return { total, breakdown }
}

function countsOf(row: FunnelCounts): FunnelCounts {
  return {
    published: row.published,
    recommended: row.recommended,
    invited: row.invited,
    applications: row.applications,
    shortlisted: row.shortlisted,
    pilots: row.pilots,
    contracts: row.contracts,
  }
}

/** Days from publication to the first submitted application, median and p90, by month of publication. */
export async function firstApplicationFigures(hubIds: string[], range: DateRange): Promise<FirstApplicationRow[]> {
  const rows = await prisma.$queryRaw<Array<{ month: string; needs: number; median: number | null; p90: number | null }>>`
    WITH ${scopeSql(hubIds, range)},
    firsts AS (
      SELECT n."publishedAt", min(a."submittedAt") AS first
        FROM needs JOIN "Need" n ON n.id = needs.id JOIN "Application" a ON a."needId" = n.id
       WHERE a."submittedAt" IS NOT NULL
       GROUP BY n.id, n."publishedAt"
    )
    SELECT to_char("publishedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS month, count(*)::int AS needs,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first - "publishedAt")))::float8 * 1000 AS median,
           (percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first - "publishedAt")))::float8 * 1000 AS p90
      FROM firsts GROUP BY 1`
  return byMonth(
    monthsOf(range),
    rows.map((row) => ({ month: row.month, needs: row.needs, medianDays: toDays(row.median), p90Days: toDays(row.p90) })),
    (month) => ({ month, needs: 0, medianDays: null, p90Days: null }),
  )
}

/** Contracts signed in the period on needs of the view's hubs (shared ones included), by month of signature. */
export async function contractValueFigures(hubIds: string[], range: DateRange): Promise<ContractValueRow[]> {
  const rows = await prisma.$queryRaw<Array<{ month: string; contracts: number; value: number }>>`
    SELECT to_char(d."contractSignedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS month, count(*)::int AS contracts,
           COALESCE(sum(d."contractValueEur"), 0)::float8 AS value
      FROM "Deal" d JOIN "Application" a ON a.id = d."applicationId" JOIN "Need" n ON n.id = a."needId"
     WHERE d."contractSignedAt" >= ${range.start} AND d."contractSignedAt" < ${range.end}
       AND (n."hubId" = ANY(${hubIds}) OR EXISTS (SELECT 1 FROM "NeedShare" s WHERE s."needId" = n.id AND s."hubId" = ANY(${hubIds})))
     GROUP BY 1`
  return byMonth(
    monthsOf(range),
    rows.map((row) => ({ month: row.month, contracts: row.contracts, valueEur: row.value })),
    (month) => ({ month, contracts: 0, valueEur: 0 }),
  )
}

/**
 * The analytics of the view `hubParam` (`?hub=`: one of the actor's hubs, or `platform`) over
 * `range`, broken down by `dimension`. Non-staff: 403; a hub the actor does not staff: 404; the
 * platform view for the staff of a hub that does not share its figures: 403.
 */
export async function getAnalytics(actor: Actor, options: { hubParam: string | null; range: DateRange; dimension: Dimension }): Promise<AnalyticsView> {
  const mine = staffHubIds(actor)
  if (mine.length === 0) throw AppError.forbidden()
  const allHubs: HubInfo[] = await prisma.hub.findMany({ select: { id: true, name: true, shareAnalytics: true }, orderBy: { name: 'asc' } })
  const sharing = allHubs.filter((hub) => hub.shareAnalytics).map((hub) => hub.id)
  const mayViewPlatform = canViewPlatformAnalytics(actor, sharing)
  const staffHubs = allHubs.filter((hub) => canViewHubAnalytics(actor, hub.id))
  const scope = analyticsScope(options.hubParam, { staffHubs, allHubs, mayViewPlatform })
  if (scope.kind === 'notFound') throw AppError.notFound()
  if (scope.kind === 'forbidden') throw AppError.forbidden('analytics.errors.platformForbidden')

  const hubIds = [...scope.hubIds].sort()
  const key = JSON.stringify([hubIds, options.range.start, options.range.end, options.dimension])
  const figures = await cachedFigures(key, async () => {
    const [funnel, firstApplication, contractValue] = await Promise.all([
      funnelFigures(hubIds, options.range, options.dimension),
      firstApplicationFigures(hubIds, options.range),
      contractValueFigures(hubIds, options.range),
    ])
    return { funnel, firstApplication, contractValue }
  })
  const { funnel, firstApplication, contractValue } = figures.value
  const name = (hub: HubInfo) => ({ id: hub.id, name: hub.name })
  return {
    scope: {
      kind: scope.kind,
      hubId: scope.kind === 'hub' ? scope.hubId : null,
      hubs: allHubs.filter((hub) => scope.hubIds.includes(hub.id)).map(name),
    },
    choices: { hubs: staffHubs.map(name), platform: mayViewPlatform },
    dimension: options.dimension,
    months: monthsOf(options.range),
    total: funnel.total,
    breakdown: funnel.breakdown,
    firstApplication,
    contractValue,
    computedAt: new Date(figures.at).toISOString(),
  }
}

// ───────── a short cache ─────────

/**
 * The figures of one view (hubs, period, dimension) are kept for a few minutes in each web process:
 * at the scale of a hub's year they take PostgreSQL a few hundred milliseconds, staff reload and
 * switch tabs, and the page says when they were computed. The access decision is taken before,
 * for every request (the key holds the hubs the actor was allowed); concurrent requests for the
 * same view share one computation. Failures are not kept.
 */
export const FIGURES_TTL_MS = 5 * 60_000
const CACHE_LIMIT = 200
type Figures = {
  funnel: Awaited<ReturnType<typeof funnelFigures>>
  firstApplication: FirstApplicationRow[]
  contractValue: ContractValueRow[]
}
const figuresCache = new Map<string, { at: number; promise: Promise<Figures> }>()

async function cachedFigures(key: string, compute: () => Promise<Figures>, now = Date.now()) {
  let entry = figuresCache.get(key)
  if (!entry || now - entry.at > FIGURES_TTL_MS) {
    const promise = compute()
    entry = { at: now, promise }
    figuresCache.delete(key)
    figuresCache.set(key, entry)
    promise.catch(() => {
      if (figuresCache.get(key)?.promise === promise) figuresCache.delete(key)
    })
    // The oldest views go first (a Map iterates in insertion order).
    while (figuresCache.size > CACHE_LIMIT) figuresCache.delete(figuresCache.keys().next().value!)
  }
  return { at: entry.at, value: await entry.promise }
}
