import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { charterOutcome, type ApplicationFact } from '#app/modules/analytics/scorecard'
import { listModerationQueue } from '#app/modules/needs/service.server'
import { countOutboxForActor } from '#app/modules/notifications/outbox.server'
import { listOrganisationsForStaff } from '#app/modules/organisations/service.server'
import { staffHubIds, type Actor } from '#app/modules/policy/policy'
import { listLateApplications } from '#app/modules/reminders/service.server'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { currentAndPreviousMonth, oldestFirst, percentOf, STAFF_QUEUES, type MonthPeriod, type StaffQueue } from './queues'

/**
 * The staff home: what waits for the staff of the actor's hubs, one queue per kind of work, oldest
 * first. Each queue is read by the service of the page it links to, or with that page's rule:
 * a queue never lists what its page would refuse.
 *
 * - moderation: `listModerationQueue` (/staff/moderation/needs): submitted needs and submitted
 *   revisions of the hubs' needs, never the actor's own organisation's;
 * - verification: `listOrganisationsForStaff` (/staff/organisations): pending organisations of
 *   the hubs;
 * - curation: curated published needs the actor moderates (`canModerateNeed`, as the need's
 *   recommendations page) with suggested matches, counted as that page lists them with
 *   `?status=SUGGESTED` (current engine version, verified firms; the workers prune suggestions
 *   that fell out of both tops, so what is stored is the need's best);
 * - screening: applications submitted or being screened on needs screened by staff, read as the
 *   application page lets staff read them (`applicationViewFor`: home-hub staff, never a member of
 *   the need's partner), where staff may shortlist or decline them;
 * - late: `listLateApplications` (/staff/late), most late (oldest due) first.
 */

/** The most rows a queue lists (and exports); its count says when there are more. */
export const QUEUE_LIMIT = 200

export interface QueueRow {
  id: string
  waitingSince: Date | null
  title: string
  href: string
  /** The organisation concerned (the need's partner, the organisation to verify, the firm). */
  organisation: string
  /** The need's or organisation's hub. */
  hub: string
  /** What the row is: a need, a revision, a status, a kind, a number of suggestions. */
  detail: { key: string; values?: Record<string, string | number> }
  /** Late answers: days past the charter's delay. */
  daysLate?: number
}

function forbidUnlessStaff(actor: Actor) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  return hubIds
}

async function moderationRows(actor: Actor): Promise<QueueRow[]> {
  const needs = await listModerationQueue(actor)
  return oldestFirst(
    needs.map((need) => ({
      id: need.id,
      waitingSince: need.isRevision ? need.revisionSubmittedAt : need.submittedAt,
      title: need.title,
      href: `/needs/${need.id}`,
      organisation: need.partner.name,
      hub: need.hub.shortName,
      detail: { key: need.isRevision ? 'queues.detail.revision' : 'queues.detail.newNeed' },
    })),
  )
}

async function verificationRows(actor: Actor): Promise<QueueRow[]> {
  const organisations = await listOrganisationsForStaff(actor, 'PENDING')
  return oldestFirst(
    organisations.map((organisation) => ({
      id: organisation.id,
      waitingSince: organisation.createdAt,
      title: organisation.name,
      href: '/staff/organisations?status=PENDING',
      organisation: organisation.siren ?? '',
      hub: organisation.homeHub.shortName,
      detail: { key: `queues.detail.kind.${organisation.kind}` },
    })),
  )
}

