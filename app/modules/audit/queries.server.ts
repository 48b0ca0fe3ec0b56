import { Prisma } from '#app/generated/prisma/client'
import { canReadAuditEntry, isHubAdmin, isStaff, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { actionMatch, parseRecord } from './present'
import type { AuditFilters } from './schema'

/**
 * The audit log viewer (/staff/audit, decision 0022): the rows staff may read (policy
 * `canReadAuditEntry`: their hubs' rows, and rows without a hub whose actor is staff of one of
 * their hubs), filtered by actor, organisation, record, action and period, newest first, paged by
 * id (keyset). The same query answers the page and its CSV export.
 */
export const AUDIT_PAGE_SIZE = 50
/** The CSV holds at most this many rows of the filter (the newest). */
export const AUDIT_CSV_MAX = 10_000

export interface AuditRow {
  id: string
  createdAt: Date
  actorId: string | null
  actorName: string | null
  actorEmail: string | null
  actorOrgId: string | null
  hubId: string | null
  action: string
  targetType: string
  targetId: string
  before: unknown
  after: unknown
  requestId: string | null
  dealApplicationId: string | null
}

interface RawRow extends Omit<AuditRow, 'id'> {
  id: bigint
  actorStaffHubIds: string[] | null
  draftNeed: boolean
  actorIsStaff: boolean
}

function likePrefix(prefix: string) {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

/** The organisation's rows: acting for it, or on it and its records (needs, applications, deals, matches, memberships). */
function organisationCondition(orgId: string) {
  return Prisma.sql`(
    a."actorOrgId" = ${orgId}
    OR (a."targetType" = 'Organisation' AND a."targetId" = ${orgId})
    OR (a."targetType" = 'Need' AND a."targetId" IN (SELECT n.id FROM "Need" n WHERE n."partnerId" = ${orgId}))
    OR (a."targetType" = 'Application' AND a."targetId" IN (
      SELECT ap.id FROM "Application" ap JOIN "Need" n ON n.id = ap."needId" WHERE ap."firmId" = ${orgId} OR n."partnerId" = ${orgId}))
    OR (a."targetType" = 'Deal' AND a."targetId" IN (
      SELECT d.id FROM "Deal" d JOIN "Application" ap ON ap.id = d."applicationId" JOIN "Need" n ON n.id = ap."needId"
      WHERE ap."firmId" = ${orgId} OR n."partnerId" = ${orgId}))
    OR (a."targetType" = 'Match' AND a."targetId" IN (
      SELECT m.id FROM "Match" m JOIN "Need" n ON n.id = m."needId" WHERE m."firmId" = ${orgId} OR n."partnerId" = ${orgId}))
    OR (a."targetType" = 'Membership' AND a."targetId" IN (SELECT ms.id FROM "Membership" ms WHERE ms."organisationId" = ${orgId}))
  )`
}

/** The row is about a need that was never submitted (need-state.ts `wasSubmitted`, in SQL). */
const DRAFT_NEED = Prisma.sql`(a."targetType" = 'Need' AND EXISTS (
  SELECT 1 FROM "Need" dn WHERE dn.id = a."targetId"
    AND NOT (dn.status <> 'DRAFT' AND (dn.status <> 'ARCHIVED' OR dn."submittedAt" IS NOT NULL OR dn."publishedAt" IS NOT NULL))))`

export async function listAuditForActor(
  actor: Actor,
  filters: AuditFilters,
  range: { start: Date; end: Date },
  options: { limit?: number; paged?: boolean } = {},
): Promise<{ rows: AuditRow[]; nextBefore: string | null }> {
  if (!isStaff(actor)) throw AppError.forbidden()
  const hubs = staffHubIds(actor)
  const limit = options.limit ?? AUDIT_PAGE_SIZE
  const where: Prisma.Sql[] = [
    // canReadAuditEntry, in SQL.
    Prisma.sql`(a."hubId" = ANY(${hubs}::text[]) OR (a."hubId" IS NULL AND EXISTS (
      SELECT 1 FROM "StaffRole" s WHERE s."userId" = a."actorId" AND s."hubId" = ANY(${hubs}::text[]))))`,
    Prisma.sql`a."createdAt" >= ${range.start} AND a."createdAt" < ${range.end}`,
    // A draft never submitted is its partner's alone (the need page refuses staff): its rows too.
    Prisma.sql`NOT ${DRAFT_NEED}`,
  ]
  if (filters.actor) {
    where.push(
      filters.actor.includes('@')
        ? Prisma.sql`a."actorId" = (SELECT u2.id FROM "User" u2 WHERE lower(u2.email) = lower(${filters.actor}))`
        : Prisma.sql`a."actorId" = ${filters.actor}`,
    )
  }
  if (filters.organisation) where.push(organisationCondition(filters.organisation))
  if (filters.record) {
    const record = parseRecord(filters.record)
    if (record) where.push(Prisma.sql`a."targetType" = ${record.type} AND a."targetId" = ${record.id}`)
  }
  if (filters.action) {
    const match = actionMatch(filters.action)
    where.push('prefix' in match ? Prisma.sql`a.action LIKE ${likePrefix(match.prefix)}` : Prisma.sql`a.action = ${match.exact}`)
  }
  if (options.paged !== false && filters.before) where.push(Prisma.sql`a.id < ${BigInt(filters.before)}`)
  const raw = await prisma.$queryRaw<RawRow[]>`
    SELECT a.id, a."createdAt", a."actorId", u.name AS "actorName", u.email AS "actorEmail", a."actorOrgId", a."hubId", a.action,
           a."targetType", a."targetId", a.before, a.after, a."requestId", d."applicationId" AS "dealApplicationId",
           CASE WHEN a."hubId" IS NULL THEN (SELECT array_agg(s."hubId") FROM "StaffRole" s WHERE s."userId" = a."actorId") END AS "actorStaffHubIds",
           ${DRAFT_NEED} AS "draftNeed",
           EXISTS (SELECT 1 FROM "StaffRole" sr WHERE sr."userId" = a."actorId") AS "actorIsStaff"
    FROM "AuditLog" a
    LEFT JOIN "User" u ON u.id = a."actorId"
    LEFT JOIN "Deal" d ON a."targetType" = 'Deal' AND d.id = a."targetId"
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY a.id DESC
    LIMIT ${limit + 1}`
  // The SQL states the policy; the predicate checks each row as the page's other lists do.
  const readable = raw.filter((row) => canReadAuditEntry(actor, { hubId: row.hubId, actorStaffHubIds: row.actorStaffHubIds ?? [], draftNeed: row.draftNeed }))
  const page = readable.slice(0, limit)
  // A staff member's address is the team page's: hub admins read it, moderators see the name only (their own excepted).
  const mayReadStaffEmail = (hubId: string | null) => (hubId ? isHubAdmin(actor, hubId) : actor.staffRoles.some((role) => role.role === 'ADMIN'))
  const rows = page.map(({ actorStaffHubIds: _hubs, draftNeed: _draft, actorIsStaff, id, ...row }) => ({
    ...row,
    actorEmail: actorIsStaff && row.actorId !== actor.userId && !mayReadStaffEmail(row.hubId) ? null : row.actorEmail,
    id: id.toString(),
  }))
  return { rows, nextBefore: raw.length > limit && rows.length ? rows[rows.length - 1]!.id : null }
}
