import { describe, expect, test } from 'vitest'
import { normaliseSearchQuery } from './saved-searches.server'

describe('saved searches keep valid filters only', () => {
  test('drops the page, bad values and unknown parameters', () => {
    expect(normaliseSearchQuery('?q=iot&kind=PILOT&kind=NOPE&page=3&budgetMin=abc&utm_source=x&sort=deadline')).toBe('q=iot&sort=deadline')
  })

  test('keeps dates as calendar dates and repeated kinds', () => {
    expect(normaliseSearchQuery('kind=PILOT&kind=PROCUREMENT&deadlineBefore=2027-03-01')).toBe('kind=PILOT&kind=PROCUREMENT&deadlineBefore=2027-03-01')
  })
})
