import { Prisma } from '#app/generated/prisma/client'
import {
  canSeeCharterCompliance,
  canViewPartnerScorecard,
  canViewPartnerScorecardAsStaff,
  isStaff,
  staffHubIds,
  type Actor,
  type OrgKind,
} from '#app/modules/policy/policy'
import { findLateApplications } from '#app/modules/reminders/service.server'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import {
  buildScorecards,
  RESPONSE_STATUSES,
  sortScorecards,
  summariseApplications,
  type ApplicationFact,
  type DealFact,
  type PartnerFacts,
  type Period,
  type PitchFact,
  type Scorecard,
  type SortDir,
  type SortKey,
} from './scorecard'

/**
 * Partner scorecards (issue 13, docs/decisions/0020-partner-scorecards.md): every partner of some
 * hubs over a period, in four set-based queries whatever the number of partners (partners with
 * their counts, applications, deals, late answers), the arithmetic in the pure `scorecard.ts`.
 * Who sees what is `policy.ts`'s: the list, the partner's page, its CSV and the partner's home ask
 * the same predicates.
 */

/** Which partners: aliases `p` (the partner). A constant of the code, never input. */
type PartnerFilter = { hubIds: string[]; partnerId?: string }

function partnerWhere(filter: PartnerFilter) {
  return Prisma.sql`p.kind = 'PARTNER' AND p."homeHubId" = ANY(${filter.hubIds})${filter.partnerId ? Prisma.sql` AND p.id = ${filter.partnerId}` : Prisma.empty}`
}

async function loadPartners(filter: PartnerFilter, period: Period) {
  // Grouped once per table (hash joins), not one sub-query per partner: a hub's 10 000 needs and
  // their matches are read once.
  return prisma.$queryRaw<Array<Omit<PartnerFacts, 'lateNow'>>>`
    WITH partners AS (SELECT p.id FROM "Organisation" p WHERE ${partnerWhere(filter)}),
    published AS (
      SELECT n."partnerId", count(*)::int AS count FROM "Need" n JOIN partners ON partners.id = n."partnerId"
      WHERE n."publishedAt" >= ${period.start} AND n."publishedAt" < ${period.end} GROUP BY 1),
    invited AS (
      SELECT n."partnerId", count(*)::int AS count FROM "Match" m JOIN "Need" n ON n.id = m."needId" JOIN partners ON partners.id = n."partnerId"
      WHERE m."invitedAt" >= ${period.start} AND m."invitedAt" < ${period.end} GROUP BY 1)
    SELECT p.id, p.name, p.slug, p.status::text AS status, p."homeHubId", h."shortName" AS "hubName",
      COALESCE(p."charterResponseDays", h."charterResponseDays")::int AS "charterDays",
      COALESCE(published.count, 0) AS "needsPublished", COALESCE(invited.count, 0) AS "invitationsSent"
    FROM "Organisation" p
    JOIN partners ON partners.id = p.id
    JOIN "Hub" h ON h.id = p."homeHubId"
    LEFT JOIN published ON published."partnerId" = p.id
    LEFT JOIN invited ON invited."partnerId" = p.id
    ORDER BY p.name`
}

/**
 * Applications submitted in the period on the partners' needs, with their first response: the
 * first change to a partner's status (RESPONSE_STATUSES) after the submission, by anyone but a
 * member of the applicant firm (grouped once over the period's status changes, a hash join
 * rather than one look-up per application). The charter's delay is the reminders' (partner's, else the need's hub's).
 */
/** When staff released an application of a screened need to its partner (its first move out of SCREENING), if they did. */
const RELEASED_AT = (application: string, need: string) =>
  Prisma.sql`(SELECT min(r.at) FROM "StatusChange" r WHERE ${Prisma.raw(need)}."screeningRequired" AND r."applicationId" = ${Prisma.raw(application)}.id AND r."fromStatus" = 'SCREENING')`

