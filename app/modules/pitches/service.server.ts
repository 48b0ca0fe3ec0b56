import { loadActors } from '#app/modules/auth/actors.server'
import { writeAudit } from '#app/modules/audit/audit.server'
import { notify } from '#app/modules/notifications/notifications.server'
import { assertActsFor } from '#app/modules/policy/acting'
import {
  canAnswerPitch,
  canModeratePitch,
  canPitchAs,
  canWritePitch,
  isStaff,
  pitchViewFor,
  staffHubIds,
  verifiedOrganisations,
  type Actor,
  type PitchAccessInfo,
  type PitchView,
} from '#app/modules/policy/policy'
import { saveNeed } from '#app/modules/needs/service.server'
import type { NeedFormInput } from '#app/modules/needs/schema'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { conversationOpen, firmMayEdit, PITCH_ACTION_SIDE, pitchDaysLate, pitchDueDay, pitchMachine, type PitchAction, type PitchStatus } from './pitch-state'
import { PITCH_FILTER_STATUSES, submitProblems, type PitchDecision, type PitchFormInput } from './schema'

/**
 * Pitches without a need (issue 14, docs/decisions/0028-pitches.md): a verified firm proposes an
 * idea to a partner, its hub's staff moderate it, the partner answers within its charter delay.
 * Who sees what is `pitchViewFor` (policy.ts): every reader below — lists, the page, attachments,
 * notifications and e-mails — asks it.
 */

export const pitchSelect = {
  id: true,
  firmId: true,
  partnerId: true,
  hubId: true,
  createdById: true,
  status: true,
  title: true,
  problem: true,
  offer: true,
  referencesText: true,
  moderationComment: true,
  declineReason: true,
  declineComment: true,
  submittedAt: true,
  sentAt: true,
  answeredAt: true,
  needId: true,
  createdAt: true,
  updatedAt: true,
  firm: { select: { id: true, name: true, slug: true, homeHubId: true } },
  partner: { select: { id: true, name: true, slug: true, charterResponseDays: true, homeHub: { select: { charterResponseDays: true } } } },
  hub: { select: { id: true, shortName: true } },
} as const

type LoadedPitch = NonNullable<Awaited<ReturnType<typeof loadPitch>>>

async function loadPitch(pitchId: string, db: Tx['db'] = prisma) {
  return db.pitch.findUnique({ where: { id: pitchId }, select: pitchSelect })
}

export function accessOf(pitch: Pick<LoadedPitch, 'firmId' | 'partnerId' | 'hubId' | 'status' | 'sentAt'>): PitchAccessInfo {
  return { firmId: pitch.firmId, partnerId: pitch.partnerId, hubId: pitch.hubId, status: pitch.status, sentAt: pitch.sentAt }
}

/** The partner's delay: its own, else its home hub's (the reminders' rule for applications). */
type PartnerCharter = { partner: { charterResponseDays: number | null; homeHub: { charterResponseDays: number } } }

export function charterDaysOf(pitch: PartnerCharter) {
  return pitch.partner.charterResponseDays ?? pitch.partner.homeHub.charterResponseDays
}

/** A pitch the actor may see, with its view; anyone else: 404. */
async function pitchFor(actor: Actor, pitchId: string, db: Tx['db'] = prisma) {
  const pitch = await loadPitch(pitchId, db)
  assertFound(pitch)
  const view = pitchViewFor(actor, accessOf(pitch))
  assertFound(view !== 'none')
  return { pitch, view }
}

function dueOf(pitch: PartnerCharter & { sentAt: Date | null; status: string }, now: Date) {
  if (!pitch.sentAt) return { dueDay: null, daysLate: 0 }
  const charterDays = charterDaysOf(pitch)
  return { dueDay: pitchDueDay(pitch.sentAt, charterDays), daysLate: pitchDaysLate(pitch, charterDays, now) }
}

// ───────── recipients: the policy asked for each ─────────

