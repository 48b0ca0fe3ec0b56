import { describe, expect, test } from 'vitest'
import { applicationFormSchema } from './schema'

describe('the application form', () => {
  test.each([
    [undefined, []],
    ['', []],
    ['belledonne-data', ['belledonne-data']],
    [['', 'neve-robotique', undefined, ' neve-robotique '], ['neve-robotique']],
  ])('consortium %j → %j', (consortium, expected) => {
    const parsed = applicationFormSchema.parse({ intent: 'save', consortium })
    expect(parsed.consortium).toEqual(expected)
  })

  test('four partner firms are too many', () => {
    const result = applicationFormSchema.safeParse({ intent: 'save', consortium: ['a', 'b', 'c', 'd'] })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('validation.tooManyPartners')
  })
})
