import { writeAudit } from '#app/modules/audit/audit.server'
import { assertDuesAllowAct } from '#app/modules/billing/gate.server'
import { getNeedForActor } from '#app/modules/needs/queries.server'
import { queueEmail } from '#app/modules/notifications/email.server'
import type { EmailTemplate } from '#app/modules/notifications/email.server'
import { notify, notifyUsers } from '#app/modules/notifications/notifications.server'
import type { Category } from '#app/modules/notifications/preferences'
import { assertActsFor, organisationReadOnly } from '#app/modules/policy/acting'
import {
  actsForOrganisation,
  applicationViewFor,
  isBeingScreened,
  isMemberOf,
  isStaffOf,
  readOnlyStatusOf,
  verifiedOrganisations,
  type Actor,
  type ApplicationAccessInfo,
  type ApplicationView,
} from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction, type DbClient, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { applicationMachine, awaitsPartner, type ApplicationAction, type ApplicationStatus } from './application-state'
import { timeInStages, isOverdue } from './pipeline'
import { MIN_APPROACH_LENGTH, type ApplicationDecision, type ApplicationFormInput } from './schema'

const CONSORTIUM_MAX = 3
/** Applications waiting for the partner's decision (application-state.ts: decline is still open to them). */
export const UNDECIDED = ['SUBMITTED', 'SCREENING', 'SHORTLISTED', 'INFO_REQUESTED'] as const
const DEFAULT_CHARTER_DAYS = 15

type DeclineReason = Extract<ApplicationDecision, { intent: 'decline' }>['reason']

// ───────── loading and access ─────────

const applicationInclude = {
  need: {
    select: {
      id: true,
      title: true,
      status: true,
      partnerId: true,
      hubId: true,
      screeningRequired: true,
      visibility: true,
      deadline: true,
      sharedWith: { select: { hubId: true } },
      partner: { select: { id: true, name: true, slug: true, charterResponseDays: true, memberships: { select: { userId: true, user: { select: { name: true } } } } } },
      hub: { select: { charterResponseDays: true } },
    },
  },
  firm: { select: { id: true, name: true, slug: true, communeName: true, headcount: true, memberships: { select: { userId: true, user: { select: { name: true } } } } } },
  consortium: { select: { organisationId: true, status: true, respondedAt: true, organisation: { select: { id: true, name: true, slug: true, memberships: { select: { userId: true } } } } } },
} as const

async function loadApplication(applicationId: string) {
  return prisma.application.findUnique({ where: { id: applicationId }, include: applicationInclude })
}
type LoadedApplication = NonNullable<Awaited<ReturnType<typeof loadApplication>>>

function accessOf(application: LoadedApplication): ApplicationAccessInfo {
  return {
    firmId: application.firmId,
    status: application.status,
    // Consortium partners see the application once they confirmed (or while asked to confirm).
    consortiumIds: application.consortium.filter((member) => member.status !== 'DECLINED').map((member) => member.organisationId),
    need: {
      partnerId: application.need.partnerId,
      hubId: application.need.hubId,
      sharedHubIds: application.need.sharedWith.map((share) => share.hubId),
      // Needs screened by staff: the partner sees an application once it passed screening.
      screeningRequired: application.need.screeningRequired,
    },
  }
}

/** The application and how this actor sees it; 404 when they may not. */
async function applicationFor(actor: Actor, applicationId: string) {
  const application = await loadApplication(applicationId)
  if (!application) throw AppError.notFound()
  const view = applicationViewFor(actor, accessOf(application))
  if (view === 'none') throw AppError.notFound()
  return { application, view }
}

function charterDays(application: { need: { partner: { charterResponseDays: number | null }; hub: { charterResponseDays: number } } }) {
  return application.need.partner.charterResponseDays ?? application.need.hub.charterResponseDays ?? DEFAULT_CHARTER_DAYS
}

function refuse(action: string, status: string): never {
  throw AppError.conflict('invalid_transition', 'errors.applicationTransition', { action, status })
}

const membersOf = (organisations: Array<{ memberships: Array<{ userId: string }> }>) =>
  organisations.flatMap((organisation) => organisation.memberships.map((membership) => membership.userId))

/**
 * Applies one transition of the lifecycle table in the caller's transaction: conditional on the
 * status read, with its StatusChange row and its audit row.
 */
