import { writeAudit } from '#app/modules/audit/audit.server'
import { notify } from '#app/modules/notifications/notifications.server'
import { assertActsFor } from '#app/modules/policy/acting'
import { canEditNeed, canModerateNeed, isMemberOf, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import type { MatchStatus } from '#app/generated/prisma/client'
import { prisma, transaction, type Prisma, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { matchMachine, type MatchAction } from './match-state'
import type { RecommendationFilters } from './schema'
import { ALGORITHM_VERSION } from './engine/config'

async function loadMatch(matchId: string) {
  return prisma.match.findUnique({
    where: { id: matchId },
    include: {
      need: { select: { id: true, title: true, status: true, partnerId: true, hubId: true, matchingMode: true, visibility: true, partner: { select: { name: true, memberships: { select: { userId: true } } } } } },
      firm: { select: { id: true, name: true, status: true, memberships: { select: { userId: true, user: { select: { name: true } } } } } },
    },
  })
}

export const RECOMMENDATIONS_PAGE_SIZE = 20

/**
 * Recommended firms of a need, for its partner and its hub's staff: best first, current engine
 * version, verified firms only, filterable. The partner does not see the matches it dismissed or
 * staff rejected; staff see every status.
 */
export async function listRecommendations(actor: Actor, needId: string, filters: RecommendationFilters = {}, take = RECOMMENDATIONS_PAGE_SIZE) {
  const need = await prisma.need.findUnique({ where: { id: needId }, select: { id: true, partnerId: true, hubId: true, status: true, matchingMode: true } })
  assertFound(need && (isMemberOf(actor, need.partnerId) || canModerateNeed(actor, need)))
  const staff = canModerateNeed(actor, need)
  const hidden: MatchStatus[] = staff ? [] : ['DISMISSED', 'REJECTED']
  const where: Prisma.MatchWhereInput = {
    needId,
    // A directory invitation or a staff recommendation stays listed whatever engine version scored it.
    OR: [{ algorithmVersion: ALGORITHM_VERSION }, { source: { not: 'ENGINE' } }, { recommendedAt: { not: null } }],
    firm: { status: 'VERIFIED', ...(filters.hubId ? { homeHubId: filters.hubId } : {}), ...(filters.q ? { name: { contains: filters.q, mode: 'insensitive' } } : {}) },
    ...(filters.status ? { status: hidden.includes(filters.status) ? { in: [] } : filters.status } : hidden.length ? { status: { notIn: hidden } } : {}),
    ...(filters.minScore !== undefined ? { score: { gte: filters.minScore } } : {}),
  }
  const page = Math.max(1, filters.page ?? 1)
  const [total, matches] = await Promise.all([
    prisma.match.count({ where }),
    prisma.match.findMany({
      where,
      orderBy: [{ score: 'desc' }, { firmId: 'asc' }],
      skip: (page - 1) * take,
      take,
      select: {
        id: true,
        score: true,
        breakdown: true,
        status: true,
        source: true,
        recommendedAt: true,
        recommendationNote: true,
        recommendedHub: { select: { shortName: true } },
        firm: { select: { id: true, name: true, slug: true, communeName: true, headcount: true, homeHub: { select: { shortName: true } } } },
        feedback: { where: { userId: actor.userId }, select: { value: true } },
      },
    }),
  ])
  const partner = canEditNeed(actor, need) && need.status === 'PUBLISHED'
  return {
    total,
    page,
    pageSize: take,
    matches: matches.map(({ feedback, ...match }) => ({
      ...match,
      myFeedback: feedback[0]?.value ?? null,
      actions: {
        invite: partner && matchMachine.transition(match.status, need.matchingMode === 'CURATED' ? 'invite' : 'inviteDirect').ok,
        approve: staff && need.matchingMode === 'CURATED' && matchMachine.transition(match.status, 'approve').ok,
        reject: staff && need.matchingMode === 'CURATED' && matchMachine.transition(match.status, 'reject').ok,
        feedback: partner || staff,
      },
    })),
  }
}

/**
 * Tells a firm's members it was invited to a need, whoever invited it (the partner from its
 * recommendations or from the firm directory): the invitation opens the need to the firm (its
 * teaser until the NDA, when confidential), heard of as news of the firm's applications.
 */
export async function notifyFirmInvited(
  tx: Tx,
  invitation: { needId: string; needTitle: string; partnerName: string; confidential: boolean; firmUserIds: string[] },
) {
  const appUrl = getEnv().APP_URL
  const { needId, needTitle, partnerName, confidential } = invitation
  await notify(tx, {
    category: 'MY_APPLICATIONS',
    userIds: invitation.firmUserIds,
    kind: 'match.invited',
    payload: { needId, title: needTitle, partner: partnerName },
    link: `/needs/${needId}`,
    needId,
    email: {
      about: { type: 'NEED', id: needId },
      kind: confidential ? 'confidential-invitation' : 'firm-invited',
      template: (user) => ({
        name: confidential ? 'reminders.confidentialInvitation' : 'firmInvited',
        data: { name: user.name, needTitle, partnerName, link: `${appUrl}/needs/${needId}` },
      }),
    },
  })
}

export type FeedbackChoice = 'GOOD_MATCH' | 'NOT_RELEVANT' | 'CLEAR'

/**
 * "Good match" / "not relevant" on a match, from the partner, the need's hub staff or the firm:
 * one opinion per person, stored for the ranker to learn from later (side, person, time), and
 * changed or withdrawn at will. A partner's "not relevant" also dismisses the suggestion; a
 * firm's moves the need down its own list. Rescoring never undoes either.
 */
export async function giveMatchFeedback(actor: Actor, matchId: string, choice: FeedbackChoice, requestId?: string, needId?: string) {
  const match = await loadMatch(matchId)
  assertFound(match && (needId === undefined || match.needId === needId))
  const partner = isMemberOf(actor, match.need.partnerId)
  const staff = canModerateNeed(actor, match.need)
  const firm = isMemberOf(actor, match.firmId) && match.need.status === 'PUBLISHED' && (match.need.visibility !== 'INVITE_ONLY' || match.status === 'INVITED')
  assertFound(partner || staff || firm)
  const side = firm ? 'FIRM' : partner ? 'PARTNER' : 'STAFF'
  // An opinion given for an organisation: only while it is verified (a suspended one only reads).
  if (side !== 'STAFF') assertActsFor(actor, side === 'FIRM' ? match.firmId : match.need.partnerId)
  const dismiss = side === 'PARTNER' && choice === 'NOT_RELEVANT' && canEditNeed(actor, match.need) && matchMachine.transition(match.status, 'dismiss').ok
  await transaction(async (tx) => {
    // The match may have just been pruned by a worker: then it is not found, rather than a 500.
    const locked = await tx.db.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Match" WHERE id = ${matchId} FOR UPDATE`
    assertFound(locked.length > 0)
    if (choice === 'CLEAR') {
      await tx.db.matchFeedback.deleteMany({ where: { matchId, userId: actor.userId } })
    } else {
      await tx.db.matchFeedback.upsert({
        where: { matchId_userId: { matchId, userId: actor.userId } },
        create: { matchId, userId: actor.userId, side, value: choice },
        update: { side, value: choice, createdAt: new Date() },
      })
    }
    if (dismiss) await tx.db.match.updateMany({ where: { id: matchId, status: match.status }, data: { status: 'DISMISSED' } })
    await writeAudit(tx.db, {
      actorId: actor.userId,
      hubId: match.need.hubId,
      action: 'match.feedback',
      target: { type: 'Match', id: match.id },
      after: { side, value: choice, ...(dismiss ? { status: 'DISMISSED' } : {}), needId: match.needId, firmId: match.firmId },
      requestId,
    })
  })
  return { side, value: choice === 'CLEAR' ? null : choice, dismissed: dismiss }
}

/**
 * One decision on a suggested match: staff approve or reject (curated needs), the partner invites
 * (after approval when curated) or dismisses, the firm dismisses from its side.
 */
export async function actOnMatch(actor: Actor, matchId: string, intent: 'approve' | 'reject' | 'invite' | 'dismiss', requestId?: string, needId?: string) {
  const match = await loadMatch(matchId)
  // From a need's page, only that need's matches.
  assertFound(match && (needId === undefined || match.needId === needId))
  const partner = canEditNeed(actor, match.need)
  const staff = canModerateNeed(actor, match.need)
  assertFound(partner || staff || isMemberOf(actor, match.firmId))
  const curated = match.need.matchingMode === 'CURATED'
  // A firm gives its opinion through giveMatchFeedback; the match's status is the partner's and staff's.
  const allowed = intent === 'approve' || intent === 'reject' ? staff && curated : partner
  if (!allowed) throw AppError.forbidden('errors.notYourDecision')
  if (match.need.status !== 'PUBLISHED') throw AppError.conflict('invalid_transition', 'errors.needTransition', { action: intent, status: match.need.status })
  // A suspended or refused firm is neither approved nor invited (its match may outlive it a moment).
  if ((intent === 'approve' || intent === 'invite') && match.firm.status !== 'VERIFIED') throw AppError.conflict('firm_not_verified', 'errors.firmNotVerified')
  const action: MatchAction = intent === 'invite' ? (curated ? 'invite' : 'inviteDirect') : intent
  const result = matchMachine.transition(match.status, action)
  if (!result.ok) throw AppError.conflict('invalid_transition', 'errors.matchTransition', { status: match.status })
  await transaction(async (tx) => {
    const updated = await tx.db.match.updateMany({ where: { id: match.id, status: match.status }, data: { status: result.to, ...(result.to === 'INVITED' ? { invitedAt: new Date() } : {}) } })
    if (updated.count === 0) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
    await writeAudit(tx.db, {
      actorId: actor.userId,
      hubId: match.need.hubId,
      action: `match.${intent}`,
      target: { type: 'Match', id: match.id },
      before: { status: match.status },
      after: { status: result.to, needId: match.needId, firmId: match.firmId },
      requestId,
    })
    if (result.to === 'INVITED') {
      await notifyFirmInvited(tx, {
        needId: match.needId,
        needTitle: match.need.title,
        partnerName: match.need.partner.name,
        confidential: match.need.visibility === 'INVITE_ONLY',
        firmUserIds: match.firm.memberships.map((member) => member.userId),
      })
    }
    if (result.to === 'APPROVED') {
      await notify(tx, {
        category: 'MY_NEEDS',
        userIds: match.need.partner.memberships.map((member) => member.userId),
        needId: match.needId,
        kind: 'match.approved',
        payload: { needId: match.needId, title: match.need.title, firm: match.firm.name },
        link: `/needs/${match.needId}#recommendations`,
      })
    }
  })
  return { status: result.to }
}