/** The users among `userIds` who may open the pitch page now, in the given view(s). */
async function whoMaySee(userIds: string[], pitch: PitchAccessInfo, views: PitchView[]) {
  const actors = await loadActors(userIds)
  return [...actors.values()].filter((actor) => views.includes(pitchViewFor(actor, pitch))).map((actor) => actor.userId)
}

async function membersOf(db: Tx['db'], organisationId: string) {
  return (await db.membership.findMany({ where: { organisationId }, select: { userId: true } })).map((row) => row.userId)
}

async function staffOf(db: Tx['db'], hubId: string) {
  return (await db.staffRole.findMany({ where: { hubId }, select: { userId: true } })).map((row) => row.userId)
}

type PitchEmail = 'submitted' | 'received' | 'approved' | 'changesRequested' | 'rejected' | 'interested' | 'declined' | 'message'

/**
 * Tells some users of a pitch event: in the app (with `pitchId`, so the digest asks the page's rule
 * again), and by e-mail per their preferences. Recipients are filtered by `pitchViewFor` first.
 * E-mails are filed under their recipient (`USER`): the staff outbox never shows them (decision 0028).
 */
async function tell(
  tx: Tx,
  pitch: LoadedPitch,
  after: PitchAccessInfo,
  input: { userIds: string[]; views: PitchView[]; category: 'MY_APPLICATIONS' | 'MY_NEEDS' | 'STAFF_QUEUES'; kind: PitchEmail; exclude?: string; other: string },
) {
  const allowed = (await whoMaySee(input.userIds, after, input.views)).filter((userId) => userId !== input.exclude)
  if (allowed.length === 0) return
  const link = `/pitches/${pitch.id}`
  const kind = `pitches:${input.kind.replace(/[A-Z]/g, (char) => `-${char.toLowerCase()}`)}`
  for (const userId of allowed) {
    await notify(tx, {
      category: input.category,
      userIds: [userId],
      kind,
      payload: { pitchId: pitch.id, title: pitch.title, other: input.other },
      link,
      pitchId: pitch.id,
      email: {
        about: { type: 'USER', id: userId },
        kind,
        template: (user) => ({ name: `pitches.${input.kind}`, data: { name: user.name, pitchTitle: pitch.title, otherName: input.other, link: `${getEnv().APP_URL}${link}` } }),
      },
    })
  }
}


// ───────── lists ─────────

export interface PitchRow {
  id: string
  title: string
  status: PitchStatus
  firm: { id: string; name: string }
  partner: { id: string; name: string }
  hubName: string
  submittedAt: Date | null
  sentAt: Date | null
  answeredAt: Date | null
  updatedAt: Date
  dueDay: string | null
  daysLate: number
  view: PitchView
}

const listSelect = {
  id: true,
  title: true,
  status: true,
  firmId: true,
  partnerId: true,
  hubId: true,
  submittedAt: true,
  sentAt: true,
  answeredAt: true,
  updatedAt: true,
  firm: { select: { id: true, name: true } },
  partner: { select: { id: true, name: true, charterResponseDays: true, homeHub: { select: { charterResponseDays: true } } } },
  hub: { select: { shortName: true } },
} as const

function toRows(actor: Actor, pitches: Array<Awaited<ReturnType<typeof findCandidates>>[number]>, now: Date): PitchRow[] {
  return pitches.flatMap((pitch) => {
    const view = pitchViewFor(actor, accessOf(pitch))
    if (view === 'none') return []
    const due = dueOf(pitch, now)
    return [
      {
        id: pitch.id,
        title: pitch.title,
        status: pitch.status,
        firm: { id: pitch.firm.id, name: pitch.firm.name },
        partner: { id: pitch.partner.id, name: pitch.partner.name },
        hubName: pitch.hub.shortName,
        submittedAt: pitch.submittedAt,
        sentAt: pitch.sentAt,
        answeredAt: pitch.answeredAt,
        updatedAt: pitch.updatedAt,
        dueDay: due.dueDay,
        daysLate: due.daysLate,
        view,
      },
    ]
  })
}

