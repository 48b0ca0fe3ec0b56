import { writeAudit } from '#app/modules/audit/audit.server'
import { resolveCommune } from '#app/modules/geo/communes'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/scorer'
import { queueEmail } from '#app/modules/notifications/email.server'
import { notifyUsers } from '#app/modules/notifications/notifications.server'
import {
  canCreateNeed,
  canEditNeed,
  canModerateNeed,
  firmThatMayApply,
  isMemberOf,
  needVisibilityFor,
  staffHubIds,
  verifiedOrganisations,
  type Actor,
  type NeedAccessInfo,
} from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import type { Prisma } from '#app/generated/prisma/client'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { completenessErrors } from './need-rules'
import { isEditableDraft, needMachine, type NeedAction, type NeedStatus } from './need-state'
import type { NeedFormInput } from './schema'

const PAGE_SIZE = 20

/** Resolves what the editor typed into stored values; an unknown commune is a field error. */
function needData(input: NeedFormInput) {
  const commune = resolveCommune(input.communeInsee)
  if (input.communeInsee && !commune) throw AppError.invalid({ communeInsee: ['validation.communeUnknown'] })
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

export async function createNeed(actor: Actor, input: NeedFormInput, options: { partnerId?: string; requestId?: string } = {}) {
  const partner = partnerFor(actor, options.partnerId)
  const shared = await validSharedHubs(input.sharedHubIds, partner.homeHubId)
  return transaction(async ({ db }) => {
    const need = await db.need.create({
      data: {
        ...needData(input),
        partnerId: partner.id,
        hubId: partner.homeHubId,
        createdById: actor.userId,
        sharedWith: { create: shared.map((hubId) => ({ hubId })) },
      },
      select: { id: true, status: true, title: true },
    })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: partner.id,
      hubId: partner.homeHubId,
      action: 'need.create',
      target: { type: 'Need', id: need.id },
      after: { status: need.status, title: need.title },
      requestId: options.requestId,
    })
    return need
  })
}

async function loadNeedForPartner(actor: Actor, needId: string) {
  const need = await prisma.need.findUnique({ where: { id: needId }, include: { sharedWith: { select: { hubId: true } } } })
  assertFound(need && canEditNeed(actor, need))
  return need
}

function refuseTransition(action: NeedAction, status: NeedStatus): never {
  throw AppError.conflict('invalid_transition', 'errors.needTransition', { action, status })
}

export async function updateNeed(actor: Actor, needId: string, input: NeedFormInput, requestId?: string) {
  const need = await loadNeedForPartner(actor, needId)
  if (!isEditableDraft(need.status)) {
    throw AppError.conflict('not_editable', 'errors.needNotEditable', { status: need.status })
  }
  const shared = await validSharedHubs(input.sharedHubIds, need.hubId)
  return transaction(async ({ db }) => {
    const updated = await db.need.updateMany({
      where: { id: need.id, status: need.status, updatedAt: need.updatedAt },
      data: needData(input),
    })
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
    return { id: need.id }
  })
}

/** Sends a complete draft to the hub's staff. Incomplete drafts are refused field by field (422). */
export async function submitNeed(actor: Actor, needId: string, requestId?: string, now = new Date()) {
  const need = await loadNeedForPartner(actor, needId)
  const result = needMachine.transition(need.status, 'submit')
  if (!result.ok) refuseTransition('submit', need.status)
  const errors = completenessErrors(need, now)
  if (Object.keys(errors).length > 0) throw AppError.invalid(errors, 'errors.needIncomplete')
  await transaction(async (tx) => {
    const updated = await tx.db.need.updateMany({
      where: { id: need.id, status: need.status },
      data: { status: result.to, submittedAt: now },
    })
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
    const staff = await tx.db.staffRole.findMany({ where: { hubId: need.hubId }, select: { userId: true } })
    await notifyUsers(tx.db, staff.map((role) => role.userId), {
      kind: 'need.submitted',
      payload: { needId: need.id, title: need.title },
      link: `/staff/moderation/needs`,
    })
  })
  return { status: result.to }
}

/**
 * The editor's save: creates or updates the draft and, when asked, submits it. A submission is
 * checked for completeness before anything is written, so a refused submission changes nothing.
 */
