import { beforeAll, describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { listNeedsForActor } from '#app/modules/needs/service.server'
import type { Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'
import { createMarketplace, createMember, createNeed } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'

/**
 * The firm's needs list: 25 published needs of its hub (members only, so needs of other tests'
 * hubs stay out), 18 of them scored for the firm; plus needs it must never see.
 */
let market: Awaited<ReturnType<typeof createMarketplace>>
let firm: Actor
let partner: Actor
const scored = new Map<string, number>()
const deadlines = new Map<string, number>()

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000)

beforeAll(async () => {
  market = await createMarketplace()
  firm = await actorFor(market.firm.user.id)
  partner = await actorFor(market.partner.user.id)
  for (let index = 0; index < 25; index++) {
    // Deadlines and scores in scrambled orders so that no sort follows creation order.
    const deadline = inDays(5 + ((index * 7) % 25))
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, {
      status: 'PUBLISHED',
      visibility: 'MEMBERS',
      publishedAt: new Date(),
      deadline,
      title: index === 11 ? 'Jumeau numérique du réseau de chaleur' : `Besoin numéro ${index}`,
    })
    deadlines.set(need.id, deadline.getTime())
    if (index % 4 !== 3) {
      const score = ((index * 37) % 100) / 100
      scored.set(need.id, score)
      await prisma.match.create({
        data: { needId: need.id, firmId: market.firm.organisation.id, score, breakdown: {}, algorithmVersion: ALGORITHM_VERSION },
      })
    }
  }
  // Invisible to the firm: a draft, a submitted need, and a confidential need it is not invited to.
  for (const overrides of [{ status: 'DRAFT' as const }, { status: 'SUBMITTED' as const }, { status: 'PUBLISHED' as const, visibility: 'INVITE_ONLY' as const }]) {
    await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { ...overrides, title: 'Invisible' })
  }
})

async function allPages(actor: Actor, filters: Parameters<typeof listNeedsForActor>[1]) {
  const first = await listNeedsForActor(actor, { ...filters, page: 1 })
  const second = await listNeedsForActor(actor, { ...filters, page: 2 })
  return { first, second, ids: [...first.needs, ...second.needs].map((need) => need.id) }
}

describe('needs list', () => {
  test('a firm sees its best-scored needs first, unscored ones after by deadline, over two pages, with the total', async () => {
    const { first, second, ids } = await allPages(firm, {})
    expect(first.sort).toBe('score')
    expect(first.total).toBe(25)
    expect(second.total).toBe(25)
    expect(first.needs).toHaveLength(20)
    expect(second.needs).toHaveLength(5)
    expect(new Set(ids).size).toBe(25)
    const scores = ids.map((id) => scored.get(id) ?? -1)
    const scoredPart = scores.slice(0, scored.size)
    expect(scoredPart).toEqual([...scoredPart].sort((a, b) => b - a))
    expect(scores.slice(scored.size)).toEqual(Array(25 - scored.size).fill(-1))
    const unscoredDeadlines = ids.slice(scored.size).map((id) => deadlines.get(id)!)
    expect(unscoredDeadlines).toEqual([...unscoredDeadlines].sort((a, b) => a - b))
    expect(first.needs[0]!.score).toBe(Math.max(...scored.values()))
    expect(ids.some((id) => first.needs.concat(second.needs).find((need) => need.id === id)?.title === 'Invisible')).toBe(false)
  })

  test('sorted by deadline, the soonest first', async () => {
    const { ids } = await allPages(firm, { sort: 'deadline' })
    const times = ids.map((id) => deadlines.get(id)!)
    expect(times).toHaveLength(25)
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })

  test('past the last page: no needs, and still the total', async () => {
    const past = await listNeedsForActor(firm, { page: 4 })
    expect(past.needs).toEqual([])
    expect(past.total).toBe(25)
  })

  test('a search narrows the list and counts what it found', async () => {
    const found = await listNeedsForActor(firm, { q: 'jumeau numerique' })
    expect(found.total).toBe(1)
    expect(found.needs.map((need) => need.title)).toEqual(['Jumeau numérique du réseau de chaleur'])
  })

  test("a need the firm marked 'not relevant' ranks with the unscored ones, wherever the page boundary falls", async () => {
    // The firm's three best-scored needs: the first is dismissed by the firm, so 17 remain scored
    // and page 1 ends three rows into the unscored needs.
    const best = [...scored].sort((a, b) => b[1] - a[1]).slice(0, 3)
    const dismissed = best[0]![0]
    const match = await prisma.match.findUniqueOrThrow({ where: { needId_firmId: { needId: dismissed, firmId: market.firm.organisation.id } } })
    await prisma.matchFeedback.create({ data: { matchId: match.id, userId: market.firm.user.id, side: 'FIRM', value: 'NOT_RELEVANT' } })
    try {
      const { first, ids } = await allPages(firm, {})
      const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
      const ranked = [...scored.keys()].filter((id) => id !== dismissed).sort((a, b) => scored.get(b)! - scored.get(a)! || deadlines.get(a)! - deadlines.get(b)! || byId(a, b))
      const rest = [...deadlines.keys()].filter((id) => !ranked.includes(id)).sort((a, b) => deadlines.get(a)! - deadlines.get(b)! || byId(a, b))
      expect(ids).toEqual([...ranked, ...rest])
      expect(first.total).toBe(25)
      expect(first.needs[0]!.id).toBe(best[1]![0])
    } finally {
      await prisma.matchFeedback.deleteMany({ where: { matchId: match.id } })
    }
  })

  test('a firm scored on more needs than a page: the first page is all scored, the second ends with the unscored ones', async () => {
    const other = await createMember(market.hub.id, 'FIRM')
    const needIds = [...deadlines.keys()]
    const otherScores = new Map(needIds.slice(0, 22).map((id, index) => [id, ((index * 53) % 97) / 100]))
    await prisma.match.createMany({
      data: [...otherScores].map(([needId, score]) => ({ needId, firmId: other.organisation.id, score, breakdown: {}, algorithmVersion: ALGORITHM_VERSION })),
    })
    const { first, second, ids } = await allPages(await actorFor(other.user.id), {})
    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    const ranked = [...otherScores.keys()].sort((a, b) => otherScores.get(b)! - otherScores.get(a)! || deadlines.get(a)! - deadlines.get(b)! || byId(a, b))
    const rest = needIds.filter((id) => !otherScores.has(id)).sort((a, b) => deadlines.get(a)! - deadlines.get(b)! || byId(a, b))
    expect(ids).toEqual([...ranked, ...rest])
    expect(first.needs.map((need) => need.score)).toEqual(ranked.slice(0, 20).map((id) => otherScores.get(id)))
    expect(second.needs.map((need) => need.score)).toEqual([...ranked.slice(20).map((id) => otherScores.get(id)), null, null, null])
    expect([first.total, second.total]).toEqual([25, 25])
  })

  test('the partner sees all its needs, drafts included, and how many applications each has', async () => {
    const list = await listNeedsForActor(partner, {})
    expect(list.perspective).toBe('partner')
    expect(list.total).toBe(28)
    expect(list.needs.every((need) => need.applicationCount === 0)).toBe(true)
  })
})
