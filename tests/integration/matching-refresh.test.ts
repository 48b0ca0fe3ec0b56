import { beforeAll, describe, expect, test } from 'vitest'
import { readOpenNeedDocs } from '#app/modules/matching/documents.server'
import { rankFirm } from '#app/modules/matching/engine/engine'
import { rebuildFirmIndex } from '#app/modules/matching/firm-index.server'
import { refreshAllMatches, scoreFirm, scoreNeed, TOP_MATCHES_PER_FIRM, type RefreshProgress } from '#app/modules/matching/service.server'
import { prisma } from '#app/utils/db.server'
import { generateRefreshData } from '../../scripts/bench/refresh-data.ts'

/**
 * The nightly refresh (one need pass, firms' tops derived from the needs' candidates, rows staged
 * with COPY and merged) against the per-need and per-firm paths it replaces, on a generated corpus
 * of 90 verified firms and 24 open needs (scripts/bench/refresh-data.ts).
 */
const FIRMS = 90
const NEEDS = 24

async function snapshot() {
  return prisma.match.findMany({
    select: { id: true, needId: true, firmId: true, score: true, breakdown: true, status: true, inNeedTop: true, inFirmTop: true, algorithmVersion: true },
    orderBy: [{ needId: 'asc' }, { firmId: 'asc' }],
  })
}
const withoutIds = (rows: Awaited<ReturnType<typeof snapshot>>) => rows.map(({ id: _id, ...row }) => row)

/** The refresh as it ran before: every need through scoreNeed, then every firm through scoreFirm. */
async function perNeedThenPerFirm(now: Date) {
  const index = await rebuildFirmIndex()
  const needs = await readOpenNeedDocs()
  for (const need of needs) await scoreNeed(need.id, now, { index, need })
  const firms = await prisma.organisation.findMany({ where: { kind: 'FIRM', status: 'VERIFIED' }, select: { id: true }, orderBy: { id: 'asc' } })
  for (const firm of firms) await scoreFirm(firm.id, now, { index, needs, needTopsFresh: true })
}

beforeAll(async () => {
  await generateRefreshData(process.env.DATABASE_URL!, { firms: FIRMS, needs: NEEDS, seed: 42 })
})

