import { writeAudit } from '#app/modules/audit/audit.server'
import { canModerateOrganisation, isStaffOf, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { waiverEnd, type WaiveInput } from './dues-schema'
import { graceEndsAt, membershipStanding } from './standing'
import { duesEnabled } from './stripe.server'
import { DUES_HUB_SELECT, MEMBERSHIP_SELECT } from './membership-select'

/**
 * Staff waive an organisation's dues (decision 0032): with a reason, until a day or until lifted;
 * the gate then stays open whatever the subscription's status. Only staff of the organisation's
 * home hub read it, as its staff page; anyone else: 404. Staff who are members of the
 * organisation read it but may not waive nor lift (403), as they may not moderate it. Both
 * changes are audited: the membership status under `membership` (it does not change) and the
 * waiver as `waiver` (`none`, `forever` or its last day, YYYY-MM-DD), the reason apart.
 */
async function loadForStaff(actor: Actor, organisationId: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: {
      id: true,
      name: true,
      slug: true,
      kind: true,
      homeHubId: true,
      homeHub: { select: DUES_HUB_SELECT },
      subscription: { select: { ...MEMBERSHIP_SELECT, waivedById: true } },
    },
  })
  assertFound(organisation && isStaffOf(actor, organisation.homeHubId))
  return organisation
}

/** Staff of its hub who are not members of it (`canModerateOrganisation`): 403 otherwise. */
async function loadForWaiver(actor: Actor, organisationId: string) {
  const organisation = await loadForStaff(actor, organisationId)
  if (!canModerateOrganisation(actor, organisation)) throw AppError.forbidden('dues.waiver.errors.ownOrganisation')
  return organisation
}

type WaiverRow = { waivedAt: Date | null; waivedUntil: Date | null } | null | undefined

/** The waiver as the audit log keeps it: `none`, `forever`, or its last day. */
function waiverState(row: WaiverRow) {
  if (!row?.waivedAt) return 'none'
  return row.waivedUntil ? row.waivedUntil.toISOString().slice(0, 10) : 'forever'
}

/** An organisation's dues as its hub's staff read them: status, plan, dates, waiver, standing. */
export async function getDuesForStaff(actor: Actor, organisationId: string, now = new Date()) {
  const organisation = await loadForStaff(actor, organisationId)
  const subscription = organisation.subscription
  const waivedBy = subscription?.waivedById ? await prisma.user.findUnique({ where: { id: subscription.waivedById }, select: { name: true } }) : null
  const enabled = duesEnabled()
  return {
    organisation: { id: organisation.id, name: organisation.name, slug: organisation.slug, kind: organisation.kind },
    hub: { name: organisation.homeHub.name, requiresDues: organisation.homeHub.requiresDues },
    duesEnabled: enabled,
    status: subscription?.status ?? 'NONE',
    plan: subscription?.plan?.name ?? null,
    currentPeriodEnd: subscription?.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: subscription?.cancelAtPeriodEnd ?? false,
    graceEndsAt: subscription?.status === 'PAST_DUE' && subscription.pastDueSince ? graceEndsAt(subscription.pastDueSince, organisation.homeHub.duesGraceDays) : null,
    mayWaive: canModerateOrganisation(actor, organisation),
    waiver: subscription?.waivedAt
      ? { since: subscription.waivedAt, until: subscription.waivedUntil, reason: subscription.waiverReason ?? '', by: waivedBy?.name ?? null, running: !subscription.waivedUntil || subscription.waivedUntil > now }
      : null,
    standing: membershipStanding({ duesEnabled: enabled, hub: organisation.homeHub, subscription: subscription ?? null, now }),
  }
}

export async function waiveDues(actor: Actor, organisationId: string, input: WaiveInput, requestId?: string, now = new Date()) {
  const organisation = await loadForWaiver(actor, organisationId)
  const until = input.until ? waiverEnd(input.until) : null
  if (until && until <= now) throw AppError.invalid({ until: ['dues.waiver.errors.until'] })
  const before = organisation.subscription
  await transaction(async ({ db }) => {
    const waiver = { waivedAt: now, waivedById: actor.userId, waiverReason: input.reason, waivedUntil: until }
    await db.subscription.upsert({ where: { organisationId }, create: { organisationId, ...waiver }, update: waiver })
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: organisation.homeHubId,
      action: 'dues.waive',
      target: { type: 'Organisation', id: organisationId },
      before: {
        membership: before?.status ?? 'NONE',
        waiver: waiverState(before),
        reason: before?.waivedAt ? before.waiverReason : null,
        until: before?.waivedAt ? (before.waivedUntil?.toISOString() ?? null) : null,
      },
      after: { membership: before?.status ?? 'NONE', waiver: waiverState(waiver), reason: input.reason, until: until?.toISOString() ?? null },
      requestId,
    })
  })
}

export async function unwaiveDues(actor: Actor, organisationId: string, requestId?: string) {
  const organisation = await loadForWaiver(actor, organisationId)
  const before = organisation.subscription
  if (!before?.waivedAt) throw AppError.conflict('not_waived', 'dues.waiver.errors.notWaived')
  await transaction(async ({ db }) => {
    const updated = await db.subscription.updateMany({
      where: { organisationId, waivedAt: before.waivedAt },
      data: { waivedAt: null, waivedById: null, waiverReason: null, waivedUntil: null },
    })
    if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: organisation.homeHubId,
      action: 'dues.unwaive',
      target: { type: 'Organisation', id: organisationId },
      before: { membership: before.status, waiver: waiverState(before), reason: before.waiverReason, until: before.waivedUntil?.toISOString() ?? null },
      after: { membership: before.status, waiver: 'none' },
      requestId,
    })
  })
}
