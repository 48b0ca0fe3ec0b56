import { toLocale } from '#app/i18n/config'
import { getNeedForActor } from '#app/modules/needs/queries.server'
import type { Actor } from '#app/modules/policy/policy'
import { isAppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'

interface ActorRow {
  id: string
  name: string
  email: string
  locale: string
  timeZone: string
  memberships: Actor['memberships']
  staffRoles: Actor['staffRoles']
}

/**
 * The actors of some users, loaded as a signed-in request loads them (organisations, staff roles),
 * to ask the pages' rules on their behalf before an e-mail names a record (an e-mail is a page too).
 */
export async function loadActors(userIds: string[]): Promise<Map<string, Actor>> {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return new Map()
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
    FROM "User" u WHERE u.id = ANY(${unique})`
  return new Map(
    rows.map((row) => [
      row.id,
      { userId: row.id, name: row.name, email: row.email, locale: toLocale(row.locale), timeZone: row.timeZone, memberships: row.memberships, staffRoles: row.staffRoles },
    ]),
  )
}

/**
 * The users among `userIds` whose need page opens now: with its details (`full`: what shows the
 * questions and their answers) or at least its teaser (`visible`). The need page's own rule
 * (`getNeedForActor`), asked for each user.
 */
export async function whoMayOpenNeed(userIds: string[], needId: string, level: 'full' | 'visible' = 'full') {
  const actors = await loadActors(userIds)
  const allowed: string[] = []
  for (const actor of actors.values()) {
    try {
      const view = await getNeedForActor(actor, needId)
      if (level === 'visible' || view.visibility === 'full') allowed.push(actor.userId)
    } catch (error) {
      if (!isAppError(error)) throw error
    }
  }
  return allowed
}

/** Each user's language and time zone, for dates written in an e-mail. */
export async function localesOf(userIds: string[]) {
  const users = userIds.length
    ? await prisma.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, locale: true, timeZone: true } })
    : []
  return new Map(users.map((user) => [user.id, { locale: toLocale(user.locale), timeZone: user.timeZone || 'Europe/Paris' }]))
}
