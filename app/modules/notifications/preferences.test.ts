import { describe, expect, test } from 'vitest'
import { preferencesSchema } from './preferences-schema'
import { categoriesFor, channelsAllowed, effectiveDigest } from './preferences'

const valid = { minScore: 60, digestFrequency: 'DAILY', digestWeekday: 1, digestHour: 8, timeZone: 'Europe/Paris', locale: 'fr' }

describe('the categories and channels a person may choose', () => {
  test('each persona is offered what can reach it', () => {
    expect(categoriesFor({ firm: true, partner: false, staff: false })).toEqual(['RECOMMENDED', 'SAVED_SEARCH', 'MY_APPLICATIONS', 'FOLLOWED_NEEDS', 'GROUP_NEEDS', 'BILLING'])
    // A partner's members never follow their own needs, and see no one else's.
    expect(categoriesFor({ firm: false, partner: true, staff: false })).toEqual(['MY_NEEDS', 'GROUP_NEEDS', 'BILLING'])
    // Staff may follow the needs of their hubs.
    expect(categoriesFor({ firm: false, partner: false, staff: true })).toEqual(['FOLLOWED_NEEDS', 'STAFF_QUEUES'])
  })

  test('recommendations and staff queues exist only in the digest: no instant channel is offered for them', () => {
    expect(channelsAllowed('RECOMMENDED')).toEqual(['DIGEST', 'OFF'])
    expect(channelsAllowed('STAFF_QUEUES')).toEqual(['DIGEST', 'OFF'])
    expect(channelsAllowed('MY_APPLICATIONS')).toEqual(['APP', 'EMAIL', 'DIGEST', 'OFF'])
  })

  test('the form refuses a channel its category cannot keep, next to that category', () => {
    const refused = preferencesSchema.safeParse({ ...valid, channels: { RECOMMENDED: 'EMAIL', MY_NEEDS: 'EMAIL' } })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['channels.RECOMMENDED', 'prefs.errors.channel']])
    expect(preferencesSchema.safeParse({ ...valid, channels: { RECOMMENDED: 'OFF', MY_NEEDS: 'EMAIL' } }).success).toBe(true)
  })
})

describe('the digest a person gets (decision 0022)', () => {
  const hub = { frequency: 'WEEKLY', hour: 18 } as const
  const signUpRow = { digestFrequency: 'DAILY', digestWeekday: 1, digestHour: 8, digestChosenAt: null } as const

  test('who never chose gets the hub’s defaults: no row, or the row sign-up created', () => {
    expect(effectiveDigest(null, hub)).toEqual({ frequency: 'WEEKLY', weekday: 1, hour: 18, fromHub: true })
    expect(effectiveDigest(signUpRow, hub)).toEqual({ frequency: 'WEEKLY', weekday: 1, hour: 18, fromHub: true })
  })

  test('a choice is kept, even one equal to the platform’s defaults', () => {
    expect(effectiveDigest({ ...signUpRow, digestChosenAt: new Date('2026-12-01') }, hub)).toEqual({ frequency: 'DAILY', weekday: 1, hour: 8, fromHub: false })
    expect(effectiveDigest({ ...signUpRow, digestHour: 7 }, hub)).toMatchObject({ frequency: 'DAILY', hour: 7, fromHub: false })
    expect(effectiveDigest({ ...signUpRow, digestFrequency: 'NEVER' }, hub)).toMatchObject({ frequency: 'NEVER' })
  })

  test('without a hub, the platform’s defaults', () => {
    expect(effectiveDigest(null, null)).toEqual({ frequency: 'DAILY', weekday: 1, hour: 8, fromHub: false })
  })
})
