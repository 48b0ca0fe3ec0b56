import { describe, expect, test } from 'vitest'
import { distanceFrom, onDay, withPreposition } from './format'

const now = new Date('2026-12-07T10:00:00Z')

describe('a day in a sentence', () => {
  test('French says "le 1er" for the first of the month and the plain number otherwise', () => {
    expect(onDay(new Date('2026-12-01T09:00:00Z'), 'fr', 'Europe/Paris', now)).toBe('le 1er\u00a0décembre')
    expect(onDay(new Date('2026-12-15T09:00:00Z'), 'fr', 'Europe/Paris', now)).toBe('le 15\u00a0décembre')
    expect(onDay(new Date('2026-12-01T09:00:00Z'), 'en', 'Europe/Paris', now)).toBe('on 1\u00a0December')
  })

  test('the day is the reader’s: late on the 30th in UTC is already the 1st in Auckland', () => {
    const instant = new Date('2026-11-30T20:00:00Z')
    expect(onDay(instant, 'fr', 'Europe/Paris', now)).toBe('le 30\u00a0novembre')
    expect(onDay(instant, 'fr', 'Pacific/Auckland', now)).toBe('le 1er\u00a0décembre')
  })

  test('another year is named', () => {
    expect(onDay(new Date('2027-01-01T12:00:00Z'), 'fr', 'Europe/Paris', now)).toBe('le 1er\u00a0janvier 2027')
  })
})

describe('prepositions before a place name', () => {
  test.each([
    ['de', 'Échirolles', 'd’Échirolles'],
    ['de', 'Annecy', 'd’Annecy'],
    ['de', 'Grenoble', 'de Grenoble'],
    ['de', 'Le Pont-de-Claix', 'du Pont-de-Claix'],
    ['de', 'Les Houches', 'des Houches'],
    ['de', 'La Mure', 'de La Mure'],
    ['à', 'Le Bourget-du-Lac', 'au Bourget-du-Lac'],
    ['à', 'Les Deux Alpes', 'aux Deux Alpes'],
    ['à', 'Annecy', 'à Annecy'],
  ] as const)('%s + %s → %s', (preposition, place, expected) => {
    expect(withPreposition(preposition, place, 'fr')).toBe(expected)
  })

  test('a distance reads as a French phrase, or plainly in English', () => {
    expect(distanceFrom(9, 'Échirolles', 'fr')).toBe('à 9\u00a0km d’Échirolles')
    expect(distanceFrom(1200, 'Valence', 'en')).toBe('1,200\u00a0km from Valence')
  })
})
