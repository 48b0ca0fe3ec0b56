import { Prisma } from '#app/generated/prisma/client'
import { staffHubIds, type Actor } from '#app/modules/policy/policy'

/**
 * The organisation page's rule (`canViewOrganisation` in app/modules/policy/policy.ts) as SQL over
 * one "Organisation" row, for lists that show records about organisations (the staff outbox).
 * Change them together.
 */
export function organisationVisibilitySql(actor: Actor | null, organisation = 'o') {
  if (!actor) return Prisma.sql`false`
  const o = Prisma.raw(organisation)
  const organisationIds = actor.memberships.map((membership) => membership.organisationId)
  const staffHubs = staffHubIds(actor)
  const verifiedMember = actor.memberships.some((membership) => membership.organisation.status === 'VERIFIED')
  const parts = [
    organisationIds.length ? Prisma.sql`${o}.id = ANY(${organisationIds})` : null,
    staffHubs.length ? Prisma.sql`${o}."homeHubId" = ANY(${staffHubs})` : null,
    // Verified organisations are visible to the other verified members of the platform.
    verifiedMember ? Prisma.sql`${o}.status = 'VERIFIED'` : null,
  ].filter((part): part is Prisma.Sql => part !== null)
  return parts.length ? Prisma.sql`(${Prisma.join(parts, ' OR ')})` : Prisma.sql`false`
}
