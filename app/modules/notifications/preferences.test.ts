import { describe, expect, test } from 'vitest'
import { preferencesSchema } from './preferences-schema'
import { categoriesFor, channelsAllowed } from './preferences'

const valid = { minScore: 60, digestFrequency: 'DAILY', digestWeekday: 1, digestHour: 8, timeZone: 'Europe/Paris', locale: 'fr' }

describe('the categories and channels a person may choose', () => {
  test('each persona is offered what can reach it', () => {
    expect(categoriesFor({ firm: true, partner: false, staff: false })).toEqual(['RECOMMENDED', 'SAVED_SEARCH', 'MY_APPLICATIONS', 'FOLLOWED_NEEDS'])
    // A partner's members never follow their own needs, and see no one else's.
    expect(categoriesFor({ firm: false, partner: true, staff: false })).toEqual(['MY_NEEDS'])
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
