import { describe, expect, test } from 'vitest'
import { prefillFormData } from './form'

const posted = (fields: Record<string, string>) => {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) data.append(key, value)
  return data
}

describe('prefillFormData', () => {
  test('puts the directory’s values in and keeps the rest of the form as typed', () => {
    const data = prefillFormData(posted({ kind: 'FIRM', siren: '418215448', name: 'Névé', nafCodes: '28.99B, 62.01Z', skills: 'ros', intent: 'lookup' }), {
      name: 'NEVE ROBOTIQUE',
      nafCode: '62.01Z',
      communeInsee: '38229',
      headcount: 20,
      foundedYear: 2015,
    })
    expect(Object.fromEntries(data)).toEqual({
      kind: 'FIRM',
      siren: '418215448',
      name: 'NEVE ROBOTIQUE',
      communeInsee: 'Meylan (38)',
      headcount: '20',
      foundedYear: '2015',
      nafCodes: '62.01Z, 28.99B',
      skills: 'ros',
      intent: 'lookup',
    })
  })

  test('what the directory does not give stays as typed', () => {
    const data = prefillFormData(posted({ communeInsee: 'Voiron', headcount: '7', foundedYear: '2010', nafCodes: '28.99B' }), {
      name: 'X',
      nafCode: null,
      communeInsee: null,
      headcount: null,
      foundedYear: null,
    })
    expect(Object.fromEntries(data)).toMatchObject({ communeInsee: 'Voiron', headcount: '7', foundedYear: '2010', nafCodes: '28.99B' })
  })
})