async function loadApplications(filter: PartnerFilter, period: Period) {
  return prisma.$queryRaw<ApplicationFact[]>`
    SELECT n."partnerId", a."needId", a.status::text AS status, COALESCE(${RELEASED_AT('a', 'n')}, a."submittedAt") AS "submittedAt",
      (n."screeningRequired" AND a.status IN ('SUBMITTED', 'SCREENING')) AS "beingScreened",
      a."decidedAt", a."declineReason"::text AS "declineReason",
      first_response.at AS "firstResponseAt", COALESCE(p."charterResponseDays", h."charterResponseDays")::int AS "charterDays"
    FROM "Application" a
    JOIN "Need" n ON n.id = a."needId"
    JOIN "Organisation" p ON p.id = n."partnerId"
    JOIN "Hub" h ON h.id = n."hubId"
    LEFT JOIN (
      SELECT sc."applicationId", min(sc.at) AS at FROM "StatusChange" sc
      JOIN "Application" sa ON sa.id = sc."applicationId"
      JOIN "Need" sn ON sn.id = sa."needId"
      JOIN "Organisation" p ON p.id = sn."partnerId"
      WHERE ${partnerWhere(filter)} AND sa."submittedAt" >= ${period.start} AND sa."submittedAt" < ${period.end} AND sc.at >= sa."submittedAt"
        -- On a screened need, staff's own move out of screening is the release, not the partner's answer.
        AND (NOT sn."screeningRequired" OR sc.at > ${RELEASED_AT('sa', 'sn')})
        AND sc."toStatus"::text IN (${Prisma.join([...RESPONSE_STATUSES])})
        AND NOT EXISTS (SELECT 1 FROM "Membership" fm WHERE fm."userId" = sc."actorId" AND fm."organisationId" = sa."firmId")
      GROUP BY 1
    ) first_response ON first_response."applicationId" = a.id
    WHERE ${partnerWhere(filter)} AND a."submittedAt" >= ${period.start} AND a."submittedAt" < ${period.end}`
}

/** Deals whose pilot started or whose contract was signed in the period, with their firm's band and hub. */
async function loadDeals(filter: PartnerFilter, period: Period) {
  return prisma.$queryRaw<DealFact[]>`
    SELECT n."partnerId", a."needId", d.status::text AS status, d."pilotStartsOn", d."createdAt", d."contractSignedAt", d."contractValueEur",
      f."revenueBand"::text AS "firmRevenueBand", f."homeHubId" AS "firmHomeHubId"
    FROM "Deal" d
    JOIN "Application" a ON a.id = d."applicationId"
    JOIN "Need" n ON n.id = a."needId"
    JOIN "Organisation" p ON p.id = n."partnerId"
    JOIN "Organisation" f ON f.id = a."firmId"
    WHERE ${partnerWhere(filter)}
      AND ((COALESCE(d."pilotStartsOn", d."createdAt") >= ${period.start} AND COALESCE(d."pilotStartsOn", d."createdAt") < ${period.end})
        OR (d."contractSignedAt" >= ${period.start} AND d."contractSignedAt" < ${period.end}))`
}

/** Answers late now, per partner: /staff/late's rule (app/modules/reminders), not bound to the period. */
async function loadLateNow(filter: PartnerFilter, now: Date) {
  // Applications staff still screen are not the partner's to answer yet (the partner's home agrees).
  const late = await findLateApplications(Prisma.sql`${partnerWhere(filter)} AND NOT (n."screeningRequired" AND a.status IN ('SUBMITTED', 'SCREENING'))`, now)
  const counts = new Map<string, number>()
  for (const row of late) counts.set(row.partnerId, (counts.get(row.partnerId) ?? 0) + 1)
  return counts
}

/**
 * Issue 14: pitches sent to the partners in the period, and those sent earlier still unanswered
 * (late now), with the partner's charter delay (its own, else its home hub's).
 */
async function loadPitches(filter: PartnerFilter, period: Period) {
  return prisma.$queryRaw<PitchFact[]>`
    SELECT pt."partnerId", pt.status::text AS status, pt."sentAt", pt."answeredAt", COALESCE(p."charterResponseDays", h."charterResponseDays")::int AS "charterDays"
    FROM "Pitch" pt
    JOIN "Organisation" p ON p.id = pt."partnerId"
    JOIN "Hub" h ON h.id = p."homeHubId"
    WHERE ${partnerWhere(filter)} AND pt."sentAt" IS NOT NULL
      AND ((pt."sentAt" >= ${period.start} AND pt."sentAt" < ${period.end}) OR pt.status = 'SENT')`
}

async function computeScorecards(filter: PartnerFilter, period: Period, now: Date) {
  if (filter.hubIds.length === 0) return { scorecards: [] as Scorecard[], applications: [] as ApplicationFact[], deals: [] as DealFact[] }
  const [partners, applications, deals, late, pitches] = await Promise.all([
    loadPartners(filter, period),
    loadApplications(filter, period),
    loadDeals(filter, period),
    loadLateNow(filter, now),
    loadPitches(filter, period),
  ])
  const facts = partners.map((partner) => ({ ...partner, lateNow: late.get(partner.id) ?? 0 }))
  return { scorecards: buildScorecards(facts, applications, deals, period, now, pitches), applications, deals }
}

// ───────── the staff console ─────────

export interface ScorecardListOptions {
  period: Period
  /** One of the actor's hubs; absent (or not theirs): all of them. */
  hubId?: string | null
  sort: SortKey
  dir: SortDir
  now?: Date
}

