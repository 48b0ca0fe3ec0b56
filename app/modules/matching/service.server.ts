import { randomUUID } from 'node:crypto'
import { Prisma } from '#app/generated/prisma/client'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { canStartMatchingRefresh, isStaff, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { readFirmDoc, readNeed, readOpenNeedDocs, toNeedDoc } from './documents.server'
import { ALGORITHM_VERSION, rankFirm, rankNeed, type MatchingIndex, type NeedDoc, type RankedFirm } from './engine/engine'
import { syncFirmIndex } from './firm-index.server'
import { PRUNABLE, TOP_MATCHES_PER_FIRM, TOP_MATCHES_PER_NEED } from './refresh.server'

export { ALGORITHM_VERSION }

export { TOP_MATCHES_PER_FIRM, TOP_MATCHES_PER_NEED }

/**
 * Keeping matches fresh. A stored match is the score of one (need, firm) pair by the current
 * engine, with its breakdown and reasons; it is kept while the firm is among the need's best
 * (`inNeedTop`) or the need among the firm's best (`inFirmTop`), or while someone acted on it
 * (a status other than SUGGESTED, or feedback). Every function here is idempotent: run twice, it
 * leaves the same rows.
 */

interface Scored {
  needId: string
  firmId: string
  score: number
  breakdown: { features: unknown; reasons: unknown }
  inNeedTop: boolean
  inFirmTop: boolean
}

/**
 * Upserts scored pairs in one statement (to run in the caller's batch). Firms and needs deleted
 * since they were read are skipped. A pair already stored keeps its status, its source and its
 * staff recommendation (only the score, the breakdown and the tops change). `keepFirmTop` leaves `inFirmTop` as it was: a need's scoring
 * says nothing about the firm's other needs.
 */
function upsertMatches(rows: Scored[], now: Date, options: { keepFirmTop?: boolean; keepNeedTop?: boolean }) {
  const payload = JSON.stringify(
    rows.map((row) => ({ id: randomUUID(), needId: row.needId, firmId: row.firmId, score: row.score, breakdown: row.breakdown, inNeedTop: row.inNeedTop, inFirmTop: row.inFirmTop })),
  )
  const firmTop = options.keepFirmTop ? Prisma.sql`"Match"."inFirmTop"` : Prisma.sql`EXCLUDED."inFirmTop"`
  const needTop = options.keepNeedTop ? Prisma.sql`"Match"."inNeedTop"` : Prisma.sql`EXCLUDED."inNeedTop"`
  return prisma.$executeRaw`
    INSERT INTO "Match" (id, "needId", "firmId", score, breakdown, "algorithmVersion", status, "inNeedTop", "inFirmTop", "computedAt", "updatedAt")
    SELECT x.id, x."needId", x."firmId", x.score, x.breakdown, ${ALGORITHM_VERSION}, 'SUGGESTED', x."inNeedTop", x."inFirmTop", ${now}, ${now}
    FROM jsonb_to_recordset(${payload}::jsonb) AS x(id text, "needId" text, "firmId" text, score float8, breakdown jsonb, "inNeedTop" boolean, "inFirmTop" boolean)
    JOIN "Organisation" o ON o.id = x."firmId"
    JOIN "Need" n ON n.id = x."needId"
    ON CONFLICT ("needId", "firmId") DO UPDATE SET
      score = EXCLUDED.score,
      breakdown = EXCLUDED.breakdown,
      "algorithmVersion" = EXCLUDED."algorithmVersion",
      "inNeedTop" = ${needTop},
      "inFirmTop" = ${firmTop},
      "computedAt" = EXCLUDED."computedAt",
      "updatedAt" = EXCLUDED."updatedAt"`
}

/**
 * The engine's own suggestions nobody acted on (no feedback, no application) and no longer in
 * either top: gone. A firm invited from the directory (DIRECTORY), recommended by staff (STAFF, or
 * an engine match staff recommended) is a person's choice: never pruned.
 */
const prunable = Prisma.raw(PRUNABLE)

function toScored(needId: string, ranked: RankedFirm): Scored {
  return {
    needId,
    firmId: ranked.firmId,
    score: ranked.score,
    breakdown: { features: ranked.breakdown, reasons: ranked.reasons },
    inNeedTop: true,
    inFirmTop: false,
  }
}

export type ScoreNeedOutcome =
  | { status: 'scored'; firms: number; kept: number }
  | { status: 'skipped'; reason: 'missing' | 'not-published' }

/**
 * Ranks the firms for a published need and stores its best ones. Called on publication, on an
 * approved edit, by the sweeper and by the full refresh (with its freshly built index).
 */
export async function scoreNeed(needId: string, now = new Date(), options: { index?: MatchingIndex; need?: NeedDoc } = {}): Promise<ScoreNeedOutcome> {
  let need = options.need
  if (!need) {
    const row = await readNeed(needId)
    if (!row) return { status: 'skipped', reason: 'missing' }
    if (row.status !== 'PUBLISHED') return { status: 'skipped', reason: 'not-published' }
    need = toNeedDoc(row)
  }
  const index = options.index ?? (await syncFirmIndex())
  // A passed deadline ranks nobody: the need's suggestions are pruned.
  const ranked = rankNeed(index, need, { now, top: TOP_MATCHES_PER_NEED })
  const keep = ranked.map((entry) => entry.firmId)
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE "Match" SET "inNeedTop" = false WHERE "needId" = ${needId} AND "inNeedTop" AND NOT ("firmId" = ANY(${keep}))`,
    prisma.$executeRaw`DELETE FROM "Match" m WHERE m."needId" = ${needId} AND ${prunable}`,
    upsertMatches(
      ranked.map((entry) => toScored(needId, entry)),
      now,
      { keepFirmTop: true },
    ),
    // Raw: scoring is not an edit, `updatedAt` stays.
    prisma.$executeRaw`UPDATE "Need" SET "scoredAt" = ${now} WHERE id = ${needId}`,
  ])
  return { status: 'scored', firms: index.size, kept: ranked.length }
}

export type ScoreFirmOutcome =
  | { status: 'scored'; needs: number; kept: number }
  | { status: 'removed'; removed: number }
  | { status: 'skipped'; reason: 'missing' }

/**
 * Ranks the open needs for a firm (after a profile edit or its verification): stores its best
 * needs, and its place among each need's best firms. A firm that is no longer verified loses its
 * suggestions. With `needTopsFresh` (every need was just ranked, so the firm's place among each
 * need's best firms is known) only its own best needs are set: the exact per-firm path that the
 * nightly refresh's integration test compares the refresh with.
 */
export async function scoreFirm(
  firmId: string,
  now = new Date(),
  options: { index?: MatchingIndex; needs?: NeedDoc[]; needTopsFresh?: boolean } = {},
): Promise<ScoreFirmOutcome> {
  const firm = await readFirmDoc(firmId)
  if (!firm) return { status: 'skipped', reason: 'missing' }
  if (!firm.verified) {
    // Decisions already taken (approved, invited, dismissed) stay, hidden with the firm, for the
    // record and in case it is verified again; mere suggestions go.
    const [, removed] = await prisma.$transaction([
      prisma.$executeRaw`UPDATE "Match" SET "inNeedTop" = false, "inFirmTop" = false WHERE "firmId" = ${firmId}`,
      prisma.$executeRaw`DELETE FROM "Match" m WHERE m."firmId" = ${firmId} AND ${prunable}`,
      prisma.$executeRaw`UPDATE "Organisation" SET "matchedAt" = ${now} WHERE id = ${firmId}`,
    ])
    return { status: 'removed', removed: Number(removed) }
  }
  const index = options.index ?? (await syncFirmIndex())
  if (!index.has(firmId)) index.upsertFirm(firm)
  const needs = options.needs ?? (await readOpenNeedDocs())
  if (options.needTopsFresh) {
    const best = rankFirm(index, firmId, needs, { now, top: TOP_MATCHES_PER_FIRM })
    const kept = best.map((entry) => ({ needId: entry.needId, firmId, score: entry.score, breakdown: { features: entry.breakdown, reasons: entry.reasons }, inNeedTop: false, inFirmTop: true }))
    await prisma.$transaction([
      prisma.$executeRaw`UPDATE "Match" SET "inFirmTop" = false WHERE "firmId" = ${firmId} AND "inFirmTop" AND NOT ("needId" = ANY(${kept.map((entry) => entry.needId)}))`,
      prisma.$executeRaw`DELETE FROM "Match" m WHERE m."firmId" = ${firmId} AND ${prunable}`,
      upsertMatches(kept, now, { keepNeedTop: true }),
      prisma.$executeRaw`UPDATE "Organisation" SET "matchedAt" = ${now} WHERE id = ${firmId}`,
    ])
    return { status: 'scored', needs: needs.length, kept: kept.length }
  }
  const ranked = rankFirm(index, firmId, needs, { now, top: needs.length })

  // Where the firm now stands among each need's kept firms: the score to beat when the need's list is full.
  const cutoffs = new Map<string, number>()
  if (ranked.length > 0) {
    const rows = await prisma.$queryRaw<Array<{ needId: string; cutoff: number }>>`
      SELECT "needId", min(score) AS cutoff FROM (
        SELECT "needId", score, row_number() OVER (PARTITION BY "needId" ORDER BY score DESC) AS position
        FROM "Match" WHERE "needId" = ANY(${ranked.map((entry) => entry.needId)}) AND "inNeedTop" AND "firmId" <> ${firmId}
      ) ranked WHERE position <= ${TOP_MATCHES_PER_NEED} GROUP BY "needId" HAVING count(*) >= ${TOP_MATCHES_PER_NEED}`
    for (const row of rows) cutoffs.set(row.needId, row.cutoff)
  }
  const kept: Scored[] = []
  ranked.forEach((entry, position) => {
    const inFirmTop = position < TOP_MATCHES_PER_FIRM
    const inNeedTop = entry.score > (cutoffs.get(entry.needId) ?? -1)
    if (inFirmTop || inNeedTop) {
      kept.push({ needId: entry.needId, firmId, score: entry.score, breakdown: { features: entry.breakdown, reasons: entry.reasons }, inNeedTop, inFirmTop })
    }
  })
  const keptNeedIds = kept.map((entry) => entry.needId)
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE "Match" SET "inNeedTop" = false, "inFirmTop" = false WHERE "firmId" = ${firmId} AND ("inNeedTop" OR "inFirmTop") AND NOT ("needId" = ANY(${keptNeedIds}))`,
    prisma.$executeRaw`DELETE FROM "Match" m WHERE m."firmId" = ${firmId} AND ${prunable}`,
    upsertMatches(kept, now, { keepFirmTop: false }),
    prisma.$executeRaw`UPDATE "Organisation" SET "matchedAt" = ${now} WHERE id = ${firmId}`,
  ])
  return { status: 'scored', needs: needs.length, kept: kept.length }
}

