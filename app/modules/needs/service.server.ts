import { Prisma } from '#app/generated/prisma/client'
import { writeAudit } from '#app/modules/audit/audit.server'
import { optionalCommune } from '#app/modules/organisations/commune-input'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { assertKnownNafCodes } from '#app/modules/naf/naf'
import { assertNeedAudience, notifyGroupOfPublishedNeed } from '#app/modules/groups/service.server'
import { assertDuesAllowAct } from '#app/modules/billing/gate.server'
import { queueEmail } from '#app/modules/notifications/email.server'
import { notifyUsers } from '#app/modules/notifications/notifications.server'
import { declineOpenApplications, UNDECIDED } from '#app/modules/applications/service.server'
import { assertActsFor } from '#app/modules/policy/acting'
import { applicationViewFor, canCreateNeed, canEditNeed, canModerateNeed, staffHubIds, verifiedOrganisations, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { completenessErrors } from './need-rules'
import {
  isEditableDraft,
  needMachine,
  revisionMachine,
  type NeedAction,
  type NeedStatus,
  type RevisionAction,
} from './need-state'
import type { DeclineOpenInput, NeedFormInput, NeedLifecycleAction } from './schema'
import { readRevision, revisionState, type StoredRevision } from './revision'
import { needSearchText } from './search-text'

export { getNeedForActor, getNeedForEditing, listModerationQueue, listNeedsForActor, recommendedNeedsFor } from './queries.server'

/** The stored fields of a need from the editor's input; an unknown commune or NAF code is a field error. */
function needData(input: NeedFormInput, partnerName: string) {
  const commune = optionalCommune(input.communeInsee)
  assertKnownNafCodes(input.nafCodes)
  return {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    description: input.description,
    skills: input.skills,
    nafCodes: input.nafCodes,
    budgetMinEur: input.budgetMinEur ?? null,
    budgetMaxEur: input.budgetMaxEur ?? null,
    deadline: input.deadline ?? null,
    expectedStart: input.expectedStart ?? null,
    communeInsee: commune?.insee ?? null,
    communeName: commune?.name ?? null,
    radiusKm: input.radiusKm ?? null,
    remoteOk: input.remoteOk,
    headcountMin: input.headcountMin ?? null,
    headcountMax: input.headcountMax ?? null,
    revenueBands: input.revenueBands,
    minAgeYears: input.minAgeYears ?? null,
    visibility: input.visibility,
    matchingMode: input.matchingMode,
    screeningRequired: input.screeningRequired,
    workingGroupId: input.workingGroupId ?? null,
    reservedCohortId: input.reservedCohortId ?? null,
    reservedDays: input.reservedCohortId ? (input.reservedDays ?? null) : null,
    ...needSearchText({ ...input, partnerName, communeName: commune?.name }),
  }
}

async function validSharedHubs(sharedHubIds: string[], homeHubId: string) {
  const others = [...new Set(sharedHubIds)].filter((id) => id !== homeHubId)
  if (others.length === 0) return []
  const hubs = await prisma.hub.findMany({ where: { id: { in: others } }, select: { id: true } })
  if (hubs.length !== others.length) throw AppError.invalid({ sharedHubIds: ['validation.invalidChoice'] })
  return others
}

/** The verified partner organisation the actor posts for (the given one, or their only one). */
function partnerFor(actor: Actor, partnerId?: string) {
  const partners = verifiedOrganisations(actor, 'PARTNER')
  const membership = partnerId ? partners.find((m) => m.organisationId === partnerId) : partners[0]
  if (!membership || !canCreateNeed(actor, membership.organisation)) throw AppError.forbidden('errors.onlyVerifiedPartners')
  return membership.organisation
}

export function canPostNeeds(actor: Actor) {
  return verifiedOrganisations(actor, 'PARTNER').length > 0
}

async function loadNeedForPartner(actor: Actor, needId: string) {
  const need = await prisma.need.findUnique({
    where: { id: needId },
    include: { sharedWith: { select: { hubId: true } }, partner: { select: { name: true } } },
  })
  assertFound(need && canEditNeed(actor, need))
  return need
}

function refuseTransition(action: string, status: string): never {
  throw AppError.conflict('invalid_transition', 'errors.needTransition', { action, status })
}

async function notifyHubStaff(db: Tx['db'], hubId: string, notification: { kind: string; payload: Prisma.InputJsonValue; link: string }) {
  const staff = await db.staffRole.findMany({ where: { hubId }, select: { userId: true } })
  await notifyUsers(db, staff.map((role) => role.userId), notification)
}

// ───────── editing ─────────

export async function createNeed(actor: Actor, input: NeedFormInput, options: { partnerId?: string; requestId?: string } = {}) {
  return saveNeed(actor, null, input, { submit: false, ...options })
}

type LoadedNeed = Awaited<ReturnType<typeof loadNeedForPartner>>

async function writeDraft(
  tx: Tx,
  actor: Actor,
  target: { need: LoadedNeed } | { partner: ReturnType<typeof partnerFor> },
  input: NeedFormInput,
  requestId?: string,
) {
  const { db } = tx
  const homeHubId = 'need' in target ? target.need.hubId : target.partner.homeHubId
  const shared = await validSharedHubs(input.sharedHubIds, homeHubId)
  const data = needData(input, 'need' in target ? target.need.partner.name : target.partner.name)
  if ('need' in target) {
    const { need } = target
    const updated = await db.need.updateMany({ where: { id: need.id, status: need.status, updatedAt: need.updatedAt }, data })
    if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    await db.needShare.deleteMany({ where: { needId: need.id, hubId: { notIn: shared } } })
    await db.needShare.createMany({ data: shared.map((hubId) => ({ needId: need.id, hubId })), skipDuplicates: true })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: need.partnerId,
      hubId: need.hubId,
      action: 'need.update',
      target: { type: 'Need', id: need.id },
      before: { title: need.title },
      after: { title: input.title },
      requestId,
    })
    return { id: need.id, partnerId: need.partnerId, hubId: need.hubId, status: need.status }
  }
  const { partner } = target
  const created = await db.need.create({
    data: { ...data, partnerId: partner.id, hubId: partner.homeHubId, createdById: actor.userId, sharedWith: { create: shared.map((hubId) => ({ hubId })) } },
    select: { id: true, status: true, title: true },
  })
  await writeAudit(db, {
    actorId: actor.userId,
    actorOrgId: partner.id,
    hubId: partner.homeHubId,
    action: 'need.create',
    target: { type: 'Need', id: created.id },
    after: { status: created.status, title: created.title },
    requestId,
  })
  return { id: created.id, partnerId: partner.id, hubId: partner.homeHubId, status: created.status as NeedStatus }
}

