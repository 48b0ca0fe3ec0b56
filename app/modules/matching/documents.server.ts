import { prisma } from '#app/utils/db.server'
import { ENGINE_PARAMS } from './engine/config'
import { declineSignalsFrom, type DeclineSignals, type FirmDoc, type NeedDoc } from './engine/engine'

/**
 * What the engine reads of the database: verified firms as FirmDoc (profile, references, deals won,
 * responsiveness) and open needs as NeedDoc. The engine itself never sees Prisma.
 */

const firmSelect = {
  id: true,
  status: true,
  homeHubId: true,
  name: true,
  description: true,
  offerings: true,
  skills: true,
  nafCodes: true,
  communeInsee: true,
  interventionDepartements: true,
  interventionRadiusKm: true,
  headcount: true,
  revenueBand: true,
  foundedYear: true,
  updatedAt: true,
  references: { select: { title: true, description: true }, orderBy: { createdAt: 'asc' as const }, take: 20 },
} as const

type FirmRow = Awaited<ReturnType<typeof readFirmRows>>[number]

function readFirmRows(where: { ids?: string[]; afterId?: string; updatedSince?: Date; verifiedOnly: boolean }, take?: number) {
  return prisma.organisation.findMany({
    where: {
      kind: 'FIRM',
      ...(where.verifiedOnly ? { status: 'VERIFIED' } : {}),
      ...(where.ids ? { id: { in: where.ids } } : {}),
      ...(where.afterId ? { id: { gt: where.afterId } } : {}),
      ...(where.updatedSince ? { updatedAt: { gte: where.updatedSince } } : {}),
    },
    select: firmSelect,
    orderBy: { id: 'asc' },
    ...(take ? { take } : {}),
  })
}

/** Deals won (pilots that succeeded, contracts) and answered invitations, per firm. */
async function firmTrackRecords(firmIds: string[]) {
  if (firmIds.length === 0) return new Map<string, { dealsWon: number; responsiveness: number | null }>()
  const rows = await prisma.$queryRaw<Array<{ firmId: string; dealsWon: number; invited: number; answered: number }>>`
    SELECT f.id AS "firmId",
           (SELECT count(*)::int FROM "Deal" d JOIN "Application" a ON a.id = d."applicationId"
             WHERE a."firmId" = f.id AND d.status IN ('PILOT_SUCCEEDED', 'CONTRACT')) AS "dealsWon",
           (SELECT count(*)::int FROM "Match" m WHERE m."firmId" = f.id AND m.status = 'INVITED') AS invited,
           (SELECT count(*)::int FROM "Match" m WHERE m."firmId" = f.id AND m.status = 'INVITED'
             AND EXISTS (SELECT 1 FROM "Application" a WHERE a."needId" = m."needId" AND a."firmId" = f.id AND a.status NOT IN ('DRAFT', 'WITHDRAWN'))) AS answered
    FROM unnest(${firmIds}::text[]) AS f(id)`
  return new Map(
    rows.map((row) => [row.firmId, { dealsWon: row.dealsWon, responsiveness: row.invited > 0 ? row.answered / row.invited : null }]),
  )
}

function toFirmDoc(row: FirmRow, track: { dealsWon: number; responsiveness: number | null } | undefined): FirmDoc {
  return {
    id: row.id,
    verified: row.status === 'VERIFIED',
    homeHubId: row.homeHubId,
    name: row.name,
    description: row.description,
    offerings: row.offerings,
    skills: row.skills,
    nafCodes: row.nafCodes,
    communeInsee: row.communeInsee,
    interventionDepartements: row.interventionDepartements,
    interventionRadiusKm: row.interventionRadiusKm,
    headcount: row.headcount,
    revenueBand: row.revenueBand,
    foundedYear: row.foundedYear,
    references: row.references,
    dealsWon: track?.dealsWon ?? 0,
    responsiveness: track?.responsiveness ?? null,
  }
}

/**
 * Each firm's decline signals (FirmDoc.declineSignals): of its applications decided in the last
 * `declines.windowDays` days, the shares declined as out of scope (SCOPE_FIT, SKILLS_FIT), too
 * small (CAPACITY) and too far (DISTANCE), with the engine's prior (declineSignalsFrom).
 */
export async function readFirmDeclineSignals(firmIds: string[]) {
  const signals = new Map<string, DeclineSignals>()
  if (firmIds.length === 0) return signals
  const rows = await prisma.$queryRaw<Array<{ firmId: string; decided: number; scope: number; capacity: number; distance: number }>>`
    SELECT a."firmId",
           count(*)::int AS decided,
           count(*) FILTER (WHERE a."declineReason" IN ('SCOPE_FIT', 'SKILLS_FIT'))::int AS scope,
           count(*) FILTER (WHERE a."declineReason" = 'CAPACITY')::int AS capacity,
           count(*) FILTER (WHERE a."declineReason" = 'DISTANCE')::int AS distance
    FROM "Application" a
    WHERE a."firmId" = ANY(${firmIds}::text[]) AND a.status IN ('ACCEPTED', 'DECLINED')
      AND a."decidedAt" >= now() - make_interval(days => ${ENGINE_PARAMS.declines.windowDays}::int)
    GROUP BY a."firmId"`
  for (const row of rows) {
    const value = declineSignalsFrom(row)
    if (value) signals.set(row.firmId, value)
  }
  return signals
}