export async function saveNeed(
  actor: Actor,
  needId: string | null,
  input: NeedFormInput,
  options: { submit: boolean; requestId?: string; now?: Date },
) {
  const now = options.now ?? new Date()
  if (options.submit) {
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
  const saved = needId ? await updateNeed(actor, needId, input, options.requestId) : await createNeed(actor, input, options)
  if (options.submit) await submitNeed(actor, saved.id, options.requestId, now)
  return { id: saved.id }
}

function snapshotOf(need: Prisma.NeedGetPayload<object>): Prisma.InputJsonValue {
  return {
    title: need.title,
    summary: need.summary,
    description: need.description,
    skills: need.skills,
    budgetMinEur: need.budgetMinEur,
    budgetMaxEur: need.budgetMaxEur,
    deadline: need.deadline?.toISOString() ?? null,
    approvedAt: new Date().toISOString(),
  }
}

/** Staff publish a submitted need: firms can see it, and the matching workers score it. */
export async function moderateNeed(
  actor: Actor,
  input: { needId: string; intent: 'publish' | 'requestChanges'; comment?: string },
  requestId?: string,
) {
  const need = await prisma.need.findUnique({
    where: { id: input.needId },
    include: { partner: { select: { memberships: { select: { userId: true, user: { select: { name: true } } } } } } },
  })
  assertFound(need && canModerateNeed(actor, need))
  const action: NeedAction = input.intent
  const result = needMachine.transition(need.status, action)
  if (!result.ok) refuseTransition(action, need.status)
  const now = new Date()
  const link = `${getEnv().APP_URL}/needs/${need.id}`
  await transaction(async (tx) => {
    const updated = await tx.db.need.updateMany({
      where: { id: need.id, status: need.status },
      data:
        action === 'publish'
          ? { status: result.to, publishedAt: need.publishedAt ?? now, publishedSnapshot: snapshotOf(need), moderationComment: null }
          : { status: result.to, moderationComment: input.comment ?? null },
    })
    if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    await writeAudit(tx.db, {
      actorId: actor.userId,
      hubId: need.hubId,
      action: `need.${action}`,
      target: { type: 'Need', id: need.id },
      before: { status: need.status },
      after: { status: result.to, ...(input.comment ? { comment: input.comment } : {}) },
      requestId,
    })
    const partnerUsers = need.partner.memberships
    await notifyUsers(tx.db, partnerUsers.map((member) => member.userId), {
      kind: action === 'publish' ? 'need.published' : 'need.changes-requested',
      payload: { needId: need.id, title: need.title },
      link: `/needs/${need.id}`,
    })
    for (const member of partnerUsers) {
      await queueEmail(tx, {
        userId: member.userId,
        kind: action === 'publish' ? 'need-published' : 'need-changes-requested',
        template:
          action === 'publish'
            ? { name: 'needPublished', data: { name: member.user.name, needTitle: need.title, link } }
            : { name: 'needChangesRequested', data: { name: member.user.name, needTitle: need.title, comment: input.comment ?? '', link } },
      })
    }
    if (action === 'publish') {
      tx.afterCommit(() => enqueueJob('matching.score-need', { needId: need.id }))
    }
  })
  return { status: result.to }
}

export async function listModerationQueue(actor: Actor) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  return prisma.need.findMany({
    where: { hubId: { in: hubIds }, status: 'SUBMITTED' },
    orderBy: { submittedAt: 'asc' },
    take: 100,
    select: {
      id: true,
      title: true,
      summary: true,
      kind: true,
      visibility: true,
      matchingMode: true,
      submittedAt: true,
      deadline: true,
      budgetMinEur: true,
      budgetMaxEur: true,
      partner: { select: { name: true } },
      hub: { select: { shortName: true } },
    },
  })
}

// ───────── reading ─────────

