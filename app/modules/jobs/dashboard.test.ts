import { describe, expect, test } from 'vitest'
import { isJobId, jobDataIds } from './dashboard'

describe('what the jobs page shows of a payload', () => {
  test('ids, the length of id lists, and only the names of other fields', () => {
    expect(jobDataIds({ needId: 'cm123abc', userIds: ['a', 'b', 'c'], at: '2026-12-07T10:00:00.000Z', force: true, note: 'Texte confidentiel' })).toEqual([
      { name: 'at', kind: 'hidden' },
      { name: 'force', kind: 'hidden' },
      { name: 'needId', kind: 'id', value: 'cm123abc' },
      { name: 'note', kind: 'hidden' },
      { name: 'userIds', kind: 'ids', count: 3 },
    ])
  })

  test('an "id" that is not an identifier is hidden', () => {
    expect(jobDataIds({ emailId: 'Bonjour Madame, voici le devis confidentiel' })).toEqual([{ name: 'emailId', kind: 'hidden' }])
  })

  test.each([null, undefined, 'text', 3, ['a']])('no fields for %s', (data) => {
    expect(jobDataIds(data)).toEqual([])
  })

  test.each([
    ['12', true],
    ['email-cm123', true],
    ['repeat:emails.sweep:1765100000000', true],
    ['', false],
    ['a b', false],
    ['x'.repeat(201), false],
    [12, false],
  ])('job id %j accepted: %s', (value, ok) => {
    expect(isJobId(value)).toBe(ok)
  })
})
