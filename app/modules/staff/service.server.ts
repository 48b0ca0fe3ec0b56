import { isHubAdmin, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'

/** What waits for the staff of the actor's hubs. */
export async function getStaffOverview(actor: Actor) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  const [hubs, pendingOrganisations, submittedNeeds, publishedNeeds, openApplications, outbox] = await Promise.all([
    prisma.hub.findMany({ where: { id: { in: hubIds } }, select: { id: true, name: true } }),
    prisma.organisation.count({ where: { homeHubId: { in: hubIds }, status: 'PENDING' } }),
    prisma.need.count({ where: { hubId: { in: hubIds }, status: 'SUBMITTED' } }),
    prisma.need.count({ where: { hubId: { in: hubIds }, status: 'PUBLISHED' } }),
    prisma.application.count({ where: { need: { hubId: { in: hubIds } }, status: { in: ['SUBMITTED', 'SHORTLISTED', 'SCREENING', 'INFO_REQUESTED'] } } }),
    prisma.emailMessage.count({
      where: { OR: [{ hubId: { in: hubIds } }, ...(hubIds.some((hubId) => isHubAdmin(actor, hubId)) ? [{ hubId: null }] : [])] },
    }),
  ])
  return {
    hubs,
    roles: actor.staffRoles,
    counts: { pendingOrganisations, submittedNeeds, publishedNeeds, openApplications, outbox },
  }
}
