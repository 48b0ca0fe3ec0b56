import { describe, expect, test } from 'vitest'
import { parseNeedFilters } from './schema'

describe('needs list filters', () => {
  test('valid filters apply, typed', () => {
    const { filters, errors } = parseNeedFilters(
      new URLSearchParams('q=cybersécurité&kind=PILOT&kind=PROCUREMENT&naf=62&budgetMin=10000&deadlineBefore=2027-01-31&distanceKm=40&sort=deadline&page=2'),
    )
    expect(errors).toEqual({})
    expect(filters).toMatchObject({
      q: 'cybersécurité',
      kind: ['PILOT', 'PROCUREMENT'],
      naf: '62',
      budgetMin: 10000,
      distanceKm: 40,
      sort: 'deadline',
      page: 2,
    })
    expect(filters.deadlineBefore?.toISOString()).toBe('2027-01-31T23:59:59.999Z')
  })

  test('each bad value is reported on its field and ignored; the others still apply', () => {
    const { filters, errors } = parseNeedFilters(new URLSearchParams('q=iot&kind=HACKATHON&budgetMin=beaucoup&naf=abc&distanceKm=0&page=-1&sort=random'))
    expect(filters).toEqual({ q: 'iot' })
    expect(Object.keys(errors).sort()).toEqual(['budgetMin', 'distanceKm', 'kind', 'naf', 'page', 'sort'])
    expect(errors.budgetMin).toEqual(['validation.number'])
  })

  test('empty parameters are simply absent', () => {
    expect(parseNeedFilters(new URLSearchParams('q=&kind=&naf='))).toEqual({ filters: {}, errors: {} })
  })
})
