import { describe, expect, test } from 'vitest'
import { TopK } from './heap'

describe('top-K heap', () => {
  const ids = ['e', 'a', 'd', 'b', 'c', 'f']

  test('keeps the K best, best first, ties broken by id', () => {
    const heap = new TopK(3, (item) => ids[item])
    const scores = [5, 7, 7, 1, 7, 9]
    scores.forEach((score, item) => heap.offer(score, item))
    expect(heap.sorted().map(({ item, score }) => [ids[item], score])).toEqual([
      ['f', 9],
      ['a', 7],
      ['c', 7],
    ])
    expect(heap.threshold()).toBe(7)
  })

  test('the same scores in any order give the same result', () => {
    const run = (order: number[]) => {
      const heap = new TopK(2, (item) => ids[item])
      for (const item of order) heap.offer(1, item)
      return heap.sorted().map(({ item }) => ids[item])
    }
    expect(run([0, 1, 2, 3, 4, 5])).toEqual(['a', 'b'])
    expect(run([5, 4, 3, 2, 1, 0])).toEqual(['a', 'b'])
  })

  test('a zero capacity keeps nothing', () => {
    const heap = new TopK(0, (item) => ids[item])
    expect(heap.offer(10, 0)).toBe(false)
    expect(heap.sorted()).toEqual([])
  })
})
