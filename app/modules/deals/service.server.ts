import { writeAudit } from '#app/modules/audit/audit.server'
import { notify } from '#app/modules/notifications/notifications.server'
import { assertActsFor } from '#app/modules/policy/acting'
import { applicationViewFor, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { dealMachine, type DealAction } from './deal-state'

async function loadForPartner(actor: Actor, applicationId: string) {
  const application = await prisma.application.findUnique({
    where: { id: applicationId },
    include: {
      deal: true,
      need: { select: { id: true, title: true, partnerId: true, hubId: true, screeningRequired: true, sharedWith: { select: { hubId: true } } } },
      firm: { select: { memberships: { select: { userId: true } } } },
      consortium: { select: { organisationId: true, status: true } },
    },
  })
  assertFound(application)
  const view = applicationViewFor(actor, {
    firmId: application.firmId,
    status: application.status,
    consortiumIds: application.consortium.map((member) => member.organisationId),
    need: {
      partnerId: application.need.partnerId,
      hubId: application.need.hubId,
      sharedHubIds: application.need.sharedWith.map((share) => share.hubId),
      screeningRequired: application.need.screeningRequired,
    },
  })
  assertFound(view !== 'none')
  if (view !== 'partner') throw AppError.forbidden('errors.notYourDecision')
  // A suspended (or otherwise unverified) partner reads its deals and changes none.
  assertActsFor(actor, application.need.partnerId)
  return application
}

/** The partner starts the pilot of an accepted application, with its success criteria. */
export async function startPilot(
  actor: Actor,
  applicationId: string,
  input: { successCriteria: string[]; pilotStartsOn: Date; pilotEndsOn: Date; pilotValueEur?: number },
  requestId?: string,
) {
  const application = await loadForPartner(actor, applicationId)
  if (application.status !== 'ACCEPTED') throw AppError.conflict('invalid_transition', 'errors.pilotNeedsAccepted')
  if (application.deal) throw AppError.conflict('deal_exists', 'errors.dealExists')
  return transaction(async (tx) => {
    const { db } = tx
    const deal = await db.deal.create({
      data: {
        applicationId,
        status: 'PILOT',
        successCriteria: input.successCriteria,
        pilotStartsOn: input.pilotStartsOn,
        pilotEndsOn: input.pilotEndsOn,
        pilotValueEur: input.pilotValueEur ?? null,
      },
    })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: application.need.partnerId,
      hubId: application.need.hubId,
      action: 'deal.start-pilot',
      target: { type: 'Deal', id: deal.id },
      after: { status: 'PILOT', pilotValueEur: input.pilotValueEur ?? null },
      requestId,
    })
    await notify(tx, {
      category: 'MY_APPLICATIONS',
      userIds: application.firm.memberships.map((member) => member.userId),
      needId: application.need.id,
      applicationId,
      kind: 'deal.pilot-started',
      payload: { applicationId, needId: application.need.id, title: application.need.title },
      link: `/applications/${applicationId}`,
    })
    return deal
  })
}

/** Pilot outcome, contract, cancellation: one transition of the deal's table each. */
export async function moveDeal(
  actor: Actor,
  applicationId: string,
  action: DealAction,
  contract?: { purchaseOrder: string; contractValueEur: number; contractSignedAt: Date },
  requestId?: string,
) {
  const application = await loadForPartner(actor, applicationId)
  const deal = application.deal
  if (!deal) throw AppError.conflict('no_deal', 'errors.noDeal')
  const result = dealMachine.transition(deal.status, action)
  if (!result.ok) throw AppError.conflict('invalid_transition', 'errors.dealTransition', { status: deal.status })
  await transaction(async (tx) => {
    const { db } = tx
    const updated = await db.deal.updateMany({
      where: { id: deal.id, status: deal.status },
      data: {
        status: result.to,
        ...(action === 'signContract' && contract
          ? { purchaseOrder: contract.purchaseOrder, contractValueEur: contract.contractValueEur, contractSignedAt: contract.contractSignedAt }
          : {}),
      },
    })
    if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: application.need.partnerId,
      hubId: application.need.hubId,
      action: `deal.${action}`,
      target: { type: 'Deal', id: deal.id },
      before: { status: deal.status },
      after: { status: result.to, ...(contract ? { purchaseOrder: contract.purchaseOrder, contractValueEur: contract.contractValueEur } : {}) },
      requestId,
    })
    await notify(tx, {
      category: 'MY_APPLICATIONS',
      userIds: application.firm.memberships.map((member) => member.userId),
      needId: application.need.id,
      applicationId,
      kind: `deal.${action}`,
      payload: { applicationId, needId: application.need.id, title: application.need.title },
      link: `/applications/${applicationId}`,
    })
  })
  return { status: result.to }
}
