import { page } from './expect'
import type { Row } from './table'
import type { World } from './world'

/** The access rows of issue 14's cooperation (spread into accessTable by table.ts; world in world-cooperation.ts). */
const coop = (name: 'groupNeed' | 'reservedNeed' | 'openedNeed') => (w: World) => ({ needId: w.cooperation[name]! })

export const cooperationRows: Row[] = [
  // A MEMBERS need of hub H addressed to a working group: firm H2, a member of the group, reads it too.
  {
    route: 'routes/needs.$needId._index',
    method: 'GET',
    label: 'members-only need addressed to a working group',
    params: coop('groupNeed'),
    expect: page({ partnerA: 200, staffH: 200, firms: 200, signedIn: 404 }),
    shows: { firmH2: ['coopGroupTitle', 'coopGroupBody'], firmB: ['coopGroupBody'] },
  },
  { route: 'routes/needs.$needId.apply', method: 'GET', label: 'group need: its firms apply', params: coop('groupNeed'), expect: page({ firms: 200, partnerA: 409, staffH: 409, signedIn: 404 }) },
  // Reserved to a cohort with firm A: the other firms get 404 until reservedUntil, then read it.
  {
    route: 'routes/needs.$needId._index',
    method: 'GET',
    label: 'need reserved to firm A’s cohort, the reservation running',
    params: coop('reservedNeed'),
    expect: page({ partnerA: 200, staffH: 200, firmA: 200, signedIn: 404 }),
    shows: { firmA: ['coopReservedTitle', 'coopReservedBody'] },
  },
  { route: 'routes/needs.$needId.apply', method: 'GET', label: 'reserved need: the cohort’s firm applies', params: coop('reservedNeed'), expect: page({ firmA: 200, partnerA: 409, staffH: 409, signedIn: 404 }) },
  {
    route: 'routes/needs.$needId._index',
    method: 'GET',
    label: 'need whose reservation to a cohort ended',
    params: coop('openedNeed'),
    expect: page({ partnerA: 200, staffH: 200, firms: 200, signedIn: 404 }),
    shows: { firmB: ['coopOpenedTitle'], firmH2: ['coopOpenedBody'] },
  },
  // The needs shared between hubs: any hub's staff, for their own hubs.
  {
    route: 'routes/staff.shared',
    method: 'GET',
    label: 'needs shared with my hub',
    expect: page({ staff: 200, signedIn: 403 }),
    shows: { mod2: ['paSharedTitle'] },
  },
  {
    route: 'routes/staff.shared',
    method: 'GET',
    label: 'needs my hub shares',
    search: () => '?direction=sent',
    expect: page({ staff: 200, signedIn: 403 }),
    shows: { mod: ['paSharedTitle'], admin: ['paSharedTitle'] },
  },
  { route: 'routes/staff.shared', method: 'GET', label: 'needs shared with my hub as CSV', search: () => '?format=csv', expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff.shared', method: 'GET', label: 'needs my hub shares as CSV', search: () => '?direction=sent&format=csv&separator=semicolon', expect: page({ staff: 200, signedIn: 403 }) },
]