async function curationRows(actor: Actor): Promise<QueueRow[]> {
  const hubIds = forbidUnlessStaff(actor)
  const ownOrganisations = actor.memberships.map((membership) => membership.organisationId)
  const rows = await prisma.$queryRaw<Array<{ id: string; title: string; publishedAt: Date | null; partner: string; hub: string; suggestions: number }>>`
    SELECT n.id, n.title, n."publishedAt", p.name AS partner, h."shortName" AS hub, count(m.id)::int AS suggestions
    FROM "Need" n
    JOIN "Organisation" p ON p.id = n."partnerId"
    JOIN "Hub" h ON h.id = n."hubId"
    JOIN "Match" m ON m."needId" = n.id AND m.status = 'SUGGESTED' AND m."algorithmVersion" = ${ALGORITHM_VERSION}
    JOIN "Organisation" f ON f.id = m."firmId" AND f.status = 'VERIFIED'
    WHERE n.status = 'PUBLISHED' AND n."matchingMode" = 'CURATED' AND n."hubId" = ANY(${hubIds})
      AND NOT (n."partnerId" = ANY(${ownOrganisations}))
    GROUP BY n.id, p.name, h."shortName"
    ORDER BY n."publishedAt" ASC NULLS LAST, n.id COLLATE "C"
    LIMIT ${QUEUE_LIMIT}`
  return oldestFirst(
    rows.map((row) => ({
      id: row.id,
      waitingSince: row.publishedAt,
      title: row.title,
      href: `/needs/${row.id}/recommendations?status=SUGGESTED`,
      organisation: row.partner,
      hub: row.hub,
      detail: { key: 'queues.detail.suggestions', values: { count: row.suggestions } },
    })),
  )
}

async function screeningRows(actor: Actor): Promise<QueueRow[]> {
  const hubIds = forbidUnlessStaff(actor)
  const ownOrganisations = actor.memberships.map((membership) => membership.organisationId)
  const rows = await prisma.$queryRaw<Array<{ id: string; status: string; submittedAt: Date | null; needTitle: string; firm: string; hub: string }>>`
    SELECT a.id, a.status::text AS status, a."submittedAt", n.title AS "needTitle", f.name AS firm, h."shortName" AS hub
    FROM "Application" a
    JOIN "Need" n ON n.id = a."needId"
    JOIN "Organisation" f ON f.id = a."firmId"
    JOIN "Hub" h ON h.id = n."hubId"
    WHERE n."screeningRequired" AND a.status IN ('SUBMITTED', 'SCREENING') AND n."hubId" = ANY(${hubIds})
      AND NOT (n."partnerId" = ANY(${ownOrganisations}))
    ORDER BY a."submittedAt" ASC NULLS LAST, a.id COLLATE "C"
    LIMIT ${QUEUE_LIMIT}`
  return oldestFirst(
    rows.map((row) => ({
      id: row.id,
      waitingSince: row.submittedAt,
      title: row.needTitle,
      href: `/applications/${row.id}`,
      organisation: row.firm,
      hub: row.hub,
      detail: { key: `queues.detail.application.${row.status}` },
    })),
  )
}

async function lateRows(actor: Actor, now: Date): Promise<QueueRow[]> {
  const late = await listLateApplications(actor, now)
  // Most late first is oldest due first; the same order as /staff/late.
  return late.slice(0, QUEUE_LIMIT).map((row) => ({
    id: row.id,
    waitingSince: row.submittedAt,
    title: row.need.title,
    href: `/applications/${row.id}`,
    organisation: `${row.firm} → ${row.partner}`,
    hub: '',
    detail: { key: `queues.detail.application.${row.status}` },
    daysLate: row.daysLate,
  }))
}

const readers: Record<StaffQueue, (actor: Actor, now: Date) => Promise<QueueRow[]>> = {
  moderation: moderationRows,
  verification: verificationRows,
  curation: curationRows,
  screening: screeningRows,
  late: lateRows,
}

/** Every queue of the actor's hubs: its rows (at most QUEUE_LIMIT) and so its count. */
export async function getStaffQueues(actor: Actor, now = new Date()) {
  forbidUnlessStaff(actor)
  const lists = await Promise.all(STAFF_QUEUES.map((queue) => readers[queue](actor, now)))
  return Object.fromEntries(STAFF_QUEUES.map((queue, index) => [queue, lists[index]!])) as Record<StaffQueue, QueueRow[]>
}

// ───────── the month's key figures ─────────

export interface MonthFigures {
  needsPublished: number
  applications: number
  decided: number
  decidedWithinCharter: number
  /** Share of the month's decisions made within the charter's delay, in percent (null: none decided). */
  withinCharterPercent: number | null
  contracts: number
  contractValueEur: number
}

/**
 * One month's figures of the actor's hubs: needs published (a need shared with a hub counts for
 * it too), applications submitted to them, decisions made (accepted or declined) and how many
 * within the charter's delay (the partner's own, else its hub's, in days from the submission),
 * contracts signed and their value. Counts only: no record is shown.
 */
