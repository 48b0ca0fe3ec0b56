import { page } from './expect'
import type { Row } from './table'

const cohort = (name: 'h' | 'archived' | 'h2') => (w: { cohorts: Record<string, string> }) => ({ cohortId: w.cohorts[name]! })
/** A complete cohort form, without markers. */
const FIELDS = { name: 'Promotion de contrôle', programme: '', description: '', year: '2026', startsOn: '', endsOn: '', targetEur: '300000', targetPilots: '2' }

/**
 * The access rows of issue 14's cohorts (spread into accessTable by table.ts). The console's pages
 * are hub H's staff's (403 for anyone else who is not staff, 404 for hub H2's); a cohort's own page
 * is its firms' (firm A, its plain member included), 404 for everyone else, staff included.
 * Writes post input the form refuses (422) or a state that refuses them (409), so that nothing changes.
 */
export const cohortsRows: Row[] = [
  {
    route: 'routes/staff.cohorts._index',
    method: 'GET',
    label: 'the cohorts of my hubs',
    expect: page({ staff: 200, signedIn: 403 }),
  },
  { route: 'routes/staff.cohorts._index', method: 'GET', label: 'as CSV', search: () => '?format=csv', expect: page({ staff: 200, signedIn: 403 }) },
  {
    route: 'routes/staff.cohorts._index',
    method: 'POST',
    label: 'create in hub H without a name',
    body: (w) => ({ form: { intent: 'create', hubId: w.hubs.h, ...FIELDS, name: '' } }),
    expect: page({ staffH: 422, mod2: 404, signedIn: 403 }),
  },
  {
    route: 'routes/staff.cohorts.$cohortId',
    method: 'GET',
    label: 'hub H’s cohort',
    params: cohort('h'),
    expect: page({ staffH: 200, mod2: 404, signedIn: 403 }),
    shows: { mod: ['cohortHDescription'], admin: ['cohortHDescription'] },
  },
  {
    route: 'routes/staff.cohorts.$cohortId',
    method: 'GET',
    label: 'hub H’s cohort as CSV',
    params: cohort('h'),
    search: () => '?format=csv',
    expect: page({ staffH: 200, mod2: 404, signedIn: 403 }),
  },
  {
    route: 'routes/staff.cohorts.$cohortId',
    method: 'GET',
    label: 'hub H2’s cohort',
    params: cohort('h2'),
    expect: page({ mod2: 200, staffH: 404, signedIn: 403 }),
    shows: { mod2: ['cohortH2Description'] },
  },
  {
    route: 'routes/staff.cohorts.$cohortId',
    method: 'POST',
    label: 'edit with a negative target',
    params: cohort('h'),
    body: () => ({ form: { intent: 'update', ...FIELDS, targetEur: '-1' } }),
    expect: page({ staffH: 422, mod2: 404, signedIn: 403 }),
  },
  {
    route: 'routes/staff.cohorts.$cohortId',
    method: 'POST',
    label: 'archive the archived cohort',
    params: cohort('archived'),
    body: () => ({ form: { intent: 'archive' } }),
    expect: page({ staffH: 409, mod2: 404, signedIn: 403 }),
  },
  {
    route: 'routes/staff.cohorts.$cohortId',
    method: 'POST',
    label: 'add hub H2’s firm to hub H’s cohort',
    params: cohort('h'),
    body: (w) => ({ form: { intent: 'add', organisationId: w.orgs.fh.id } }),
    expect: page({ staffH: 422, mod2: 404, signedIn: 403 }),
  },
  {
    route: 'routes/staff.cohorts.$cohortId',
    method: 'POST',
    label: 'remove firm B, not in the cohort',
    params: cohort('h'),
    body: (w) => ({ form: { intent: 'remove', organisationId: w.orgs.fb.id } }),
    expect: page({ staffH: 422, mod2: 404, signedIn: 403 }),
  },
  {
    route: 'routes/cohorts._index',
    method: 'GET',
    label: 'my firm’s cohorts',
    expect: page({ signedIn: 200 }),
  },
  {
    route: 'routes/cohorts.$cohortId',
    method: 'GET',
    label: 'hub H’s cohort, firm A in it',
    params: cohort('h'),
    expect: page({ firmA: 200, signedIn: 404 }),
    only: (persona) => (persona === 'firmA' || persona === 'memberA' ? ['cohortHDescription'] : []),
    shows: { firmA: ['cohortHDescription'], memberA: ['cohortHDescription'] },
  },
  {
    route: 'routes/cohorts.$cohortId',
    method: 'GET',
    label: 'hub H2’s cohort, the H2 firm in it',
    params: cohort('h2'),
    expect: page({ firmH2: 200, signedIn: 404 }),
    only: (persona) => (persona === 'firmH2' ? ['cohortH2Description'] : []),
    shows: { firmH2: ['cohortH2Description'] },
  },
]