/** DRAFT or CHANGES_REQUESTED → SUBMITTED, in the caller's transaction, with its audit row. */
async function applySubmit(tx: Tx, actor: Actor, need: { id: string; partnerId: string; hubId: string; status: NeedStatus; title: string }, now: Date, requestId?: string) {
  const result = needMachine.transition(need.status, 'submit')
  if (!result.ok) refuseTransition('submit', need.status)
  const updated = await tx.db.need.updateMany({ where: { id: need.id, status: need.status }, data: { status: result.to, submittedAt: now } })
  if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
  await writeAudit(tx.db, {
    actorId: actor.userId,
    actorOrgId: need.partnerId,
    hubId: need.hubId,
    action: 'need.submit',
    target: { type: 'Need', id: need.id },
    before: { status: need.status },
    after: { status: result.to },
    requestId,
  })
  await notifyHubStaff(tx.db, need.hubId, { kind: 'need.submitted', payload: { needId: need.id, title: need.title }, link: `/needs/${need.id}` })
  return result.to
}

/**
 * An edit of a published need: stored as a revision that staff approve before firms see it. The
 * approved fields stay on the need meanwhile.
 */
async function submitRevision(actor: Actor, need: Awaited<ReturnType<typeof loadNeedForPartner>>, input: NeedFormInput, requestId?: string) {
  const result = revisionMachine.transition(revisionState(need), 'submitRevision')
  if (!result.ok) refuseTransition('submitRevision', need.status)
  const shared = await validSharedHubs(input.sharedHubIds, need.hubId)
  // A reservation runs from the first publication: a published need keeps the one it had (decision 0026).
  if ((input.reservedCohortId ?? null) !== need.reservedCohortId || (input.reservedCohortId ? (input.reservedDays ?? null) : null) !== need.reservedDays) {
    throw AppError.invalid({ reservedCohortId: ['groups.validation.reservationFixed'] })
  }
  const data = needData(input, need.partner.name)
  const now = new Date()
  const revision: StoredRevision = {
    state: 'SUBMITTED',
    data: { ...data, deadline: data.deadline?.toISOString() ?? null, expectedStart: data.expectedStart?.toISOString() ?? null },
    sharedHubIds: shared,
    submittedAt: now.toISOString(),
    submittedById: actor.userId,
  }
  await transaction(async ({ db }) => {
    const updated = await db.need.updateMany({
      where: { id: need.id, status: 'PUBLISHED', updatedAt: need.updatedAt },
      data: { pendingRevision: revision as unknown as Prisma.InputJsonValue, revisionSubmittedAt: now, moderationComment: null },
    })
    if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: need.partnerId,
      hubId: need.hubId,
      action: 'need.revision-submit',
      target: { type: 'Need', id: need.id },
      before: { title: need.title },
      after: { title: input.title, revision: 'SUBMITTED' },
      requestId,
    })
    await notifyHubStaff(db, need.hubId, { kind: 'need.revision-submitted', payload: { needId: need.id, title: input.title }, link: `/needs/${need.id}` })
  })
  return { id: need.id }
}

