import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import { departementLabel, departements, isDepartementCode, sortDepartementCodes } from './departements'

const require = createRequire(import.meta.url)

describe('départements', () => {
  test('are those of @etalab/decoupage-administratif, overseas included', () => {
    const etalab = require('@etalab/decoupage-administratif/data/departements.json') as Array<{ code: string; nom: string }>
    expect(departements).toEqual(etalab.map((row) => ({ code: row.code, name: row.nom })))
    expect(departements).toHaveLength(109)
  })

  test.each([
    ['38', true, 'Isère (38)'],
    ['2A', true, 'Corse-du-Sud (2A)'],
    ['972', true, 'Martinique (972)'],
    ['75', true, 'Paris (75)'],
    ['20', false, '20'],
    ['99', false, '99'],
    ['', false, ''],
  ])('%j is known: %s, labelled %j', (code, known, label) => {
    expect(isDepartementCode(code)).toBe(known)
    expect(departementLabel(code)).toBe(label)
  })

  test('codes are kept once, in the list’s order', () => {
    expect(sortDepartementCodes(['972', '69', '2B', '75', '69', '01'])).toEqual(['01', '2B', '69', '75', '972'])
  })
})
