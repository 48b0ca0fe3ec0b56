import { writeAudit } from '#app/modules/audit/audit.server'
import { isStaffOf, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { waiverEnd, type WaiveInput } from './dues-schema'
import { graceEndsAt, membershipStanding } from './standing'
import { duesEnabled } from './stripe.server'

/**
 * Staff waive an organisation's dues (decision 0032): with a reason, until a day or until lifted;
 * the gate then stays open whatever the subscription's status. Only staff of the organisation's
 * home hub, as its staff page; anyone else: 404. Both changes are audited.
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
      homeHub: { select: { name: true, requiresDues: true, duesGraceDays: true } },
      subscription: {
        select: {
          status: true,
          currentPeriodEnd: true,
          cancelAtPeriodEnd: true,
          pastDueSince: true,
          waivedAt: true,
          waivedUntil: true,
          waiverReason: true,
          waivedById: true,
          plan: { select: { name: true } },
        },
      },
    },
  })
  assertFound(organisation && isStaffOf(actor, organisation.homeHubId))
  return organisation
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
    waiver: subscription?.waivedAt
      ? { since: subscription.waivedAt, until: subscription.waivedUntil, reason: subscription.waiverReason ?? '', by: waivedBy?.name ?? null, running: !subscription.waivedUntil || subscription.waivedUntil > now }
      : null,
    standing: membershipStanding({ duesEnabled: enabled, hub: organisation.homeHub, subscription: subscription ?? null, now }),
  }
}

export async function waiveDues(actor: Actor, organisationId: string, input: WaiveInput, requestId?: string, now = new Date()) {
  const organisation = await loadForStaff(actor, organisationId)
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
      before: before?.waivedAt ? { reason: before.waiverReason, until: before.waivedUntil?.toISOString() ?? null } : { status: before?.status ?? 'NONE' },
      after: { reason: input.reason, until: until?.toISOString() ?? null },
      requestId,
    })
  })
}

export async function unwaiveDues(actor: Actor, organisationId: string, requestId?: string) {
  const organisation = await loadForStaff(actor, organisationId)
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
      before: { reason: before.waiverReason, until: before.waivedUntil?.toISOString() ?? null },
      after: { status: before.status },
      requestId,
    })
  })
}
