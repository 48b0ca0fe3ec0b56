import { writeAudit } from '#app/modules/audit/audit.server'
import { canAdministerHub, isStaffOf, type Actor } from '#app/modules/policy/policy'
import { AppError, isUniqueViolation } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { hubNdaVersion } from './nda'
import type { HubSettingsInput, NdaTextInput } from './schema'

/**
 * The hub settings (/staff/hub): its administrators change the charter's answer delay, whether
 * dues are required, the members' digest defaults, whether the hub shares its analytics and shows
 * partners' charter compliance, and publish new versions of its NDA text (decision 0022).
 */
const SETTINGS = {
  id: true,
  name: true,
  shortName: true,
  charterResponseDays: true,
  requiresDues: true,
  digestFrequencyDefault: true,
  digestHourDefault: true,
  shareAnalytics: true,
  showCharterCompliance: true,
} as const

/**
 * The hub an administrator works on: `?hub=` among the hubs they administer, else the first of
 * them. Not an administrator anywhere: 403. A hub they are a moderator of: 403; another: 404.
 */
export function chooseAdministeredHub(actor: Actor, requested: string | null) {
  const administered = actor.staffRoles.filter((role) => role.role === 'ADMIN').map((role) => role.hubId)
  if (administered.length === 0) throw AppError.forbidden()
  if (!requested) return { hubId: administered[0]!, administered }
  if (canAdministerHub(actor, requested)) return { hubId: requested, administered }
  if (isStaffOf(actor, requested)) throw AppError.forbidden()
  throw AppError.notFound()
}

export async function loadHubSettings(actor: Actor, requested: string | null) {
  const { hubId, administered } = chooseAdministeredHub(actor, requested)
  const [hub, hubs, versions] = await Promise.all([
    prisma.hub.findUniqueOrThrow({ where: { id: hubId }, select: SETTINGS }),
    prisma.hub.findMany({ where: { id: { in: administered } }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    prisma.hubNdaText.findMany({
      where: { hubId },
      orderBy: { version: 'desc' },
      select: { id: true, version: true, text: true, createdAt: true, _count: { select: { acceptances: true } } },
    }),
  ])
  return {
    hub,
    hubs,
    nda: {
      current: versions[0] ? { version: versions[0].version, label: hubNdaVersion(versions[0].version), text: versions[0].text } : null,
      versions: versions.map((row) => ({ id: row.id, version: row.version, label: hubNdaVersion(row.version), createdAt: row.createdAt, acceptances: row._count.acceptances })),
    },
  }
}

export async function updateHubSettings(actor: Actor, input: HubSettingsInput, requestId?: string) {
  if (!canAdministerHub(actor, input.hubId)) throw isStaffOf(actor, input.hubId) || actor.staffRoles.length === 0 ? AppError.forbidden() : AppError.notFound()
  const { hubId, intent: _intent, ...wanted } = input
  await transaction(async ({ db }) => {
    const before = await db.hub.findUniqueOrThrow({ where: { id: hubId }, select: SETTINGS })
    const changed = (Object.keys(wanted) as Array<keyof typeof wanted>).filter((key) => before[key] !== wanted[key])
    if (changed.length === 0) return
    await db.hub.update({ where: { id: hubId }, data: Object.fromEntries(changed.map((key) => [key, wanted[key]])) })
    await writeAudit(db, {
      actorId: actor.userId,
      hubId,
      action: 'hub.settings',
      target: { type: 'Hub', id: hubId },
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, wanted[key]])),
      requestId,
    })
  })
}

/** A new version of the hub's NDA text; former versions are never changed. */
export async function publishNdaText(actor: Actor, input: NdaTextInput, requestId?: string) {
  if (!canAdministerHub(actor, input.hubId)) throw isStaffOf(actor, input.hubId) || actor.staffRoles.length === 0 ? AppError.forbidden() : AppError.notFound()
  try {
    return await transaction(async ({ db }) => {
      const newest = await db.hubNdaText.findFirst({ where: { hubId: input.hubId }, orderBy: { version: 'desc' }, select: { version: true, text: true } })
      if (newest && newest.text === input.text) throw AppError.invalid({ text: ['audit.hub.errors.ndaUnchanged'] })
      const version = (newest?.version ?? 0) + 1
      const created = await db.hubNdaText.create({ data: { hubId: input.hubId, version, text: input.text, createdById: actor.userId }, select: { id: true, version: true } })
      await writeAudit(db, {
        actorId: actor.userId,
        hubId: input.hubId,
        action: 'hub.nda-publish',
        target: { type: 'Hub', id: input.hubId },
        before: newest ? { version: hubNdaVersion(newest.version) } : null,
        after: { version: hubNdaVersion(version), ndaTextId: created.id },
        requestId,
      })
      return created
    })
  } catch (error) {
    // Two administrators publishing at once: the second is told to read the new version first.
    if (isUniqueViolation(error)) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    throw error
  }
}
