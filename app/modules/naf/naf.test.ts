import { describe, expect, test } from 'vitest'
import { allNafCodes, describeNafCodes, foldForNafSearch, isKnownNafCode, nafLabel, nafOptionLabel, searchNaf } from './naf'

describe('the NAF nomenclature', () => {
  test('holds the 732 sub-classes with their French labels', () => {
    const codes = allNafCodes()
    expect(codes).toHaveLength(732)
    expect(codes.every((code) => /^\d{2}\.\d{2}[A-Z]$/.test(code.code))).toBe(true)
    expect(nafLabel('62.01Z')).toBe('Programmation informatique')
    expect(nafLabel('6201z')).toBe('Programmation informatique')
    expect(nafLabel('58.29A')).toBe('Édition de logiciels système et de réseau')
  })

  test('knows which codes exist', () => {
    expect(isKnownNafCode('62.01Z')).toBe(true)
    expect(isKnownNafCode('99.99Z')).toBe(false)
    expect(isKnownNafCode('62.01')).toBe(false) // a class, not a sub-class
    expect(nafLabel('99.99Z')).toBeNull()
    expect(nafLabel('n’importe quoi')).toBeNull()
  })

  test('describes a chosen list in its order, unknown codes without a label', () => {
    expect(describeNafCodes(['71.12B', '99.99Z'])).toEqual([
      { code: '71.12B', label: 'Ingénierie, études techniques' },
      { code: '99.99Z', label: null },
    ])
    expect(nafOptionLabel({ code: '62.01Z', label: 'Programmation informatique' })).toBe('62.01Z — Programmation informatique')
  })
})

describe('searchNaf', () => {
  test('a code or its beginning, with or without the dot, finds codes first', () => {
    expect(searchNaf('62.01')[0]).toEqual({ code: '62.01Z', label: 'Programmation informatique' })
    expect(searchNaf('6201')[0]?.code).toBe('62.01Z')
    expect(searchNaf('62.01z').map((code) => code.code)).toEqual(['62.01Z'])
    expect(searchNaf('62').map((code) => code.code)).toEqual(['62.01Z', '62.02A', '62.02B', '62.03Z', '62.09Z'])
  })

  test('words match label words by their beginning, accents and case ignored', () => {
    expect(searchNaf('prog info').map((code) => code.code)).toContain('62.01Z')
    // The nomenclature itself writes "Édition" and "Edition": both are found either way.
    expect(searchNaf('EDITION LOGICIELS').map((code) => code.code)).toEqual(['58.29A', '58.29B', '58.29C'])
    expect(searchNaf('édition logiciels').map((code) => code.code)).toEqual(['58.29A', '58.29B', '58.29C'])
    expect(searchNaf('édition de logiciels')).toEqual(searchNaf('edition de logiciels'))
  })

  test('labels that start with the query come first', () => {
    const results = searchNaf('ingénierie')
    expect(results[0]?.label.startsWith('Ingénierie')).toBe(true)
  })

  test('respects the limit and answers nothing to nothing', () => {
    expect(searchNaf('a', 5)).toHaveLength(5)
    expect(searchNaf('   ')).toEqual([])
    expect(searchNaf('zzzzzz')).toEqual([])
    expect(searchNaf('62', 0)).toEqual([])
  })

  test('folds for search like the communes do', () => {
    expect(foldForNafSearch('  Tierce maintenance d’applications ')).toBe('tierce maintenance d applications')
  })
})
