import { writeAudit } from '#app/modules/audit/audit.server'
import { readFirmDoc, readNeed, toNeedDoc } from '#app/modules/matching/documents.server'
import { scoreMatch } from '#app/modules/matching/engine/engine'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { notifyFirmInvited } from '#app/modules/matching/invitations.server'
import { matchMachine } from '#app/modules/matching/match-state'
import { notify } from '#app/modules/notifications/notifications.server'
import { requireProfileEditor } from '#app/modules/organisations/profile.server'
import {
  canEditNeed,
  canInviteFromDirectory,
  canModerateNeed,
  canRecommendFirmForNeed,
  canSeeInFirmDirectory,
  isMemberOf,
  isStaff,
  recommendingHubIds,
  type Actor,
} from '#app/modules/policy/policy'
import { AppError, assertFound, isUniqueViolation } from '#app/modules/shared/app-error'
import { prisma, transaction, type Prisma, type Tx } from '#app/utils/db.server'
import { assertMayUseFirmDirectory } from './directory.server'
import type { DirectoryAction } from './schema'

/**
 * What partners and staff do from the firm directory: a partner invites a firm to one of its
 * published needs (a match of source DIRECTORY, INVITED at once), staff recommend a firm of their
 * hub to a need's partner (source STAFF, or an engine match marked as recommended). Both are kept
 * by the matching refresh whatever the engine thinks of the pair (service.server.ts `prunable`).
 * And a firm's owners hide it from the directory.
 */

const needSelect = {
  id: true,
  title: true,
  status: true,
  partnerId: true,
  hubId: true,
  visibility: true,
  matchingMode: true,
  sharedWith: { select: { hubId: true } },
  partner: { select: { name: true, memberships: { select: { userId: true } } } },
} as const satisfies Prisma.NeedSelect

const firmSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  status: true,
  homeHubId: true,
  directoryHidden: true,
  homeHub: { select: { shortName: true } },
  memberships: { select: { userId: true } },
} as const satisfies Prisma.OrganisationSelect

async function loadNeed(needId: string) {
  const need = await prisma.need.findUnique({ where: { id: needId }, select: needSelect })
  return need ? { ...need, sharedHubIds: need.sharedWith.map((share) => share.hubId) } : null
}

async function loadDirectoryFirm(actor: Actor, slug: string) {
  const firm = await prisma.organisation.findUnique({ where: { slug }, select: firmSelect })
  // Hidden, not verified, not a firm, another hub's for staff: not in the directory, so unknown.
  assertFound(firm && canSeeInFirmDirectory(actor, firm))
  return firm
}

/** The engine's score of the pair, for the recommendations list; 0 and no breakdown when not eligible. */
async function scorePair(needId: string, firmId: string, now: Date) {
  const [needRow, firmDoc] = await Promise.all([readNeed(needId), readFirmDoc(firmId)])
  if (!needRow || !firmDoc) return { score: 0, breakdown: { features: [], reasons: [] } }
  // The firm alone is the corpus (no index in the web process): the rarity of terms is not weighed;
  // the next scoring of the need by the workers brings the score in line with the others.
  const result = scoreMatch(toNeedDoc(needRow), firmDoc, { now })
  return result.eligible ? { score: result.score, breakdown: { features: result.breakdown, reasons: result.reasons } } : { score: 0, breakdown: { features: [], reasons: [] } }
}

async function lockedMatch(tx: Tx, needId: string, firmId: string) {
  const rows = await tx.db.$queryRaw<Array<{ id: string; status: 'SUGGESTED' | 'APPROVED' | 'INVITED' | 'REJECTED' | 'DISMISSED'; source: string; recommendedAt: Date | null }>>`
    SELECT id, status, source, "recommendedAt" FROM "Match" WHERE "needId" = ${needId} AND "firmId" = ${firmId} FOR UPDATE`
  return rows[0] ?? null
}

// ───────── a partner invites ─────────

/**
 * A partner invites a firm it found in the directory to one of its published needs: the match is
 * created (source DIRECTORY, scored by the engine) or, when the engine or staff already suggested
 * the firm, moved to INVITED as from the recommendations page. The firm's members are told as for
 * any invitation; the invitation opens the need to the firm.
 */