/**
 * The editor's save. Drafts are created or updated and, when asked, submitted; a published need's
 * edit becomes a revision for staff. Submissions are checked for completeness before anything is
 * written, so a refused submission changes nothing.
 */
export async function saveNeed(
  actor: Actor,
  needId: string | null,
  input: NeedFormInput,
  options: {
    submit: boolean
    partnerId?: string
    requestId?: string
    now?: Date
    /**
     * More writes in the draft's transaction, right after it is written (a new need made from a
     * pitch links the pitch, decision 0028): if they throw, nothing is saved. Not for revisions.
     */
    alsoInTransaction?: (tx: Tx, need: { id: string; partnerId: string; hubId: string }) => Promise<void>
  },
) {
  const now = options.now ?? new Date()
  const need = needId ? await loadNeedForPartner(actor, needId) : null
  const revising = need?.status === 'PUBLISHED'
  if (need && !revising && !isEditableDraft(need.status)) {
    throw AppError.conflict('not_editable', 'errors.needNotEditable', { status: need.status })
  }
  if (options.submit || revising) {
    const errors = completenessErrors(
      {
        ...input,
        communeInsee: input.communeInsee ?? null,
        deadline: input.deadline ?? null,
        expectedStart: input.expectedStart ?? null,
        budgetMaxEur: input.budgetMaxEur ?? null,
      },
      now,
    )
    if (Object.keys(errors).length > 0) throw AppError.invalid(errors, 'errors.needIncomplete')
  }
  const target = need ? { need } : { partner: partnerFor(actor, options.partnerId) }
  // The dues gate (decision 0032): a submission or a published need's edit, never a draft.
  if (options.submit || revising) await assertDuesAllowAct(actor, need ? need.partnerId : partnerFor(actor, options.partnerId).id, now)
  // The group and the cohort must be ones the form offers this partner: refused before anything is written.
  // What a draft has already is kept without a new check when it is only saved (an API PATCH resends
  // it, the group may have been archived since), but checked again when it is submitted: an archived
  // group receives no need, an archived or ended cohort no reservation. A published need's
  // reservation is fixed (submitRevision refuses any change).
  const recheck = Boolean(options.submit) && !revising
  await assertNeedAudience(
    prisma,
    { homeHubId: need ? need.hubId : partnerFor(actor, options.partnerId).homeHubId },
    {
      workingGroupId: need && !recheck && input.workingGroupId === need.workingGroupId ? undefined : input.workingGroupId,
      reservedCohortId: revising || (need && !recheck && input.reservedCohortId === need.reservedCohortId) ? undefined : input.reservedCohortId,
    },
  )
  if (need && revising) {
    if (options.alsoInTransaction) throw AppError.conflict('not_editable', 'errors.needNotEditable', { status: need.status })
    return submitRevision(actor, need, input, options.requestId)
  }
  // One transaction: a submission refused (e.g. a concurrent change) leaves nothing half-saved.
  return transaction(async (tx) => {
    const saved = await writeDraft(tx, actor, target, input, options.requestId)
    if (options.alsoInTransaction) await options.alsoInTransaction(tx, saved)
    if (options.submit) await applySubmit(tx, actor, { ...saved, title: input.title }, now, options.requestId)
    return { id: saved.id }
  })
}

