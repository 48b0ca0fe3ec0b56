import { everyone, page } from './expect'
import type { MarkerKey } from './markers'
import type { Row } from './table'
import type { World } from './world'

/**
 * The access rows of issue 15's company directory (spread into accessTable by table.ts; decision
 * 0033). The access test runs without COMPANY_DIRECTORY_URL, so nothing is asked of the directory:
 * a lookup shows the form again, and "consult again" sends its staff back to the page, unchanged.
 */
const none = () => [] as MarkerKey[]
const form = (fields: Record<string, string>) => () => ({ form: fields })
const pa = (w: World) => ({ orgId: w.orgs.pa.id })

export const companiesRows: Row[] = [
  // The creation form's "Rechercher" (a SIREN only) and its "Créer" (the whole form).
  { route: 'routes/orgs.new', method: 'POST', label: 'lookup of a valid SIREN', body: form({ intent: 'lookup', siren: '418215448' }), expect: page({ signedIn: 200 }), only: none },
  { route: 'routes/orgs.new', method: 'POST', label: 'lookup of an invalid SIREN', body: form({ intent: 'lookup', siren: '418215440' }), expect: page({ signedIn: 400 }), only: none },
  { route: 'routes/orgs.new', method: 'POST', label: 'create, empty form', body: form({ intent: 'create' }), expect: page({ signedIn: 400 }), only: none },
  // "Consulter l’annuaire à nouveau": staff of the organisation's hub; anyone else does not know it.
  { route: 'routes/staff.organisations.$orgId.directory', method: 'GET', label: 'no page', params: pa, expect: everyone(404), only: none },
  {
    route: 'routes/staff.organisations.$orgId.directory',
    method: 'POST',
    label: 'consult the directory again about partner A',
    params: pa,
    body: form({}),
    expect: page({ staffH: { status: [302], location: /^\/staff\/organisations\/[\w-]+$/ }, signedIn: 404 }),
    only: none,
  },
]
