import { describe, expect, test } from 'vitest'
import { parseTags } from './tags'

describe('parseTags', () => {
  test('splits on commas, semicolons and new lines, trims and deduplicates ignoring case', () => {
    expect(parseTags(' IoT, Cybersécurité ;iot\nEdge  computing,, ')).toEqual(['iot', 'cybersécurité', 'edge computing'])
  })

  test('keeps technology names with their punctuation', () => {
    expect(parseTags('C++, .NET, Node.js')).toEqual(['c++', '.net', 'node.js'])
  })

  test('drops over-long tags and stops at the maximum', () => {
    expect(parseTags(`ok, ${'x'.repeat(41)}`)).toEqual(['ok'])
    expect(parseTags(['a', 'b', 'c'], { max: 2 })).toEqual(['a', 'b'])
  })
})