/** Sends a complete draft to the hub's staff. Incomplete drafts are refused field by field (422). */
export async function submitNeed(actor: Actor, needId: string, requestId?: string, now = new Date()) {
  const need = await loadNeedForPartner(actor, needId)
  if (!needMachine.transition(need.status, 'submit').ok) refuseTransition('submit', need.status)
  const errors = completenessErrors(need, now)
  if (Object.keys(errors).length > 0) throw AppError.invalid(errors, 'errors.needIncomplete')
  await assertDuesAllowAct(actor, need.partnerId, now)
  // Its group and cohort still open to it (neither archived nor ended since the draft chose them).
  await assertNeedAudience(prisma, { homeHubId: need.hubId }, { workingGroupId: need.workingGroupId ?? undefined, reservedCohortId: need.reservedCohortId ?? undefined })
  const status = await transaction((tx) => applySubmit(tx, actor, need, now, requestId))
  return { status }
}

/** The partner withdraws a revision awaiting moderation; the approved version stays. */
export async function withdrawRevision(actor: Actor, needId: string, requestId?: string) {
  const need = await loadNeedForPartner(actor, needId)
  const result = revisionMachine.transition(revisionState(need), 'withdrawRevision')
  if (!result.ok) refuseTransition('withdrawRevision', need.status)
  await transaction(async ({ db }) => {
    const updated = await db.need.updateMany({
      where: { id: need.id, updatedAt: need.updatedAt },
      data: { pendingRevision: Prisma.DbNull, revisionSubmittedAt: null, moderationComment: null },
    })
    if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: need.partnerId,
      hubId: need.hubId,
      action: 'need.revision-withdraw',
      target: { type: 'Need', id: need.id },
      requestId,
    })
  })
}

// ───────── moderation ─────────

/**
 * Staff decide on a submitted need (publish, or request changes) or on a published need's
 * revision (approve it, or request changes). Publication enqueues the matching job.
 */
