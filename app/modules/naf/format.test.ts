import { describe, expect, test } from 'vitest'
import { normaliseNafCode, parseNafList } from './format'

describe('normaliseNafCode', () => {
  test.each([
    ['62.01Z', '62.01Z'],
    ['62.01z', '62.01Z'],
    ['6201Z', '62.01Z'],
    [' 62 01 z ', '62.01Z'],
    ['28.99B', '28.99B'],
  ])('%s → %s', (raw, code) => {
    expect(normaliseNafCode(raw)).toBe(code)
  })

  test.each(['6201', '62.01', 'AB.CDE', '62.01ZZ', '162.01Z', '', 'Programmation'])('%s is not a code', (raw) => {
    expect(normaliseNafCode(raw)).toBeNull()
  })
})

describe('parseNafList', () => {
  test('separates on commas, semicolons, line breaks and spaces; normalises and deduplicates', () => {
    expect(parseNafList('62.01Z, 6202a;62.01z\n28.99B 71.12B')).toEqual({ codes: ['62.01Z', '62.02A', '28.99B', '71.12B'], invalid: [] })
  })

  test('keeps a code typed with inner spaces whole, and reports what is not a code', () => {
    expect(parseNafList('62 01 Z, 6201, logiciel')).toEqual({ codes: ['62.01Z'], invalid: ['6201', 'logiciel'] })
  })

  test('empty input is an empty list', () => {
    expect(parseNafList(undefined)).toEqual({ codes: [], invalid: [] })
    expect(parseNafList(' , ;; ')).toEqual({ codes: [], invalid: [] })
  })
})
