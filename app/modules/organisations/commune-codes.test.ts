import { describe, expect, test } from 'vitest'
import { communeFieldValue, communeSuggestions, lookupCommune, strictInseeInput } from './commune-input'

/**
 * Five digits typed in a commune field, read against the real commune table: an INSEE code and a
 * postal code at once. "69003" is Albigny-sur-Saône's INSEE code and Lyon 3e's postal code; "69100"
 * Irigny's INSEE code and Villeurbanne's postal code; "38000" only Grenoble's postal code; "38185"
 * only Grenoble's INSEE code.
 */
describe('a code typed as a commune', () => {
  test('a code that names one commune only resolves to it', () => {
    expect(lookupCommune('38000')).toMatchObject({ commune: { insee: '38185', name: 'Grenoble' }, error: null })
    expect(lookupCommune('38185')).toMatchObject({ commune: { insee: '38185', name: 'Grenoble' }, error: null })
    // A city and its arrondissement share the postal code: the arrondissement.
    expect(lookupCommune('75001')).toMatchObject({ commune: { insee: '75101' }, error: null })
  })

  test('a code that is an INSEE code and another commune’s postal code asks to choose', () => {
    expect(lookupCommune('69003')).toEqual({ commune: null, error: 'validation.communeCodeAmbiguous' })
    expect(lookupCommune('69100')).toEqual({ commune: null, error: 'validation.communeCodeAmbiguous' })
    expect(lookupCommune('13001')).toEqual({ commune: null, error: 'validation.communeCodeAmbiguous' })
  })

  test('the picker suggests every commune the code names, and what it sends resolves to the one picked', () => {
    const lyon = communeSuggestions('69003')
    expect(lyon.map((suggestion) => suggestion.label).sort()).toEqual(['Albigny-sur-Saône (69)', 'Lyon 3e Arrondissement (69)'])
    const villeurbanne = communeSuggestions('69100')
    expect(villeurbanne.map((suggestion) => suggestion.label).sort()).toEqual(['Irigny (69)', 'Villeurbanne (69)'])
    expect(communeSuggestions('38000').map((suggestion) => suggestion.label)).toEqual(['Grenoble (38)'])
    for (const suggestion of [...lyon, ...villeurbanne]) expect(lookupCommune(suggestion.value).commune?.insee).toBe(suggestion.insee)
  })

  test('the value of a commune whose label is shared in its département is its INSEE code, never read as a postal code', () => {
    // Every homonym pair in one département: the value names that commune only.
    const value = communeFieldValue({ insee: '69003', name: 'Albigny-sur-Saône', dept: '69' } as Parameters<typeof communeFieldValue>[0])
    expect(lookupCommune(value).commune?.insee).toBe('69003')
    expect(lookupCommune('Nom (INSEE 69100)').commune?.name).toBe('Irigny')
  })

  test('the JSON API reads a code as an INSEE code only', () => {
    expect(lookupCommune(strictInseeInput('69003')).commune?.name).toBe('Albigny-sur-Saône')
    expect(lookupCommune(strictInseeInput('69100')).commune?.name).toBe('Irigny')
    expect(lookupCommune(strictInseeInput('38000')).error).toBe('validation.communeUnknown')
    expect(strictInseeInput('Grenoble')).toBe('Grenoble')
  })
})