type PitchWhere = NonNullable<Parameters<typeof prisma.pitch.findMany>[0]>['where']

function findCandidates(where: PitchWhere) {
  return prisma.pitch.findMany({ where, select: listSelect, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], take: 500 })
}

/**
 * /pitches: the pitches of the actor's firms, and those their partners received (sent and after).
 * The query narrows; `pitchViewFor` decides each row (the page's rule).
 */
export async function listPitchesForActor(actor: Actor, now = new Date()) {
  const orgIds = actor.memberships.map((membership) => membership.organisationId)
  const firmIds = actor.memberships.filter((m) => m.organisation.kind === 'FIRM').map((m) => m.organisationId)
  const partnerIds = actor.memberships.filter((m) => m.organisation.kind === 'PARTNER').map((m) => m.organisationId)
  const candidates = orgIds.length ? await findCandidates({ OR: [{ firmId: { in: orgIds } }, { partnerId: { in: orgIds } }] }) : []
  const rows = toRows(actor, candidates, now)
  return {
    sent: rows.filter((row) => row.view === 'firm'),
    received: rows.filter((row) => row.view === 'partner').sort((a, b) => (b.sentAt?.getTime() ?? 0) - (a.sentAt?.getTime() ?? 0)),
    isFirm: firmIds.length > 0,
    isPartner: partnerIds.length > 0,
    canPitch: verifiedOrganisations(actor, 'FIRM').length > 0,
    isStaff: isStaff(actor),
  }
}

/** Rows per page of /staff/pitches (the pitches under review come on top of the first page, all of them). */
export const STAFF_PITCHES_PAGE_SIZE = 50

/**
 * /staff/pitches: the pitches of the actor's hubs. Those to moderate (SUBMITTED) come first, ALL of
 * them, oldest submission first; the others follow, most recently changed first, a page at a time
 * (`all`: every one, for the CSV). The SQL leaves out what `pitchViewFor` refuses staff (drafts, and
 * the pitches of their own firms or partners), so counts and pages are honest; the predicate still
 * decides each row. Non-staff: 403.
 */
export async function listPitchesForStaff(actor: Actor, options: { status?: string | null; page?: number; all?: boolean } = {}, now = new Date()) {
  if (!isStaff(actor)) throw AppError.forbidden()
  const hubIds = staffHubIds(actor)
  const orgIds = actor.memberships.map((membership) => membership.organisationId)
  const status = options.status && (PITCH_FILTER_STATUSES as readonly string[]).includes(options.status) ? (options.status as PitchStatus) : null
  const page = options.all ? 1 : Math.max(1, Math.floor(options.page ?? 1))
  const base: PitchWhere = { hubId: { in: hubIds }, firmId: { notIn: orgIds }, partnerId: { notIn: orgIds } }
  const wantSubmitted = !status || status === 'SUBMITTED'
  const restWhere: PitchWhere | null = status === 'SUBMITTED' ? null : { ...base, status: status ?? { notIn: ['DRAFT', 'SUBMITTED'] } }
  const [submitted, rest, restTotal] = await Promise.all([
    wantSubmitted && (options.all || page === 1 || status === 'SUBMITTED')
      ? prisma.pitch.findMany({ where: { ...base, status: 'SUBMITTED' }, select: listSelect, orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }] })
      : [],
    restWhere
      ? prisma.pitch.findMany({
          where: restWhere,
          select: listSelect,
          orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
          ...(options.all ? {} : { skip: (page - 1) * STAFF_PITCHES_PAGE_SIZE, take: STAFF_PITCHES_PAGE_SIZE }),
        })
      : [],
    restWhere ? prisma.pitch.count({ where: restWhere }) : 0,
  ])
  const rows = toRows(actor, [...submitted, ...rest], now).filter((row) => row.view === 'staff')
  // The pages run over the pitches not under review; those under review are all on the first page.
  return { rows, page, pageSize: STAFF_PITCHES_PAGE_SIZE, total: restTotal, submittedCount: submitted.length }
}

