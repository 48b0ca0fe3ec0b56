import { writeAudit } from '#app/modules/audit/audit.server'
import { queueEmail } from '#app/modules/notifications/email.server'
import { notifyUsers } from '#app/modules/notifications/notifications.server'
import { canEditNeed, canModerateNeed, isMemberOf, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { matchMachine, type MatchAction } from './match-state'
import { ALGORITHM_VERSION } from './scorer'

async function loadMatch(matchId: string) {
  return prisma.match.findUnique({
    where: { id: matchId },
    include: {
      need: { select: { id: true, title: true, status: true, partnerId: true, hubId: true, matchingMode: true, visibility: true, partner: { select: { name: true, memberships: { select: { userId: true } } } } } },
      firm: { select: { id: true, name: true, memberships: { select: { userId: true, user: { select: { name: true } } } } } },
    },
  })
}

/** Recommended firms of a need, for its partner and its hub's staff, best first. */
export async function listRecommendations(actor: Actor, needId: string, take = 20) {
  const need = await prisma.need.findUnique({ where: { id: needId }, select: { id: true, partnerId: true, hubId: true, status: true, matchingMode: true } })
  assertFound(need && (isMemberOf(actor, need.partnerId) || canModerateNeed(actor, need)))
  const staff = canModerateNeed(actor, need)
  const matches = await prisma.match.findMany({
    where: { needId, algorithmVersion: ALGORITHM_VERSION, status: staff ? undefined : { notIn: ['DISMISSED', 'REJECTED'] } },
    orderBy: [{ score: 'desc' }, { firmId: 'asc' }],
    take,
    select: {
      id: true,
      score: true,
      breakdown: true,
      status: true,
      firm: { select: { id: true, name: true, slug: true, communeName: true, headcount: true } },
    },
  })
  const partner = canEditNeed(actor, need) && need.status === 'PUBLISHED'
  return matches.map((match) => ({
    ...match,
    actions: {
      invite: partner && matchMachine.transition(match.status, need.matchingMode === 'CURATED' ? 'invite' : 'inviteDirect').ok,
      dismiss: partner && matchMachine.transition(match.status, 'dismiss').ok,
      approve: staff && need.matchingMode === 'CURATED' && matchMachine.transition(match.status, 'approve').ok,
      reject: staff && need.matchingMode === 'CURATED' && matchMachine.transition(match.status, 'reject').ok,
    },
  }))
}

/**
 * One decision on a suggested match: staff approve or reject (curated needs), the partner invites
 * (after approval when curated) or dismisses, the firm dismisses from its side.
 */
export async function actOnMatch(actor: Actor, matchId: string, intent: 'approve' | 'reject' | 'invite' | 'dismiss', requestId?: string) {
  const match = await loadMatch(matchId)
  assertFound(match)
  const partner = canEditNeed(actor, match.need)
  const staff = canModerateNeed(actor, match.need)
  const firm = isMemberOf(actor, match.firmId)
  assertFound(partner || staff || firm)
  const curated = match.need.matchingMode === 'CURATED'
  const allowed =
    intent === 'approve' || intent === 'reject' ? staff && curated : intent === 'invite' ? partner : partner || firm
  if (!allowed) throw AppError.forbidden('errors.notYourDecision')
  if (match.need.status !== 'PUBLISHED') throw AppError.conflict('invalid_transition', 'errors.needTransition', { action: intent, status: match.need.status })
  const action: MatchAction = intent === 'invite' ? (curated ? 'invite' : 'inviteDirect') : intent
  const result = matchMachine.transition(match.status, action)
  if (!result.ok) throw AppError.conflict('invalid_transition', 'errors.matchTransition', { status: match.status })
  const appUrl = getEnv().APP_URL
  await transaction(async (tx) => {
    const updated = await tx.db.match.updateMany({ where: { id: match.id, status: match.status }, data: { status: result.to } })
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
      await notifyUsers(tx.db, match.firm.memberships.map((member) => member.userId), {
        kind: 'match.invited',
        payload: { needId: match.needId, title: match.need.title, partner: match.need.partner.name },
        link: `/needs/${match.needId}`,
      })
      for (const member of match.firm.memberships) {
        await queueEmail(tx, {
          userId: member.userId,
          hubId: match.need.hubId,
          kind: 'firm-invited',
          template: { name: 'firmInvited', data: { name: member.user.name, needTitle: match.need.title, partnerName: match.need.partner.name, link: `${appUrl}/needs/${match.needId}` } },
        })
      }
    }
    if (result.to === 'APPROVED') {
      await notifyUsers(tx.db, match.need.partner.memberships.map((member) => member.userId), {
        kind: 'match.approved',
        payload: { needId: match.needId, title: match.need.title, firm: match.firm.name },
        link: `/needs/${match.needId}#recommendations`,
      })
    }
  })
  return { status: result.to }
}
