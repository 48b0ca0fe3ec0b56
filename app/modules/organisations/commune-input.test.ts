import { describe, expect, test, vi } from 'vitest'
import { AppError } from '#app/modules/shared/app-error'
import { communeFieldValueOf, communeSuggestions, lookupCommune, optionalCommune, requireCommune } from './commune-input'

/**
 * A small commune table stands in for app/modules/geo (whose size changes): homonyms in two
 * départements and in one, an overseas commune, a municipal arrondissement. The geo module's own
 * `resolveCommune` reads two-digit département labels only, as on main.
 */
vi.mock('#app/modules/geo/communes', async () => {
  const fold = (value: string) =>
    value
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  const table = [
    { insee: '38229', name: 'Meylan', dept: '38', population: 17000 },
    { insee: '38032', name: 'Beaufort', dept: '38', population: 500 },
    { insee: '73034', name: 'Beaufort', dept: '73', population: 2000 },
    { insee: '97209', name: 'Fort-de-France', dept: '972', population: 76000 },
    { insee: '69383', name: 'Lyon 3e Arrondissement', dept: '69', population: 100000 },
    { insee: '26001', name: 'Saint-Pierre', dept: '26', population: 100 },
    { insee: '26002', name: 'Saint-Pierre', dept: '26', population: 200 },
    { insee: '01001', name: 'Beaufort-Grande-Ville', dept: '01', population: 90000 },
  ]
  const searchCommunes = (query: string, limit = 20) => {
    const q = fold(query)
    if (!q) return []
    const byPopulation = (a: { population: number }, b: { population: number }) => b.population - a.population
    const starts = table.filter((c) => fold(c.name).startsWith(q)).sort(byPopulation)
    const contains = table.filter((c) => !fold(c.name).startsWith(q) && fold(c.name).includes(q)).sort(byPopulation)
    return [...starts, ...contains].slice(0, limit)
  }
  const resolveCommune = (input: string) => {
    const value = input.trim()
    if (/^\d{5}$/.test(value)) return table.find((c) => c.insee === value) ?? null
    const labelled = value.match(/^(.*)\((\d{2}|2[AB])\)\s*$/)
    const name = fold(labelled ? labelled[1]! : value)
    const found = table.filter((c) => fold(c.name) === name && (!labelled || c.dept === labelled[2]))
    return found.length === 1 ? found[0]! : null
  }
  const communeByInsee = (insee: string | null) => table.find((c) => c.insee === insee) ?? null
  const communesNamed = (name: string) => table.filter((c) => fold(c.name) === fold(name)).sort((a, b) => b.population - a.population)
  const communesWithPostalCode = (code: string) => (code === '38000' ? [table[0]!] : [])
  return { foldForSearch: fold, searchCommunes, resolveCommune, communeByInsee, communesNamed, communesWithPostalCode, communeLabel: (c: { name: string; dept: string }) => `${c.name} (${c.dept})` }
})

describe('a commune typed in a form', () => {
  test.each([
    ['38229', '38229'],
    ['meylan', '38229'],
    ['Beaufort (73)', '73034'],
    ['beaufort (38)', '38032'],
    ['Fort-de-France (972)', '97209'],
    ['fort de france', '97209'],
    ['Lyon 3e Arrondissement (69)', '69383'],
  ])('%j is %s', (input, insee) => {
    expect(lookupCommune(input)).toMatchObject({ commune: { insee }, error: null })
  })

  test.each([
    ['Beaufort', 'validation.communeAmbiguous'],
    ['Saint-Pierre (26)', 'validation.communeAmbiguous'],
    ['Beaufort (74)', 'validation.communeUnknown'],
    ['Atlantis', 'validation.communeUnknown'],
    ['99999', 'validation.communeUnknown'],
    ['Fort-de-France (971)', 'validation.communeUnknown'],
  ])('%j is refused: %s', (input, error) => {
    expect(lookupCommune(input)).toEqual({ commune: null, error })
  })

  test('a required field throws a 422 naming the field; an optional one may stay empty', () => {
    expect(() => requireCommune('Beaufort', 'commune')).toThrow(AppError)
    try {
      requireCommune('Beaufort', 'commune')
    } catch (error) {
      expect(error).toMatchObject({ status: 422, code: 'invalid_input', fields: { commune: ['validation.communeAmbiguous'] } })
    }
    expect(optionalCommune('  ')).toBeNull()
    expect(optionalCommune(undefined)).toBeNull()
    expect(() => optionalCommune('Atlantis')).toThrow(/invalid_input/)
  })
})

describe('the picker’s suggestions', () => {
  test('name the département; a label shared in one département is sent as the INSEE code', () => {
    expect(communeSuggestions('beau')).toEqual([
      { insee: '01001', label: 'Beaufort-Grande-Ville (01)', value: 'Beaufort-Grande-Ville (01)' },
      { insee: '73034', label: 'Beaufort (73)', value: 'Beaufort (73)' },
      { insee: '38032', label: 'Beaufort (38)', value: 'Beaufort (38)' },
    ])
    expect(communeSuggestions('saint-pierre').map((suggestion) => suggestion.value)).toEqual(['Saint-Pierre (INSEE 26002)', 'Saint-Pierre (INSEE 26001)'])
    // What the picker sends resolves to the commune picked, and only to it.
    expect(lookupCommune('Saint-Pierre (INSEE 26002)')).toMatchObject({ commune: { insee: '26002' } })
    // Homonyms come first, before longer names that start the same way.
    expect(communeSuggestions('beaufort', 2).map((suggestion) => suggestion.insee)).toEqual(['73034', '38032'])
    expect(communeSuggestions('Fort-de-France (972)')).toEqual([{ insee: '97209', label: 'Fort-de-France (972)', value: 'Fort-de-France (972)' }])
    expect(communeSuggestions('lyon 3')[0]?.label).toBe('Lyon 3e Arrondissement (69)')
  })

  test('a stored commune is shown as the picker writes it, so that saving again resolves it', () => {
    expect(communeFieldValueOf('97209')).toBe('Fort-de-France (972)')
    expect(communeFieldValueOf('26001')).toBe('Saint-Pierre (INSEE 26001)')
    expect(communeFieldValueOf('12345', 'Ancienne commune')).toBe('Ancienne commune')
    expect(communeFieldValueOf(null)).toBe('')
  })

  test('are at most the limit, the commune typed exactly first', () => {
    expect(communeSuggestions('e', 3)).toHaveLength(3)
    expect(communeSuggestions('38032')[0]?.insee).toBe('38032')
    expect(communeSuggestions('  ')).toEqual([])
  })
})