async function moveApplication(
  db: DbClient,
  actor: Actor,
  application: LoadedApplication,
  action: ApplicationAction,
  data: Record<string, unknown> = {},
  requestId?: string,
) {
  const result = applicationMachine.transition(application.status, action)
  if (!result.ok) refuse(action, application.status)
  const now = new Date()
  const updated = await db.application.updateMany({
    where: { id: application.id, status: application.status },
    data: { ...data, status: result.to, ...(result.to === 'ACCEPTED' || result.to === 'DECLINED' ? { decidedAt: now } : {}) },
  })
  if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
  await db.statusChange.create({ data: { applicationId: application.id, fromStatus: application.status, toStatus: result.to, actorId: actor.userId, at: now } })
  await writeAudit(db, {
    actorId: actor.userId,
    hubId: application.need.hubId,
    action: `application.${action}`,
    target: { type: 'Application', id: application.id },
    before: { status: application.status },
    after: { status: result.to, ...('declineReason' in data ? { reason: data.declineReason as string } : {}) },
    requestId,
  })
  return result.to
}

// ───────── the firm applies ─────────

async function resolveConsortium(leadId: string, slugs: string[]) {
  if (slugs.length === 0) return []
  if (slugs.length > CONSORTIUM_MAX) throw AppError.invalid({ consortium: ['validation.tooManyPartners'] })
  const firms = await prisma.organisation.findMany({
    where: { slug: { in: slugs }, kind: 'FIRM', status: 'VERIFIED' },
    select: { id: true, slug: true, name: true },
  })
  if (firms.length !== slugs.length || firms.some((firm) => firm.id === leadId)) {
    throw AppError.invalid({ consortium: ['validation.consortiumUnknown'] })
  }
  return firms
}

/**
 * A firm applies to a need it may see and apply to: one application per (need, firm), possibly as
 * the lead of a consortium of up to three firms, who must confirm before it is submitted.
 */