export async function moderateNeed(
  actor: Actor,
  input: { needId: string; intent: 'publish' | 'requestChanges'; comment?: string },
  requestId?: string,
) {
  const need = await prisma.need.findUnique({
    where: { id: input.needId },
    include: {
      partner: { select: { name: true, memberships: { select: { userId: true, user: { select: { name: true } } } } } },
    },
  })
  assertFound(need && canModerateNeed(actor, need))
  const revision = readRevision(need.pendingRevision)
  const onRevision = need.status === 'PUBLISHED' && revision !== null
  const action: NeedAction | RevisionAction = onRevision
    ? input.intent === 'publish'
      ? 'approveRevision'
      : 'requestRevisionChanges'
    : input.intent
  const result = onRevision
    ? revisionMachine.transition(revision.state, action as RevisionAction)
    : needMachine.transition(need.status, action as NeedAction)
  if (!result.ok) refuseTransition(action, need.status)

  const now = new Date()
  const publishing = action === 'publish' || action === 'approveRevision'
  let data: Prisma.NeedUpdateManyMutationInput
  if (action === 'publish') {
    const publishedAt = need.publishedAt ?? now
    // A reservation to a cohort runs for its first days from the publication (decision 0026).
    const reservedUntil = need.reservedUntil ?? (need.reservedCohortId && need.reservedDays ? new Date(publishedAt.getTime() + need.reservedDays * 86_400_000) : null)
    data = { status: 'PUBLISHED', publishedAt, reservedUntil, moderationComment: null, scoredAt: null }
  }
  else if (action === 'requestChanges') data = { status: 'CHANGES_REQUESTED', moderationComment: input.comment ?? null }
  else if (action === 'approveRevision') {
    data = {
      ...revision!.data,
      deadline: revision!.data.deadline ? new Date(revision!.data.deadline) : null,
      expectedStart: revision!.data.expectedStart ? new Date(revision!.data.expectedStart) : null,
      pendingRevision: Prisma.DbNull,
      revisionSubmittedAt: null,
      moderationComment: null,
      scoredAt: null,
    }
  } else {
    data = {
      pendingRevision: { ...revision!, state: 'CHANGES_REQUESTED' } as unknown as Prisma.InputJsonValue,
      moderationComment: input.comment ?? null,
    }
  }

  const link = `${getEnv().APP_URL}/needs/${need.id}`
  const title = action === 'approveRevision' ? revision!.data.title : need.title
  await transaction(async (tx) => {
    const updated = await tx.db.need.updateMany({ where: { id: need.id, status: need.status, updatedAt: need.updatedAt }, data })
    if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    if (action === 'approveRevision') {
      await tx.db.needShare.deleteMany({ where: { needId: need.id, hubId: { notIn: revision!.sharedHubIds } } })
      await tx.db.needShare.createMany({ data: revision!.sharedHubIds.map((hubId) => ({ needId: need.id, hubId })), skipDuplicates: true })
    }
    await writeAudit(tx.db, {
      actorId: actor.userId,
      hubId: need.hubId,
      action: `need.${action}`,
      target: { type: 'Need', id: need.id },
      before: { status: need.status, ...(onRevision ? { revision: revision!.state } : {}) },
      after: { status: action === 'publish' ? 'PUBLISHED' : action === 'requestChanges' ? 'CHANGES_REQUESTED' : need.status, ...(input.comment ? { comment: input.comment } : {}) },
      requestId,
    })
    const members = need.partner.memberships
    await notifyUsers(tx.db, members.map((member) => member.userId), {
      kind: publishing ? 'need.published' : 'need.changes-requested',
      payload: { needId: need.id, title },
      link: `/needs/${need.id}`,
    })
    for (const member of members) {
      await queueEmail(tx, {
        userId: member.userId,
        about: { type: 'NEED', id: need.id },
        kind: publishing ? 'need-published' : 'need-changes-requested',
        template: publishing
          ? { name: 'needPublished', data: { name: member.user.name, needTitle: title, link } }
          : { name: 'needChangesRequested', data: { name: member.user.name, needTitle: title, comment: input.comment ?? '', link } },
      })
    }
    if (publishing) tx.afterCommit(() => enqueueJob('matching.score-need', { needId: need.id }))
    // A first publication: the saved-search alerts of people who asked for them at once.
    if (action === 'publish') tx.afterCommit(() => enqueueJob('digests.need-published', { needId: need.id }))
    // Reserved to a cohort: the others hear of it (saved-search alerts, its working group) when it
    // opens to them, by the same job run again at the end of the reservation.
    const opensAt = action === 'publish' && data.reservedUntil instanceof Date ? data.reservedUntil : null
    if (opensAt && opensAt.getTime() > now.getTime()) {
      tx.afterCommit(() => enqueueJob('digests.need-published', { needId: need.id }, { jobId: `need-opened-${need.id}`, delay: opensAt.getTime() - now.getTime() + 1_000 }))
    }
    // Its working group's members hear of it: at the first publication, or when an approved edit addresses it to a new group.
    const newGroup = action === 'publish' ? need.workingGroupId : action === 'approveRevision' ? (revision!.data.workingGroupId as string | null | undefined) : null
    if (newGroup && (action === 'publish' || newGroup !== need.workingGroupId)) tx.afterCommit(() => notifyGroupOfPublishedNeed(need.id))
  })
  return { action }
}

// ───────── the partner's lifecycle ─────────

/** The applications of a need still waiting for a decision, as its partner reads them. */
async function undecidedApplications(actor: Actor, needId: string) {
  const rows = await prisma.application.findMany({
    where: { needId, status: { in: [...UNDECIDED] } },
    orderBy: { submittedAt: 'asc' },
    select: { id: true, status: true, firmId: true, firm: { select: { name: true } }, consortium: { select: { organisationId: true, status: true } }, need: { select: { partnerId: true, hubId: true, screeningRequired: true, sharedWith: { select: { hubId: true } } } } },
  })
  const readable = rows.filter(
    (row) =>
      applicationViewFor(actor, {
        firmId: row.firmId,
        status: row.status,
        consortiumIds: row.consortium.filter((member) => member.status !== 'DECLINED').map((member) => member.organisationId),
        need: { partnerId: row.need.partnerId, hubId: row.need.hubId, sharedHubIds: row.need.sharedWith.map((share) => share.hubId), screeningRequired: row.need.screeningRequired },
      }) !== 'none',
  )
  // Applications still in the hub staff's screening are not the partner's to read, count or decline.
  return { count: readable.length, screening: rows.length - readable.length, readable: readable.map((row) => ({ id: row.id, firm: row.firm.name, status: row.status })) }
}