export async function inviteFromDirectory(actor: Actor, input: { needId: string; firm: string }, requestId?: string) {
  assertMayUseFirmDirectory(actor)
  const need = await loadNeed(input.needId)
  // Another partner's need (or none): unknown.
  assertFound(need && isMemberOf(actor, need.partnerId))
  if (!canEditNeed(actor, need)) throw AppError.forbidden('firms.errors.partnerReadOnly')
  const firm = await loadDirectoryFirm(actor, input.firm)
  if (need.status !== 'PUBLISHED') throw AppError.conflict('need_not_published', 'firms.errors.needNotPublished')
  if (!canInviteFromDirectory(actor, need, firm)) throw AppError.forbidden()
  const now = new Date()
  const pair = await scorePair(need.id, firm.id, now)
  try {
    return await transaction(async (tx) => {
      const existing = await lockedMatch(tx, need.id, firm.id)
      let matchId: string
      let before: Prisma.InputJsonObject | null = null
      if (existing) {
        if (existing.status === 'INVITED') throw AppError.conflict('already_invited', 'firms.errors.alreadyInvited', { firm: firm.name })
        // The partner chose this firm itself: as from its recommendations, a direct invitation.
        const result = matchMachine.transition(existing.status, 'inviteDirect')
        if (!result.ok) throw AppError.conflict('invalid_transition', 'firms.errors.matchClosed', { status: existing.status })
        await tx.db.match.update({ where: { id: existing.id }, data: { status: 'INVITED', invitedAt: now } })
        matchId = existing.id
        before = { status: existing.status }
      } else {
        const created = await tx.db.match.create({
          data: {
            needId: need.id,
            firmId: firm.id,
            score: pair.score,
            breakdown: pair.breakdown as unknown as Prisma.InputJsonObject,
            algorithmVersion: ALGORITHM_VERSION,
            status: 'INVITED',
            invitedAt: now,
            source: 'DIRECTORY',
            computedAt: now,
          },
          select: { id: true },
        })
        matchId = created.id
      }
      await writeAudit(tx.db, {
        actorId: actor.userId,
        actorOrgId: need.partnerId,
        hubId: need.hubId,
        action: 'match.invite',
        target: { type: 'Match', id: matchId },
        before,
        after: { status: 'INVITED', needId: need.id, firmId: firm.id, source: 'DIRECTORY' },
        requestId,
      })
      await notifyFirmInvited(tx, {
        needId: need.id,
        needTitle: need.title,
        partnerName: need.partner.name,
        confidential: need.visibility === 'INVITE_ONLY',
        firmUserIds: firm.memberships.map((member) => member.userId),
      })
      return { matchId, firmName: firm.name, needTitle: need.title }
    })
  } catch (error) {
    // Two invitations at once: the second finds the first's row.
    if (isUniqueViolation(error)) throw AppError.conflict('already_invited', 'firms.errors.alreadyInvited', { firm: firm.name })
    throw error
  }
}

// ───────── staff recommend ─────────

/**
 * Staff of a hub the need belongs to or is shared with recommend a firm of their own hub to its
 * partner, with an optional note: a new match (source STAFF) or the engine's, marked as
 * recommended. On a curated need, a recommendation by the need's own hub staff counts as their
 * approval (the partner may invite at once). The partner's members are told.
 */
