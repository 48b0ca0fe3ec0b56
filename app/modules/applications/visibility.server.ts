import { Prisma } from '#app/generated/prisma/client'
import { staffHubIds, type Actor } from '#app/modules/policy/policy'

/**
 * The application page's rule (`applicationViewFor` in app/modules/policy/policy.ts, with the
 * screening rule of `applicationFor` in service.server.ts: the partner sees a screened need's
 * application once it passed screening) as SQL over one "Application" row and its "Need" row,
 * for lists that show records about applications (the staff outbox). Change them together.
 */
export function applicationVisibilitySql(actor: Actor | null, application = 'a', need = 'an') {
  if (!actor) return Prisma.sql`false`
  const a = Prisma.raw(application)
  const n = Prisma.raw(need)
  const organisationIds = actor.memberships.map((membership) => membership.organisationId)
  const staffHubs = staffHubIds(actor)
  const firm = organisationIds.length
    ? Prisma.sql`(${a}."firmId" = ANY(${organisationIds}) OR EXISTS (
        SELECT 1 FROM "ConsortiumMember" vc
        WHERE vc."applicationId" = ${a}.id AND vc.status <> 'DECLINED' AND vc."organisationId" = ANY(${organisationIds})))`
    : Prisma.sql`false`
  const partner = organisationIds.length
    ? Prisma.sql`(${a}.status NOT IN ('DRAFT', 'WITHDRAWN') AND ${n}."partnerId" = ANY(${organisationIds}))`
    : Prisma.sql`false`
  const screenedAway = Prisma.sql`(${n}."screeningRequired" AND ${a}.status IN ('SUBMITTED', 'SCREENING'))`
  const staff = staffHubs.length ? Prisma.sql`(${a}.status <> 'DRAFT' AND ${n}."hubId" = ANY(${staffHubs}))` : Prisma.sql`false`
  // The partner's view comes before the staff's: a partner's member who is also staff of the hub
  // reads a screened application only once it passed screening, as the page decides.
  return Prisma.sql`(${firm} OR (${partner} AND NOT ${screenedAway}) OR (NOT ${partner} AND ${staff}))`
}