/** /staff/partners: every partner whose home hub the actor staffs, sorted. Non-staff: 403. */
export async function listPartnerScorecards(actor: Actor, options: ScorecardListOptions) {
  if (!isStaff(actor)) throw AppError.forbidden()
  const hubIds = staffHubIds(actor)
  const hubs = await prisma.hub.findMany({ where: { id: { in: hubIds } }, select: { id: true, shortName: true }, orderBy: { shortName: 'asc' } })
  const hubId = options.hubId && hubIds.includes(options.hubId) ? options.hubId : null
  const { scorecards } = await computeScorecards({ hubIds: hubId ? [hubId] : hubIds }, options.period, options.now ?? new Date())
  const visible = scorecards.filter((row) => canViewPartnerScorecardAsStaff(actor, { id: row.id, kind: 'PARTNER', homeHubId: row.homeHubId }))
  return { hubs, hubId, rows: sortScorecards(visible, options.sort, options.dir) }
}

/** A need of the partner on its detail page: published in the period, or with applications in it. */
export interface NeedScore {
  id: string
  title: string
  status: string
  publishedAt: Date | null
  applicationsReceived: number
  responded: number
  responseMedianDays: number | null
  responseP90Days: number | null
  charterCounted: number
  charterOnTime: number
  charterShare: number | null
}

async function partnerScorecard(partnerId: string, homeHubId: string, period: Period, now: Date) {
  const { scorecards, applications } = await computeScorecards({ hubIds: [homeHubId], partnerId }, period, now)
  return { scorecard: scorecards[0] ?? null, applications }
}

/**
 * /staff/partners/:partnerId: one partner's scorecard and its needs in the period. Non-staff: 403;
 * staff of another hub (even one its needs are shared with): 404.
 */
export async function getPartnerScorecard(actor: Actor, partnerId: string, period: Period, now = new Date()) {
  if (!isStaff(actor)) throw AppError.forbidden()
  const partner = await prisma.organisation.findUnique({ where: { id: partnerId }, select: { id: true, kind: true, homeHubId: true } })
  if (!partner || !canViewPartnerScorecardAsStaff(actor, partner)) throw AppError.notFound()
  const { scorecard, applications } = await partnerScorecard(partner.id, partner.homeHubId, period, now)
  if (!scorecard) throw AppError.notFound()
  const byNeed = new Map<string, ApplicationFact[]>()
  for (const application of applications) byNeed.set(application.needId, [...(byNeed.get(application.needId) ?? []), application])
  const needs = await prisma.need.findMany({
    where: { partnerId: partner.id, OR: [{ publishedAt: { gte: period.start, lt: period.end } }, { id: { in: [...byNeed.keys()] } }] },
    select: { id: true, title: true, status: true, publishedAt: true },
    orderBy: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { title: 'asc' }],
  })
  const needScores: NeedScore[] = needs.map((need) => ({ ...need, ...summariseApplications(byNeed.get(need.id) ?? [], now) }))
  return { scorecard, needs: needScores }
}

/**
 * A partner's own scorecard, for its home (its members; its hub's staff may read it too).
 * Anyone else: 404.
 */
export async function getOwnScorecard(actor: Actor, partnerId: string, period: Period, now = new Date()) {
  const partner = await prisma.organisation.findUnique({ where: { id: partnerId }, select: { id: true, kind: true, homeHubId: true } })
  if (!partner || !canViewPartnerScorecard(actor, partner)) throw AppError.notFound()
  const { scorecard } = await partnerScorecard(partner.id, partner.homeHubId, period, now)
  if (!scorecard) throw AppError.notFound()
  return scorecard
}

// ───────── the partner's profile ─────────

/** The window of the charter compliance shown on a partner's profile. */
export const COMPLIANCE_MONTHS = 12

/**
 * A partner's charter compliance on its profile (the share answered within the delay over the
 * last twelve months, and its answers late now), or null where its hub does not show it or the
 * actor may not see it.
 */
export async function getCharterCompliance(actor: Actor, partner: { id: string; kind: OrgKind; homeHubId: string }, now = new Date()) {
  if (partner.kind !== 'PARTNER') return null
  const hub = await prisma.hub.findUnique({ where: { id: partner.homeHubId }, select: { showCharterCompliance: true } })
  if (!canSeeCharterCompliance(actor, { ...partner, hubShowsCompliance: hub?.showCharterCompliance ?? false })) return null
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - COMPLIANCE_MONTHS, now.getUTCDate()))
  const period = { start, end: now }
  const filter = { hubIds: [partner.homeHubId], partnerId: partner.id }
  const [applications, late] = await Promise.all([loadApplications(filter, period), loadLateNow(filter, now)])
  const summary = summariseApplications(applications, now)
  return {
    since: start,
    charterDays: applications[0]?.charterDays ?? null,
    charterCounted: summary.charterCounted,
    charterOnTime: summary.charterOnTime,
    charterShare: summary.charterShare,
    lateNow: late.get(partner.id) ?? 0,
  }
}
