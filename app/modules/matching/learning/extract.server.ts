import { prisma } from '#app/utils/db.server'
import type { DeclineReason, Interaction } from './labels'

/**
 * Every (need, firm) event the product recorded, with its time, as Interactions (see labels.ts for
 * what each is worth):
 * - match feedback (partner, firm or staff side): GOOD_MATCH, NOT_RELEVANT, at its createdAt;
 * - match status INVITED (invitedAt), DISMISSED and REJECTED (the match's updatedAt: the last change);
 * - applications: submitted (submittedAt), shortlisted (its status change, else updatedAt),
 *   accepted or declined with the reason (decidedAt, else the status change);
 * - deals: PILOT_SUCCEEDED or CONTRACT (contract signed, else updatedAt), other statuses (createdAt).
 * Drafts and withdrawn applications say nothing about the match.
 */
export async function extractInteractions(): Promise<Interaction[]> {
  const interactions: Interaction[] = []

  const feedback = await prisma.matchFeedback.findMany({
    select: { value: true, createdAt: true, match: { select: { needId: true, firmId: true } } },
  })
  for (const row of feedback) {
    interactions.push({
      needId: row.match.needId,
      firmId: row.match.firmId,
      kind: row.value === 'GOOD_MATCH' ? 'feedback-good' : 'feedback-not-relevant',
      at: row.createdAt,
    })
  }

  const matches = await prisma.match.findMany({
    where: { OR: [{ status: { in: ['DISMISSED', 'REJECTED'] } }, { invitedAt: { not: null } }] },
    select: { needId: true, firmId: true, status: true, invitedAt: true, updatedAt: true },
  })
  for (const row of matches) {
    if (row.invitedAt) interactions.push({ needId: row.needId, firmId: row.firmId, kind: 'invited', at: row.invitedAt })
    if (row.status === 'DISMISSED' || row.status === 'REJECTED') {
      interactions.push({ needId: row.needId, firmId: row.firmId, kind: row.status === 'DISMISSED' ? 'dismissed' : 'rejected', at: row.updatedAt })
    }
  }

  const applications = await prisma.application.findMany({
    where: { submittedAt: { not: null } },
    select: {
      needId: true,
      firmId: true,
      status: true,
      submittedAt: true,
      decidedAt: true,
      updatedAt: true,
      declineReason: true,
      statusChanges: { where: { toStatus: { in: ['SHORTLISTED', 'ACCEPTED', 'DECLINED'] } }, select: { toStatus: true, at: true }, orderBy: { at: 'asc' } },
      deal: { select: { status: true, createdAt: true, updatedAt: true, contractSignedAt: true } },
    },
  })
  for (const row of applications) {
    const pair = { needId: row.needId, firmId: row.firmId }
    const changeAt = (status: 'SHORTLISTED' | 'ACCEPTED' | 'DECLINED') => row.statusChanges.filter((change) => change.toStatus === status).at(-1)?.at ?? null
    interactions.push({ ...pair, kind: 'submitted', at: row.submittedAt! })
    const shortlistedAt = changeAt('SHORTLISTED') ?? (row.status === 'SHORTLISTED' ? row.updatedAt : null)
    if (shortlistedAt) interactions.push({ ...pair, kind: 'shortlisted', at: shortlistedAt })
    if (row.status === 'ACCEPTED') interactions.push({ ...pair, kind: 'accepted', at: row.decidedAt ?? changeAt('ACCEPTED') ?? row.updatedAt })
    if (row.status === 'DECLINED') {
      interactions.push({ ...pair, kind: 'declined', at: row.decidedAt ?? changeAt('DECLINED') ?? row.updatedAt, declineReason: (row.declineReason as DeclineReason | null) ?? null })
    }
    const deal = row.deal
    if (deal) {
      const success = deal.status === 'PILOT_SUCCEEDED' || deal.status === 'CONTRACT'
      interactions.push({ ...pair, kind: success ? 'deal-success' : 'deal', at: success ? (deal.contractSignedAt ?? deal.updatedAt) : deal.createdAt })
    }
  }
  return interactions.sort((a, b) => a.at.getTime() - b.at.getTime())
}