function accessInfo(need: {
  partnerId: string
  hubId: string
  status: NeedStatus
  visibility: NeedAccessInfo['visibility']
  matchingMode: NeedAccessInfo['matchingMode']
  sharedWith: Array<{ hubId: string }>
  publishedSnapshot: unknown
}): NeedAccessInfo {
  return {
    partnerId: need.partnerId,
    hubId: need.hubId,
    status: need.status,
    visibility: need.visibility,
    matchingMode: need.matchingMode,
    sharedHubIds: need.sharedWith.map((share) => share.hubId),
    hasPublishedVersion: need.status === 'PUBLISHED' || (need.publishedSnapshot !== null && need.status !== 'CLOSED' && need.status !== 'ARCHIVED' && need.status !== 'AWARDED' && need.status !== 'NOT_AWARDED'),
  }
}

/** The need as this actor may see it, with what they may do next. 404 when they may not see it. */
export async function getNeedForActor(actor: Actor, needId: string) {
  const need = await prisma.need.findUnique({
    where: { id: needId },
    include: {
      partner: { select: { id: true, name: true, slug: true } },
      hub: { select: { id: true, shortName: true, name: true } },
      sharedWith: { select: { hubId: true, hub: { select: { shortName: true } } } },
    },
  })
  if (!need) throw AppError.notFound()
  const firmIds = verifiedOrganisations(actor, 'FIRM').map((membership) => membership.organisationId)
  const [invitedMatches, nda] = await Promise.all([
    firmIds.length
      ? prisma.match.findMany({ where: { needId, firmId: { in: firmIds }, status: 'INVITED' }, select: { firmId: true } })
      : [],
    prisma.ndaAcceptance.findUnique({ where: { needId_userId: { needId, userId: actor.userId } }, select: { id: true } }),
  ])
  const access = accessInfo(need)
  const context = { invitedFirmIds: invitedMatches.map((match) => match.firmId), ndaAccepted: Boolean(nda) }
  const visibility = needVisibilityFor(actor, access, context)
  if (visibility === 'none') throw AppError.notFound()

  const isPartner = isMemberOf(actor, need.partnerId)
  const isModerator = canModerateNeed(actor, need)
  const applyingFirm = firmThatMayApply(actor, access, { ...context, status: need.status })
  const [match, application, applicationCount] = await Promise.all([
    firmIds.length
      ? prisma.match.findFirst({
          where: { needId, firmId: { in: firmIds }, algorithmVersion: ALGORITHM_VERSION },
          orderBy: { score: 'desc' },
          select: { score: true, breakdown: true, computedAt: true },
        })
      : null,
    firmIds.length
      ? prisma.application.findFirst({
          where: { needId, firmId: { in: firmIds } },
          select: { id: true, status: true, submittedAt: true },
        })
      : null,
    isPartner || isModerator
      ? prisma.application.count({ where: { needId, status: { notIn: ['DRAFT', 'WITHDRAWN'] } } })
      : 0,
  ])

  const actions = {
    edit: isPartner && isEditableDraft(need.status),
    submit: isPartner && needMachine.transition(need.status, 'submit').ok,
    publish: isModerator && needMachine.transition(need.status, 'publish').ok,
    requestChanges: isModerator && needMachine.transition(need.status, 'requestChanges').ok,
    apply: Boolean(applyingFirm) && !application && need.status === 'PUBLISHED' && (!need.deadline || need.deadline > new Date()),
    viewApplications: isPartner || isModerator,
  }

  const base = {
    id: need.id,
    title: need.title,
    status: need.status,
    kind: need.kind,
    visibility: need.visibility,
    matchingMode: need.matchingMode,
    partner: need.partner,
    hub: need.hub,
  }
  if (visibility === 'teaser') {
    return { visibility, need: base, details: null, match: null, application, applicationCount: 0, actions: { ...actions, apply: false } }
  }
  return {
    visibility,
    need: base,
    details: {
      summary: need.summary,
      description: need.description,
      skills: need.skills,
      nafCodes: need.nafCodes,
      budgetMinEur: need.budgetMinEur,
      budgetMaxEur: need.budgetMaxEur,
      deadline: need.deadline,
      expectedStart: need.expectedStart,
      communeName: need.communeName,
      communeInsee: need.communeInsee,
      radiusKm: need.radiusKm,
      remoteOk: need.remoteOk,
      headcountMin: need.headcountMin,
      headcountMax: need.headcountMax,
      revenueBands: need.revenueBands,
      minAgeYears: need.minAgeYears,
      sharedWith: need.sharedWith.map((share) => share.hub.shortName),
      moderationComment: isPartner || isModerator ? need.moderationComment : null,
      publishedAt: need.publishedAt,
      submittedAt: need.submittedAt,
    },
    match: match ? { score: match.score, breakdown: match.breakdown, computedAt: match.computedAt } : null,
    application,
    applicationCount,
    actions,
  }
}

