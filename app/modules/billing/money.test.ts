import { describe, expect, test } from 'vitest'
import { centsToInput, formatCents, parseEuroAmount } from './money'

describe('parseEuroAmount', () => {
  test.each([
    ['120', 12_000],
    ['1 200,50', 120_050],
    ['1\u202f200,5', 120_050],
    ['1200.05', 120_005],
    ['90 €', 9_000],
    ['100000', 10_000_000],
    ['0,01', 1],
    ['12,10', 1_210],
    ['12,100', 1_210],
  ])('%s → %d cents', (text, cents) => {
    expect(parseEuroAmount(text)).toEqual({ cents })
  })

  test.each([
    ['', 'format'],
    ['douze', 'format'],
    ['1,2,3', 'format'],
    ['-5', 'positive'],
    ['0', 'positive'],
    ['0,00', 'positive'],
    ['100000,01', 'max'],
    ['250000', 'max'],
    ['12,345', 'cents'],
  ])('%s is refused (%s)', (text, problem) => {
    expect(parseEuroAmount(text)).toEqual({ problem })
  })
})

describe('formatCents', () => {
  test('per locale, decimals only when there are cents', () => {
    expect(formatCents(120_000, 'fr')).toBe('1\u202f200\u00a0€')
    expect(formatCents(120_050, 'fr')).toBe('1\u202f200,50\u00a0€')
    expect(formatCents(120_050, 'en')).toBe('€1,200.50')
  })

  test('the form shows an amount back in the reader’s notation', () => {
    expect(centsToInput(120_050, 'fr')).toBe('1200,50')
    expect(centsToInput(120_000, 'en')).toBe('1200')
  })
})
