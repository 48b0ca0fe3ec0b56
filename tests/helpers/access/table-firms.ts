import { page } from './expect'
import { markersVisibleTo, type Persona } from './markers'
import type { Row } from './table'

/**
 * The access rows of issue 14's firms (spread into accessTable by table.ts): the firm directory
 * (/firms, /firms/:slug) for members of verified partners and hub staff only (firms, users of no
 * organisation and members of an organisation not verified: 403), a firm that hid itself in no
 * directory answer for anyone, invitations and staff recommendations posted from it, and the
 * firm's own toggle on its profile editor.
 */

/** Any directory answer: what the persona may read, except the firm that hid itself. */
const notHidden = (persona: Persona) => markersVisibleTo(persona).filter((key) => key !== 'fdHiddenOrg')
const slugOf = (slug: (w: Parameters<NonNullable<Row['params']>>[0]) => string) => (w: Parameters<NonNullable<Row['params']>>[0]) => ({ slug: slug(w) })

export const firmsRows: Row[] = [
  // ── the list: partners every hub's firms, staff their own hub's ──
  {
    route: 'routes/firms._index',
    method: 'GET',
    label: 'the directory',
    expect: page({ partners: 200, staff: 200, signedIn: 403 }),
    only: notHidden,
    shows: { partnerA: ['faOrg', 'fbOrg', 'fhOrg'], mod: ['faOrg', 'fbOrg'], mod2: ['fhOrg'] },
  },
  {
    route: 'routes/firms._index',
    method: 'GET',
    label: 'searched by the hidden firm’s skills',
    search: () => '?skills=iot&sort=name&page=1',
    expect: page({ partners: 200, staff: 200, signedIn: 403 }),
    only: notHidden,
  },
  {
    route: 'routes/firms._index',
    method: 'GET',
    label: 'inviting to (or recommending for) partner A’s public need',
    search: (w) => `?for=${w.needs.public}`,
    expect: page({ partnerA: 200, staffH: 200, partnerB: 404, mod2: 404, signedIn: 403 }),
    only: notHidden,
  },
  {
    route: 'routes/firms._index',
    method: 'GET',
    label: 'recommending for the need shared with H2',
    search: (w) => `?for=${w.needs.shared}`,
    expect: page({ partnerA: 200, staffH: 200, mod2: 200, partnerB: 404, signedIn: 403 }),
    only: notHidden,
    shows: { mod2: ['fhOrg'] },
  },
  {
    route: 'routes/firms._index',
    method: 'GET',
    label: 'for a draft',
    search: (w) => `?for=${w.needs.draft}`,
    expect: page({ partners: 404, staff: 404, signedIn: 403 }),
    only: notHidden,
  },
  {
    route: 'routes/firms._index',
    method: 'POST',
    label: 'invite a firm already invited',
    body: (w) => ({ form: { intent: 'invite', needId: w.needs.invite, firm: w.orgs.fa.slug } }),
    expect: page({ partnerA: 409, partnerB: 404, staff: 404, signedIn: 403 }),
  },
  {
    route: 'routes/firms._index',
    method: 'POST',
    label: 'recommend a firm already invited',
    body: (w) => ({ form: { intent: 'recommend', needId: w.needs.curated, firm: w.orgs.fa.slug, note: 'Une note' } }),
    expect: page({ staffH: 409, mod2: 404, partners: 403, signedIn: 403 }),
  },
  {
    route: 'routes/firms._index',
    method: 'POST',
    label: 'recommend the hidden firm',
    body: (w) => ({ form: { intent: 'recommend', needId: w.needs.public, firm: w.firmsDirectory.hiddenSlug! } }),
    expect: page({ staff: 404, partners: 403, signedIn: 403 }),
    only: notHidden,
  },

  // ── a firm's directory profile ──
  {
    route: 'routes/firms.$slug',
    method: 'GET',
    label: 'firm A',
    params: slugOf((w) => w.orgs.fa.slug),
    expect: page({ partners: 200, staffH: 200, mod2: 404, signedIn: 403 }),
    only: notHidden,
    shows: { partnerA: ['faOrg'], partnerB: ['faOrg'], mod: ['faOrg'] },
  },
  {
    route: 'routes/firms.$slug',
    method: 'GET',
    label: 'the firm of H2',
    params: slugOf((w) => w.orgs.fh.slug),
    expect: page({ partners: 200, mod2: 200, staffH: 404, signedIn: 403 }),
    only: notHidden,
    shows: { partnerA: ['fhOrg'], mod2: ['fhOrg'] },
  },
  {
    route: 'routes/firms.$slug',
    method: 'GET',
    label: 'the hidden firm',
    params: slugOf((w) => w.firmsDirectory.hiddenSlug!),
    expect: page({ partners: 404, staff: 404, signedIn: 403 }),
    only: notHidden,
  },
  {
    route: 'routes/firms.$slug',
    method: 'GET',
    label: 'the pending firm',
    params: slugOf((w) => w.orgs.pending.slug),
    expect: page({ partners: 404, staff: 404, signedIn: 403 }),
    only: notHidden,
  },
  {
    route: 'routes/firms.$slug',
    method: 'POST',
    label: 'invite firm A again',
    params: slugOf((w) => w.orgs.fa.slug),
    body: (w) => ({ form: { intent: 'invite', needId: w.needs.invite } }),
    expect: page({ partnerA: 409, partnerB: 404, staff: 404, signedIn: 403 }),
  },
  {
    route: 'routes/firms.$slug',
    method: 'POST',
    label: 'invite the hidden firm',
    params: slugOf((w) => w.firmsDirectory.hiddenSlug!),
    body: (w) => ({ form: { intent: 'invite', needId: w.needs.public } }),
    expect: page({ partners: 404, staff: 404, signedIn: 403 }),
    only: notHidden,
  },

  // ── a firm hides itself (its owners and admins, on the profile editor) ──
  {
    route: 'routes/orgs.$slug.edit',
    method: 'POST',
    label: 'stay in the directory (unchanged)',
    params: slugOf((w) => w.orgs.fa.slug),
    body: () => ({ form: { intent: 'directory' } }),
    expect: page({ firmA: 302, memberA: 403, signedIn: 404 }),
  },
  {
    route: 'routes/orgs.$slug.edit',
    method: 'POST',
    label: 'a partner has no directory entry',
    params: slugOf((w) => w.orgs.pa.slug),
    body: () => ({ form: { intent: 'directory', directoryHidden: 'on' } }),
    expect: page({ signedIn: 404 }),
  },
]