/** How many applications of the need wait for a decision (the lifecycle form offers to decline them). */
export async function countUndecidedApplications(actor: Actor, needId: string) {
  const need = await loadNeedForPartner(actor, needId)
  return (await undecidedApplications(actor, need.id)).count
}

const DECIDING: NeedLifecycleAction[] = ['close', 'award', 'notAward']

function undecidedRefusal(undecided: { count: number; readable: Array<{ id: string; firm: string; status: string }> }) {
  return new AppError(
    409,
    'undecided_applications',
    'reminders.lifecycle.undecided',
    { count: undecided.count },
    { declineReason: ['reminders.lifecycle.chooseReason'] },
    { undecided: undecided.readable },
  )
}

/**
 * Close (no more applications), award (at least one accepted application), not awarded, archive.
 * Each is refused with a sentence (409) when the need's state does not allow it. Closing or
 * awarding decides every application still open in the same step: refused while one waits,
 * unless `declineOpen` declines them all with one reason (each firm told), in the same
 * transaction as the need's change (the accepted ones stay).
 */
export async function changeNeedLifecycle(
  actor: Actor,
  needId: string,
  action: NeedLifecycleAction,
  requestId?: string,
  options: { declineOpen?: DeclineOpenInput } = {},
) {
  const need = await loadNeedForPartner(actor, needId)
  const result = needMachine.transition(need.status, action)
  if (!result.ok) refuseTransition(action, need.status)
  if (action === 'award') {
    const accepted = await prisma.application.count({ where: { needId, status: 'ACCEPTED' } })
    if (accepted === 0) throw AppError.conflict('no_accepted_application', 'errors.awardNeedsAcceptedApplication')
  }
  if (action === 'archive' && revisionState(need) !== 'NONE') {
    throw AppError.conflict('revision_pending', 'errors.revisionPending')
  }
  const deciding = DECIDING.includes(action)
  const undecided = deciding ? await undecidedApplications(actor, needId) : null
  // Applications the hub staff still screen: theirs to pass on or decline first (never counted to the partner).
  if (undecided && undecided.screening > 0) throw AppError.conflict('applications_in_screening', 'reminders.lifecycle.inScreening')
  if (undecided && !options.declineOpen && undecided.count > 0) throw undecidedRefusal(undecided)
  // The decline is written for the partner: it must act for it (not only read).
  if (deciding && options.declineOpen) assertActsFor(actor, need.partnerId)
  const now = new Date()
  const declined = await transaction(
    async (tx) => {
      const { db } = tx
      const updated = await db.need.updateMany({
        where: { id: need.id, status: need.status },
        data: { status: result.to, ...(action === 'close' ? { closedAt: now } : {}) },
      })
      if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
      await writeAudit(db, {
        actorId: actor.userId,
        actorOrgId: need.partnerId,
        hubId: need.hubId,
        action: `need.${action}`,
        target: { type: 'Need', id: need.id },
        before: { status: need.status },
        after: { status: result.to },
        requestId,
      })
      if (!deciding) return 0
      const count = options.declineOpen
        ? await declineOpenApplications(tx, actor, needId, options.declineOpen, requestId, undecided?.readable.map((row) => row.id) ?? [])
        : 0
      // An application submitted meanwhile: refused as a whole, nothing written.
      const left = await db.application.count({ where: { needId, status: { in: [...UNDECIDED] } } })
      if (left > 0) throw undecidedRefusal(await undecidedApplications(actor, needId))
      return count
    },
    { timeoutMs: 60_000 },
  )
  return { status: result.to as NeedStatus, declined }
}

/** The staff's view of what waits for moderation in their hubs: new needs and revisions. */
export function moderationHubIds(actor: Actor) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  return hubIds
}
