import { describe, expect, test } from 'vitest'
import { ndcgAt, precisionAt, recallAt, summarise } from './metrics'

describe('evaluation metrics', () => {
  const grades = { a: 3, b: 2, c: 1 }

  test.each([
    ['the ideal order', ['a', 'b', 'c'], 1],
    ['nothing relevant', ['x', 'y'], 0],
  ])('NDCG@10 of %s', (_label, ranked, expected) => {
    expect(ndcgAt(ranked, grades, 10)).toBeCloseTo(expected, 6)
  })

  test('NDCG@10 rewards putting the best first', () => {
    expect(ndcgAt(['c', 'b', 'a'], grades, 10)).toBeLessThan(ndcgAt(['a', 'c', 'b'], grades, 10))
  })

  test('precision and recall count grade ≥ 2 as relevant', () => {
    expect(precisionAt(['a', 'c', 'x', 'b', 'y'], grades, 5)).toBeCloseTo(2 / 5)
    expect(recallAt(['c', 'a'], grades, 50)).toBeCloseTo(1 / 2)
    expect(recallAt(['a'], { z: 1 }, 50)).toBeNull()
  })

  test('summarise averages over needs', () => {
    const summary = summarise(new Map([['n1', ['a', 'b', 'c']], ['n2', ['x']]]), { n1: grades, n2: { x: 0, y: 3 } })
    expect(summary.ndcg10).toBeCloseTo(0.5, 4)
    expect(summary.recall50).toBeCloseTo(0.5, 4)
  })
})