export async function applyToNeed(actor: Actor, needId: string, input: ApplicationFormInput, requestId?: string) {
  const view = await getNeedForActor(actor, needId)
  if (verifiedOrganisations(actor, 'FIRM').length === 0) {
    // A member of a pending, rejected or suspended firm reads, and is told why it cannot act.
    const readOnly = actor.memberships.find((membership) => membership.organisation.kind === 'FIRM' && readOnlyStatusOf(actor, membership.organisationId))
    if (readOnly) throw organisationReadOnly(readOnly.organisation.status)
    throw AppError.forbidden('errors.onlyVerifiedFirms')
  }
  // The firm the policy chose (the invited one, for curated and confidential needs).
  const firm = verifiedOrganisations(actor, 'FIRM').find((membership) => membership.organisationId === view.applyingFirmId)
  if (!firm) throw AppError.conflict('cannot_apply', 'errors.cannotApply')
  const existing = await prisma.application.findUnique({
    where: { needId_firmId: { needId, firmId: firm.organisationId } },
    include: applicationInclude,
  })
  if (existing && existing.status !== 'DRAFT') throw AppError.conflict('already_applied', 'errors.alreadyApplied')
  if (!existing && !view.actions.apply) throw AppError.conflict('cannot_apply', 'errors.cannotApply')
  if (existing && !view.actions.continueDraft) throw AppError.conflict('cannot_apply', 'errors.cannotApply')
  const submitting = input.intent === 'submit'
  if (submitting && input.approach.length < MIN_APPROACH_LENGTH) throw AppError.invalid({ approach: ['validation.approachTooShort'] })
  const consortium = await resolveConsortium(firm.organisationId, input.consortium)
  const previous = new Map(existing?.consortium.map((member) => [member.organisationId, member.status]) ?? [])
  if (submitting && consortium.some((member) => previous.get(member.id) !== 'CONFIRMED')) {
    throw AppError.conflict('consortium_pending', 'errors.consortiumPending')
  }
  // The dues gate (decision 0032): the lead firm's, on submission only (a draft is always saved).
  if (submitting) await assertDuesAllowAct(actor, firm.organisationId)

  const now = new Date()
  const data = { approach: input.approach, timeline: input.timeline, priceEur: input.priceEur ?? null, referencesText: input.referencesText }
  const appUrl = getEnv().APP_URL
  return transaction(async (tx) => {
    let applicationId: string
    if (existing) {
      const updated = await tx.db.application.updateMany({ where: { id: existing.id, status: 'DRAFT' }, data })
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
            statusChanges: { create: { toStatus: 'DRAFT', actorId: actor.userId, at: now } },
          },
          select: { id: true },
        })
        .catch((error: unknown) => {
          // Two first saves at once: the unique (need, firm) key lets only one through.
          if (typeof error === 'object' && error && 'code' in error && error.code === 'P2002') {
            throw AppError.conflict('already_applied', 'errors.alreadyApplied')
          }
          throw error
        })
      applicationId = created.id
    }
    // Consortium: keep the answers already given, ask the newcomers, forget the removed.
    await tx.db.consortiumMember.deleteMany({ where: { applicationId, organisationId: { notIn: consortium.map((member) => member.id) } } })
    const newcomers = consortium.filter((member) => !previous.has(member.id))
    await tx.db.consortiumMember.createMany({ data: newcomers.map((member) => ({ applicationId, organisationId: member.id })) })
    if (newcomers.length > 0) {
      const members = await tx.db.membership.findMany({ where: { organisationId: { in: newcomers.map((member) => member.id) } }, select: { userId: true } })
      await notify(tx, {
        category: 'MY_APPLICATIONS',
        userIds: members.map((member) => member.userId),
        kind: 'consortium.invited',
        payload: { applicationId, needId, title: view.need.title, lead: firm.organisation.name },
        link: `/applications/${applicationId}`,
        needId,
        applicationId,
      })
    }

    if (!submitting) {
      await writeAudit(tx.db, {
        actorId: actor.userId,
        actorOrgId: firm.organisationId,
        hubId: view.need.hub.id,
        action: 'application.save',
        target: { type: 'Application', id: applicationId },
        after: { status: 'DRAFT', consortium: consortium.map((member) => member.slug) },
        requestId,
      })
      return { id: applicationId, status: 'DRAFT' as const }
    }

    const fresh = (await tx.db.application.findUnique({ where: { id: applicationId }, include: applicationInclude }))!
    await moveApplication(tx.db, actor, fresh, 'submit', { submittedAt: now }, requestId)
    await queueEmail(tx, {
      userId: actor.userId,
      about: { type: 'APPLICATION', id: applicationId },
      kind: 'application-received',
      template: { name: 'applicationReceived', data: { name: actor.name, needTitle: view.need.title, partnerName: view.need.partner.name, link: `${appUrl}/applications/${applicationId}` } },
    })
    const screened = fresh.need.screeningRequired
    const recipients = screened
      ? (await tx.db.staffRole.findMany({ where: { hubId: fresh.need.hubId }, select: { userId: true, user: { select: { name: true } } } }))
      : fresh.need.partner.memberships
    const payload = { needId, applicationId, title: view.need.title, firm: firm.organisation.name }
    if (screened) {
      // Staff screen it first: a notice of their queue; the partner hears of it once screened.
      await notifyUsers(tx.db, recipients.map((member) => member.userId), { kind: 'application.to-screen', payload, link: `/applications/${applicationId}` })
    } else {
      await tell(
        tx,
        fresh,
        'partner',
        {
          kind: 'application.submitted',
          payload,
          link: `/applications/${applicationId}`,
          email: { kind: 'new-application', template: (user) => newApplicationEmail(user, view.need.title, firm.organisation.name, `${appUrl}/applications/${applicationId}`) },
        },
        'SUBMITTED',
      )
    }
    return { id: applicationId, status: 'SUBMITTED' as const }
  })
}

/** The firm's draft for this need, if it saved one. */
export async function getDraftApplication(actor: Actor, needId: string) {
  const firmIds = verifiedOrganisations(actor, 'FIRM').map((membership) => membership.organisationId)
  if (firmIds.length === 0) return null
  const draft = await prisma.application.findFirst({
    where: { needId, firmId: { in: firmIds }, status: 'DRAFT' },
    select: {
      id: true,
      approach: true,
      timeline: true,
      priceEur: true,
      referencesText: true,
      consortium: { select: { status: true, organisation: { select: { slug: true, name: true } } } },
    },
  })
  return draft
}

// ───────── decisions and conversation ─────────

/**
 * One decision or answer on an application: the partner shortlists, asks for information,
 * accepts or declines with a reason; staff screen; the firm answers, writes, withdraws; consortium
 * partners confirm or decline. Who may do what is checked here; the lifecycle table decides when.
 */
