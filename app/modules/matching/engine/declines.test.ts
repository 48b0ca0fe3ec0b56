import { describe, expect, test } from 'vitest'
import { buildIndex, corpusStatsOf, rankFirm, rankNeed, scoreMatch } from './engine'
import { capacityFactor, declineSignalsFrom, distanceAfterDeclines, scopeFactor } from './features'
import type { FirmDoc, NeedDoc } from './types'

/** What partners' declines ("too far", "too small", "out of scope") do to a firm's matches. */
const now = new Date('2026-11-26T00:00:00Z')
const profile = {
  verified: true,
  description: 'Maintenance prédictive des turbines hydroélectriques par analyse vibratoire.',
  skills: ['maintenance prédictive', 'analyse vibratoire'],
  revenueBand: 'LT_1M' as const,
}
// Two identical firms in Chambéry, ~50 km from Grenoble; one often declined as too far.
const plain: FirmDoc = { id: 'chambery-plain', communeInsee: '73065', ...profile }
const far: FirmDoc = { id: 'chambery-declined', communeInsee: '73065', ...profile, declineSignals: { scope: 0, capacity: 0, distance: 0.6 } }
const local: FirmDoc = { id: 'grenoble-declined', communeInsee: '38185', ...profile, declineSignals: { scope: 0, capacity: 0, distance: 0.6 } }
const firms = [plain, far, local]
const need: NeedDoc = {
  id: 'turbines',
  title: 'Maintenance prédictive de nos turbines',
  summary: 'Analyse vibratoire des groupes hydroélectriques.',
  skills: ['analyse vibratoire'],
  communeInsee: '38185',
  radiusKm: 80,
  budgetMaxEur: 150_000,
}

describe('decline signals', () => {
  test('a firm often declined as too far ranks below the same firm without, for a need far from it', () => {
    const ranked = rankNeed(buildIndex(firms), need, { now, top: 10 })
    const position = (id: string) => ranked.findIndex((match) => match.firmId === id)
    expect(position('chambery-declined')).toBeGreaterThan(position('chambery-plain'))
    const distance = ranked.find((match) => match.firmId === 'chambery-declined')!.breakdown.find((entry) => entry.feature === 'distance')!
    expect(distance.declinesLowered).toBeGreaterThan(0)
    expect(ranked.find((match) => match.firmId === 'chambery-plain')!.breakdown.every((entry) => entry.declinesLowered === undefined)).toBe(true)
  })

  test('next door, or for a remote-friendly need, "too far" costs nothing', () => {
    const stats = corpusStatsOf(firms)
    const score = (firm: FirmDoc, extra: Partial<NeedDoc> = {}) => scoreMatch({ ...need, ...extra }, firm, { now, corpusStats: stats }).score
    expect(score(local)).toBe(score({ ...local, id: 'grenoble-plain', declineSignals: null }))
    expect(score(far, { remoteOk: true })).toBe(score(plain, { remoteOk: true }))
  })

  test('a pair scores the same through scoreMatch, rankNeed and rankFirm, with every kind of signal', () => {
    const signalled: FirmDoc[] = [
      ...firms,
      { id: 'small', communeInsee: '38421', ...profile, declineSignals: { scope: 0, capacity: 0.5, distance: 0 } },
      { id: 'scope', communeInsee: '38151', ...profile, declineSignals: { scope: 0.7, capacity: 0.2, distance: 0.3 } },
    ]
    const index = buildIndex(signalled)
    const stats = index.corpusStats()
    const ranked = rankNeed(index, need, { now, top: 10 })
    expect(ranked).toHaveLength(signalled.length)
    for (const match of ranked) {
      const firm = signalled.find((candidate) => candidate.id === match.firmId)!
      expect(scoreMatch(need, firm, { now, corpusStats: stats }).score).toBe(match.score)
      expect(rankFirm(index, firm.id, [need], { now })[0]!.score).toBe(match.score)
    }
    const scope = ranked.find((match) => match.firmId === 'scope')!
    expect(scope.breakdown.find((entry) => entry.feature === 'skills')!.declinesLowered).toBeGreaterThan(0)
    expect(scope.score).toBeLessThan(ranked.find((match) => match.firmId === 'chambery-plain')!.score)
  })
})

describe('decline signal values', () => {
  test('one decline out of one says less than five out of five; nothing decided: no signal', () => {
    expect(declineSignalsFrom({ decided: 1, scope: 0, capacity: 0, distance: 1 })!.distance).toBeCloseTo(1 / 3)
    expect(declineSignalsFrom({ decided: 5, scope: 0, capacity: 0, distance: 5 })!.distance).toBeCloseTo(5 / 7)
    expect(declineSignalsFrom({ decided: 0, scope: 0, capacity: 0, distance: 0 })).toBeNull()
  })

  test('each signal only lowers its values, and none changes nothing', () => {
    expect(scopeFactor(null)).toBe(1)
    expect(scopeFactor({ scope: 1, capacity: 0, distance: 0 })).toBeCloseTo(0.7)
    expect(capacityFactor({ scope: 0, capacity: 1, distance: 0 })).toBeCloseTo(0.5)
    expect(distanceAfterDeclines(1, { scope: 0, capacity: 0, distance: 1 })).toBe(1)
    expect(distanceAfterDeclines(0.6, { scope: 0, capacity: 0, distance: 1 })).toBeCloseTo(0)
    expect(distanceAfterDeclines(0.6, null)).toBe(0.6)
  })
})
