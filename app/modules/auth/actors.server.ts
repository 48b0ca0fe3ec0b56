import { toLocale } from '#app/i18n/config'
import { Prisma } from '#app/generated/prisma/client'
import type { Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'

/**
 * An actor's organisations and staff roles as SQL over one row of "User" aliased `u`: what a
 * signed-in request loads (`readSession`), and what the workers load to ask the pages' rules on a
 * user's behalf before an e-mail names a record (an e-mail is a page too).
 */
export const actorMembershipsSql = Prisma.sql`COALESCE((
    SELECT json_agg(json_build_object(
      'organisationId', m."organisationId", 'role', m.role,
      'organisation', json_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'kind', o.kind, 'status', o.status, 'homeHubId', o."homeHubId")
    ) ORDER BY m."createdAt")
    FROM "Membership" m JOIN "Organisation" o ON o.id = m."organisationId" WHERE m."userId" = u.id
  ), '[]'::json)`

export const actorStaffRolesSql = Prisma.sql`COALESCE((SELECT json_agg(json_build_object('hubId', r."hubId", 'role', r.role)) FROM "StaffRole" r WHERE r."userId" = u.id), '[]'::json)`

interface ActorRow {
  id: string
  name: string
  email: string
  locale: string
  timeZone: string
  memberships: Actor['memberships']
  staffRoles: Actor['staffRoles']
}

/** The actors of many users in one query, in the shape a signed-in request has. */
export async function loadActors(userIds: string[]): Promise<Map<string, Actor>> {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return new Map()
  const rows = await prisma.$queryRaw<ActorRow[]>`
    SELECT u.id, u.name, u.email, u.locale, u."timeZone", ${actorMembershipsSql} AS memberships, ${actorStaffRolesSql} AS "staffRoles"
    FROM "User" u
    WHERE u.id = ANY(${unique})`
  return new Map(
    rows.map((row) => [
      row.id,
      { userId: row.id, name: row.name, email: row.email, locale: toLocale(row.locale), timeZone: row.timeZone, memberships: row.memberships, staffRoles: row.staffRoles },
    ]),
  )
}
