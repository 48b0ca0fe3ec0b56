import type { Prisma } from '#app/generated/prisma/client'
import { writeAudit } from '#app/modules/audit/audit.server'
import { canAdministerHub, isStaffOf, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import type { DuesFilter, DuesSettingsInput } from './dues-schema'
import { graceEndsAt, membershipStanding } from './standing'
import { duesEnabled } from './stripe.server'
import { MEMBERSHIP_SELECT } from './membership-select'

/**
 * The staff's dues page (/staff/dues, decision 0032): the members' standing list of a hub (every
 * staff member of that hub, as its organisation pages), and the hub's dues settings (its
 * administrators; audited).
 */
export const DUES_PAGE_SIZE = 50
/** The CSV holds the whole filtered list, up to this many rows. */
export const DUES_CSV_MAX = 10_000

/** The hub the page is about: `?hub=` among the actor's staff hubs, else the first. Not staff: 403; another hub: 404. */
export async function chooseDuesHub(actor: Actor, requested: string | null) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  if (requested && !isStaffOf(actor, requested)) throw AppError.notFound()
  const hubs = await prisma.hub.findMany({
    where: { id: { in: hubIds } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, requiresDues: true, duesGraceDays: true, duesReminderDays: true },
  })
  const hub = hubs.find((row) => row.id === requested) ?? hubs[0]!
  return { hub, hubs: hubs.map((row) => ({ id: row.id, name: row.name })), canEdit: canAdministerHub(actor, hub.id), duesEnabled: duesEnabled() }
}

function filterWhere(status: DuesFilter | null, now: Date): Prisma.OrganisationWhereInput {
  switch (status) {
    case null:
      return {}
    case 'WAIVED':
      return { subscription: { waivedAt: { not: null }, OR: [{ waivedUntil: null }, { waivedUntil: { gt: now } }] } }
    case 'NONE':
      return { OR: [{ subscription: null }, { subscription: { status: 'NONE' } }] }
    default:
      return { subscription: { status } }
  }
}

/** The organisations of the hub (home hub) with their dues, by name; a page of them, or all (CSV). */
export async function listDuesStandings(
  hub: { id: string; requiresDues: boolean; duesGraceDays: number },
  filter: { status: DuesFilter | null; page: number },
  options: { all?: boolean; now?: Date } = {},
) {
  const now = options.now ?? new Date()
  const where: Prisma.OrganisationWhereInput = { homeHubId: hub.id, ...filterWhere(filter.status, now) }
  const enabled = duesEnabled()
  const [total, rows] = await Promise.all([
    prisma.organisation.count({ where }),
    prisma.organisation.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: options.all ? 0 : (filter.page - 1) * DUES_PAGE_SIZE,
      take: options.all ? DUES_CSV_MAX : DUES_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        siren: true,
        kind: true,
        status: true,
        subscription: { select: MEMBERSHIP_SELECT },
      },
    }),
  ])
  return {
    total,
    pages: Math.max(1, Math.ceil(total / DUES_PAGE_SIZE)),
    rows: rows.map((row) => {
      const sub = row.subscription
      const waiverRunning = Boolean(sub?.waivedAt && (!sub.waivedUntil || sub.waivedUntil > now))
      return {
        id: row.id,
        name: row.name,
        siren: row.siren,
        kind: row.kind,
        plan: sub?.plan?.name ?? null,
        status: sub?.status ?? 'NONE',
        currentPeriodEnd: sub?.currentPeriodEnd ?? null,
        cancelAtPeriodEnd: sub?.cancelAtPeriodEnd ?? false,
        graceEndsAt: sub?.status === 'PAST_DUE' && sub.pastDueSince ? graceEndsAt(sub.pastDueSince, hub.duesGraceDays) : null,
        waiver: waiverRunning ? { until: sub!.waivedUntil, reason: sub!.waiverReason ?? '' } : null,
        standing: membershipStanding({ duesEnabled: enabled, hub, subscription: sub ?? null, now }),
      }
    }),
  }
}

const SETTINGS = { requiresDues: true, duesGraceDays: true, duesReminderDays: true } as const

/** The hub's dues settings: its administrators (a moderator of the hub: 403; staff elsewhere: 404). */
export async function updateDuesSettings(actor: Actor, input: DuesSettingsInput, requestId?: string) {
  if (!canAdministerHub(actor, input.hubId)) throw isStaffOf(actor, input.hubId) || actor.staffRoles.length === 0 ? AppError.forbidden() : AppError.notFound()
  const { hubId, intent: _intent, ...wanted } = input
  return transaction(async ({ db }) => {
    const before = await db.hub.findUniqueOrThrow({ where: { id: hubId }, select: SETTINGS })
    const changed = (Object.keys(wanted) as Array<keyof typeof wanted>).filter((key) => before[key] !== wanted[key])
    if (changed.length === 0) return false
    await db.hub.update({ where: { id: hubId }, data: Object.fromEntries(changed.map((key) => [key, wanted[key]])) })
    await writeAudit(db, {
      actorId: actor.userId,
      hubId,
      action: 'dues.settings',
      target: { type: 'Hub', id: hubId },
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, wanted[key]])),
      requestId,
    })
    return true
  })
}

/** Throws unless the actor may change the hub's dues settings (before the form is read). */
export function requireDuesAdmin(actor: Actor, hubId: string | null) {
  if (hubId && canAdministerHub(actor, hubId)) return
  throw hubId && !isStaffOf(actor, hubId) && actor.staffRoles.length > 0 ? AppError.notFound() : AppError.forbidden()
}