// ───────── the full refresh ─────────

// The nightly refresh ranks every need once and writes in bulk: see refresh.server.ts.
export { refreshAllMatches, type RefreshProgress } from './refresh.server'

/** The latest full refresh, for the staff pages: running (with its progress) or finished. */
export async function latestMatchingRun(actor: Actor) {
  if (!isStaff(actor)) throw AppError.forbidden()
  const run = await prisma.matchingRun.findFirst({
    orderBy: { startedAt: 'desc' },
    select: { id: true, status: true, algorithmVersion: true, total: true, done: true, needs: true, firms: true, matchesWritten: true, startedAt: true, finishedAt: true },
  })
  return { run, algorithmVersion: ALGORITHM_VERSION, canStart: canStartMatchingRefresh(actor) }
}

/** An administrator starts a full refresh now (one at a time: a second request joins the first). */
export async function startMatchingRefresh(actor: Actor) {
  if (!canStartMatchingRefresh(actor)) throw AppError.forbidden()
  await enqueueJob('matching.refresh', { startedById: actor.userId })
}

// ───────── catching up ─────────

/** Published needs the workers have not scored since publication (a lost job, a queue outage). */
export async function findUnscoredNeeds(now = new Date(), graceMs = 2 * 60_000) {
  const rows = await prisma.need.findMany({
    where: { status: 'PUBLISHED', scoredAt: null, publishedAt: { lt: new Date(now.getTime() - graceMs) } },
    select: { id: true },
    take: 500,
  })
  return rows.map((row) => row.id)
}

/** Firms whose profile or status changed after their last ranking (a lost job, a queue outage). */
export async function findStaleFirms(now = new Date(), graceMs = 2 * 60_000) {
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Organisation"
    WHERE kind = 'FIRM' AND "updatedAt" < ${new Date(now.getTime() - graceMs)}
      AND (("matchedAt" IS NULL AND status = 'VERIFIED') OR "matchedAt" < "updatedAt")
    LIMIT 500`
  return rows.map((row) => row.id)
}
