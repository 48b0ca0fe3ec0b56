import { describe, expect, test } from 'vitest'
import { MatchingIndex } from './index'
import type { FirmDoc } from './types'

const firms: FirmDoc[] = [
  { id: 'a', verified: true, description: 'turbines hydrauliques', skills: ['IoT'], nafCodes: ['62.01Z'], communeInsee: '38185', revenueBand: 'M1_2M', headcount: 10, foundedYear: 2010 },
  { id: 'b', verified: true, description: 'turbines turbines', skills: ['iot', 'Python'] },
  { id: 'c', verified: false, description: 'billetterie' },
]

describe('the inverted index', () => {
  test('compact structures: term ids, CSR postings sorted by slot, typed columns', () => {
    const index = MatchingIndex.build(firms)
    const turbines = index.termIds.get('turbin')!
    const { offsets, docs, tfs } = index.text
    expect(index.text.docs).toBeInstanceOf(Int32Array)
    expect(index.text.tfs).toBeInstanceOf(Uint16Array)
    expect(Array.from(docs.subarray(offsets[turbines], offsets[turbines + 1]))).toEqual([0, 1])
    expect(Array.from(tfs.subarray(offsets[turbines], offsets[turbines + 1]))).toEqual([1, 2])
    expect(index.df('turbin')).toBe(2)
    expect(index.skillDfOf('iot')).toBe(2)
    expect(index.docLength).toBeInstanceOf(Float64Array)
    expect(index.bandOf(0)).toBe('M1_2M')
    expect(index.nafCodesOf(0)).toEqual(['62.01Z'])
    expect(index.communeOf(0)?.name).toBe('Grenoble')
    expect(index.tf(1, turbines)).toBe(2)
    expect(index.size).toBe(3)
  })

  test('firm communes and intervention areas: only the communes firms use, areas as typed columns, kept through compaction', () => {
    const index = MatchingIndex.build(
      [
        { id: 'g1', verified: true, description: 'turbines', communeInsee: '38185', interventionDepartements: ['38', '73', '38'] },
        { id: 'g2', verified: true, description: 'turbines', communeInsee: '38185', interventionRadiusKm: 120 },
        { id: 'l', verified: true, description: 'turbines', communeInsee: '69123', interventionDepartements: ['2a'] },
        { id: 'x', verified: true, description: 'turbines', communeInsee: 'not-a-commune' },
      ],
      { autoCompactRatio: 0 },
    )
    expect(index.communeList.map((commune) => commune.insee)).toEqual(['38185', '69123'])
    expect(index.communeOf(3)).toBeNull()
    expect(index.interventionDepartementsOf(0)).toEqual(['38', '73'])
    expect(index.interventionDepartementsOf(2)).toEqual(['2A'])
    expect(index.interventionDepartementsOf(1)).toBeNull()
    expect(Array.from(index.areaRadius.subarray(0, 4))).toEqual([0, 120, 0, 0])
    index.removeFirm('g1')
    index.compact()
    expect(index.firmIds.slice(0, index.slotCount)).toEqual(['g2', 'l', 'x'])
    expect(index.interventionDepartementsOf(1)).toEqual(['2A'])
    expect(index.areaRadius[0]).toBe(120)
    expect(index.communeOf(1)?.name).toBe('Lyon')
  })

  test('skills count twice in the document (a declared skill is a strong statement)', () => {
    const index = MatchingIndex.build(firms)
    expect(index.tf(1, index.termIds.get('python')!)).toBe(2)
  })

  test('upsert tombstones the old version and appends the new one to delta postings; statistics stay exact', () => {
    const index = MatchingIndex.build(firms, { autoCompactRatio: 0 })
    index.upsertFirm({ id: 'a', verified: true, description: 'billetterie en ligne' })
    expect(index.df('turbin')).toBe(1)
    expect(index.df('billetter')).toBe(2)
    expect(index.size).toBe(3)
    expect(index.deadCount).toBe(1)
    expect(index.text.deltaSize).toBeGreaterThan(0)
    index.removeFirm('b')
    expect(index.df('turbin')).toBe(0)
    expect(index.has('b')).toBe(false)
    index.compact()
    expect(index.deadCount).toBe(0)
    expect(index.text.deltaSize).toBe(0)
    expect(index.firmIds).toEqual(['c', 'a'])
    expect(index.df('billetter')).toBe(2)
  })

  test('compaction runs by itself past the tombstone ratio', () => {
    const many: FirmDoc[] = Array.from({ length: 200 }, (_, index) => ({ id: `f${index}`, verified: true, description: `turbines numéro${index}` }))
    const index = MatchingIndex.build(many, { autoCompactRatio: 0.2 })
    for (let round = 0; round < 70; round++) index.removeFirm(`f${round}`)
    expect(index.deadCount).toBeLessThan(70)
    expect(index.size).toBe(130)
  })

  test('frequent terms get dense frequency arrays, kept up to date', () => {
    const many: FirmDoc[] = Array.from({ length: 100 }, (_, index) => ({ id: `f${index}`, verified: true, description: index % 2 ? 'turbines turbines' : 'pompes' }))
    const index = MatchingIndex.build(many, { denseTermShare: 0.3, autoCompactRatio: 0 })
    const turbines = index.termIds.get('turbin')!
    expect(index.denseTf[turbines]).toBeInstanceOf(Uint8Array)
    index.upsertFirm({ id: 'new', verified: true, description: 'turbines turbines turbines' })
    expect(index.tf(index.slotOf.get('new')!, turbines)).toBe(3)
  })

  test('the tf-factor bound of a term is an upper bound of every posting', () => {
    const index = MatchingIndex.build(firms)
    index.ensureNorms()
    const turbines = index.termIds.get('turbin')!
    for (const slot of [0, 1]) {
      const tf = index.tf(slot, turbines)
      expect(index.impactBound(turbines)).toBeGreaterThanOrEqual((tf * (index.bm25.k1 + 1)) / (tf + index.norm[slot]))
    }
  })
})