async function withTrackRecords(rows: FirmRow[]) {
  const ids = rows.map((row) => row.id)
  const [tracks, declines] = await Promise.all([firmTrackRecords(ids), readFirmDeclineSignals(ids)])
  return rows.map((row) => ({ doc: { ...toFirmDoc(row, tracks.get(row.id)), declineSignals: declines.get(row.id) ?? null }, updatedAt: row.updatedAt }))
}

/** Every verified firm, page by page (the index is built from them). */
export async function* readVerifiedFirmDocs(pageSize = 2_000): AsyncGenerator<FirmDoc[]> {
  let afterId: string | undefined
  for (;;) {
    const rows = await readFirmRows({ afterId, verifiedOnly: true }, pageSize)
    if (rows.length === 0) return
    yield (await withTrackRecords(rows)).map((entry) => entry.doc)
    afterId = rows[rows.length - 1]!.id
    if (rows.length < pageSize) return
  }
}

/** Firms changed since a moment, verified or not (the index removes those no longer verified). */
export async function readFirmDocsChangedSince(since: Date) {
  return withTrackRecords(await readFirmRows({ updatedSince: since, verifiedOnly: false }))
}

export async function readFirmDoc(firmId: string) {
  const [entry] = await withTrackRecords(await readFirmRows({ ids: [firmId], verifiedOnly: false }))
  return entry?.doc ?? null
}

export async function countVerifiedFirms() {
  return prisma.organisation.count({ where: { kind: 'FIRM', status: 'VERIFIED' } })
}

/** The database's clock, which firm `updatedAt` values are compared with. */
export async function databaseNow() {
  const [row] = await prisma.$queryRaw<Array<{ now: Date }>>`SELECT now() AS now`
  return row!.now
}

// ───────── needs ─────────

const needSelect = {
  id: true,
  kind: true,
  status: true,
  title: true,
  summary: true,
  description: true,
  skills: true,
  nafCodes: true,
  communeInsee: true,
  radiusKm: true,
  remoteOk: true,
  budgetMinEur: true,
  budgetMaxEur: true,
  deadline: true,
  hubId: true,
  visibility: true,
  headcountMin: true,
  headcountMax: true,
  revenueBands: true,
  minAgeYears: true,
  sharedWith: { select: { hubId: true } },
} as const

type NeedRow = Awaited<ReturnType<typeof readNeedRows>>[number]

function readNeedRows(where: { ids?: string[]; openOnly: boolean }) {
  return prisma.need.findMany({
    where: {
      ...(where.ids ? { id: { in: where.ids } } : {}),
      ...(where.openOnly ? { status: 'PUBLISHED', OR: [{ deadline: null }, { deadline: { gt: new Date() } }] } : {}),
    },
    select: needSelect,
    orderBy: { id: 'asc' },
  })
}

/**
 * A need as the engine ranks it. Which firms it reaches: every verified firm for a PUBLIC need,
 * the firms of its hubs (home and shared) otherwise. A confidential (INVITE_ONLY) need is ranked
 * like a members' need: its recommendations are how the partner chooses whom to invite, and only
 * partner and staff read them.
 */
export function toNeedDoc(row: NeedRow): NeedDoc {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    description: row.description,
    skills: row.skills,
    nafCodes: row.nafCodes,
    communeInsee: row.communeInsee,
    radiusKm: row.radiusKm,
    remoteOk: row.remoteOk,
    budgetMinEur: row.budgetMinEur,
    budgetMaxEur: row.budgetMaxEur,
    deadline: row.deadline,
    hubIds: row.visibility === 'PUBLIC' ? [] : [row.hubId, ...row.sharedWith.map((share) => share.hubId)],
    visibility: row.visibility === 'INVITE_ONLY' ? 'MEMBERS' : row.visibility,
    eligibility: { headcountMin: row.headcountMin, headcountMax: row.headcountMax, revenueBands: row.revenueBands, minAgeYears: row.minAgeYears },
  }
}

/** Needs by id, any status, as the engine ranks them (learning from past behaviour reads closed needs too). */
export async function readNeedDocs(needIds: string[]) {
  return (await readNeedRows({ ids: needIds, openOnly: false })).map(toNeedDoc)
}

export async function readNeed(needId: string) {
  const [row] = await readNeedRows({ ids: [needId], openOnly: false })
  return row ?? null
}

/** Published needs whose deadline has not passed. */
export async function readOpenNeedDocs() {
  return (await readNeedRows({ openOnly: true })).map(toNeedDoc)
}