describe('the full refresh at scale', () => {
  test('writes the same rows as ranking each need then each firm: tops, scores, reasons', async () => {
    const now = new Date()
    await perNeedThenPerFirm(now)
    const expected = await snapshot()
    // Every firm has its best needs, and some needs have firms outside their top? Not at this size:
    // every verified firm sharing a word is among a need's 200 best. The firm tops are what matter.
    expect(expected.filter((row) => row.inFirmTop).length).toBeGreaterThan(FIRMS)
    await prisma.match.deleteMany()

    await refreshAllMatches({ now })
    expect(withoutIds(await snapshot())).toEqual(withoutIds(expected))
  })

  test('is idempotent: a second run leaves the same rows, ids included', async () => {
    await refreshAllMatches()
    const first = await snapshot()
    await refreshAllMatches()
    expect(await snapshot()).toEqual(first)
  })

  test('keeps rows somebody acted on, drops stale suggestions, clears tops left', async () => {
    const [closed, open] = await prisma.need.findMany({ where: { status: 'PUBLISHED' }, orderBy: { id: 'asc' }, take: 2, select: { id: true } })
    const firms = await prisma.organisation.findMany({ where: { kind: 'FIRM' }, orderBy: { id: 'asc' }, take: 4, select: { id: true } })
    const partnerUser = await prisma.user.findFirstOrThrow({ select: { id: true } })
    await prisma.need.update({ where: { id: closed.id }, data: { status: 'CLOSED', closedAt: new Date() } })
    const row = (firmId: string, data: Record<string, unknown>) =>
      prisma.match.upsert({
        where: { needId_firmId: { needId: closed.id, firmId } },
        create: { needId: closed.id, firmId, score: 50, breakdown: {}, algorithmVersion: 'old', inFirmTop: true, ...data },
        update: { inFirmTop: true, inNeedTop: false, ...data },
      })
    const stale = await row(firms[0].id, { status: 'SUGGESTED' })
    const invited = await row(firms[1].id, { status: 'INVITED', invitedAt: new Date() })
    const withFeedback = await row(firms[2].id, { status: 'SUGGESTED' })
    await prisma.matchFeedback.create({ data: { matchId: withFeedback.id, userId: partnerUser.id, side: 'PARTNER', value: 'GOOD_MATCH' } })
    const recommended = await row(firms[3].id, { status: 'SUGGESTED', source: 'STAFF' })
    // A suggestion of an open need for a firm that shares nothing with it (no longer ranked).
    const unrelated = await prisma.organisation.create({
      data: { slug: 'sans-rapport', kind: 'FIRM', name: 'Sans rapport', status: 'VERIFIED', homeHubId: 'hub-alpes', nafCodes: [], skills: [], labels: [], description: 'Zzzz.' },
    })
    const leftover = await prisma.match.create({ data: { needId: open.id, firmId: unrelated.id, score: 80, breakdown: {}, algorithmVersion: 'old', inNeedTop: true, inFirmTop: true } })

    await refreshAllMatches()

    const byId = async (id: string) => prisma.match.findUnique({ where: { id }, select: { status: true, inNeedTop: true, inFirmTop: true } })
    expect(await byId(stale.id)).toBeNull()
    expect(await byId(leftover.id)).toBeNull()
    expect(await byId(invited.id)).toEqual({ status: 'INVITED', inNeedTop: false, inFirmTop: false })
    expect(await byId(withFeedback.id)).toEqual({ status: 'SUGGESTED', inNeedTop: false, inFirmTop: false })
    expect(await byId(recommended.id)).toEqual({ status: 'SUGGESTED', inNeedTop: false, inFirmTop: false })
    // The closed need is not ranked any more (no firm's top holds it); the firms and the open needs are.
    expect(await prisma.match.count({ where: { needId: closed.id, inFirmTop: true } })).toBe(0)
    const unscored = await prisma.need.count({ where: { status: 'PUBLISHED', scoredAt: null } })
    const unmatched = await prisma.organisation.count({ where: { kind: 'FIRM', status: 'VERIFIED', matchedAt: null } })
    expect({ unscored, unmatched }).toEqual({ unscored: 0, unmatched: 0 })
  })

  test('reports its progress to the caller and to staff', async () => {
    const seen: RefreshProgress[] = []
    const result = await refreshAllMatches({ report: (progress) => void seen.push(progress) })
    const needs = await prisma.need.count({ where: { status: 'PUBLISHED' } })
    const firms = await prisma.organisation.count({ where: { kind: 'FIRM', status: 'VERIFIED' } })
    expect(seen.at(-1)).toEqual({ total: needs + firms, done: needs + firms, needs, firms })
    expect(seen.map((progress) => progress.done)).toEqual([...seen.map((progress) => progress.done)].sort((a, b) => a - b))
    const run = await prisma.matchingRun.findUniqueOrThrow({ where: { id: result.runId } })
    expect(run).toMatchObject({ status: 'COMPLETED', total: needs + firms, done: needs + firms, needs, firms, matchesWritten: result.matchesWritten })
    expect(result.matchesWritten).toBe(await prisma.match.count({ where: { need: { status: 'PUBLISHED' }, OR: [{ inNeedTop: true }, { inFirmTop: true }] } }))
  })

  test('with a narrow candidate list, a firm’s top is its best needs among those where it was a candidate (the approximation, measured)', async () => {
    const width = 10
    await refreshAllMatches({ candidatesPerNeed: width })
    const index = await rebuildFirmIndex()
    const needs = await readOpenNeedDocs()
    const now = new Date()
    // Each need's `width` best firms, as the need pass saw them.
    const { rankNeed } = await import('#app/modules/matching/engine/engine')
    const candidates = new Map(needs.map((need) => [need.id, new Set(rankNeed(index, need, { now, top: width, explain: false }).map((entry) => entry.firmId))]))
    let exactPairs = 0
    let missing = 0
    let firmsDiffering = 0
    for (const firmId of index.firmIds) {
      const exact = rankFirm(index, firmId, needs, { now, top: needs.length, explain: false })
      const stored = (await prisma.match.findMany({ where: { firmId, inFirmTop: true }, select: { needId: true } })).map((row) => row.needId).sort()
      const derived = exact
        .filter((entry) => candidates.get(entry.needId)!.has(firmId))
        .slice(0, TOP_MATCHES_PER_FIRM)
        .map((entry) => entry.needId)
        .sort()
      expect(stored).toEqual(derived)
      const best = new Set(exact.slice(0, TOP_MATCHES_PER_FIRM).map((entry) => entry.needId))
      exactPairs += best.size
      const lost = [...best].filter((needId) => !stored.includes(needId)).length
      missing += lost
      if (lost > 0 || stored.length !== best.size) firmsDiffering++
    }
    // The measure (printed): how far the narrow lists are from rankFirm's exact tops.
    console.info(`candidates per need ${width}: ${firmsDiffering}/${index.size} firms differ from rankFirm, ${missing}/${exactPairs} exact pairs missing`)
    expect(missing).toBeGreaterThan(0)
  })
})