async function monthFigures(hubIds: string[], period: MonthPeriod): Promise<MonthFigures> {
  const { start, end } = period
  const [row] = await prisma.$queryRaw<Array<Omit<MonthFigures, 'withinCharterPercent' | 'contractValueEur' | 'decided' | 'decidedWithinCharter'> & { contractValueEur: bigint | number }>>`
    WITH hub_needs AS (
      SELECT n.id, n."publishedAt", COALESCE(p."charterResponseDays", h."charterResponseDays") AS days
      FROM "Need" n
      JOIN "Organisation" p ON p.id = n."partnerId"
      JOIN "Hub" h ON h.id = n."hubId"
      WHERE n."hubId" = ANY(${hubIds}) OR EXISTS (SELECT 1 FROM "NeedShare" s WHERE s."needId" = n.id AND s."hubId" = ANY(${hubIds}))
    )
    SELECT
      (SELECT count(*) FROM hub_needs WHERE "publishedAt" >= ${start} AND "publishedAt" < ${end})::int AS "needsPublished",
      (SELECT count(*) FROM "Application" a JOIN hub_needs hn ON hn.id = a."needId"
        WHERE a."submittedAt" >= ${start} AND a."submittedAt" < ${end})::int AS applications,
      (SELECT count(*) FROM "Deal" d JOIN "Application" a ON a.id = d."applicationId" JOIN hub_needs hn ON hn.id = a."needId"
        WHERE d."contractSignedAt" >= ${start} AND d."contractSignedAt" < ${end})::int AS contracts,
      (SELECT COALESCE(sum(d."contractValueEur"), 0) FROM "Deal" d JOIN "Application" a ON a.id = d."applicationId" JOIN hub_needs hn ON hn.id = a."needId"
        WHERE d."contractSignedAt" >= ${start} AND d."contractSignedAt" < ${end})::bigint AS "contractValueEur"`
  // The month's decisions, judged by the scorecards' charter rule (a reason, by the due day).
  const decisions = await prisma.$queryRaw<Array<Pick<ApplicationFact, 'status' | 'submittedAt' | 'decidedAt' | 'declineReason' | 'charterDays'>>>`
    SELECT a.status::text AS status, a."submittedAt", a."decidedAt", a."declineReason"::text AS "declineReason",
      COALESCE(p."charterResponseDays", h."charterResponseDays")::int AS "charterDays"
    FROM "Application" a
    JOIN "Need" n ON n.id = a."needId"
    JOIN "Organisation" p ON p.id = n."partnerId"
    JOIN "Hub" h ON h.id = n."hubId"
    WHERE (n."hubId" = ANY(${hubIds}) OR EXISTS (SELECT 1 FROM "NeedShare" s WHERE s."needId" = n.id AND s."hubId" = ANY(${hubIds})))
      AND a.status IN ('ACCEPTED', 'DECLINED') AND a."submittedAt" IS NOT NULL AND a."decidedAt" >= ${start} AND a."decidedAt" < ${end}`
  const decidedWithinCharter = decisions.filter((decision) => charterOutcome(decision, end) === 'onTime').length
  const figures = { ...row!, decided: decisions.length, decidedWithinCharter }
  return {
    ...figures,
    contractValueEur: Number(figures.contractValueEur),
    withinCharterPercent: percentOf(figures.decidedWithinCharter, figures.decided),
  }
}

/** The key figures of the actor's hubs, this month (so far) and last month. */
export async function getMonthFigures(actor: Actor, now = new Date()) {
  const hubIds = forbidUnlessStaff(actor)
  const { current, previous } = currentAndPreviousMonth(now, actor.timeZone)
  const [thisMonth, lastMonth] = await Promise.all([monthFigures(hubIds, current), monthFigures(hubIds, previous)])
  return { current: { month: current.month, start: current.start, figures: thisMonth }, previous: { month: previous.month, start: previous.start, figures: lastMonth } }
}

/** The tiles kept from the former home: the hubs' names, the outbox's count, the actor's roles. */
export async function getStaffHomeFrame(actor: Actor) {
  const hubIds = forbidUnlessStaff(actor)
  const [hubs, outbox] = await Promise.all([
    prisma.hub.findMany({ where: { id: { in: hubIds } }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    countOutboxForActor(actor),
  ])
  return { hubs, outbox }
}
