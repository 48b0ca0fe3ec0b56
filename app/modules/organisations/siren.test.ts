import { describe, expect, test } from 'vitest'
import { isValidSiren, normaliseSiren, withSirenCheckDigit } from './siren'

describe('SIREN check digit', () => {
  test.each([
    ['552 100 554', true], // Renault
    ['542 065 479', true], // TotalEnergies SE
    ['732 829 320', true], // Google France
    ['356 000 000', true], // La Poste, the documented exception
    ['552100555', false], // last digit changed
    ['552 100 55', false], // too short
    ['5521005541', false], // too long
    ['ABC100554', false],
    ['', false],
  ])('%s → %s', (siren, expected) => {
    expect(isValidSiren(siren)).toBe(expected)
  })

  test('normalises spaces, dots and dashes', () => {
    expect(normaliseSiren(' 552.100-554 ')).toBe('552100554')
  })

  test('completes eight digits with a valid check digit', () => {
    const siren = withSirenCheckDigit('12345678')
    expect(siren).toMatch(/^12345678\d$/)
    expect(isValidSiren(siren)).toBe(true)
    expect(isValidSiren(`12345678${(Number(siren[8]) + 1) % 10}`)).toBe(false)
  })
})
