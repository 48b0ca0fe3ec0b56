import { describe, expect, test } from 'vitest'
import { FEATURE_KEYS, HAND_SET_WEIGHTS, LEARNED_WEIGHTS, parseLearnedWeights } from '../engine/config'
import type { FirmDoc, NeedDoc } from '../engine/engine'
import { labelPairs } from './labels'
import { simulateBehaviour, trainNeedIds, type LabelledSet } from './simulate'
import { nextWeightsFile, trainFromInteractions } from './train'
import { corpusStatsOf } from '../engine/engine'

const firms: FirmDoc[] = Array.from({ length: 12 }, (_, i) => ({
  id: `f${i}`,
  verified: true,
  description: i % 2 ? 'Maintenance prédictive par capteurs vibratoires' : 'Vision industrielle et contrôle qualité par caméra',
  skills: i % 2 ? ['maintenance prédictive', 'iot'] : ['vision industrielle'],
  communeInsee: i < 6 ? '38185' : '75056',
}))
const needs: NeedDoc[] = Array.from({ length: 8 }, (_, i) => ({
  id: `n${i}`,
  title: i % 2 ? 'Prédire les pannes de nos compresseurs' : 'Contrôle qualité visuel des pièces',
  skills: i % 2 ? ['maintenance prédictive'] : ['vision industrielle'],
  communeInsee: '38185',
  remoteOk: true,
}))
const grades = Object.fromEntries(needs.map((need, n) => [need.id, Object.fromEntries(firms.map((firm, f) => [firm.id, n % 2 === f % 2 && f < 6 ? 3 : 0]))]))
const set: LabelledSet = { now: new Date('2026-06-01T00:00:00Z'), firms, needs, grades, split: { n0: 'test', n1: 'test', n2: 'train', n3: 'train', n4: 'train', n5: 'train', n6: 'train', n7: 'train' } }

describe('behaviour simulated from a labelled set', () => {
  test("reads only the set's train split, and is the same for the same seed", () => {
    const first = simulateBehaviour(set, { seed: 3 })
    expect(first.splitSource).toBe('set')
    expect(first.interactions.length).toBeGreaterThan(10)
    expect(new Set(first.interactions.map((interaction) => interaction.needId))).not.toContain('n0')
    expect(new Set(first.interactions.map((interaction) => interaction.needId))).not.toContain('n1')
    expect(simulateBehaviour(set, { seed: 3 }).interactions).toEqual(first.interactions)
  })

  test('good firms mostly earn good labels', () => {
    const pairs = labelPairs(simulateBehaviour(set, { seed: 3 }).interactions)
    const mean = (good: boolean) => {
      const selected = pairs.filter((pair) => (grades[pair.needId][pair.firmId] === 3) === good)
      return selected.reduce((sum, pair) => sum + pair.label, 0) / selected.length
    }
    expect(mean(true)).toBeGreaterThan(mean(false) + 1)
  })

  test('without a split in the set, 1 need in 4 is held out by a hash of its id', () => {
    const { ids, splitSource } = trainNeedIds({ needs, split: null })
    expect(splitSource).toBe('hash')
    expect(ids.length).toBeGreaterThan(0)
    expect(ids.length).toBeLessThan(needs.length)
  })
})

describe('the weights file', () => {
  test('its version goes up only when the weights in force change', () => {
    const simulated = simulateBehaviour(set, { seed: 3 })
    const report = trainFromInteractions({
      interactions: simulated.interactions,
      needs: new Map(needs.map((need) => [need.id, need])),
      firms: new Map(firms.map((firm) => [firm.id, firm])),
      corpusStats: corpusStatsOf(firms),
    })
    const engine = { algorithmVersion: 'hybrid-2.w9', commit: 'abc1234' }
    const file = nextWeightsFile(LEARNED_WEIGHTS, report, 'test', new Date('2026-06-02T00:00:00Z'), engine)
    expect(file.heldOut.cut).toBe(report.cut.toISOString())
    expect(file.learnedWeights).toEqual(report.weights)
    expect(file.engine).toEqual(engine)
    expect(file.weights).toEqual(file.inForce === 'learned' ? report.weights : HAND_SET_WEIGHTS)
    const changed = FEATURE_KEYS.some((key) => file.weights[key] !== LEARNED_WEIGHTS.weights[key])
    expect(file.version).toBe(changed ? LEARNED_WEIGHTS.version + 1 : LEARNED_WEIGHTS.version)
    // The file it writes is one the engine accepts.
    expect(parseLearnedWeights(JSON.parse(JSON.stringify(file))).weights).toEqual(file.weights)
    const again = nextWeightsFile(parseLearnedWeights(file), report, 'test', new Date(), engine)
    expect(again.version).toBe(file.version)
  })
})