// ───────── the editor ─────────

/** What /pitches/new offers: the actor's verified firms, and the verified partners to pitch to. */
export async function getPitchEditor(actor: Actor, options: { pitchId?: string; partnerId?: string | null } = {}) {
  const firms = verifiedOrganisations(actor, 'FIRM').map((m) => ({ id: m.organisationId, name: m.organisation.name }))
  if (firms.length === 0) throw AppError.forbidden('pitches.errors.onlyVerifiedFirms')
  const partners = await prisma.organisation.findMany({
    where: { kind: 'PARTNER', status: 'VERIFIED' },
    select: { id: true, name: true, homeHub: { select: { shortName: true } } },
    orderBy: { name: 'asc' },
  })
  const partnerId = options.partnerId && partners.some((partner) => partner.id === options.partnerId) ? options.partnerId : null
  return { firms, partners: partners.map((partner) => ({ id: partner.id, name: partner.name, hubName: partner.homeHub.shortName })), partnerId }
}

async function assertPartner(db: Tx['db'], partnerId: string) {
  const partner = await db.organisation.findUnique({ where: { id: partnerId }, select: { id: true, kind: true, status: true } })
  if (!partner || partner.kind !== 'PARTNER' || partner.status !== 'VERIFIED') throw AppError.invalid({ partnerId: ['pitches.validation.partnerRequired'] })
}

/** A new pitch of one of the actor's verified firms: saved as a draft, or submitted at once. */
export async function createPitch(actor: Actor, input: PitchFormInput, requestId?: string, now = new Date()) {
  if (verifiedOrganisations(actor, 'FIRM').length === 0) throw AppError.forbidden('pitches.errors.onlyVerifiedFirms')
  if (!canPitchAs(actor, input.firmId)) throw AppError.invalid({ firmId: ['validation.invalidChoice'] }, 'pitches.errors.onlyVerifiedFirms')
  assertActsFor(actor, input.firmId)
  const firm = verifiedOrganisations(actor, 'FIRM').find((m) => m.organisationId === input.firmId)!
  if (input.intent === 'submit') {
    const problems = submitProblems(input)
    if (Object.keys(problems).length) throw AppError.invalid(problems, 'pitches.errors.incomplete')
  }
  return transaction(async (tx) => {
    await assertPartner(tx.db, input.partnerId)
    const pitch = await tx.db.pitch.create({
      data: {
        firmId: input.firmId,
        partnerId: input.partnerId,
        hubId: firm.organisation.homeHubId,
        createdById: actor.userId,
        title: input.title,
        problem: input.problem,
        offer: input.offer,
        referencesText: input.referencesText,
      },
      select: { id: true },
    })
    // A draft is the firm's alone: its audit row belongs to no hub (staff never read it).
    await writeAudit(tx.db, { actorId: actor.userId, actorOrgId: input.firmId, hubId: null, action: 'pitch.save', target: { type: 'Pitch', id: pitch.id }, after: { status: 'DRAFT' }, requestId })
    if (input.intent === 'submit') await move(tx, actor, pitch.id, 'submit', {}, now, requestId)
    return pitch
  })
}

/** The firm edits its draft (or a pitch sent back for changes), and may submit it. */
export async function updatePitch(actor: Actor, pitchId: string, input: PitchFormInput, requestId?: string, now = new Date()) {
  const { pitch } = await pitchFor(actor, pitchId)
  if (!canWritePitch(actor, accessOf(pitch))) {
    assertActsFor(actor, pitch.firmId)
    throw AppError.forbidden()
  }
  if (!firmMayEdit(pitch.status)) throw AppError.conflict('invalid_transition', 'pitches.errors.notEditable')
  if (input.intent === 'submit') {
    const problems = submitProblems(input)
    if (Object.keys(problems).length) throw AppError.invalid(problems, 'pitches.errors.incomplete')
  }
  return transaction(async (tx) => {
    await assertPartner(tx.db, input.partnerId)
    await tx.db.pitch.update({
      where: { id: pitch.id },
      data: { partnerId: input.partnerId, title: input.title, problem: input.problem, offer: input.offer, referencesText: input.referencesText },
    })
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: pitch.firmId,
      hubId: pitch.status === 'DRAFT' ? null : pitch.hubId,
      action: 'pitch.save',
      target: { type: 'Pitch', id: pitch.id },
      after: { status: pitch.status },
      requestId,
    })
    if (input.intent === 'submit') await move(tx, actor, pitch.id, 'submit', {}, now, requestId)
    return { id: pitch.id }
  })
}

