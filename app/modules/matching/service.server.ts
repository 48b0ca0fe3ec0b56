import type { Prisma } from '#app/generated/prisma/client'
import { prisma, transaction } from '#app/utils/db.server'
import { ALGORITHM_VERSION, scoreMatch, type NeedForScoring } from './scorer'

/** How many matches are kept per need: enough for the partner's recommended list. */
export const TOP_MATCHES_PER_NEED = 200

export type ScoreNeedOutcome =
  | { status: 'scored'; candidates: number; kept: number }
  | { status: 'skipped'; reason: 'missing' | 'not-published' }

/**
 * Scores a published need against the verified firms of its hubs and stores the best matches.
 * Idempotent: running it twice leaves the same rows. Matches that staff or users acted on
 * (approved, invited, rejected, dismissed) keep their status; stale suggestions are removed.
 */
export async function scoreNeed(needId: string, now = new Date()): Promise<ScoreNeedOutcome> {
  const need = await prisma.need.findUnique({
    where: { id: needId },
    include: { sharedWith: { select: { hubId: true } } },
  })
  if (!need) return { status: 'skipped', reason: 'missing' }
  if (need.status !== 'PUBLISHED') return { status: 'skipped', reason: 'not-published' }

  const hubIds = [need.hubId, ...need.sharedWith.map((share) => share.hubId)]
  const firms = await prisma.organisation.findMany({
    where: { kind: 'FIRM', status: 'VERIFIED', homeHubId: { in: hubIds } },
    select: { id: true, status: true, skills: true, nafCodes: true, communeInsee: true, headcount: true, revenueBand: true, foundedYear: true },
  })
  const forScoring: NeedForScoring = need
  const scored = firms
    .map((firm) => ({ firmId: firm.id, result: scoreMatch(forScoring, firm, { now }) }))
    .filter((entry) => entry.result.eligible && entry.result.score > 0)
    .sort((a, b) => b.result.score - a.result.score || a.firmId.localeCompare(b.firmId))
    .slice(0, TOP_MATCHES_PER_NEED)

  await transaction(
    async ({ db }) => {
      await db.need.update({ where: { id: needId }, data: { scoredAt: now } })
      const keep = scored.map((entry) => entry.firmId)
      await db.match.deleteMany({ where: { needId, status: 'SUGGESTED', firmId: { notIn: keep } } })
      for (const entry of scored) {
        const breakdown = { features: entry.result.breakdown, reasons: entry.result.reasons } as unknown as Prisma.InputJsonValue
        await db.match.upsert({
          where: { needId_firmId: { needId, firmId: entry.firmId } },
          create: { needId, firmId: entry.firmId, score: entry.result.score, breakdown, algorithmVersion: ALGORITHM_VERSION, computedAt: now },
          update: { score: entry.result.score, breakdown, algorithmVersion: ALGORITHM_VERSION, computedAt: now },
        })
      }
    },
    { timeoutMs: 60_000 },
  )
  return { status: 'scored', candidates: firms.length, kept: scored.length }
}

/** Recommended firms for a need (partner and staff view), best first. */
export async function listMatchesForNeed(needId: string, take = 50) {
  return prisma.match.findMany({
    where: { needId, algorithmVersion: ALGORITHM_VERSION, status: { not: 'DISMISSED' } },
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
}

/** Published needs the workers have not scored since publication (a lost job, a queue outage). */
export async function findUnscoredNeeds(now = new Date(), graceMs = 2 * 60_000) {
  const rows = await prisma.need.findMany({
    where: { status: 'PUBLISHED', scoredAt: null, publishedAt: { lt: new Date(now.getTime() - graceMs) } },
    select: { id: true },
    take: 500,
  })
  return rows.map((row) => row.id)
}