export async function recommendFirm(actor: Actor, input: { needId: string; firm: string; note?: string }, requestId?: string) {
  assertMayUseFirmDirectory(actor)
  if (!isStaff(actor)) throw AppError.forbidden('firms.errors.staffOnly')
  const need = await loadNeed(input.needId)
  // A need the actor's hubs have nothing to do with: unknown (its home hub's staff know it once submitted).
  assertFound(need && (need.status === 'PUBLISHED' ? recommendingHubIds(actor, need).length > 0 : canModerateNeed(actor, need)))
  const firm = await loadDirectoryFirm(actor, input.firm)
  if (need.status !== 'PUBLISHED') throw AppError.conflict('need_not_published', 'firms.errors.needNotPublished')
  if (!canRecommendFirmForNeed(actor, need, firm)) throw AppError.forbidden('firms.errors.notYourHubFirm')
  const now = new Date()
  const approve = need.matchingMode === 'CURATED' && canModerateNeed(actor, need)
  const pair = await scorePair(need.id, firm.id, now)
  const note = input.note?.trim() || null
  const recommendation = { recommendedById: actor.userId, recommendedHubId: firm.homeHubId, recommendationNote: note, recommendedAt: now }
  try {
    return await transaction(async (tx) => {
      const existing = await lockedMatch(tx, need.id, firm.id)
      let matchId: string
      let status: string
      if (existing) {
        if (existing.recommendedAt) throw AppError.conflict('already_recommended', 'firms.errors.alreadyRecommended', { firm: firm.name })
        if (existing.status === 'INVITED') throw AppError.conflict('already_invited', 'firms.errors.alreadyInvited', { firm: firm.name })
        if (existing.status === 'REJECTED' || existing.status === 'DISMISSED') throw AppError.conflict('invalid_transition', 'firms.errors.matchClosed', { status: existing.status })
        status = approve && matchMachine.transition(existing.status, 'approve').ok ? 'APPROVED' : existing.status
        await tx.db.match.update({ where: { id: existing.id }, data: { ...recommendation, status: status as 'APPROVED' } })
        matchId = existing.id
      } else {
        status = approve ? 'APPROVED' : 'SUGGESTED'
        const created = await tx.db.match.create({
          data: {
            needId: need.id,
            firmId: firm.id,
            score: pair.score,
            breakdown: pair.breakdown as unknown as Prisma.InputJsonObject,
            algorithmVersion: ALGORITHM_VERSION,
            status: status as 'APPROVED' | 'SUGGESTED',
            source: 'STAFF',
            computedAt: now,
            ...recommendation,
          },
          select: { id: true },
        })
        matchId = created.id
      }
      await writeAudit(tx.db, {
        actorId: actor.userId,
        hubId: firm.homeHubId,
        action: 'match.recommend',
        target: { type: 'Match', id: matchId },
        before: existing ? { status: existing.status, source: existing.source } : null,
        after: { status, needId: need.id, firmId: firm.id, source: existing ? existing.source : 'STAFF', note },
        requestId,
      })
      await notify(tx, {
        category: 'MY_NEEDS',
        userIds: need.partner.memberships.map((member) => member.userId),
        needId: need.id,
        kind: 'firms:recommended',
        payload: { needId: need.id, title: need.title, firm: firm.name, hub: firm.homeHub.shortName },
        link: `/needs/${need.id}/recommendations`,
      })
      return { matchId, status, firmName: firm.name }
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict('already_recommended', 'firms.errors.alreadyRecommended', { firm: firm.name })
    throw error
  }
}

// ───────── hiding from the directory ─────────

/** OWNER and ADMIN of a firm hide it from the directory, or show it again. Unchanged: nothing written. */
export async function setDirectoryHidden(actor: Actor, slug: string, hidden: boolean, requestId?: string) {
  const organisation = await requireProfileEditor(actor, slug)
  // Only firms are listed in the directory.
  if (organisation.kind !== 'FIRM') throw AppError.notFound()
  return transaction(async (tx) => {
    const [current] = await tx.db.$queryRaw<Array<{ directoryHidden: boolean }>>`SELECT "directoryHidden" FROM "Organisation" WHERE id = ${organisation.id} FOR UPDATE`
    assertFound(current)
    if (current.directoryHidden === hidden) return { changed: false, hidden }
    await tx.db.organisation.update({ where: { id: organisation.id }, data: { directoryHidden: hidden } })
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: organisation.id,
      hubId: organisation.homeHubId,
      action: 'organisation.directory.update',
      target: { type: 'Organisation', id: organisation.id },
      before: { directoryHidden: current.directoryHidden },
      after: { directoryHidden: hidden },
      requestId,
    })
    return { changed: true, hidden }
  })
}

// ───────── the directory's forms ─────────

/** An invitation or a recommendation posted from the directory; what the toast says afterwards. */
export async function applyDirectoryAction(actor: Actor, action: DirectoryAction, requestId?: string) {
  if (action.intent === 'invite') {
    const done = await inviteFromDirectory(actor, action, requestId)
    return { messageKey: 'firms.invite.done', values: { firm: done.firmName } }
  }
  const done = await recommendFirm(actor, action, requestId)
  return { messageKey: 'firms.recommend.done', values: { firm: done.firmName } }
}
