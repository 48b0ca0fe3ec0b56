import type { Prisma } from '#app/generated/prisma/client'
import { canSeeGroup, type Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'

/**
 * The working groups (among `where`) the actor may see: `canSeeGroup`, the group page's own rule
 * (a hub-only group is a 404 for another hub's members and staff), for the other places that name
 * groups — the firm directory's filter and profiles (decision 0027). A list never names a group its
 * page refuses. Hubs hold a few dozen groups: read, then filtered by the policy.
 * Imports nothing but the policy and the database (the need queries and the directory use it).
 */
export async function groupsSeenBy(actor: Actor, where: Prisma.WorkingGroupWhereInput = {}) {
  const organisationIds = actor.memberships.map((membership) => membership.organisationId)
  const groups = await prisma.workingGroup.findMany({
    where,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      slug: true,
      name: true,
      hubId: true,
      openToAllHubs: true,
      archivedAt: true,
      hub: { select: { shortName: true } },
      // The actor's own organisations among the members: all `canSeeGroup` asks of them.
      members: { where: { organisationId: { in: organisationIds } }, select: { organisationId: true } },
    },
  })
  return groups
    .filter((group) =>
      canSeeGroup(actor, { hubId: group.hubId, openToAllHubs: group.openToAllHubs, archivedAt: group.archivedAt, memberOrgIds: group.members.map((member) => member.organisationId) }),
    )
    .map((group) => ({ id: group.id, slug: group.slug, name: group.name, hubShortName: group.hub.shortName }))
}
