import { describe, expect, test } from 'vitest'
import { accountActionSchema, isTimeZone } from './schema'

describe('the account page’s forms', () => {
  test.each([
    ['Europe/Paris', true],
    ['America/Toronto', true],
    ['Asia/Kolkata', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['europe/paris ', false],
    ['Europe/Paris\n', false],
    ['', false],
  ])('time zone %j is accepted: %j', (zone, accepted) => {
    expect(isTimeZone(zone)).toBe(accepted)
  })

  test('each intent is checked against its own fields', () => {
    const profile = accountActionSchema.safeParse({ intent: 'profile', name: 'Claire Dumas', locale: 'en', timeZone: 'Mars/Base' })
    expect(profile.success).toBe(false)
    expect(profile.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['timeZone', 'account.errors.timeZone']])
    const password = accountActionSchema.safeParse({ intent: 'password', currentPassword: '', password: 'une-phrase-longue', confirmPassword: 'autre' })
    expect(password.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['confirmPassword', 'currentPassword'])
    // An alias is kept under the name the list (and the page's select) uses.
    expect(accountActionSchema.safeParse({ intent: 'profile', name: 'Claire Dumas', locale: 'fr', timeZone: 'Asia/Kolkata' }).data).toMatchObject({ timeZone: 'Asia/Calcutta' })
    expect(accountActionSchema.safeParse({ intent: 'revoke-session', sessionId: 'not-a-hash' }).success).toBe(false)
    expect(accountActionSchema.safeParse({ intent: 'revoke-session', sessionId: 'f'.repeat(64) }).success).toBe(true)
    expect(accountActionSchema.safeParse({ intent: 'email', email: ' Claire@Example.ORG ', currentPassword: 'x' }).data).toMatchObject({ email: 'claire@example.org' })
  })
})
