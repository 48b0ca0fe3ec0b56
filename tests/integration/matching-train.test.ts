import { describe, expect, test } from 'vitest'
import { FEATURE_KEYS, HAND_SET_WEIGHTS, LEARNED_WEIGHTS, parseLearnedWeights } from '#app/modules/matching/engine/config'
import { readFirmDeclineSignals } from '#app/modules/matching/documents.server'
import { extractInteractions } from '#app/modules/matching/learning/extract.server'
import { labelPairs, splitByTime, timeCut } from '#app/modules/matching/learning/labels'
import { decideWeights, nextWeightsFile } from '#app/modules/matching/learning/train'
import { trainFromDatabase } from '#app/modules/matching/learning/train.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed } from '#tests/factories'

/**
 * `npm run matching:train` on the product's behaviour: feedback, invitations, applications with
 * their decline reasons and deals recorded over months become labelled pairs, the most recent
 * quarter is held out by time, and weights come out.
 */
const DAY = 86_400_000
const start = Date.UTC(2026, 0, 5)
const on = (days: number) => new Date(start + days * DAY)

async function world() {
  const hub = await createHub()
  const partner = await createMember(hub.id, 'PARTNER')
  const firmProfile = (name: string, communeInsee: string, description: string, skills: string[]) => ({
    organisation: { name, communeInsee, communeName: name, description, skills },
  })
  const firms = await Promise.all([
    createMember(hub.id, 'FIRM', firmProfile('Vibrasense', '38185', 'Capteurs vibratoires et maintenance prédictive des remontées mécaniques.', ['iot', 'maintenance prédictive'])),
    createMember(hub.id, 'FIRM', firmProfile('Edgeflow', '38421', 'Edge computing et IoT industriel, collecte de données de capteurs.', ['iot', 'edge computing'])),
    createMember(hub.id, 'FIRM', firmProfile('Lointaine', '75056', 'Maintenance prédictive, capteurs IoT, à Paris.', ['maintenance prédictive'])),
    createMember(hub.id, 'FIRM', firmProfile('Comptaplus', '38151', 'Logiciel de comptabilité et de paie.', ['comptabilité'])),
  ])
  const [vibra, edge, far, compta] = firms.map((firm) => firm.organisation)
  const needs = []
  for (let month = 0; month < 4; month++) {
    needs.push(await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: on(month * 30) }))
  }
  return { partner, vibra: vibra!, edge: edge!, far: far!, compta: compta!, needs }
}

async function match(needId: string, firmId: string, data: { status?: 'INVITED' | 'DISMISSED' | 'REJECTED'; invitedAt?: Date; updatedAt?: Date } = {}) {
  return prisma.match.create({ data: { needId, firmId, score: 50, breakdown: [], algorithmVersion: 'test', ...data } })
}

async function application(
  needId: string,
  firmId: string,
  createdById: string,
  data: { status: 'SUBMITTED' | 'SHORTLISTED' | 'ACCEPTED' | 'DECLINED'; submittedAt: Date; decidedAt?: Date; declineReason?: 'SCOPE_FIT' | 'DISTANCE' | 'TIMING' },
) {
  return prisma.application.create({ data: { needId, firmId, createdById, ...data } })
}

describe('learning to rank from the database', () => {
  // First: the file's database is still empty.
  test('no behaviour yet: a clear refusal, no weights', async () => {
    const result = await trainFromDatabase()
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/not enough behaviour/) })
  })

  test('interactions become labels split by time, and weights come out', async () => {
    const { partner, vibra, edge, far, compta, needs } = await world()
    const owner = partner.user.id
    for (const [month, need] of needs.entries()) {
      const t = month * 30
      // The good firm: invited, applies, shortlisted, accepted; a deal on the first two needs.
      await match(need.id, vibra.id, { status: 'INVITED', invitedAt: on(t + 1) })
      const won = await application(need.id, vibra.id, owner, { status: 'ACCEPTED', submittedAt: on(t + 5), decidedAt: on(t + 20) })
      if (month < 2) await prisma.deal.create({ data: { applicationId: won.id, status: 'CONTRACT', contractSignedAt: on(t + 25) } })
      // A related firm: invited, then declined because another firm won (no evidence against it).
      await match(need.id, edge.id, { status: 'INVITED', invitedAt: on(t + 2) })
      await application(need.id, edge.id, owner, { status: 'DECLINED', submittedAt: on(t + 6), decidedAt: on(t + 21), declineReason: 'TIMING' })
      // The far firm: declined as too far.
      await application(need.id, far.id, owner, { status: 'DECLINED', submittedAt: on(t + 7), decidedAt: on(t + 22), declineReason: 'DISTANCE' })
      // The accounting firm: marked not relevant by the partner.
      const irrelevant = await match(need.id, compta.id)
      await prisma.matchFeedback.create({ data: { matchId: irrelevant.id, userId: owner, side: 'PARTNER', value: 'NOT_RELEVANT', createdAt: on(t + 3) } })
    }

    const interactions = await extractInteractions()
    const pairs = labelPairs(interactions)
    const label = (needIndex: number, firmId: string) => pairs.find((pair) => pair.needId === needs[needIndex]!.id && pair.firmId === firmId)?.label
    expect(label(0, vibra.id)).toBe(3)
    expect(label(3, vibra.id)).toBe(2)
    expect(label(0, edge.id)).toBe(1)
    expect(label(0, far.id)).toBe(0)
    expect(label(0, compta.id)).toBe(0)

    const result = await trainFromDatabase({ heldOutShare: 0.25 })
    if (!result.ok) throw new Error(result.message)
    const { report } = result
    // The cut leaves the most recent quarter out: the last need's judgments, none of the first's.
    const cut = timeCut(pairs, 0.25)
    expect(report.cut).toEqual(cut)
    expect(report.cut.getTime()).toBeGreaterThan(on(60).getTime())
    const { train, heldOut } = splitByTime(pairs, cut)
    expect(train.every((pair) => pair.at < cut) && heldOut.every((pair) => pair.at >= cut)).toBe(true)
    expect(heldOut.some((pair) => pair.needId === needs[3]!.id)).toBe(true)
    expect(heldOut.some((pair) => pair.needId === needs[0]!.id)).toBe(false)
    expect(report.train.examples + report.heldOut.examples).toBe(pairs.length)
    expect(report.heldOut.examples).toBe(heldOut.length)
    expect(Object.keys(report.weights).sort()).toEqual([...FEATURE_KEYS].sort())
    for (const key of FEATURE_KEYS) expect(report.weights[key]).toBeGreaterThanOrEqual(0)
    expect(report.heldOut.learned.pairs).toBeGreaterThan(0)

    // `--database URL --write` goes through the same guard: the learned weights are in force only if they beat the hand-set ones held out.
    const file = nextWeightsFile(LEARNED_WEIGHTS, report, 'the product database', new Date(), { algorithmVersion: 'test', commit: 'unknown' })
    const decision = decideWeights(report.heldOut)
    expect(file.inForce).toBe(decision.inForce)
    expect(file.weights).toEqual(decision.inForce === 'learned' ? report.weights : HAND_SET_WEIGHTS)
    expect(file.learnedWeights).toEqual(report.weights)
    expect(parseLearnedWeights(JSON.parse(JSON.stringify(file))).weights).toEqual(file.weights)

    // The far firm's declines feed back into its features.
    const signals = await readFirmDeclineSignals([far.id, vibra.id])
    expect(signals.get(far.id)?.distance).toBeGreaterThan(0)
    expect(signals.get(vibra.id)).toEqual({ scope: 0, capacity: 0, distance: 0 })
  })

})