// ───────── the page ─────────

const HISTORY_ACTIONS = ['pitch.submit', 'pitch.approve', 'pitch.requestChanges', 'pitch.reject', 'pitch.interested', 'pitch.decline', 'pitch.withdraw', 'pitch.need']
/** What the partner reads of the history: from the sending on (moderation is between the firm and its hub). */
const PARTNER_HISTORY = ['pitch.approve', 'pitch.interested', 'pitch.decline', 'pitch.withdraw', 'pitch.need']

/** One pitch as the actor sees it (firm, staff of its hub, partner once sent), with what they may do. Others: 404. */
export async function getPitchForActor(actor: Actor, pitchId: string, now = new Date()) {
  const { pitch, view } = await pitchFor(actor, pitchId)
  const access = accessOf(pitch)
  const [attachments, messages, audit] = await Promise.all([
    prisma.pitchAttachment.findMany({ where: { pitchId: pitch.id }, select: { id: true, filename: true, sizeBytes: true, createdAt: true }, orderBy: { createdAt: 'asc' } }),
    // Messages exist only once the partner was interested (its first message, then the conversation).
    // The conversation is the firm's and the partner's: staff moderate the pitch, not the talks.
    prisma.pitchMessage.findMany({
      where: { pitchId: view === 'staff' ? '' : pitch.id },
      select: { id: true, body: true, createdAt: true, author: { select: { name: true } }, authorOrg: { select: { name: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    prisma.auditLog.findMany({
      where: { targetType: 'Pitch', targetId: pitch.id, action: { in: view === 'partner' ? PARTNER_HISTORY : HISTORY_ACTIONS } },
      select: { id: true, action: true, createdAt: true },
      orderBy: { id: 'asc' },
    }),
  ])
  const allowed = new Set(pitchMachine.actionsFrom(pitch.status))
  const may = (action: PitchAction) => {
    if (!allowed.has(action)) return false
    const side = PITCH_ACTION_SIDE[action]
    if (side === 'firm') return canWritePitch(actor, access)
    if (side === 'staff') return canModeratePitch(actor, access)
    return canAnswerPitch(actor, access)
  }
  const canMessage = conversationOpen(pitch.status) && (canAnswerPitch(actor, access) || canWritePitch(actor, access))
  const due = dueOf(pitch, now)
  return {
    pitch: {
      ...pitch,
      // Staff read the moderation comment; the partner never does.
      moderationComment: view === 'partner' ? null : pitch.moderationComment,
      partner: { id: pitch.partner.id, name: pitch.partner.name, slug: pitch.partner.slug },
    },
    view,
    charterDays: charterDaysOf(pitch),
    dueDay: due.dueDay,
    daysLate: due.daysLate,
    attachments,
    messages,
    history: audit.map((row) => ({ id: String(row.id), action: row.action.replace('pitch.', ''), at: row.createdAt })),
    actions: {
      edit: firmMayEdit(pitch.status) && canWritePitch(actor, access),
      submit: may('submit'),
      withdraw: may('withdraw'),
      approve: may('approve'),
      requestChanges: may('requestChanges'),
      reject: may('reject'),
      interested: may('interested'),
      decline: may('decline'),
      message: canMessage,
      upload: firmMayEdit(pitch.status) && canWritePitch(actor, access),
      createNeed: pitch.status === 'INTERESTED' && !pitch.needId && canAnswerPitch(actor, access),
    },
  }
}

// ───────── decisions ─────────

function refuse(action: string, status: string): never {
  throw AppError.conflict('invalid_transition', 'pitches.errors.invalidTransition', { action, status })
}

/** Applies one transition of the table inside a transaction, with its audit row and its notifications. */
async function move(tx: Tx, actor: Actor, pitchId: string, action: PitchAction, extra: { comment?: string | null; reason?: string | null; message?: string | null }, now: Date, requestId?: string) {
  const pitch = await loadPitch(pitchId, tx.db)
  assertFound(pitch)
  const result = pitchMachine.transition(pitch.status, action)
  if (!result.ok) refuse(action, pitch.status)
  const data: Record<string, unknown> = { status: result.to }
  if (action === 'submit') Object.assign(data, { submittedAt: now, moderationComment: null, hubId: (await tx.db.organisation.findUniqueOrThrow({ where: { id: pitch.firmId }, select: { homeHubId: true } })).homeHubId })
  if (action === 'approve') Object.assign(data, { sentAt: now })
  if (action === 'requestChanges' || action === 'reject') Object.assign(data, { moderationComment: extra.comment ?? null })
  if (action === 'interested') Object.assign(data, { answeredAt: now })
  if (action === 'decline') Object.assign(data, { answeredAt: now, declineReason: extra.reason, declineComment: extra.comment ?? null })
  // The status read above must still hold: a concurrent decision loses (409), never both.
  const updated = await tx.db.pitch.updateMany({ where: { id: pitch.id, status: pitch.status }, data })
  if (updated.count !== 1) refuse(action, pitch.status)
  const after = { ...accessOf(pitch), status: result.to, hubId: (data.hubId as string | undefined) ?? pitch.hubId, sentAt: (data.sentAt as Date | undefined) ?? pitch.sentAt }
  const side = PITCH_ACTION_SIDE[action]
  await writeAudit(tx.db, {
    actorId: actor.userId,
    actorOrgId: side === 'firm' ? pitch.firmId : side === 'partner' ? pitch.partnerId : null,
    hubId: after.hubId,
    action: `pitch.${action}`,
    target: { type: 'Pitch', id: pitch.id },
    before: { status: pitch.status },
    after: { status: result.to, ...(extra.reason ? { reason: extra.reason } : {}) },
    requestId,
  })
  if (action === 'interested' && extra.message) {
    await tx.db.pitchMessage.create({ data: { pitchId: pitch.id, authorId: actor.userId, authorOrgId: pitch.partnerId, body: extra.message } })
  }

  const firmMembers = () => membersOf(tx.db, pitch.firmId)
  const partnerMembers = () => membersOf(tx.db, pitch.partnerId)
  switch (action) {
    case 'submit':
      await tell(tx, pitch, after, { userIds: await staffOf(tx.db, after.hubId), views: ['staff'], category: 'STAFF_QUEUES', kind: 'submitted', other: pitch.firm.name })
      break
    case 'approve':
      await tell(tx, pitch, after, { userIds: await firmMembers(), views: ['firm'], category: 'MY_APPLICATIONS', kind: 'approved', other: pitch.partner.name })
      await tell(tx, pitch, after, { userIds: await partnerMembers(), views: ['partner'], category: 'MY_NEEDS', kind: 'received', other: pitch.firm.name })
      break
    case 'requestChanges':
    case 'reject':
      await tell(tx, pitch, after, { userIds: await firmMembers(), views: ['firm'], category: 'MY_APPLICATIONS', kind: action === 'reject' ? 'rejected' : 'changesRequested', other: pitch.hub.shortName })
      break
    case 'interested':
    case 'decline':
      await tell(tx, pitch, after, { userIds: await firmMembers(), views: ['firm'], category: 'MY_APPLICATIONS', kind: action === 'decline' ? 'declined' : 'interested', other: pitch.partner.name })
      break
    default:
      break
  }
  return { status: result.to }
}

/** One decision on a pitch page, by whoever may take it; 404 for those who may not see the pitch, 403 for a decision not theirs, 409 for the state. */
export async function actOnPitch(actor: Actor, pitchId: string, decision: PitchDecision, requestId?: string, now = new Date()) {
  const { pitch } = await pitchFor(actor, pitchId)
  const access = accessOf(pitch)
  if (decision.intent === 'message') return postMessage(actor, pitch, decision.message, requestId)
  const side = PITCH_ACTION_SIDE[decision.intent]
  const allowed = side === 'firm' ? canWritePitch(actor, access) : side === 'staff' ? canModeratePitch(actor, access) : canAnswerPitch(actor, access)
  if (!allowed) {
    // A read-only member is told why (decision 0012).
    if (side === 'firm' && pitchViewFor(actor, access) === 'firm') assertActsFor(actor, pitch.firmId)
    if (side === 'partner' && pitchViewFor(actor, access) === 'partner') assertActsFor(actor, pitch.partnerId)
    throw AppError.forbidden('pitches.errors.notYourDecision')
  }
  if (decision.intent === 'submit') {
    const problems = submitProblems(pitch)
    if (Object.keys(problems).length) throw AppError.invalid(problems, 'pitches.errors.incomplete')
  }
  return transaction((tx) =>
    move(
      tx,
      actor,
      pitch.id,
      decision.intent,
      {
        comment: 'comment' in decision ? decision.comment : null,
        reason: decision.intent === 'decline' ? decision.reason : null,
        message: decision.intent === 'interested' ? decision.message : null,
      },
      now,
      requestId,
    ),
  )
}

/** A message in the conversation of a pitch the partner is interested in: the firm or the partner. */
async function postMessage(actor: Actor, pitch: LoadedPitch, body: string, requestId?: string) {
  const access = accessOf(pitch)
  const asPartner = canAnswerPitch(actor, access)
  const asFirm = canWritePitch(actor, access)
  if (!asPartner && !asFirm) {
    const view = pitchViewFor(actor, access)
    if (view === 'firm') assertActsFor(actor, pitch.firmId)
    if (view === 'partner') assertActsFor(actor, pitch.partnerId)
    throw AppError.forbidden('pitches.errors.notYourDecision')
  }
  if (!conversationOpen(pitch.status)) throw AppError.conflict('invalid_transition', 'pitches.errors.conversationClosed')
  const authorOrgId = asFirm ? pitch.firmId : pitch.partnerId
  return transaction(async (tx) => {
    const message = await tx.db.pitchMessage.create({ data: { pitchId: pitch.id, authorId: actor.userId, authorOrgId, body }, select: { id: true } })
    await writeAudit(tx.db, { actorId: actor.userId, actorOrgId: authorOrgId, hubId: pitch.hubId, action: 'pitch.message', target: { type: 'Pitch', id: pitch.id }, requestId })
    const toFirm = !asFirm
    await tell(tx, pitch, access, {
      userIds: await membersOf(tx.db, toFirm ? pitch.firmId : pitch.partnerId),
      views: [toFirm ? 'firm' : 'partner'],
      category: toFirm ? 'MY_APPLICATIONS' : 'MY_NEEDS',
      kind: 'message',
      exclude: actor.userId,
      other: toFirm ? pitch.partner.name : pitch.firm.name,
    })
    return { status: pitch.status, messageId: message.id }
  })
}

// ───────── a need from a pitch ─────────

/**
 * The need editor's prefill from a pitch the partner is interested in (`/needs/new?fromPitch=`):
 * its title, the problem as the summary, problem and offer as the description. Refused (404) to
 * anyone who may not answer the pitch, and (409) once a need was made from it.
 */
export async function needPrefillFromPitch(actor: Actor, pitchId: string) {
  const { pitch } = await pitchFor(actor, pitchId)
  if (!canAnswerPitch(actor, accessOf(pitch))) throw AppError.forbidden('pitches.errors.notYourDecision')
  if (pitch.status !== 'INTERESTED') throw AppError.conflict('invalid_transition', 'pitches.errors.needNeedsInterest')
  if (pitch.needId) throw AppError.conflict('already_linked', 'pitches.errors.needAlreadyCreated')
  const summary = pitch.problem.replace(/\s+/g, ' ').trim().slice(0, 480)
  return {
    pitchId: pitch.id,
    partnerId: pitch.partnerId,
    title: pitch.title.slice(0, 140),
    summary,
    description: [pitch.problem, pitch.offer].filter(Boolean).join('\n\n').slice(0, 20_000),
  }
}

/**
 * A need made from a pitch (`/needs/new?fromPitch=`): the partner's draft (submitted when asked)
 * and the pitch's link to it are written in ONE transaction (decision 0028). The link is a
 * compare-and-set — the pitch still INTERESTED, still without a need, addressed to the need's
 * partner — so of two tabs only one need is saved; the other is refused (409) and writes nothing.
 */
export async function createNeedFromPitch(
  actor: Actor,
  pitchId: string,
  input: NeedFormInput,
  options: { submit: boolean; requestId?: string; now?: Date },
) {
  // 404 to those who may not see the pitch, 403 to those who may not answer it, 409 once linked.
  const prefill = await needPrefillFromPitch(actor, pitchId)
  return saveNeed(actor, null, input, {
    submit: options.submit,
    partnerId: prefill.partnerId,
    requestId: options.requestId,
    now: options.now,
    alsoInTransaction: async (tx, need) => {
      const linked = await tx.db.pitch.updateMany({
        where: { id: pitchId, needId: null, status: 'INTERESTED', partnerId: need.partnerId },
        data: { needId: need.id },
      })
      if (linked.count !== 1) {
        const now = await tx.db.pitch.findUnique({ where: { id: pitchId }, select: { needId: true } })
        if (now?.needId) throw AppError.conflict('already_linked', 'pitches.errors.needLinkConflict')
        throw AppError.conflict('invalid_transition', 'pitches.errors.needNeedsInterest')
      }
      const pitch = await loadPitch(pitchId, tx.db)
      await writeAudit(tx.db, {
        actorId: actor.userId,
        actorOrgId: prefill.partnerId,
        hubId: pitch!.hubId,
        action: 'pitch.need',
        target: { type: 'Pitch', id: pitchId },
        after: { needId: need.id },
        requestId: options.requestId,
      })
    },
  })
}

// ───────── attachments ─────────

/** The pitch behind an attachment request, for the attachments service (the same rule as the page). */
export async function pitchForAttachments(actor: Actor, pitchId: string) {
  const { pitch, view } = await pitchFor(actor, pitchId)
  return { pitch, view, mayUpload: firmMayEdit(pitch.status) && canWritePitch(actor, accessOf(pitch)) }
}

/** The editor of an existing pitch: its firm, while it may still edit it (403 otherwise; 404 for those who may not see it). */
export async function getPitchForEdit(actor: Actor, pitchId: string) {
  const { pitch } = await pitchFor(actor, pitchId)
  if (!canWritePitch(actor, accessOf(pitch))) {
    if (pitchViewFor(actor, accessOf(pitch)) === 'firm') assertActsFor(actor, pitch.firmId)
    throw AppError.forbidden('pitches.errors.notYourDecision')
  }
  if (!firmMayEdit(pitch.status)) throw AppError.conflict('invalid_transition', 'pitches.errors.notEditable')
  const editor = await getPitchEditor(actor, { partnerId: pitch.partnerId })
  return {
    ...editor,
    firms: editor.firms.filter((firm) => firm.id === pitch.firmId),
    pitch: { id: pitch.id, status: pitch.status, firmId: pitch.firmId, partnerId: pitch.partnerId, title: pitch.title, problem: pitch.problem, offer: pitch.offer, referencesText: pitch.referencesText, moderationComment: pitch.moderationComment },
  }
}

/** 404 unless the actor may see the pitch: a form posted about it is read only then (existence does not leak through a 422). */
export async function assertMaySeePitch(actor: Actor, pitchId: string) {
  await pitchFor(actor, pitchId)
}