export async function actOnApplication(actor: Actor, applicationId: string, decision: ApplicationDecision, requestId?: string) {
  const { application, view } = await applicationFor(actor, applicationId)
  const isLead = isMemberOf(actor, application.firmId)
  const partnerSide = view === 'partner'
  const staffSide = isStaffOf(actor, application.need.hubId)
  const consortiumMembership = application.consortium.find((member) => isMemberOf(actor, member.organisationId))
  const appUrl = getEnv().APP_URL
  const link = `/applications/${application.id}`
  const payload = { applicationId: application.id, needId: application.need.id, title: application.need.title, firm: application.firm.name }

  const allowed: Record<ApplicationDecision['intent'], boolean> = {
    shortlist: partnerSide || (staffSide && application.need.screeningRequired && (application.status === 'SUBMITTED' || application.status === 'SCREENING')),
    requestInfo: partnerSide,
    accept: partnerSide,
    decline: partnerSide || (staffSide && application.need.screeningRequired && (application.status === 'SUBMITTED' || application.status === 'SCREENING')),
    startScreening: staffSide && application.need.screeningRequired,
    answerInfo: isLead,
    message: isLead || partnerSide || Boolean(consortiumMembership && consortiumMembership.status === 'CONFIRMED'),
    withdraw: isLead,
    confirmConsortium: Boolean(consortiumMembership),
    declineConsortium: Boolean(consortiumMembership),
  }
  if (!allowed[decision.intent]) throw AppError.forbidden('errors.notYourDecision')
  // Staff screen for their hub; every other decision is written on behalf of an organisation,
  // which must be verified (a suspended partner or firm only reads).
  const actingOrgId = actingOrganisationFor(decision.intent, { partnerSide, isLead, staffSide, application, consortiumOrgId: consortiumMembership?.organisationId })
  if (actingOrgId) assertActsFor(actor, actingOrgId)

  return transaction(async (tx) => {
    switch (decision.intent) {
      case 'shortlist':
      case 'accept':
      case 'startScreening': {
        const to = await moveApplication(tx.db, actor, application, decision.intent, {}, requestId)
        if (decision.intent !== 'startScreening') {
          const accepted = decision.intent === 'accept'
          await tell(tx, application, 'firm', {
            kind: `application.${accepted ? 'accepted' : 'shortlisted'}`,
            payload,
            link,
            email: firmEmail(application, accepted ? 'applicationAccepted' : 'reminders.shortlisted', appUrl),
          })
        }
        if (decision.intent === 'shortlist' && application.need.screeningRequired && staffSide && !partnerSide) {
          // Past screening: the partner hears of the application now.
          await tell(
            tx,
            application,
            'partner',
            {
              kind: 'application.submitted',
              payload,
              link,
              email: { kind: 'new-application', template: (user) => newApplicationEmail(user, application.need.title, application.firm.name, `${appUrl}${link}`) },
            },
            to,
          )
        }
        return { status: to }
      }
      case 'decline': {
        const to = await moveApplication(tx.db, actor, application, 'decline', { declineReason: decision.reason, declineComment: decision.comment }, requestId)
        await tell(tx, application, 'firm', { kind: 'application.declined', payload, link, email: firmEmail(application, 'applicationDeclined', appUrl) })
        return { status: to }
      }
      case 'requestInfo': {
        const to = await moveApplication(tx.db, actor, application, 'requestInfo', {}, requestId)
        await addMessage(tx.db, actor, application, decision.message, application.need.partnerId)
        await tell(tx, application, 'firm', { kind: 'application.info-requested', payload, link, email: firmEmail(application, 'applicationInfoRequested', appUrl) })
        return { status: to }
      }
      case 'answerInfo': {
        const to = await moveApplication(tx.db, actor, application, 'answerInfo', {}, requestId)
        await addMessage(tx.db, actor, application, decision.message, application.firmId)
        await tell(tx, application, 'partner', { kind: 'application.info-answered', payload, link, email: messageEmail(application, application.firm.name, appUrl) }, to)
        return { status: to }
      }
      case 'message': {
        if (application.status === 'DRAFT' || application.status === 'WITHDRAWN') refuse('message', application.status)
        await addMessage(tx.db, actor, application, decision.message, partnerSide ? application.need.partnerId : (consortiumMembership?.organisationId ?? application.firmId))
        const fromName = partnerSide ? application.need.partner.name : (consortiumMembership?.organisation.name ?? application.firm.name)
        await tell(tx, application, partnerSide ? 'firm' : 'partner', { kind: 'application.message', payload, link, email: messageEmail(application, fromName, appUrl), except: actor.userId })
        return { status: application.status }
      }
      case 'withdraw': {
        const to = await moveApplication(tx.db, actor, application, 'withdraw', {}, requestId)
        // A withdrawn application no longer opens to the partner: the notice points to the need's pipeline.
        if (application.status !== 'DRAFT') await tell(tx, application, 'partner', { kind: 'application.withdrawn', payload, link: `/needs/${application.need.id}/applications`, needOnly: true }, application.status)
        return { status: to }
      }
      case 'confirmConsortium':
      case 'declineConsortium': {
        const member = consortiumMembership!
        if (member.status !== 'PENDING' || application.status !== 'DRAFT') throw AppError.conflict('consortium_answered', 'errors.consortiumAnswered')
        const status = decision.intent === 'confirmConsortium' ? 'CONFIRMED' : 'DECLINED'
        await tx.db.consortiumMember.update({
          where: { applicationId_organisationId: { applicationId: application.id, organisationId: member.organisationId } },
          data: { status, respondedAt: new Date() },
        })
        await writeAudit(tx.db, {
          actorId: actor.userId,
          actorOrgId: member.organisationId,
          hubId: application.need.hubId,
          action: `consortium.${status === 'CONFIRMED' ? 'confirm' : 'decline'}`,
          target: { type: 'Application', id: application.id },
          after: { organisationId: member.organisationId, status },
          requestId,
        })
        await notify(tx, {
          category: 'MY_APPLICATIONS',
          userIds: application.firm.memberships.map((membership) => membership.userId),
          kind: `consortium.${status === 'CONFIRMED' ? 'confirmed' : 'declined'}`,
          payload: { ...payload, partner: member.organisation.name },
          link,
          needId: application.need.id,
          applicationId: application.id,
        })
        return { status: application.status }
      }
    }
  })
}

