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
