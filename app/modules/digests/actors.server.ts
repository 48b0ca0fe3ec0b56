import { toLocale } from '#app/i18n/config'
import type { Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'

/**
 * The actors of many users in one query, in the shape `readSession` (app/modules/auth/session.server.ts)
 * gives a signed-in request: the digest asks the same rules as the pages, for the same actor.
 */
interface ActorRow {
  id: string
  name: string
  email: string
  locale: string
  timeZone: string
  memberships: Actor['memberships']
  staffRoles: Actor['staffRoles']
}

export async function loadActors(userIds: string[]): Promise<Map<string, Actor>> {
  if (userIds.length === 0) return new Map()
  const rows = await prisma.$queryRaw<ActorRow[]>`
    SELECT u.id, u.name, u.email, u.locale, u."timeZone",
      COALESCE((
        SELECT json_agg(json_build_object(
          'organisationId', m."organisationId", 'role', m.role,
          'organisation', json_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'kind', o.kind, 'status', o.status, 'homeHubId', o."homeHubId")
        ) ORDER BY m."createdAt")
        FROM "Membership" m JOIN "Organisation" o ON o.id = m."organisationId" WHERE m."userId" = u.id
      ), '[]'::json) AS memberships,
      COALESCE((SELECT json_agg(json_build_object('hubId', r."hubId", 'role', r.role)) FROM "StaffRole" r WHERE r."userId" = u.id), '[]'::json) AS "staffRoles"
    FROM "User" u
    WHERE u.id = ANY(${userIds})`
  return new Map(
    rows.map((row) => [
      row.id,
      {
        userId: row.id,
        name: row.name,
        email: row.email,
        locale: toLocale(row.locale),
        timeZone: row.timeZone,
        memberships: row.memberships,
        staffRoles: row.staffRoles,
      },
    ]),
  )
}