/** The organisation a decision is written for (null: staff screening for their hub). */
function actingOrganisationFor(
  intent: ApplicationDecision['intent'],
  who: { partnerSide: boolean; isLead: boolean; staffSide: boolean; application: LoadedApplication; consortiumOrgId: string | undefined },
) {
  switch (intent) {
    case 'startScreening':
      return null
    case 'shortlist':
    case 'decline':
      return who.partnerSide ? who.application.need.partnerId : null
    case 'requestInfo':
    case 'accept':
      return who.application.need.partnerId
    case 'answerInfo':
    case 'withdraw':
      return who.application.firmId
    case 'message':
      return who.partnerSide ? who.application.need.partnerId : who.isLead ? who.application.firmId : (who.consortiumOrgId ?? who.application.firmId)
    case 'confirmConsortium':
    case 'declineConsortium':
      return who.consortiumOrgId ?? null
  }
}

async function addMessage(db: DbClient, actor: Actor, application: LoadedApplication, body: string, authorOrgId: string) {
  await db.message.create({ data: { applicationId: application.id, authorId: actor.userId, authorOrgId, body } })
}

function newApplicationEmail(user: { name: string }, needTitle: string, firmName: string, link: string): EmailTemplate {
  return { name: 'newApplication', data: { name: user.name, needTitle, firmName, link } }
}

type Notice = {
  kind: string
  payload: Record<string, string>
  link: string
  /** The instant e-mail of the event, sent under each recipient's preferences. */
  email?: { kind: string; template: (user: { id: string; name: string }) => EmailTemplate }
  /** The user who acted: told nothing of their own action. */
  except?: string
  /** The notice is about the need only (the application no longer opens to its readers). */
  needOnly?: boolean
}

/**
 * Tells one side of an application of an event, under each recipient's preferences: the firm
 * side (the lead's members and the confirmed consortium partners', MY_APPLICATIONS) or the
 * partner's members (MY_NEEDS), who read it only once it is past staff screening.
 */
