import { describe, expect, test } from 'vitest'
import { BM25_UNITS, idf, lengthNorm, queryTermWeight, termScore, toUnits } from './bm25'

describe('BM25 formulas', () => {
  test('idf falls as a term gets common, and never goes negative', () => {
    expect(idf(1000, 1)).toBeGreaterThan(idf(1000, 10))
    expect(idf(1000, 10)).toBeGreaterThan(idf(1000, 900))
    expect(idf(1000, 1000)).toBeGreaterThan(0)
  })

  test('term frequency saturates (k1) and long documents are normalised (b)', () => {
    const norm = lengthNorm(100, 100)
    expect(termScore(1, 2, norm)).toBeGreaterThan(termScore(1, 1, norm))
    expect(termScore(1, 20, norm) - termScore(1, 10, norm)).toBeLessThan(termScore(1, 2, norm) - termScore(1, 1, norm))
    expect(termScore(1, 50_000, norm)).toBeLessThan(2.2)
    expect(termScore(1, 1, lengthNorm(50, 100))).toBeGreaterThan(termScore(1, 1, lengthNorm(200, 100)))
  })

  test('query term weights saturate too', () => {
    expect(queryTermWeight(1)).toBe(1)
    expect(queryTermWeight(2)).toBeGreaterThan(1)
    expect(queryTermWeight(10)).toBeLessThan(2.5)
  })

  test('sums in integer units do not depend on the order of their terms', () => {
    const contributions = [0.1, 0.7, 1e-3, 3.3333333, 2.2, 0.30000000000000004]
    const forward = contributions.reduce((sum, value) => sum + toUnits(value), 0)
    const backward = [...contributions].reverse().reduce((sum, value) => sum + toUnits(value), 0)
    expect(forward).toBe(backward)
    expect(forward / BM25_UNITS).toBeCloseTo(6.63433333, 6)
  })
})
