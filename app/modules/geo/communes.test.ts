import { describe, expect, test } from 'vitest'
import { communeByInsee, communeLabel, distanceKm, resolveCommune, searchCommunes } from './communes'

describe('communes of the sillon alpin', () => {
  test('finds the four hub cities by INSEE code, with real coordinates', () => {
    const grenoble = communeByInsee('38185')
    expect(grenoble?.name).toBe('Grenoble')
    expect(grenoble?.coordSource).toBe('commune')
    expect(communeByInsee('26362')?.name).toBe('Valence') // the Drôme one, not 16392 or 82186
    expect(communeByInsee('73065')?.name).toBe('Chambéry')
    expect(communeByInsee('74010')?.name).toBe('Annecy')
    expect(communeByInsee('75056')).toBeNull() // Paris is outside the sillon
  })

  test('distances between communes are great-circle kilometres', () => {
    const grenoble = communeByInsee('38185')!
    const chambery = communeByInsee('73065')!
    const annecy = communeByInsee('74010')!
    expect(distanceKm(grenoble, chambery)).toBeGreaterThan(40)
    expect(distanceKm(grenoble, chambery)).toBeLessThan(50)
    expect(distanceKm(chambery, annecy)).toBeGreaterThan(35)
    expect(distanceKm(chambery, annecy)).toBeLessThan(45)
    expect(distanceKm(grenoble, grenoble)).toBe(0)
  })

  test('search ignores accents and case and ranks prefixes by population', () => {
    const results = searchCommunes('chambery')
    expect(results[0]?.insee).toBe('73065')
    expect(searchCommunes('SAINT-MARTIN-D').length).toBeGreaterThan(1)
    expect(searchCommunes('   ')).toEqual([])
    expect(communeLabel(results[0]!)).toBe('Chambéry (73)')
  })

  test.each([
    ['38185', '38185'],
    ['Meylan', '38229'],
    ['  meylan ', '38229'],
    ['Chambéry (73)', '73065'],
    ['chambery', '73065'],
    ['Paris', null],
    ['75056', null],
    ['', null],
  ])('resolves %j to %s', (input, insee) => {
    expect(resolveCommune(input)?.insee ?? null).toBe(insee)
  })
})