async function tell(tx: Tx, application: LoadedApplication, side: 'firm' | 'partner', notice: Notice, status = application.status) {
  let userIds: string[]
  if (side === 'firm') {
    userIds = membersOf([application.firm, ...application.consortium.filter((member) => member.status === 'CONFIRMED').map((member) => member.organisation)])
  } else {
    // applicationViewFor: the partner reads it once submitted, and once screened where staff screen.
    const hidden = status === 'DRAFT' || status === 'WITHDRAWN' || isBeingScreened({ ...accessOf(application), status })
    userIds = hidden ? [] : application.need.partner.memberships.map((membership) => membership.userId)
  }
  const category: Category = side === 'firm' ? 'MY_APPLICATIONS' : 'MY_NEEDS'
  return notify(tx, {
    category,
    userIds: userIds.filter((id) => id !== notice.except),
    kind: notice.kind,
    payload: notice.payload,
    link: notice.link,
    needId: application.need.id,
    ...(notice.needOnly ? {} : { applicationId: application.id }),
    ...(notice.email ? { email: { about: { type: 'APPLICATION' as const, id: application.id }, kind: notice.email.kind, template: notice.email.template } } : {}),
  })
}

/** The e-mail of a decision or request the firm side hears of (accepted, declined, shortlisted, information requested). */
function firmEmail(
  application: LoadedApplication,
  name: 'applicationAccepted' | 'applicationDeclined' | 'applicationInfoRequested' | 'reminders.shortlisted',
  appUrl: string,
): Notice['email'] {
  return {
    kind: name,
    template: (user) => ({ name, data: { name: user.name, needTitle: application.need.title, partnerName: application.need.partner.name, link: `${appUrl}/applications/${application.id}` } }),
  }
}

/** "A message from … on …": to the other side of the conversation. */
function messageEmail(application: LoadedApplication, fromName: string, appUrl: string): Notice['email'] {
  return {
    kind: 'message-received',
    template: (user) => ({ name: 'reminders.messageReceived', data: { name: user.name, needTitle: application.need.title, fromName, link: `${appUrl}/applications/${application.id}` } }),
  }
}

/**
 * Declines the applications of a need still waiting for a decision, with one reason, in the
 * caller's transaction (closing or awarding a need: no applicant left without an answer); each
 * firm is told under its preferences. The caller has checked that the actor decides for the
 * need's partner. Returns how many were declined.
 */
export async function declineOpenApplications(
  tx: Tx,
  actor: Actor,
  needId: string,
  input: { reason: DeclineReason; comment: string },
  requestId: string | undefined,
  /** The applications the partner read as undecided (never one still in the hub staff's screening). */
  applicationIds: string[],
) {
  const applications = await tx.db.application.findMany({
    where: { id: { in: applicationIds }, needId, status: { in: [...UNDECIDED] } },
    include: applicationInclude,
    orderBy: { submittedAt: 'asc' },
  })
  const appUrl = getEnv().APP_URL
  for (const application of applications) {
    await moveApplication(tx.db, actor, application, 'decline', { declineReason: input.reason, declineComment: input.comment }, requestId)
    await tell(tx, application, 'firm', {
      kind: 'application.declined',
      payload: { applicationId: application.id, needId, title: application.need.title, firm: application.firm.name },
      link: `/applications/${application.id}`,
      email: firmEmail(application, 'applicationDeclined', appUrl),
    })
  }
  return applications.length
}

/** Declines several applications of one need with the same reason; all or nothing. */
export async function bulkDecline(
  actor: Actor,
  needId: string,
  input: { applicationIds: string[]; reason: DeclineReason; comment: string },
  requestId?: string,
) {
  const applications = await prisma.application.findMany({ where: { id: { in: input.applicationIds }, needId }, include: applicationInclude })
  if (applications.length !== new Set(input.applicationIds).size) throw AppError.notFound()
  // The rule of a single decline: the partner's view (none while staff screen the application).
  for (const application of applications) {
    if (applicationViewFor(actor, accessOf(application)) !== 'partner') throw AppError.notFound()
  }
  if (applications[0]) assertActsFor(actor, applications[0].need.partnerId)
  for (const application of applications) {
    if (!applicationMachine.transition(application.status, 'decline').ok) refuse('decline', application.status)
  }
  const appUrl = getEnv().APP_URL
  await transaction(
    async (tx) => {
      for (const application of applications) {
        await moveApplication(tx.db, actor, application, 'decline', { declineReason: input.reason, declineComment: input.comment }, requestId)
        await tell(tx, application, 'firm', {
          kind: 'application.declined',
          payload: { applicationId: application.id, needId, title: application.need.title, firm: application.firm.name },
          link: `/applications/${application.id}`,
          email: firmEmail(application, 'applicationDeclined', appUrl),
        })
      }
    },
    { timeoutMs: 60_000 },
  )
  return { declined: applications.length }
}

