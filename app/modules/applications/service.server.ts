import { writeAudit } from '#app/modules/audit/audit.server'
import { getNeedForActor } from '#app/modules/needs/service.server'
import { queueEmail } from '#app/modules/notifications/email.server'
import { notifyUsers } from '#app/modules/notifications/notifications.server'
import { applicationViewFor, isMemberOf, verifiedOrganisations, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { applicationMachine } from './application-state'
import { MIN_APPROACH_LENGTH, type ApplicationFormInput } from './schema'

/**
 * A firm applies to a need it may see and apply to: one application per (need, firm). `submit`
 * sends it to the partner (and e-mails the firm a receipt); `save` keeps a draft.
 */
export async function applyToNeed(actor: Actor, needId: string, input: ApplicationFormInput, requestId?: string) {
  const view = await getNeedForActor(actor, needId)
  const firm = verifiedOrganisations(actor, 'FIRM')[0]
  if (!firm) throw AppError.forbidden('errors.onlyVerifiedFirms')
  const existing = await prisma.application.findUnique({
    where: { needId_firmId: { needId, firmId: firm.organisationId } },
    select: { id: true, status: true },
  })
  if (existing && existing.status !== 'DRAFT') {
    throw AppError.conflict('already_applied', 'errors.alreadyApplied')
  }
  if (!existing && !view.actions.apply) throw AppError.conflict('cannot_apply', 'errors.cannotApply')
  if (input.intent === 'submit' && input.approach.length < MIN_APPROACH_LENGTH) {
    throw AppError.invalid({ approach: ['validation.approachTooShort'] })
  }

  const now = new Date()
  const submitting = input.intent === 'submit'
  const data = {
    approach: input.approach,
    timeline: input.timeline,
    priceEur: input.priceEur ?? null,
    referencesText: input.referencesText,
  }
  return transaction(async (tx) => {
    let applicationId: string
    if (existing) {
      const updated = await tx.db.application.updateMany({
        where: { id: existing.id, status: 'DRAFT' },
        data: { ...data, ...(submitting ? { status: 'SUBMITTED', submittedAt: now } : {}) },
      })
      if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
      applicationId = existing.id
    } else {
      const created = await tx.db.application
        .create({
          data: {
            ...data,
            needId,
            firmId: firm.organisationId,
            createdById: actor.userId,
            status: submitting ? 'SUBMITTED' : 'DRAFT',
            submittedAt: submitting ? now : null,
            statusChanges: { create: { toStatus: 'DRAFT', actorId: actor.userId, at: now } },
          },
          select: { id: true },
        })
        .catch((error: unknown) => {
          // Two submissions at once: the unique (need, firm) key lets only one through.
          if (typeof error === 'object' && error && 'code' in error && error.code === 'P2002') {
            throw AppError.conflict('already_applied', 'errors.alreadyApplied')
          }
          throw error
        })
      applicationId = created.id
    }
    if (submitting) {
      const result = applicationMachine.transition('DRAFT', 'submit')
      if (!result.ok) throw AppError.conflict('invalid_transition', 'errors.applicationTransition')
      await tx.db.statusChange.create({
        data: { applicationId, fromStatus: 'DRAFT', toStatus: 'SUBMITTED', actorId: actor.userId, at: now },
      })
    }
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: firm.organisationId,
      hubId: view.need.hub.id,
      action: submitting ? 'application.submit' : 'application.save',
      target: { type: 'Application', id: applicationId },
      before: existing ? { status: existing.status } : null,
      after: { status: submitting ? 'SUBMITTED' : 'DRAFT' },
      requestId,
    })
    if (submitting) {
      const appUrl = getEnv().APP_URL
      await queueEmail(tx, {
        userId: actor.userId,
        kind: 'application-received',
        template: {
          name: 'applicationReceived',
          data: {
            name: actor.name,
            needTitle: view.need.title,
            partnerName: view.need.partner.name,
            link: `${appUrl}/applications`,
          },
        },
      })
      const partnerMembers = await tx.db.membership.findMany({
        where: { organisationId: view.need.partner.id },
        select: { userId: true, user: { select: { name: true } } },
      })
      await notifyUsers(tx.db, partnerMembers.map((member) => member.userId), {
        kind: 'application.submitted',
        payload: { needId, applicationId, title: view.need.title, firm: firm.organisation.name },
        link: `/needs/${needId}/applications`,
      })
      for (const member of partnerMembers) {
        await queueEmail(tx, {
          userId: member.userId,
          kind: 'new-application',
          template: {
            name: 'newApplication',
            data: { name: member.user.name, needTitle: view.need.title, firmName: firm.organisation.name, link: `${appUrl}/needs/${needId}/applications` },
          },
        })
      }
    }
    return { id: applicationId, status: submitting ? ('SUBMITTED' as const) : ('DRAFT' as const) }
  })
}

/** The partner's (and staff's) view of a need's applications; drafts and withdrawals stay private. */
export async function listApplicationsForNeed(actor: Actor, needId: string) {
  const need = await prisma.need.findUnique({
    where: { id: needId },
    select: { id: true, title: true, status: true, partnerId: true, hubId: true, sharedWith: { select: { hubId: true } } },
  })
  assertFound(need)
  const view = applicationViewFor(actor, {
    firmId: '',
    status: 'SUBMITTED',
    consortiumIds: [],
    need: { partnerId: need.partnerId, hubId: need.hubId, sharedHubIds: need.sharedWith.map((share) => share.hubId) },
  })
  assertFound(view === 'partner' || view === 'staff')
  const applications = await prisma.application.findMany({
    where: { needId, status: { notIn: ['DRAFT', 'WITHDRAWN'] } },
    orderBy: { submittedAt: 'asc' },
    select: {
      id: true,
      status: true,
      approach: true,
      timeline: true,
      priceEur: true,
      referencesText: true,
      submittedAt: true,
      firm: { select: { id: true, name: true, slug: true, communeName: true, headcount: true } },
    },
  })
  const scores = await prisma.match.findMany({
    where: { needId, firmId: { in: applications.map((application) => application.firm.id) } },
    select: { firmId: true, score: true },
  })
  const scoreOf = new Map(scores.map((row) => [row.firmId, row.score]))
  return {
    need: { id: need.id, title: need.title, status: need.status },
    applications: applications.map((application) => ({ ...application, score: scoreOf.get(application.firm.id) ?? null })),
  }
}

/** A firm's applications, newest first. */
export async function listApplicationsForFirm(actor: Actor) {
  const firmIds = actor.memberships.filter((m) => m.organisation.kind === 'FIRM').map((m) => m.organisationId)
  if (firmIds.length === 0) return []
  const rows = await prisma.application.findMany({
    where: { firmId: { in: firmIds } },
    orderBy: { updatedAt: 'desc' },
    take: 200,
    select: {
      id: true,
      status: true,
      submittedAt: true,
      updatedAt: true,
      declineReason: true,
      declineComment: true,
      firmId: true,
      need: { select: { id: true, title: true, deadline: true, partner: { select: { name: true } } } },
    },
  })
  return rows.filter((row) => isMemberOf(actor, row.firmId))
}

/** The firm's draft for this need, if it saved one. */
export async function getDraftApplication(actor: Actor, needId: string) {
  const firmIds = verifiedOrganisations(actor, 'FIRM').map((membership) => membership.organisationId)
  if (firmIds.length === 0) return null
  return prisma.application.findFirst({
    where: { needId, firmId: { in: firmIds }, status: 'DRAFT' },
    select: { id: true, approach: true, timeline: true, priceEur: true, referencesText: true },
  })
}