/** The editor's values for a draft the actor's organisation owns. */
export async function getNeedForEditing(actor: Actor, needId: string) {
  const need = await loadNeedForPartner(actor, needId)
  if (!isEditableDraft(need.status)) {
    throw AppError.conflict('not_editable', 'errors.needNotEditable', { status: need.status })
  }
  return need
}

/**
 * Firms: the published needs they may see, best match first. Partners: their organisation's needs.
 * Staff: their hubs' needs.
 */
export async function listNeedsForActor(actor: Actor, options: { page?: number; status?: NeedStatus } = {}) {
  const page = Math.max(1, Math.min(options.page ?? 1, 500))
  const firms = verifiedOrganisations(actor, 'FIRM')
  const partners = verifiedOrganisations(actor, 'PARTNER')
  const staffHubs = staffHubIds(actor)

  if (firms.length > 0) {
    const firmIds = firms.map((firm) => firm.organisationId)
    const firmHubs = [...new Set(firms.map((firm) => firm.organisation.homeHubId))]
    const where: Prisma.NeedWhereInput = {
      status: 'PUBLISHED',
      OR: [
        { visibility: 'PUBLIC' },
        { visibility: 'MEMBERS', OR: [{ hubId: { in: firmHubs } }, { sharedWith: { some: { hubId: { in: firmHubs } } } }] },
        { visibility: 'INVITE_ONLY', matches: { some: { firmId: { in: firmIds }, status: 'INVITED' } } },
      ],
    }
    const [total, needs] = await Promise.all([
      prisma.need.count({ where }),
      prisma.need.findMany({ where, select: { id: true } }),
    ])
    // Rank the visible needs by this firm's current match score, then by deadline.
    const scores = await prisma.match.findMany({
      where: { firmId: { in: firmIds }, needId: { in: needs.map((need) => need.id) }, algorithmVersion: ALGORITHM_VERSION },
      select: { needId: true, score: true },
    })
    const scoreOf = new Map(scores.map((row) => [row.needId, row.score]))
    const rows = await prisma.need.findMany({
      where: { id: { in: needs.map((need) => need.id) } },
      select: listSelect,
    })
    rows.sort((a, b) => (scoreOf.get(b.id) ?? -1) - (scoreOf.get(a.id) ?? -1) || (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity))
    return {
      perspective: 'firm' as const,
      total,
      page,
      pageSize: PAGE_SIZE,
      needs: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((row) => ({ ...row, score: scoreOf.get(row.id) ?? null })),
    }
  }

  const where: Prisma.NeedWhereInput =
    partners.length > 0
      ? { partnerId: { in: partners.map((partner) => partner.organisationId) } }
      : staffHubs.length > 0
        ? { status: { not: 'DRAFT' }, OR: [{ hubId: { in: staffHubs } }, { sharedWith: { some: { hubId: { in: staffHubs } } } }] }
        : { id: '__none__' }
  if (options.status) where.status = options.status
  const [total, needs] = await Promise.all([
    prisma.need.count({ where }),
    prisma.need.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { ...listSelect, _count: { select: { applications: { where: { status: { notIn: ['DRAFT', 'WITHDRAWN'] } } } } } },
    }),
  ])
  return {
    perspective: partners.length > 0 ? ('partner' as const) : ('staff' as const),
    total,
    page,
    pageSize: PAGE_SIZE,
    needs: needs.map(({ _count, ...need }) => ({ ...need, score: null, applicationCount: _count.applications })),
  }
}

const listSelect = {
  id: true,
  title: true,
  summary: true,
  kind: true,
  status: true,
  visibility: true,
  deadline: true,
  budgetMinEur: true,
  budgetMaxEur: true,
  communeName: true,
  remoteOk: true,
  skills: true,
  partner: { select: { name: true } },
  hub: { select: { shortName: true } },
} satisfies Prisma.NeedSelect
