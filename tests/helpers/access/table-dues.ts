import { page } from './expect'
import type { Row } from './table'
import type { World } from './world'

/**
 * The access rows of issue 15's dues pages (spread into accessTable by table.ts; decision 0032).
 * The standing list and its CSV: every staff member, of their own hub; anyone else 403. The
 * settings: the hub's administrators (a moderator of the hub 403, staff of another hub 404),
 * posted with an out-of-range grace so that the world does not change (422). One organisation's
 * dues and its waiver forms: staff of its home hub, anyone else 404 (as its staff page); posted
 * with a reason too short (422) or lifting a waiver that does not exist (409).
 */
const orgA = (w: World) => ({ orgId: w.orgs.pa.id })
const form = (fields: Record<string, string>) => () => ({ form: fields })

export const duesRows: Row[] = [
  { route: 'routes/staff.dues._index', method: 'GET', label: 'the members’ standing list', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['pcName'] } },
  { route: 'routes/staff.dues._index', method: 'GET', label: 'filtered: past due', search: () => '?status=PAST_DUE', expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff.dues._index', method: 'GET', label: 'another hub', search: (w) => `?hub=${w.hubs.h2}`, expect: page({ mod2: 200, staff: 404, signedIn: 403 }) },
  { route: 'routes/staff.dues._index', method: 'GET', label: 'CSV', search: () => '?format=csv&separator=semicolon', expect: page({ staff: 200, signedIn: 403 }) },
  {
    route: 'routes/staff.dues._index',
    method: 'POST',
    label: 'settings of hub H, grace out of range',
    body: (w) => ({ form: { intent: 'settings', hubId: w.hubs.h, requiresDues: 'on', duesGraceDays: '120', duesReminderDays: '14' } }),
    expect: page({ admin: 422, mod: 403, mod2: 404, signedIn: 403 }),
  },
  { route: 'routes/staff.dues.organisations.$orgId', method: 'GET', label: 'partner A’s dues', params: orgA, expect: page({ staffH: 200, signedIn: 404 }) },
  { route: 'routes/staff.dues.organisations.$orgId', method: 'GET', label: 'missing', params: () => ({ orgId: 'no-such-org' }), expect: page({ signedIn: 404 }) },
  {
    route: 'routes/staff.dues.organisations.$orgId',
    method: 'POST',
    label: 'waive partner A’s dues, reason too short',
    params: orgA,
    body: form({ intent: 'waive', reason: 'Court', until: '' }),
    expect: page({ staffH: 422, signedIn: 404 }),
  },
  {
    route: 'routes/staff.dues.organisations.$orgId',
    method: 'POST',
    label: 'lift a waiver partner A does not have',
    params: orgA,
    body: form({ intent: 'unwaive' }),
    expect: page({ staffH: 409, signedIn: 404 }),
  },
]