// ───────── reading ─────────

/** Whether the actor accepted the need's NDA for one of the consortium firms they act for. */
async function consortiumAcceptedNda(actor: Actor, application: LoadedApplication) {
  const firmIds = application.consortium.filter((member) => isMemberOf(actor, member.organisationId)).map((member) => member.organisationId)
  if (firmIds.length === 0) return false
  const accepted = await prisma.ndaAcceptance.count({ where: { needId: application.needId, userId: actor.userId, organisationId: { in: firmIds } } })
  return accepted > 0
}

/** One application with its conversation, history, consortium, attachments and deal. */
export async function getApplicationForActor(actor: Actor, applicationId: string, now = new Date()) {
  const { application, view } = await applicationFor(actor, applicationId)
  const [messages, history, attachments, deal, match] = await Promise.all([
    prisma.message.findMany({
      where: { applicationId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, body: true, createdAt: true, author: { select: { name: true } }, authorOrg: { select: { name: true } } },
    }),
    prisma.statusChange.findMany({ where: { applicationId }, orderBy: { at: 'asc' }, select: { fromStatus: true, toStatus: true, at: true } }),
    prisma.attachment.findMany({ where: { applicationId }, orderBy: { createdAt: 'asc' }, select: { id: true, filename: true, sizeBytes: true, createdAt: true } }),
    prisma.deal.findUnique({ where: { applicationId } }),
    prisma.match.findUnique({ where: { needId_firmId: { needId: application.needId, firmId: application.firmId } }, select: { score: true, breakdown: true } }),
  ])
  const isLead = isMemberOf(actor, application.firmId)
  const partnerSide = view === 'partner'
  const staffSide = isStaffOf(actor, application.need.hubId)
  const status = application.status as ApplicationStatus
  const can = (action: ApplicationAction) => applicationMachine.transition(status, action).ok
  const consortiumMembership = application.consortium.find((member) => isMemberOf(actor, member.organisationId))
  const screening = application.need.screeningRequired && (status === 'SUBMITTED' || status === 'SCREENING')
  // Buttons for what the actor's organisation may write: none while it is not verified.
  const partnerActs = partnerSide && actsForOrganisation(actor, application.need.partnerId)
  const leadActs = isLead && actsForOrganisation(actor, application.firmId)
  const consortiumActs = Boolean(consortiumMembership && actsForOrganisation(actor, consortiumMembership.organisationId))
  // The lead's match reasons tell the need's details (skills, budget, place): a consortium
  // partner reads them on a confidential need once its own firm accepted the NDA.
  const showMatch = isLead || view !== 'firm' || application.need.visibility !== 'INVITE_ONLY' || (await consortiumAcceptedNda(actor, application))
  return {
    view: view as Exclude<ApplicationView, 'none'>,
    application: {
      id: application.id,
      status,
      approach: application.approach,
      timeline: application.timeline,
      priceEur: application.priceEur,
      referencesText: application.referencesText,
      declineReason: application.declineReason,
      declineComment: application.declineComment,
      submittedAt: application.submittedAt,
      decidedAt: application.decidedAt,
      firm: { id: application.firm.id, name: application.firm.name, slug: application.firm.slug, communeName: application.firm.communeName },
      need: { id: application.need.id, title: application.need.title, status: application.need.status, partner: application.need.partner.name },
      overdue: isOverdue(status, history, charterDays(application), now),
      charterDays: charterDays(application),
    },
    consortium: application.consortium.map((member) => ({ id: member.organisationId, name: member.organisation.name, slug: member.organisation.slug, status: member.status })),
    messages,
    stages: timeInStages(history, now),
    attachments,
    deal,
    match: showMatch ? match : null,
    actions: {
      shortlist: (partnerActs && can('shortlist') && !screening) || (staffSide && screening),
      requestInfo: partnerActs && can('requestInfo'),
      accept: partnerActs && can('accept'),
      decline: (partnerActs && can('decline') && !screening) || (staffSide && screening),
      startScreening: staffSide && application.need.screeningRequired && can('startScreening'),
      answerInfo: leadActs && can('answerInfo'),
      message: (leadActs || partnerActs || (consortiumActs && consortiumMembership?.status === 'CONFIRMED')) && status !== 'DRAFT' && status !== 'WITHDRAWN',
      withdraw: leadActs && can('withdraw'),
      continueDraft: leadActs && status === 'DRAFT',
      answerConsortium: consortiumActs && consortiumMembership?.status === 'PENDING' && status === 'DRAFT',
      uploadAttachment: leadActs && (status === 'DRAFT' || status === 'INFO_REQUESTED' || status === 'SUBMITTED' || status === 'SHORTLISTED'),
      startPilot: partnerActs && status === 'ACCEPTED' && !deal,
      manageDeal: partnerActs && Boolean(deal),
    },
  }
}

