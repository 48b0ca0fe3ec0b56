import { writeAudit } from '#app/modules/audit/audit.server'
import { isHubAdmin, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction, type DbClient } from '#app/utils/db.server'

/** The staff of the hubs the actor administers. */
export async function listHubTeams(actor: Actor) {
  const adminHubIds = actor.staffRoles.filter((role) => role.role === 'ADMIN').map((role) => role.hubId)
  if (adminHubIds.length === 0) throw AppError.forbidden('errors.onlyHubAdmins')
  return prisma.hub.findMany({
    where: { id: { in: adminHubIds } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      staffRoles: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      },
    },
  })
}

/** A hub admin gives a person with an account a staff role on that hub. */
export async function grantStaffRole(
  actor: Actor,
  input: { hubId: string; email: string; role: 'MODERATOR' | 'ADMIN' },
  requestId?: string,
) {
  if (!isHubAdmin(actor, input.hubId)) throw AppError.notFound()
  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true, emailVerifiedAt: true } })
  if (!user) throw AppError.invalid({ email: ['validation.noSuchAccount'] })
  // A role goes to whoever proved they read the address, never to whoever signed up with it first.
  if (!user.emailVerifiedAt) throw AppError.invalid({ email: ['account.errors.unverifiedStaff'] }, 'account.errors.unverifiedStaff')
  return transaction(async ({ db }) => {
    await lockHubStaff(db, input.hubId)
    const existing = await db.staffRole.findUnique({ where: { userId_hubId: { userId: user.id, hubId: input.hubId } } })
    if (existing?.role === 'ADMIN' && input.role !== 'ADMIN') await refuseLastAdmin(db, input.hubId)
    const role = await db.staffRole.upsert({
      where: { userId_hubId: { userId: user.id, hubId: input.hubId } },
      create: { userId: user.id, hubId: input.hubId, role: input.role },
      update: { role: input.role },
    })
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: input.hubId,
      action: 'staff.grant',
      target: { type: 'StaffRole', id: role.id },
      before: existing ? { role: existing.role } : null,
      after: { userId: user.id, role: input.role },
      requestId,
    })
    return role
  })
}

/** Removes a staff role; an admin cannot remove the last admin of a hub. */
export async function revokeStaffRole(actor: Actor, staffRoleId: string, requestId?: string) {
  const role = await prisma.staffRole.findUnique({ where: { id: staffRoleId } })
  assertFound(role && isHubAdmin(actor, role.hubId))
  await transaction(async ({ db }) => {
    await lockHubStaff(db, role.hubId)
    if (role.role === 'ADMIN') await refuseLastAdmin(db, role.hubId)
    const deleted = await db.staffRole.deleteMany({ where: { id: role.id } })
    if (deleted.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: role.hubId,
      action: 'staff.revoke',
      target: { type: 'StaffRole', id: role.id },
      before: { userId: role.userId, role: role.role },
      requestId,
    })
  })
}

/** Serialises changes to one hub's staff (two admins removing each other at once). */
async function lockHubStaff(db: DbClient, hubId: string) {
  await db.$queryRaw`SELECT id FROM "Hub" WHERE id = ${hubId} FOR UPDATE`
}

async function refuseLastAdmin(db: DbClient, hubId: string) {
  const admins = await db.staffRole.count({ where: { hubId, role: 'ADMIN' } })
  if (admins <= 1) throw AppError.conflict('last_admin', 'errors.lastHubAdmin')
}