/** The partner's (and staff's) pipeline of a need: applications with time in stage and overdue flags. */
export async function listApplicationsForNeed(actor: Actor, needId: string, now = new Date()) {
  const need = await prisma.need.findUnique({
    where: { id: needId },
    select: {
      id: true,
      title: true,
      status: true,
      partnerId: true,
      hubId: true,
      screeningRequired: true,
      sharedWith: { select: { hubId: true } },
      partner: { select: { charterResponseDays: true } },
      hub: { select: { charterResponseDays: true } },
    },
  })
  assertFound(need)
  // The pipeline as a whole (the applications being screened are filtered below).
  const view = applicationViewFor(actor, {
    firmId: '',
    status: 'SUBMITTED',
    consortiumIds: [],
    need: { partnerId: need.partnerId, hubId: need.hubId, sharedHubIds: need.sharedWith.map((share) => share.hubId), screeningRequired: false },
  })
  // Drafts stay with their partner: hub staff read a need's pipeline from its submission on, as
  // they read the need itself.
  assertFound(view === 'partner' || (view === 'staff' && need.status !== 'DRAFT'))
  const hidden: ApplicationStatus[] = ['DRAFT', 'WITHDRAWN', ...(view === 'partner' && need.screeningRequired ? (['SUBMITTED', 'SCREENING'] as const) : [])]
  const applications = await prisma.application.findMany({
    where: { needId, status: { notIn: hidden } },
    orderBy: { submittedAt: 'asc' },
    select: {
      id: true,
      status: true,
      approach: true,
      priceEur: true,
      submittedAt: true,
      declineReason: true,
      firm: { select: { id: true, name: true, slug: true, communeName: true, headcount: true } },
      consortium: { where: { status: 'CONFIRMED' }, select: { organisation: { select: { name: true } } } },
      statusChanges: { orderBy: { at: 'asc' }, select: { fromStatus: true, toStatus: true, at: true } },
    },
  })
  const scores = await prisma.match.findMany({ where: { needId, firmId: { in: applications.map((application) => application.firm.id) } }, select: { firmId: true, score: true } })
  const scoreOf = new Map(scores.map((row) => [row.firmId, row.score]))
  const days = need.partner.charterResponseDays ?? need.hub.charterResponseDays ?? DEFAULT_CHARTER_DAYS
  return {
    need: { id: need.id, title: need.title, status: need.status, screeningRequired: need.screeningRequired },
    view,
    charterDays: days,
    applications: applications.map(({ statusChanges, consortium, ...application }) => {
      const stages = timeInStages(statusChanges, now)
      return {
        ...application,
        consortium: consortium.map((member) => member.organisation.name),
        score: scoreOf.get(application.firm.id) ?? null,
        inStageSince: stages.at(-1)?.since ?? application.submittedAt,
        overdue: isOverdue(application.status, statusChanges, days, now),
        decidable: applicationMachine.transition(application.status, 'decline').ok,
      }
    }),
  }
}

/** A firm's applications, as lead or consortium partner, newest first. */
export async function listApplicationsForFirm(actor: Actor) {
  const firmIds = actor.memberships.filter((m) => m.organisation.kind === 'FIRM').map((m) => m.organisationId)
  if (firmIds.length === 0) return []
  const rows = await prisma.application.findMany({
    where: { OR: [{ firmId: { in: firmIds } }, { consortium: { some: { organisationId: { in: firmIds }, status: { not: 'DECLINED' } } } }] },
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
      firm: { select: { name: true } },
      need: { select: { id: true, title: true, deadline: true, partner: { select: { name: true } } } },
      deal: { select: { status: true } },
      _count: { select: { messages: true } },
    },
  })
  return rows.map(({ _count, ...row }) => ({ ...row, messageCount: _count.messages, asLead: firmIds.includes(row.firmId) }))
}

export { awaitsPartner }
