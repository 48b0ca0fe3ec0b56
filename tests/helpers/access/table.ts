import type { OperationId } from '#app/modules/api/spec'
import { unsubscribeToken } from '#app/modules/notifications/unsubscribe'
import { getEnv } from '#app/utils/env.server'
import type { RequestBody } from './client'
import { api, everyone, page, redirectTo, resolve, type Expectation, type Spec } from './expect'
import { SUGGESTIBLE_SKILLS, type MarkerKey, type Persona } from './markers'
import { pdfWith, type ApplicationName, type NeedName, type World } from './world'
import { cohortsRows } from './table-cohorts'
import { cooperationRows } from './table-cooperation'
import { firmsRows } from './table-firms'
import { groupsRows } from './table-groups'
import { pitchesRows } from './table-pitches'
import { billingRows } from './table-billing'
import { duesRows } from './table-dues'
import { paymentsRows } from './table-payments'
import { companiesRows } from './table-companies'

/**
 * The access-rule table: one row per route of the build (by its route id) and method, with
 * concrete URLs from the world, and for every persona the expected status and what the answer may
 * show. Adding a route means adding its rows here: the coverage test names any route id (and any
 * operation of the API spec) without one.
 *
 * Statuses follow the policy (app/modules/policy/policy.ts): records an actor may not know about
 * answer 404, actions refused on a record the actor sees answer 403, transitions the state does
 * not allow 409. Actions post a real intent, chosen so that the allowed personas are refused by
 * the state (409) or change only their own data; reads run before every write, on the world as built.
 */
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

export interface Row {
  /** The route id in the build's manifest, e.g. `routes/needs.$needId._index`. */
  route: string
  method: Method
  /** Which record or intent, for the test's name. */
  label: string
  params?: (w: World) => Record<string, string>
  /** The query string, `?` included. */
  search?: (w: World) => string
  body?: (w: World) => RequestBody
  /** API rows: the operation of `app/modules/api/spec.ts` exercised (none for 404/405 answers). */
  operation?: OperationId
  expect: Record<Persona, Expectation>
  /** Narrows the markers this answer may carry (default: all those the persona may read). */
  only?: (persona: Persona) => MarkerKey[]
  /** Markers any persona may read in this answer (the request carries the capability). */
  extraMarkers?: MarkerKey[]
  /** Secrets this answer may carry (an invitation's token on the invitation's own page). */
  extraSecrets?: (w: World) => string[]
  /** Markers that must be there: the world is planted and the page shows it. */
  shows?: Partial<Record<Persona, MarkerKey[]>>
  /** Personas whose request must change nothing, besides those expected to be refused. */
  unchanged?: Persona[]
  /** Each persona signs in anew for this row (log-out ends the session). */
  freshSession?: boolean
}

const none = () => [] as MarkerKey[]
const unsubscribeSearch = (userId: string, scope: 'DIGEST' | 'FOLLOWED_NEEDS') =>
  new URLSearchParams({ u: userId, s: scope, t: unsubscribeToken(getEnv().SESSION_SECRET, userId, scope) }).toString()
const SIGNED_IN: Persona[] = ['firmA', 'firmB', 'partnerA', 'partnerB', 'mod', 'admin', 'mod2']
const need = (name: NeedName) => (w: World) => ({ needId: w.needs[name] })
const app = (name: ApplicationName) => (w: World) => ({ applicationId: w.applications[name] })
const form = (fields: Record<string, string | string[]>) => () => ({ form: fields })
const json = (value: unknown) => () => ({ json: value })
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** A complete need as the editor posts it, without markers. */
const NEED_FORM = {
  kind: 'PROOF_OF_CONCEPT',
  title: 'Jumeau numérique d’une ligne de contrôle',
  summary: 'Une preuve de concept de jumeau numérique sur une ligne d’embouteillage.',
  description: 'Modéliser la ligne, brancher les automates existants, simuler les arrêts et mesurer le gain de disponibilité.',
  skills: 'jumeau numérique, iot',
  nafCodes: '62.01Z',
  budgetMinEur: '30000',
  budgetMaxEur: '90000',
  deadline: inDays(40),
  expectedStart: inDays(60),
  communeInsee: '38185',
  radiusKm: '100',
  visibility: 'PUBLIC',
  matchingMode: 'OPEN',
}
const PROPOSAL = { intent: 'save', approach: 'Une approche de contrôle des accès, sans suite.' }

// ───────── who sees each need (the web; the API is the same for organisations) ─────────

const NEED_VIEW: Record<NeedName, Spec> = {
  draft: { partnerA: 200, signedIn: 404 },
  submitted: { partnerA: 200, staffH: 200, signedIn: 404 },
  changes: { partnerA: 200, staffH: 200, signedIn: 404 },
  public: { partnerA: 200, staffH: 200, firms: 200, signedIn: 404 },
  invite: { partnerA: 200, staffH: 200, firmA: 200, signedIn: 404 },
  curated: { partnerA: 200, staffH: 200, firms: 200, signedIn: 404 },
  closed: { partnerA: 200, staffH: 200, firms: 200, signedIn: 404 },
  archived: { partnerA: 200, staffH: 200, signedIn: 404 },
  revision: { partnerA: 200, staffH: 200, firms: 200, signedIn: 404 },
  shared: { partnerA: 200, staffH: 200, firms: 200, mod2: 200, signedIn: 404 },
  screened: { partnerA: 200, staffH: 200, firms: 200, signedIn: 404 },
  pbPublic: { partnerB: 200, staffH: 200, firms: 200, signedIn: 404 },
  pbDraft: { partnerB: 200, signedIn: 404 },
}

const NEED_SHOWS: Partial<Record<NeedName, Partial<Record<Persona, MarkerKey[]>>>> = {
  draft: { partnerA: ['paDraftTitle', 'paDraftBody', 'paDraftSkill'] },
  submitted: { partnerA: ['paSubmittedBody'], mod: ['paSubmittedTitle', 'paSubmittedBody'], admin: ['paSubmittedBody'] },
  changes: { partnerA: ['paChangesComment'], mod: ['paChangesBody', 'paChangesComment'] },
  public: {
    partnerA: ['paPublicBody', 'faQuestion', 'paAnswer', 'fbQuestion'],
    firmA: ['paPublicTitle', 'paPublicBody', 'paPublicSkill', 'faQuestion', 'paAnswer'],
    firmB: ['paPublicTitle', 'paPublicBody', 'faQuestion', 'paAnswer', 'fbQuestion'],
    mod: ['paPublicBody', 'fbQuestion'],
  },
  invite: { partnerA: ['paInviteBody'], firmA: ['paInviteTitle'], mod: ['paInviteBody'] },
  curated: { firmB: ['paCuratedBody'] },
  closed: { firmB: ['paClosedBody'] },
  archived: { partnerA: ['paArchivedBody'], admin: ['paArchivedBody'] },
  revision: { partnerA: ['paRevisionPending'], mod: ['paRevisionPending'], firmA: ['paRevisionBody'] },
  shared: { mod2: ['paSharedTitle', 'paSharedBody'], firmB: ['paSharedBody'] },
  screened: { firmA: ['paScreenedBody'] },
  pbPublic: { partnerB: ['pbPublicBody'], firmA: ['pbPublicBody'] },
  pbDraft: { partnerB: ['pbDraftBody'] },
}

/** The API's view of a spec: hub staff have no token (401 whatever the web would answer). */
function orgsOnly(spec: Spec): Spec {
  const { staffH: _staffH, staff: _staff, mod: _mod, admin: _admin, mod2: _mod2, ...rest } = spec
  return rest
}

/** What the API shows of a page's markers: no staff; no questions, nor deals (the web's only). */
function showsForOrgs(shows: Partial<Record<Persona, MarkerKey[]>> | undefined) {
  const { mod: _mod, admin: _admin, mod2: _mod2, anon: _anon, ...rest } = shows ?? {}
  const webOnly: MarkerKey[] = ['faQuestion', 'paAnswer', 'fbQuestion', 'faDeal']
  return Object.fromEntries(Object.entries(rest).map(([persona, keys]) => [persona, keys.filter((key) => !webOnly.includes(key))]))
}

const NEED_NAMES = Object.keys(NEED_VIEW) as NeedName[]

// ───────── the web ─────────

const publicPages: Row[] = [
  {
    // A firm's home recommends the needs it can act on: firm A was invited to the curated need
    // (firm B, only suggested, is not) and to the confidential one, whose title alone it may read.
    route: 'routes/_index',
    method: 'GET',
    label: 'home',
    expect: everyone(200),
    only: (persona) => (persona === 'firmA' || persona === 'memberA' ? ['paCuratedTitle', 'paCuratedBody', 'paInviteTitle'] : []),
    shows: { firmA: ['paCuratedTitle'] },
  },
  { route: 'routes/login', method: 'GET', label: 'form', expect: resolve({ anon: 200, signedIn: redirectTo('/') }), only: none },
  {
    route: 'routes/login',
    method: 'POST',
    label: 'wrong password',
    body: form({ email: 'personne@test.example', password: 'pas-le-bon-mot-de-passe' }),
    // Signed in, the page's loader sends the answer home instead of the form.
    expect: resolve({ anon: 400, signedIn: redirectTo('/') }),
    only: none,
    unchanged: SIGNED_IN,
  },
  { route: 'routes/signup', method: 'GET', label: 'form', expect: resolve({ anon: 200, signedIn: redirectTo('/') }), only: none },
  {
    route: 'routes/signup',
    method: 'POST',
    label: 'passwords differ',
    body: form({ name: 'Nouvelle Personne', email: 'nouvelle@test.example', password: 'un-long-mot-de-passe', confirmPassword: 'un-autre-mot-de-passe' }),
    expect: resolve({ anon: 400, signedIn: redirectTo('/') }),
    only: none,
    unchanged: SIGNED_IN,
  },
  { route: 'routes/forgot-password', method: 'GET', label: 'form', expect: everyone(200), only: none },
  { route: 'routes/forgot-password', method: 'POST', label: 'bad address', body: form({ email: 'pas-une-adresse' }), expect: everyone(400), only: none },
  { route: 'routes/reset-password', method: 'GET', label: 'unknown token', search: () => '?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: everyone(200), only: none },
  {
    route: 'routes/reset-password',
    method: 'POST',
    label: 'bad token',
    body: form({ token: 'court', password: 'un-long-mot-de-passe', confirmPassword: 'un-long-mot-de-passe' }),
    expect: everyone(400),
    only: none,
  },
  { route: 'routes/logout', method: 'GET', label: 'to home', expect: everyone(redirectTo('/')), only: none },
  { route: 'routes/logout', method: 'POST', label: 'log out', expect: everyone(redirectTo('/')), only: none, freshSession: true },
  { route: 'routes/settings.locale', method: 'GET', label: 'to home', expect: everyone(redirectTo('/')), only: none },
  { route: 'routes/settings.locale', method: 'POST', label: 'French', body: form({ locale: 'fr', redirectTo: '/' }), expect: everyone(redirectTo('/')), only: none },
  // One's own notification preferences; firm A's owner sees where its alerts come from (its saved search with an alert).
  { route: 'routes/settings.notifications', method: 'GET', label: 'own preferences', expect: page({ signedIn: 200 }), shows: { firmA: ['faSearch'] } },
  {
    route: 'routes/settings.notifications',
    method: 'POST',
    label: 'hour 25',
    body: form({ minScore: '60', digestFrequency: 'DAILY', digestWeekday: '1', digestHour: '25', timeZone: 'Europe/Paris', locale: 'fr' }),
    expect: page({ signedIn: 400 }),
  },
  {
    route: 'routes/settings.notifications',
    method: 'POST',
    label: 'the defaults, own account only',
    body: form({ minScore: '60', digestFrequency: 'DAILY', digestWeekday: '1', digestHour: '8', timeZone: 'Europe/Paris', locale: 'fr' }),
    expect: page({ signedIn: redirectTo('/settings/notifications') }),
    only: none,
  },
  // The one-click unsubscribe: the signed link is the credential, whoever holds it (no session).
  { route: 'routes/unsubscribe', method: 'GET', label: 'firm A’s digest link, state only', search: (w) => `?${unsubscribeSearch(w.users.firmA.id, 'DIGEST')}&view=1`, expect: everyone(200), only: none },
  { route: 'routes/unsubscribe', method: 'GET', label: 'forged link', search: (w) => `?u=${w.users.firmA.id}&s=DIGEST&t=${'A'.repeat(32)}`, expect: everyone(400), only: none },
  { route: 'routes/unsubscribe', method: 'POST', label: 'forged link, one click', search: (w) => `?u=${w.users.firmB.id}&s=RECOMMENDED&t=${'A'.repeat(32)}`, body: form({ 'List-Unsubscribe': 'One-Click' }), expect: everyone(400), only: none },
  {
    route: 'routes/unsubscribe',
    method: 'POST',
    label: 'firm A’s followed-needs link, one click',
    search: (w) => `?${unsubscribeSearch(w.users.firmA.id, 'FOLLOWED_NEEDS')}`,
    body: form({ 'List-Unsubscribe': 'One-Click' }),
    expect: everyone(200),
    only: none,
  },
  // The confirmation page's buttons: the same link, then its state shown (`view=1`).
  ...(['unsubscribe', 'undo'] as const).map(
    (intent): Row => ({
      route: 'routes/unsubscribe',
      method: 'POST',
      label: `firm B’s followed-needs link, ${intent}`,
      search: (w) => `?${unsubscribeSearch(w.users.firmB.id, 'FOLLOWED_NEEDS')}`,
      body: form({ intent }),
      expect: everyone({ status: [302], location: /^\/unsubscribe\?u=[^&]+&s=FOLLOWED_NEEDS&t=[\w-]{32}&view=1$/ }),
      only: none,
    }),
  ),
  // One's own address and name, nothing of anyone else.
  { route: 'routes/account', method: 'GET', label: 'own account', expect: page({ signedIn: 200 }) },
  // Another account's session (or none): unknown, whoever asks.
  { route: 'routes/account', method: 'POST', label: 'revoke an unknown session', body: form({ intent: 'revoke-session', sessionId: 'a'.repeat(64) }), expect: page({ signedIn: 404 }) },
  { route: 'routes/verify-email', method: 'GET', label: 'unknown token', search: () => '?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: everyone(200), only: none },
  { route: 'routes/verify-email', method: 'POST', label: 'unknown token', body: form({ intent: 'confirm', token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }), expect: everyone(422), only: none },
  // Every persona's address is verified: a new link is not sent, the toast says so.
  { route: 'routes/verify-email', method: 'POST', label: 'a new link for a verified address', body: form({ intent: 'resend', redirectTo: '/account' }), expect: page({ signedIn: redirectTo('/account') }), only: none },
  // Bad input on each of the account's forms: refused next to the field, nothing changed.
  { route: 'routes/account', method: 'POST', label: 'profile without a name', body: form({ intent: 'profile', name: '', locale: 'fr', timeZone: 'Europe/Paris' }), expect: page({ signedIn: 400 }) },
  { route: 'routes/account', method: 'POST', label: 'password too short', body: form({ intent: 'password', currentPassword: 'pas-le-bon-mot-de-passe', password: 'court', confirmPassword: 'court' }), expect: page({ signedIn: 400 }) },
  { route: 'routes/account', method: 'POST', label: 'e-mail malformed', body: form({ intent: 'email', email: 'pas-une-adresse', currentPassword: 'pas-le-bon-mot-de-passe' }), expect: page({ signedIn: 400 }) },
  // One session each: there is no other session to close.
  { route: 'routes/account', method: 'POST', label: 'log out elsewhere', body: form({ intent: 'revoke-others' }), expect: page({ signedIn: redirectTo('/account') }), only: none },
  { route: 'routes/healthz', method: 'GET', label: 'up', expect: everyone(200), only: none },
  { route: 'routes/resources.communes', method: 'GET', label: 'gren', search: () => '?q=gren', expect: everyone(200), only: none },
  { route: 'routes/resources.naf', method: 'GET', label: '62', search: () => '?q=62&codes=62.01Z', expect: everyone(200), only: none },
  // Verified firms only: never the pending one, whose name also contains the query.
  { route: 'routes/resources.firms', method: 'GET', label: 'startup', search: () => '?q=startup', expect: resolve({ anon: 401, signedIn: 200 }), only: none },
  // The skills picker suggests the skills of published public needs to any signed-in user: never
  // those of drafts, submitted, members-only, confidential or archived needs, nor of a pending revision.
  ...(['paDraftSkill', 'paSubmittedSkill', 'paInviteSkill', 'paArchivedSkill', 'paSharedSkill', 'paRevisionPending', ...SUGGESTIBLE_SKILLS] as MarkerKey[]).map(
    (skill): Row => ({
      route: 'routes/resources.skills',
      method: 'GET',
      label: skill,
      // The marker without its run suffix: a prefix that finds it, without carrying it.
      search: (w) => `?q=${w.markers[skill].replace(/-z[0-9a-f]+$/, '')}`,
      expect: resolve({ anon: 401, signedIn: 200 }),
      only: (persona) => (persona === 'anon' ? [] : SUGGESTIBLE_SKILLS),
      shows: SUGGESTIBLE_SKILLS.includes(skill) ? { firmB: [skill], partnerB: [skill], mod2: [skill] } : undefined,
    }),
  ),
]

const needPages: Row[] = [
  {
    route: 'routes/needs._index',
    method: 'GET',
    label: 'list',
    expect: page({ signedIn: 200 }),
    shows: {
      partnerA: ['paDraftTitle', 'paSubmittedTitle', 'paChangesTitle', 'paArchivedTitle', 'paInviteTitle'],
      partnerB: ['pbDraftTitle', 'pbPublicTitle'],
      firmA: ['paPublicTitle', 'paPublicBody', 'paInviteTitle', 'paSharedTitle', 'pbPublicTitle', 'faSearch'],
      firmB: ['paPublicTitle', 'paCuratedTitle', 'pbPublicTitle', 'fbSearch'],
      mod: ['paSubmittedTitle', 'paArchivedTitle', 'pbPublicTitle'],
      mod2: ['paSharedTitle'],
    },
  },
  { route: 'routes/needs._index', method: 'GET', label: 'status=DRAFT', search: () => '?status=DRAFT', expect: page({ signedIn: 200 }), shows: { partnerA: ['paDraftTitle'] } },
  {
    route: 'routes/needs._index',
    method: 'GET',
    label: 'hub=H2',
    search: (w) => `?hub=${w.hubs.h2}`,
    expect: page({ signedIn: 200 }),
    shows: { mod2: ['paSharedTitle'], firmA: ['paSharedTitle'] },
  },
  {
    route: 'routes/needs._index',
    method: 'GET',
    label: 'search by a public need’s words',
    search: (w) => `?q=${w.markers.paPublicBody}`,
    expect: page({ signedIn: 200 }),
    shows: { firmB: ['paPublicTitle'], partnerA: ['paPublicTitle'] },
  },
  {
    // Before its NDA, an invited firm reads a confidential need's title only (see also the
    // test of searches on hidden details, in the test file).
    route: 'routes/needs._index',
    method: 'GET',
    label: 'search by a confidential need’s words',
    search: (w) => `?q=${w.markers.paInviteBody}`,
    expect: page({ signedIn: 200 }),
    shows: { partnerA: ['paInviteTitle'] },
  },
  {
    route: 'routes/needs._index',
    method: 'POST',
    label: 'delete firm A’s saved search',
    body: (w) => ({ form: { intent: 'deleteSearch', id: w.savedSearches.fa } }),
    // A saved search is its user's: not even a colleague's.
    expect: page({ firmA: 302, memberA: 404, signedIn: 404 }),
  },

  // Saved searches are the user's own: an unnamed one is refused to everyone signed in.
  { route: 'routes/needs._index', method: 'POST', label: 'save a search without a name', body: form({ intent: 'saveSearch', name: '', query: 'q=capteurs' }), expect: page({ signedIn: 400 }) },
  { route: 'routes/needs.new', method: 'GET', label: 'editor', expect: page({ partners: 200, signedIn: 403 }) },
  { route: 'routes/needs.new', method: 'POST', label: 'save a draft', body: form({ ...NEED_FORM, intent: 'save' }), expect: page({ partners: 302, signedIn: 403 }) },
  { route: 'routes/needs.new', method: 'POST', label: 'submit a need', body: form({ ...NEED_FORM, intent: 'submit' }), expect: page({ partners: 302, signedIn: 403 }) },

  ...NEED_NAMES.map(
    (name): Row => ({
      route: 'routes/needs.$needId._index',
      method: 'GET',
      label: name,
      params: need(name),
      expect: page(NEED_VIEW[name]),
      shows: NEED_SHOWS[name],
    }),
  ),
  { route: 'routes/needs.$needId._index', method: 'GET', label: 'missing', params: () => ({ needId: 'no-such-need' }), expect: page({ signedIn: 404 }) },
  { route: 'routes/needs.$needId._index', method: 'POST', label: 'submit a submitted need', params: need('submitted'), body: form({ intent: 'submit' }), expect: page({ partnerA: 409, signedIn: 404 }) },
  // Drafts stay with their partner: staff may not publish one.
  { route: 'routes/needs.$needId._index', method: 'POST', label: 'publish a draft', params: need('draft'), body: form({ intent: 'publish' }), expect: page({ signedIn: 404 }) },
  { route: 'routes/needs.$needId._index', method: 'POST', label: 'publish a published need', params: need('public'), body: form({ intent: 'publish' }), expect: page({ staffH: 409, signedIn: 404 }) },
  {
    route: 'routes/needs.$needId._index',
    method: 'POST',
    label: 'request changes on a published need',
    params: need('public'),
    body: form({ intent: 'requestChanges', comment: 'Merci de préciser le budget.' }),
    expect: page({ staffH: 409, signedIn: 404 }),
  },
  { route: 'routes/needs.$needId._index', method: 'POST', label: 'withdraw a revision that is not there', params: need('public'), body: form({ intent: 'withdrawRevision' }), expect: page({ partnerA: 409, signedIn: 404 }) },
  { route: 'routes/needs.$needId._index', method: 'POST', label: 'close a submitted need', params: need('submitted'), body: form({ intent: 'close' }), expect: page({ partnerA: 409, signedIn: 404 }) },
  ...(['award', 'notAward', 'archive'] as const).map(
    (intent): Row => ({ route: 'routes/needs.$needId._index', method: 'POST', label: `${intent} a submitted need`, params: need('submitted'), body: form({ intent }), expect: page({ partnerA: 409, signedIn: 404 }) }),
  ),
  // Following a need (its answers come by e-mail): whoever reads its full page, its partner aside.
  ...(['follow', 'unfollow'] as const).flatMap((intent): Row[] => [
    { route: 'routes/needs.$needId._index', method: 'POST', label: `${intent} the public need`, params: need('public'), body: form({ intent }), expect: page({ firms: 302, staffH: 302, partnerA: 403, signedIn: 404 }) },
    { route: 'routes/needs.$needId._index', method: 'POST', label: `${intent} a draft`, params: need('draft'), body: form({ intent }), expect: page({ partnerA: 403, signedIn: 404 }) },
  ]),
  {
    route: 'routes/needs.$needId._index',
    method: 'POST',
    label: 'ask a question on the confidential need',
    params: need('invite'),
    body: form({ intent: 'askQuestion', body: 'Une question de contrôle des accès ?' }),
    expect: page({ partnerA: 409, staffH: 409, firmA: 409, signedIn: 404 }),
  },
  {
    route: 'routes/needs.$needId._index',
    method: 'POST',
    label: 'answer a question again',
    params: need('public'),
    body: (w) => ({ form: { intent: 'answerQuestion', questionId: w.questions.fa, answer: `Réponse publique ${w.markers.paAnswer}.` } }),
    expect: page({ partnerA: 302, signedIn: 404 }),
  },
  {
    route: 'routes/needs.$needId._index',
    method: 'POST',
    label: 'answer another need’s question',
    params: need('pbPublic'),
    body: (w) => ({ form: { intent: 'answerQuestion', questionId: w.questions.fb, answer: 'Réponse croisée.' } }),
    expect: page({ signedIn: 404 }),
  },
  {
    route: 'routes/needs.$needId._index',
    method: 'POST',
    label: 'accept an outdated NDA',
    params: need('invite'),
    body: form({ intent: 'acceptNda', textVersion: 'nda-0', agree: 'on' }),
    expect: page({ firmA: 409, signedIn: 404 }),
  },
  {
    route: 'routes/needs.$needId._index',
    method: 'POST',
    label: 'invite an invited firm',
    params: need('curated'),
    body: (w) => ({ form: { intent: 'match', decision: 'invite', matchId: w.matches.faCurated } }),
    expect: page({ partnerA: 409, firmA: 403, staffH: 403, signedIn: 404 }),
  },
  {
    route: 'routes/needs.$needId._index',
    method: 'POST',
    label: 'reject an invited firm',
    params: need('curated'),
    body: (w) => ({ form: { intent: 'match', decision: 'reject', matchId: w.matches.faCurated } }),
    expect: page({ staffH: 409, partnerA: 403, firmA: 403, signedIn: 404 }),
  },

  // Recommended firms: the need's partner and its hub's staff, once published.
  {
    route: 'routes/needs.$needId.recommendations',
    method: 'GET',
    label: 'curated',
    params: need('curated'),
    expect: page({ partnerA: 200, staffH: 200, signedIn: 404 }),
  },
  { route: 'routes/needs.$needId.recommendations', method: 'GET', label: 'partner B’s need', params: need('pbPublic'), expect: page({ partnerB: 200, staffH: 200, signedIn: 404 }) },
  { route: 'routes/needs.$needId.recommendations', method: 'GET', label: 'draft', params: need('draft'), expect: page({ signedIn: 404 }) },
  {
    route: 'routes/needs.$needId.recommendations',
    method: 'POST',
    label: 'invite an invited firm',
    params: need('curated'),
    body: (w) => ({ form: { intent: 'match', decision: 'invite', matchId: w.matches.faCurated } }),
    expect: page({ partnerA: 409, firmA: 403, staffH: 403, signedIn: 404 }),
  },
  {
    route: 'routes/needs.$needId.recommendations',
    method: 'POST',
    label: 'a match of another need',
    params: need('public'),
    body: (w) => ({ form: { intent: 'match', decision: 'dismiss', matchId: w.matches.fbCurated } }),
    expect: page({ signedIn: 404 }),
  },

  ...(['draft', 'changes', 'revision', 'invite', 'submitted', 'pbDraft'] as NeedName[]).map(
    (name): Row => ({
      route: 'routes/needs.$needId.edit',
      method: 'GET',
      label: name,
      params: need(name),
      expect: page(
        name === 'pbDraft' ? { partnerB: 200, signedIn: 404 } : name === 'submitted' ? { partnerA: 409, signedIn: 404 } : { partnerA: 200, signedIn: 404 },
      ),
      shows: name === 'changes' ? { partnerA: ['paChangesComment'] } : name === 'revision' ? { partnerA: ['paRevisionPending'] } : name === 'draft' ? { partnerA: ['paDraftBody'] } : undefined,
    }),
  ),
  { route: 'routes/needs.$needId.edit', method: 'POST', label: 'edit a closed need', params: need('closed'), body: form({ ...NEED_FORM, intent: 'save' }), expect: page({ partnerA: 409, signedIn: 404 }) },
  { route: 'routes/needs.$needId.edit', method: 'POST', label: 'submit a closed need', params: need('closed'), body: form({ ...NEED_FORM, intent: 'submit' }), expect: page({ partnerA: 409, signedIn: 404 }) },

  { route: 'routes/needs.$needId.apply', method: 'GET', label: 'public (both firms applied)', params: need('public'), expect: page({ partnerA: 409, staffH: 409, firms: 409, firmH2: 200, signedIn: 404 }) },
  { route: 'routes/needs.$needId.apply', method: 'GET', label: 'curated (firm A invited)', params: need('curated'), expect: page({ firmA: 200, partnerA: 409, staffH: 409, firms: 409, signedIn: 404 }) },
  {
    route: 'routes/needs.$needId.apply',
    method: 'GET',
    label: 'shared (firm A’s draft)',
    params: need('shared'),
    expect: page({ firms: 200, partnerA: 409, staffH: 409, mod2: 409, signedIn: 404 }),
    shows: { firmA: ['faDraftProposal'] },
  },
  { route: 'routes/needs.$needId.apply', method: 'GET', label: 'invite (before the NDA)', params: need('invite'), expect: page({ firmA: 409, partnerA: 409, staffH: 409, signedIn: 404 }) },
  { route: 'routes/needs.$needId.apply', method: 'GET', label: 'draft', params: need('draft'), expect: page({ partnerA: 409, signedIn: 404 }) },
  { route: 'routes/needs.$needId.apply', method: 'GET', label: 'partner B’s need', params: need('pbPublic'), expect: page({ firmA: 200, firmH2: 200, firmB: 409, partnerB: 409, staffH: 409, signedIn: 404 }) },
  // The firm of H2 has not applied yet: it saves its own draft, then submits it.
  { route: 'routes/needs.$needId.apply', method: 'POST', label: 'apply again', params: need('public'), body: form(PROPOSAL), expect: page({ firms: 409, firmH2: 302, partnerA: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/needs.$needId.apply', method: 'POST', label: 'submit again', params: need('public'), body: form({ ...PROPOSAL, intent: 'submit' }), expect: page({ firms: 409, firmH2: 302, partnerA: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/needs.$needId.apply', method: 'POST', label: 'apply before the NDA', params: need('invite'), body: form(PROPOSAL), expect: page({ firmA: 409, partnerA: 403, staffH: 403, signedIn: 404 }) },

  {
    route: 'routes/needs.$needId.applications',
    method: 'GET',
    label: 'public',
    params: need('public'),
    expect: page({ partnerA: 200, staffH: 200, signedIn: 404 }),
    shows: { partnerA: ['faAppProposal', 'fbAppProposal'], mod: ['faAppProposal', 'fbAppProposal'] },
  },
  // Screened by staff: the partner sees nothing until staff let the application through.
  { route: 'routes/needs.$needId.applications', method: 'GET', label: 'screened', params: need('screened'), expect: page({ partnerA: 200, staffH: 200, signedIn: 404 }), shows: { mod: ['fbScreenProposal'] } },
  { route: 'routes/needs.$needId.applications', method: 'GET', label: 'shared (a draft application only)', params: need('shared'), expect: page({ partnerA: 200, staffH: 200, signedIn: 404 }) },
  // Drafts stay with their partner: staff do not read a draft need, its pipeline included.
  { route: 'routes/needs.$needId.applications', method: 'GET', label: 'draft', params: need('draft'), expect: page({ partnerA: 200, signedIn: 404 }) },
  { route: 'routes/needs.$needId.applications', method: 'GET', label: 'partner B’s need', params: need('pbPublic'), expect: page({ partnerB: 200, staffH: 200, signedIn: 404 }), shows: { partnerB: ['fbPbProposal'] } },
  {
    route: 'routes/needs.$needId.applications',
    method: 'POST',
    label: 'decline an accepted application',
    params: need('public'),
    body: (w) => ({ form: { intent: 'bulkDecline', applicationIds: w.applications.faApp, reason: 'BUDGET', comment: 'Budget insuffisant pour ce pilote.' } }),
    expect: page({ partnerA: 409, signedIn: 404 }),
  },
  {
    route: 'routes/needs.$needId.applications',
    method: 'POST',
    label: 'decline another need’s application',
    params: need('pbPublic'),
    body: (w) => ({ form: { intent: 'bulkDecline', applicationIds: w.applications.fbApp, reason: 'BUDGET', comment: 'Budget insuffisant pour ce pilote.' } }),
    expect: page({ signedIn: 404 }),
  },
]

const APPLICATION_VIEW: Record<ApplicationName, Spec> = {
  faApp: { firmA: 200, partnerA: 200, staffH: 200, signedIn: 404 },
  fbApp: { firmB: 200, partnerA: 200, staffH: 200, signedIn: 404 },
  faDraft: { firmA: 200, signedIn: 404 },
  fbScreen: { firmB: 200, staffH: 200, signedIn: 404 },
  fbPb: { firmB: 200, partnerB: 200, staffH: 200, signedIn: 404 },
  // The suspended firm reads its application; its partner and hub staff too.
  fsApp: { suspended: 200, partnerA: 200, staffH: 200, signedIn: 404 },
}
const APPLICATION_SHOWS: Record<ApplicationName, Partial<Record<Persona, MarkerKey[]>>> = {
  faApp: {
    firmA: ['faAppProposal', 'paMessage', 'faMessage', 'faDeal', 'faAttach'],
    partnerA: ['faAppProposal', 'paMessage', 'faMessage', 'faDeal', 'faAttach'],
    mod: ['faAppProposal', 'faDeal'],
  },
  fbApp: { partnerA: ['fbAppProposal'], firmB: ['fbAppProposal'] },
  faDraft: { firmA: ['faDraftProposal', 'faDraftAttach'] },
  fbScreen: { mod: ['fbScreenProposal', 'fbScreenAttach'] },
  fbPb: { partnerB: ['fbPbProposal'] },
  fsApp: { suspended: ['fsAppProposal'], partnerA: ['fsAppProposal'] },
}
const APPLICATION_NAMES = Object.keys(APPLICATION_VIEW) as ApplicationName[]

const upload = (name: string) => () => ({ multipart: { files: [{ field: 'file', name: `${name}.pdf`, type: 'application/pdf', bytes: pdfWith('contrôle') }] } })

const applicationPages: Row[] = [
  {
    route: 'routes/applications._index',
    method: 'GET',
    label: 'mine',
    expect: page({ signedIn: 200 }),
    shows: { firmA: ['paPublicTitle', 'paSharedTitle'], firmB: ['pbPublicTitle', 'paScreenedTitle'] },
  },
  ...APPLICATION_NAMES.map(
    (name): Row => ({
      route: 'routes/applications.$applicationId',
      method: 'GET',
      label: name,
      params: app(name),
      expect: page(APPLICATION_VIEW[name]),
      shows: APPLICATION_SHOWS[name],
    }),
  ),
  { route: 'routes/applications.$applicationId', method: 'GET', label: 'missing', params: () => ({ applicationId: 'no-such-application' }), expect: page({ signedIn: 404 }) },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'message', params: app('faApp'), body: form({ intent: 'message', message: 'Message de contrôle des accès.' }), expect: page({ firmA: 302, partnerA: 302, staffH: 403, signedIn: 404 }) },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'withdraw an accepted application', params: app('faApp'), body: form({ intent: 'withdraw' }), expect: page({ firmA: 409, partnerA: 403, staffH: 403, signedIn: 404 }) },
  {
    route: 'routes/applications.$applicationId',
    method: 'POST',
    label: 'start a second pilot',
    params: app('faApp'),
    body: form({ intent: 'startPilot', successCriteria: 'Un critère', pilotStartsOn: inDays(70), pilotEndsOn: inDays(100) }),
    expect: page({ partnerA: 409, firmA: 403, staffH: 403, signedIn: 404 }),
  },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'remove an attachment after submission', params: app('faApp'), body: (w) => ({ form: { intent: 'removeAttachment', attachmentId: w.attachments.faAttach } }), expect: page({ firmA: 409, signedIn: 404 }) },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'upload to an accepted application', params: app('faApp'), body: upload('controle'), expect: page({ firmA: 409, partnerA: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'upload to a draft', params: app('faDraft'), body: upload('controle-brouillon'), expect: page({ firmA: 302, signedIn: 404 }) },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'accept an application being screened', params: app('fbScreen'), body: form({ intent: 'accept' }), expect: page({ firmB: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'shortlist a draft', params: app('faDraft'), body: form({ intent: 'shortlist' }), expect: page({ firmA: 403, signedIn: 404 }) },
  // The other decisions on firm A's accepted application: its partner is refused by the state,
  // the firm and staff because the decision is not theirs, everyone else does not know it.
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'ask an accepted application for information', params: app('faApp'), body: form({ intent: 'requestInfo', message: 'Une question de contrôle des accès ?' }), expect: page({ partnerA: 409, firmA: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'answer information nobody asked', params: app('faApp'), body: form({ intent: 'answerInfo', message: 'Une réponse de contrôle des accès.' }), expect: page({ firmA: 409, partnerA: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'decline an accepted application', params: app('faApp'), body: form({ intent: 'decline', reason: 'BUDGET', comment: 'Budget insuffisant pour ce pilote.' }), expect: page({ partnerA: 409, firmA: 403, staffH: 403, signedIn: 404 }) },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'screen an application of an unscreened need', params: app('faApp'), body: form({ intent: 'startScreening' }), expect: page({ partnerA: 403, firmA: 403, staffH: 403, signedIn: 404 }) },
  ...(['confirmConsortium', 'declineConsortium'] as const).map(
    (intent): Row => ({ route: 'routes/applications.$applicationId', method: 'POST', label: `${intent} without a consortium`, params: app('faApp'), body: form({ intent }), expect: page({ partnerA: 403, firmA: 403, staffH: 403, signedIn: 404 }) }),
  ),
  // The deal's steps on an application without a deal: its partner is refused by the state.
  ...(['pilotSucceeded', 'pilotFailed', 'cancel'] as const).map(
    (intent): Row => ({ route: 'routes/applications.$applicationId', method: 'POST', label: `${intent} without a deal`, params: app('fbApp'), body: form({ intent }), expect: page({ partnerA: 409, firmB: 403, staffH: 403, signedIn: 404 }) }),
  ),
  // Suspended means read-only: the suspended firm withdraws, writes and uploads nothing.
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'the suspended firm withdraws', params: app('fsApp'), body: form({ intent: 'withdraw' }), expect: page({ suspended: 403, partnerA: 403, staffH: 403, signedIn: 404 }) },
  {
    route: 'routes/applications.$applicationId',
    method: 'POST',
    label: 'the suspended firm writes',
    params: app('fsApp'),
    body: form({ intent: 'message', message: 'Message de contrôle des accès.' }),
    expect: page({ suspended: 403, partnerA: 302, staffH: 403, signedIn: 404 }),
  },
  { route: 'routes/applications.$applicationId', method: 'POST', label: 'the suspended firm uploads', params: app('fsApp'), body: upload('controle-suspendue'), expect: page({ suspended: 403, partnerA: 403, staffH: 403, signedIn: 404 }) },
  {
    route: 'routes/applications.$applicationId',
    method: 'POST',
    label: 'sign a contract without a deal',
    params: app('fbApp'),
    body: form({ intent: 'signContract', purchaseOrder: 'BC-2026-001', contractValueEur: '50000', contractSignedAt: inDays(-1) }),
    expect: page({ partnerA: 409, firmB: 403, staffH: 403, signedIn: 404 }),
  },

  {
    route: 'routes/applications.$applicationId.attachments.$attachmentId',
    method: 'GET',
    label: 'firm A’s proposal PDF',
    params: (w) => ({ applicationId: w.applications.faApp, attachmentId: w.attachments.faAttach }),
    expect: page({ firmA: 200, partnerA: 200, staffH: 200, signedIn: 404 }),
    shows: { partnerA: ['faAttach'], mod: ['faAttach'] },
  },
  {
    route: 'routes/applications.$applicationId.attachments.$attachmentId',
    method: 'GET',
    label: 'a draft’s PDF',
    params: (w) => ({ applicationId: w.applications.faDraft, attachmentId: w.attachments.faDraftAttach }),
    expect: page({ firmA: 200, signedIn: 404 }),
    shows: { firmA: ['faDraftAttach'] },
  },
  {
    route: 'routes/applications.$applicationId.attachments.$attachmentId',
    method: 'GET',
    label: 'a PDF being screened',
    params: (w) => ({ applicationId: w.applications.fbScreen, attachmentId: w.attachments.fbScreenAttach }),
    expect: page({ firmB: 200, staffH: 200, signedIn: 404 }),
  },
  {
    route: 'routes/applications.$applicationId.attachments.$attachmentId',
    method: 'GET',
    label: 'another application’s PDF through one’s own',
    params: (w) => ({ applicationId: w.applications.faApp, attachmentId: w.attachments.fbScreenAttach }),
    expect: page({ signedIn: 404 }),
  },
]

/** Verified organisations' profiles: members of verified organisations, and their hub's staff. */
const ORG_VIEW: Spec = { orgs: 200, readOnly: 404, staffH: 200, signedIn: 404 }

const organisationPages: Row[] = [
  {
    route: 'routes/orgs.$slug._index',
    method: 'GET',
    label: 'partner A',
    params: (w) => ({ slug: w.orgs.pa.slug }),
    expect: page(ORG_VIEW),
    shows: { partnerA: ['paOrg', 'paOwnerEmail', 'paInvitee'], firmB: ['paOrg'], partnerB: ['paOrg'], mod: ['paOrg', 'paOwnerEmail'] },
  },
  {
    route: 'routes/orgs.$slug._index',
    method: 'GET',
    label: 'firm A',
    params: (w) => ({ slug: w.orgs.fa.slug }),
    expect: page(ORG_VIEW),
    shows: { firmA: ['faOrg', 'faOwnerEmail'], firmB: ['faOrg'], admin: ['faOrg', 'faOwnerEmail'] },
  },
  { route: 'routes/orgs.$slug._index', method: 'GET', label: 'a pending firm', params: (w) => ({ slug: w.orgs.pending.slug }), expect: page({ staffH: 200, pending: 200, signedIn: 404 }), shows: { mod: ['pcOrg', 'pcOwnerEmail'], pending: ['pcOrg'] } },
  { route: 'routes/orgs.$slug._index', method: 'GET', label: 'a suspended firm', params: (w) => ({ slug: w.orgs.fs.slug }), expect: page({ staffH: 200, suspended: 200, signedIn: 404 }), shows: { admin: ['fsOrg'], suspended: ['fsOrg'] } },
  { route: 'routes/orgs.$slug._index', method: 'GET', label: 'a firm of H2', params: (w) => ({ slug: w.orgs.fh.slug }), expect: page({ orgs: 200, readOnly: 404, mod2: 200, signedIn: 404 }), shows: { firmH2: ['fhOrg'], firmA: ['fhOrg'], mod2: ['fhOrg'] } },
  { route: 'routes/orgs.$slug._index', method: 'GET', label: 'missing', params: () => ({ slug: 'no-such-organisation' }), expect: page({ signedIn: 404 }) },
  { route: 'routes/orgs.$slug._index', method: 'POST', label: 'invite to partner A', params: (w) => ({ slug: w.orgs.pa.slug }), body: form({ email: 'controle-invitation@test.example', role: 'MEMBER' }), expect: page({ partnerA: 200, signedIn: 404 }) },
  // A plain member sees the page, and may not invite.
  { route: 'routes/orgs.$slug._index', method: 'POST', label: 'invite to firm A', params: (w) => ({ slug: w.orgs.fa.slug }), body: form({ email: 'controle-invitation@test.example', role: 'MEMBER' }), expect: page({ firmA: 200, memberA: 403, signedIn: 404 }) },

  { route: 'routes/orgs.$slug.edit', method: 'GET', label: 'partner A', params: (w) => ({ slug: w.orgs.pa.slug }), expect: page({ partnerA: 200, signedIn: 404 }), shows: { partnerA: ['paOrg'] } },
  { route: 'routes/orgs.$slug.edit', method: 'GET', label: 'firm A', params: (w) => ({ slug: w.orgs.fa.slug }), expect: page({ firmA: 200, memberA: 403, signedIn: 404 }), shows: { firmA: ['faOrg'] } },
  { route: 'routes/orgs.$slug.edit', method: 'POST', label: 'incomplete section', params: (w) => ({ slug: w.orgs.pa.slug }), body: form({ intent: 'general' }), expect: page({ partnerA: 400, signedIn: 404 }) },
  { route: 'routes/orgs.$slug.edit', method: 'POST', label: 'incomplete charter', params: (w) => ({ slug: w.orgs.pa.slug }), body: form({ intent: 'charter', charterResponseDays: 'jamais' }), expect: page({ partnerA: [400, 422], signedIn: 404 }) },
  ...(['expertise', 'intervention', 'reference-add', 'reference-update', 'reference-remove'] as const).map(
    (intent): Row => ({
      route: 'routes/orgs.$slug.edit',
      method: 'POST',
      label: `incomplete ${intent}`,
      params: (w) => ({ slug: w.orgs.fa.slug }),
      body: form({
        intent,
        ...(intent === 'expertise'
          ? { skills: 'x'.repeat(5000) }
          : intent === 'intervention'
            ? { interventionRadiusKm: '5000' }
            : { referenceId: intent === 'reference-add' ? '' : 'no-such-reference', title: '' }),
      }),
      expect: page({ firmA: [400, 404], memberA: 403, signedIn: 404 }),
    }),
  ),

  { route: 'routes/orgs.$slug.settings', method: 'GET', label: 'partner A', params: (w) => ({ slug: w.orgs.pa.slug }), expect: page({ partnerA: 200, signedIn: 404 }), shows: { partnerA: ['paToken'] } },
  { route: 'routes/orgs.$slug.settings', method: 'GET', label: 'firm A', params: (w) => ({ slug: w.orgs.fa.slug }), expect: page({ firmA: 200, memberA: 404, signedIn: 404 }), shows: { firmA: ['faToken'] } },
  { route: 'routes/orgs.$slug.settings', method: 'POST', label: 'token name too short', params: (w) => ({ slug: w.orgs.pa.slug }), body: form({ intent: 'create', name: 'x' }), expect: page({ partnerA: 400, signedIn: 404 }) },
  {
    route: 'routes/orgs.$slug.settings',
    method: 'POST',
    label: 'revoke another organisation’s token',
    params: (w) => ({ slug: w.orgs.pa.slug }),
    body: (w) => ({ form: { intent: 'revoke', tokenId: w.apiTokens.firmA.id } }),
    expect: page({ signedIn: 404 }),
  },

  // The team's forms, on a membership or invitation that does not exist: the owner is told it is
  // unknown, like everybody else (the rules themselves are tested in members.test.ts).
  ...(['remove-member', 'change-role', 'transfer-ownership'] as const).map(
    (intent): Row => ({
      route: 'routes/orgs.$slug.settings',
      method: 'POST',
      label: `${intent} of an unknown member`,
      params: (w) => ({ slug: w.orgs.pa.slug }),
      body: form({ intent, membershipId: 'cl0unknownmembership0000', role: 'ADMIN' }),
      expect: page({ signedIn: 404 }),
    }),
  ),
  {
    route: 'routes/orgs.$slug.settings',
    method: 'POST',
    label: 'cancel an unknown invitation',
    params: (w) => ({ slug: w.orgs.pa.slug }),
    body: form({ intent: 'cancel-invitation', invitationId: 'cl0unknownmembership0000' }),
    expect: page({ signedIn: 404 }),
  },
  // Leaving: any member reads what it does; partner A's only owner may not leave (409).
  { route: 'routes/orgs.$slug.leave', method: 'GET', label: 'partner A', params: (w) => ({ slug: w.orgs.pa.slug }), expect: page({ partnerA: 200, signedIn: 404 }) },
  { route: 'routes/orgs.$slug.leave', method: 'POST', label: 'partner A’s only owner', params: (w) => ({ slug: w.orgs.pa.slug }), body: form({ intent: 'leave' }), expect: page({ partnerA: 409, signedIn: 404 }) },

  { route: 'routes/orgs.new', method: 'GET', label: 'form', expect: page({ signedIn: 200 }) },
  { route: 'routes/orgs.new', method: 'POST', label: 'empty form', body: form({}), expect: page({ signedIn: 400 }) },

  { route: 'routes/invitations.$token', method: 'GET', label: 'unknown token', params: () => ({ token: 'pas-une-invitation-valable-du-tout' }), expect: everyone(200) },
  {
    // Whoever holds the link reads the invitation (its address and organisation).
    route: 'routes/invitations.$token',
    method: 'GET',
    label: 'partner A’s invitation',
    params: (w) => ({ token: w.invitationToken }),
    expect: everyone(200),
    extraMarkers: ['paInvitee'],
    extraSecrets: (w) => [w.invitationToken],
    shows: { anon: ['paInvitee'], firmB: ['paInvitee'] },
  },
  {
    route: 'routes/invitations.$token',
    method: 'POST',
    label: 'accept someone else’s invitation',
    params: (w) => ({ token: w.invitationToken }),
    expect: page({ signedIn: 409 }),
    extraMarkers: ['paInvitee'],
    extraSecrets: (w) => [w.invitationToken],
  },

  {
    route: 'routes/notifications',
    method: 'GET',
    label: 'mine',
    expect: page({ signedIn: 200 }),
    shows: { firmA: ['faNotif'], firmB: ['fbNotif'], partnerA: ['paNotif'], partnerB: ['pbNotif'] },
  },
  // Marks one's own notifications read, nobody else's.
  { route: 'routes/notifications', method: 'POST', label: 'read all', body: form({ intent: 'readAll' }), expect: page({ signedIn: redirectTo('/notifications') }) },
  {
    // Opening someone else's notification marks nothing and goes nowhere it points.
    route: 'routes/notifications',
    method: 'POST',
    label: 'open firm A’s notification',
    body: (w) => ({ form: { intent: 'open', id: w.notifications.fa } }),
    expect: page({ firmA: redirectTo('/applications'), memberA: 404, signedIn: 404 }),
  },

  {
    // Feedback on a match: its firm, the need's partner and its hub's staff; nobody else knows it.
    route: 'routes/matches.$matchId.feedback',
    method: 'POST',
    label: 'good match',
    params: (w) => ({ matchId: w.matches.faCurated }),
    body: form({ value: 'GOOD_MATCH' }),
    expect: page({ firmA: redirectTo('/needs'), partnerA: redirectTo('/needs'), staffH: redirectTo('/needs'), signedIn: 404 }),
  },
  { route: 'routes/matches.$matchId.feedback', method: 'GET', label: 'no page', params: (w) => ({ matchId: w.matches.faCurated }), expect: everyone(404), only: none },
]

const staffPages: Row[] = [
  { route: 'routes/staff', method: 'GET', label: 'the console’s frame (its home page)', expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff._index', method: 'GET', label: 'home', expect: page({ staff: 200, signedIn: 403 }) },
  // The full recomputation of the matches: hub administrators only.
  { route: 'routes/staff._index', method: 'POST', label: 'refresh the matches', body: form({ intent: 'refreshMatches' }), expect: page({ admin: redirectTo('/staff'), signedIn: 403 }) },
  { route: 'routes/staff.moderation.needs', method: 'GET', label: 'queue', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['paSubmittedTitle', 'paRevisionTitle'] } },
  { route: 'routes/staff.moderation.needs', method: 'GET', label: 'queue as CSV', search: () => '?format=csv', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['paSubmittedTitle', 'paRevisionTitle'] } },
  // Late answers: the staff of a hub read its applications past the charter's delay.
  { route: 'routes/staff.late', method: 'GET', label: 'late answers', expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff.late', method: 'GET', label: 'late answers as CSV', search: () => '?format=csv', expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff.organisations._index', method: 'GET', label: 'pending', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['pcName'] } },
  { route: 'routes/staff.organisations._index', method: 'GET', label: 'verified', search: () => '?status=VERIFIED', expect: page({ staff: 200, signedIn: 403 }) },
  {
    route: 'routes/staff.organisations._index',
    method: 'POST',
    label: 'suspend partner A without a reason',
    body: (w) => ({ form: { organisationId: w.orgs.pa.id, action: 'suspend' } }),
    expect: page({ staffH: 422, signedIn: 404 }),
  },
  ...(['verify', 'reinstate'] as const).map(
    (action): Row => ({
      route: 'routes/staff.organisations._index',
      method: 'POST',
      label: `${action} verified firm A`,
      body: (w) => ({ form: { organisationId: w.orgs.fa.id, action } }),
      expect: page({ staffH: 409, signedIn: 404 }),
    }),
  ),
  {
    route: 'routes/staff.organisations._index',
    method: 'POST',
    label: 'reject the pending firm without a reason',
    body: (w) => ({ form: { organisationId: w.orgs.pending.id, action: 'reject' } }),
    expect: page({ staffH: 422, signedIn: 404 }),
  },
  { route: 'routes/staff.outbox._index', method: 'GET', label: 'list', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['emailH', 'paInvitee'], mod2: ['emailH2'] } },
  { route: 'routes/staff.outbox._index', method: 'GET', label: 'list as CSV', search: () => '?format=csv', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['emailH', 'paInvitee'], mod2: ['emailH2'] } },
  // Sample data only: no record of anyone.
  { route: 'routes/staff.outbox.templates', method: 'GET', label: 'previews', search: () => '?template=applicationAccepted', expect: page({ staff: 200, signedIn: 403 }), only: none },
  ...(['h', 'h2', 'noHub', 'invitation'] as const).map(
    (name): Row => ({
      route: 'routes/staff.outbox.$emailId',
      method: 'GET',
      label: name,
      params: (w) => ({ emailId: w.emails[name] }),
      expect: page(name === 'h' || name === 'invitation' ? { staffH: 200, signedIn: 404 } : name === 'h2' ? { mod2: 200, signedIn: 404 } : { signedIn: 404 }),
      shows: name === 'h' ? { mod: ['emailH'] } : name === 'h2' ? { mod2: ['emailH2'] } : name === 'invitation' ? { admin: ['paInvitee'] } : undefined,
    }),
  ),
  { route: 'routes/staff.team', method: 'GET', label: 'hub H', expect: page({ admin: 200, signedIn: 403 }), shows: { admin: ['modEmail', 'adminEmail'] } },
  { route: 'routes/staff.team', method: 'GET', label: 'hub H as CSV', search: () => '?format=csv', expect: page({ admin: 200, signedIn: 403 }), shows: { admin: ['modEmail', 'adminEmail'] } },
  {
    route: 'routes/staff.team',
    method: 'POST',
    label: 'grant a role to an unknown address',
    body: (w) => ({ form: { intent: 'grant', hubId: w.hubs.h, email: 'personne-ici@test.example', role: 'MODERATOR' } }),
    expect: page({ admin: 422, signedIn: 404 }),
  },
  {
    route: 'routes/staff.team',
    method: 'POST',
    label: 'revoke hub H2’s moderator',
    body: (w) => ({ form: { intent: 'revoke', staffRoleId: w.staffRoles.mod2 } }),
    expect: page({ signedIn: 404 }),
  },
  // ── issue 13: scorecards ──
  // Partner scorecards: the staff of the partner's home hub only; a hub its needs are shared with (H2) does not see it.
  // (Partners' names carry no marker: tests/integration/scorecards.test.ts checks that H2's staff do not list partner A.)
  { route: 'routes/staff.partners._index', method: 'GET', label: 'the partners of my hubs', search: () => '?sort=lateNow&dir=desc', expect: page({ staff: 200, signedIn: 403 }) },
  // `?format=csv` at the page's own URL answers the file to those who may read the page.
  {
    route: 'routes/staff.partners._index',
    method: 'GET',
    label: 'CSV, sorted by the charter share',
    search: () => '?format=csv&separator=semicolon&sort=charterShare&dir=desc',
    expect: page({ staff: 200, signedIn: 403 }),
  },
  {
    route: 'routes/staff.partners.$partnerId',
    method: 'GET',
    label: 'partner A (a need shared with H2)',
    params: (w) => ({ partnerId: w.orgs.pa.id }),
    expect: page({ staffH: 200, mod2: 404, signedIn: 403 }),
    shows: { mod: ['paPublicTitle', 'paSharedTitle'], admin: ['paPublicTitle'] },
  },
  {
    route: 'routes/staff.partners.$partnerId',
    method: 'GET',
    label: 'partner A, CSV of its needs',
    params: (w) => ({ partnerId: w.orgs.pa.id }),
    search: () => '?format=csv',
    expect: page({ staffH: 200, mod2: 404, signedIn: 403 }),
  },
  { route: 'routes/staff.partners.$partnerId', method: 'GET', label: 'firm A (not a partner)', params: (w) => ({ partnerId: w.orgs.fa.id }), expect: page({ staff: 404, signedIn: 403 }) },
  { route: 'routes/staff.partners.$partnerId', method: 'GET', label: 'an unknown id', params: () => ({ partnerId: 'inconnu' }), expect: page({ staff: 404, signedIn: 403 }), only: none },
  // ── issue 13: analytics ──
  // Staff see their hub's figures (hub H2's moderator: H2, where partner A's shared need counts too).
  { route: 'routes/staff.analytics', method: 'GET', label: 'the staff member’s hub', expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff.analytics', method: 'GET', label: 'hub H by partner', search: (w) => `?hub=${w.hubs.h}&by=partner`, expect: page({ staffH: 200, mod2: 404, signedIn: 403 }) },
  { route: 'routes/staff.analytics', method: 'GET', label: 'hub H2 by cohort', search: (w) => `?hub=${w.hubs.h2}&by=cohort`, expect: page({ mod2: 200, staffH: 404, signedIn: 403 }) },
  // Neither hub shares its figures: no platform view for their staff.
  { route: 'routes/staff.analytics', method: 'GET', label: 'the platform view', search: () => '?hub=platform', expect: page({ staff: 403, signedIn: 403 }) },
  // The CSV at the page's own URL: staff get the file; others are refused as the page refuses them.
  {
    route: 'routes/staff.analytics',
    method: 'GET',
    label: 'CSV of hub H',
    search: (w) => `?hub=${w.hubs.h}&format=csv`,
    expect: page({ staffH: 200, mod2: 404, signedIn: 403 }),
  },
  // ── issue 13: directory ──
  // Organisations of the actor's hubs (home hub); mod2 (hub H2) finds firm H2 only.
  { route: 'routes/staff.organisations._index', method: 'GET', label: 'search by name', search: () => '?q=mk-', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['pcName'] } },
  { route: 'routes/staff.organisations._index', method: 'GET', label: 'filters', search: (w) => `?kind=FIRM&status=VERIFIED&hub=${w.hubs.h}`, expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff.organisations._index', method: 'GET', label: 'CSV', search: () => '?format=csv&separator=semicolon', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['pcName'] } },
  ...(['pa', 'fh'] as const).map(
    (name): Row => ({
      route: 'routes/staff.organisations.$orgId',
      method: 'GET',
      label: name === 'pa' ? 'partner A (hub H)' : 'firm H2 (hub H2)',
      params: (w) => ({ orgId: w.orgs[name].id }),
      expect: page(name === 'pa' ? { staffH: 200, signedIn: 404 } : { mod2: 200, signedIn: 404 }),
      shows: name === 'pa' ? { mod: ['paOrg', 'paOwnerEmail'] } : { mod2: ['fhOrg', 'fhOwnerEmail'] },
    }),
  ),
  { route: 'routes/staff.organisations.$orgId', method: 'GET', label: 'members CSV of partner A', params: (w) => ({ orgId: w.orgs.pa.id }), search: () => '?format=csv', expect: page({ staffH: 200, signedIn: 404 }), shows: { admin: ['paOwnerEmail'] } },
  {
    route: 'routes/staff.organisations.$orgId',
    method: 'POST',
    label: 'suspend partner A without a reason',
    params: (w) => ({ orgId: w.orgs.pa.id }),
    body: form({ action: 'suspend' }),
    expect: page({ staffH: 422, signedIn: 404 }),
  },
  ...(['verify', 'reinstate'] as const).map(
    (action): Row => ({
      route: 'routes/staff.organisations.$orgId',
      method: 'POST',
      label: `${action} verified firm A`,
      params: (w) => ({ orgId: w.orgs.fa.id }),
      body: form({ action }),
      expect: page({ staffH: 409, signedIn: 404 }),
    }),
  ),
  {
    route: 'routes/staff.organisations.$orgId',
    method: 'POST',
    label: 'reject the pending firm without a reason',
    params: (w) => ({ orgId: w.orgs.pending.id }),
    body: form({ action: 'reject' }),
    expect: page({ staffH: 422, signedIn: 404 }),
  },
  // Users: members of the hubs' organisations (and, for administrators, the hubs' staff).
  { route: 'routes/staff.users._index', method: 'GET', label: 'search', search: () => '?q=mk-', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['paOwnerEmail'], admin: ['modEmail'], mod2: ['fhOwnerEmail'] } },
  { route: 'routes/staff.users._index', method: 'GET', label: 'CSV', search: () => '?format=csv', expect: page({ staff: 200, signedIn: 403 }), shows: { mod: ['paOwnerEmail'] } },
  ...(['partnerA', 'firmH2', 'mod'] as const).map(
    (name): Row => ({
      route: 'routes/staff.users.$userId',
      method: 'GET',
      label: name,
      params: (w) => ({ userId: w.users[name].id }),
      expect: page(name === 'partnerA' ? { staffH: 200, signedIn: 404 } : name === 'firmH2' ? { mod2: 200, signedIn: 404 } : { admin: 200, signedIn: 404 }),
      shows: name === 'partnerA' ? { mod: ['paOwnerEmail'] } : name === 'firmH2' ? { mod2: ['fhOwnerEmail'] } : { admin: ['modEmail'] },
    }),
  ),
  // Writes that change nothing: administrators only (moderators 403), never on themselves.
  {
    route: 'routes/staff.users.$userId',
    method: 'POST',
    label: 'disable partner A without a reason',
    params: (w) => ({ userId: w.users.partnerA.id }),
    body: form({ intent: 'disable', reason: '' }),
    expect: page({ admin: 400, mod: 403, signedIn: 404 }),
  },
  {
    route: 'routes/staff.users.$userId',
    method: 'POST',
    label: 'enable partner A (not disabled)',
    params: (w) => ({ userId: w.users.partnerA.id }),
    body: form({ intent: 'enable' }),
    expect: page({ admin: 409, mod: 403, signedIn: 404 }),
  },
  {
    route: 'routes/staff.users.$userId',
    method: 'POST',
    label: 'force a reset of the admin’s own password',
    params: (w) => ({ userId: w.users.admin.id }),
    body: form({ intent: 'forceReset' }),
    expect: page({ admin: 403, signedIn: 404 }),
  },
  // ── issue 13: queues ──
  // The staff home's daily queues: hub H's items for its staff, never for hub H2's moderator.
  ...(
    [
      ['moderation', { mod: ['paSubmittedTitle', 'paRevisionTitle'] }],
      ['verification', { mod: ['pcName'] }],
      ['curation', { mod: ['paCuratedTitle'] }],
      ['screening', { mod: ['paScreenedTitle'] }],
      ['late', undefined],
    ] satisfies Array<[string, Row['shows']]>
  ).flatMap(([queue, shows]): Row[] => [
    { route: 'routes/staff._index', method: 'GET', label: `queue ${queue}`, search: () => `?queue=${queue}`, expect: page({ staff: 200, signedIn: 403 }), shows },
    { route: 'routes/staff._index', method: 'GET', label: `queue ${queue} as CSV`, search: () => `?queue=${queue}&format=csv&separator=semicolon`, expect: page({ staff: 200, signedIn: 403 }), shows },
  ]),
  // Background jobs: the platform's queues, hub administrators only.
  { route: 'routes/staff.jobs', method: 'GET', label: 'queues', expect: page({ admin: 200, signedIn: 403 }) },
  { route: 'routes/staff.jobs', method: 'GET', label: 'failed jobs as CSV', search: () => '?format=csv&separator=semicolon', expect: page({ admin: 200, signedIn: 403 }) },
  { route: 'routes/staff.jobs', method: 'POST', label: 'retry an unknown job', body: form({ intent: 'retry', queue: 'emails', jobId: 'aucune-tache' }), expect: page({ admin: 404, signedIn: 403 }) },
  { route: 'routes/staff.jobs', method: 'POST', label: 'retry a job of an unknown queue', body: form({ intent: 'retry', queue: 'nulle-part', jobId: '1' }), expect: page({ admin: 404, signedIn: 403 }) },
  { route: 'routes/staff.jobs', method: 'POST', label: 'retry every failed job of a queue without any', body: form({ intent: 'retryAll', queue: 'reminders' }), expect: page({ admin: 409, signedIn: 403 }) },
  // The partner's home: its members only; everyone else is sent to their own home.
  {
    route: 'routes/partner',
    method: 'GET',
    label: 'home',
    expect: page({
      partners: 200,
      staff: redirectTo('/staff'),
      firms: redirectTo('/needs'),
      memberA: redirectTo('/needs'),
      noOrg: redirectTo('/orgs/new'),
      readOnly: { status: [302], location: /^\/orgs\/[a-z0-9-]+$/ },
    }),
    shows: { partnerA: ['paSubmittedTitle', 'paDraftTitle'], partnerB: ['pbPublicTitle'] },
  },
  { route: 'routes/partner', method: 'GET', label: 'another partner’s home', search: (w) => `?org=${w.orgs.pb.slug}`, expect: page({ partnerA: redirectTo('/partner'), partnerB: 200, staff: redirectTo('/staff'), firms: redirectTo('/needs'), memberA: redirectTo('/needs'), noOrg: redirectTo('/orgs/new'), readOnly: { status: [302], location: /^\/orgs\/[a-z0-9-]+$/ } }) },
  // ── issue 13: audit ──
  // The audit log: every staff member reads their hubs' rows (decision 0022); the CSV is the same rows.
  { route: 'routes/staff.audit', method: 'GET', label: 'log', expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff.audit', method: 'GET', label: 'partner A’s rows', search: (w) => `?organisation=${w.orgs.pa.id}`, expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff.audit', method: 'GET', label: 'by an actor, need actions', search: (w) => `?actor=${w.users.admin.id}&action=need.`, expect: page({ staff: 200, signedIn: 403 }) },
  { route: 'routes/staff.audit', method: 'GET', label: 'a record malformed', search: () => '?record=pas-un-dossier', expect: page({ staff: 200, signedIn: 403 }), only: none },
  { route: 'routes/staff.audit', method: 'GET', label: 'CSV', search: () => '?format=csv&separator=semicolon', expect: page({ staff: 200, signedIn: 403 }) },
  // Hub settings: its administrators only; a moderator is no administrator, another hub's is 404.
  { route: 'routes/staff.hub', method: 'GET', label: 'hub H', expect: page({ admin: 200, signedIn: 403 }) },
  { route: 'routes/staff.hub', method: 'GET', label: 'hub H2 by ?hub=', search: (w) => `?hub=${w.hubs.h2}`, expect: page({ admin: 404, signedIn: 403 }) },
  { route: 'routes/staff.hub', method: 'GET', label: 'hub H by ?hub=', search: (w) => `?hub=${w.hubs.h}`, expect: page({ admin: 200, signedIn: 403 }) },
  {
    route: 'routes/staff.hub',
    method: 'POST',
    label: 'settings unchanged',
    body: (w) => ({ form: { intent: 'settings', hubId: w.hubs.h, charterResponseDays: '15', digestFrequencyDefault: 'DAILY', digestHourDefault: '8' } }),
    expect: page({ admin: { status: [302], location: /^\/staff\/hub\?hub=/ }, signedIn: 403 }),
  },
  {
    route: 'routes/staff.hub',
    method: 'POST',
    label: 'settings with a delay of 0 days',
    body: (w) => ({ form: { intent: 'settings', hubId: w.hubs.h, charterResponseDays: '0', digestFrequencyDefault: 'DAILY', digestHourDefault: '8' } }),
    expect: page({ admin: 400, signedIn: 403 }),
  },
  {
    route: 'routes/staff.hub',
    method: 'POST',
    label: 'hub H2’s settings',
    body: (w) => ({ form: { intent: 'settings', hubId: w.hubs.h2, charterResponseDays: '20', digestFrequencyDefault: 'WEEKLY', digestHourDefault: '9' } }),
    expect: page({ admin: 404, signedIn: 403 }),
  },
  { route: 'routes/staff.hub', method: 'POST', label: 'an NDA text too short', body: (w) => ({ form: { intent: 'nda', hubId: w.hubs.h, text: 'Trop court.' } }), expect: page({ admin: 400, signedIn: 403 }) },
  {
    route: 'routes/staff.hub',
    method: 'POST',
    label: 'an NDA text for hub H2',
    body: (w) => ({ form: { intent: 'nda', hubId: w.hubs.h2, text: 'Un texte d’accord de confidentialité assez long pour être publié par un administrateur.' } }),
    expect: page({ admin: 404, signedIn: 403 }),
  },
  { route: 'routes/staff.hub', method: 'POST', label: 'unknown intent', body: () => ({ form: { intent: 'reset' } }), expect: page({ admin: 400, signedIn: 403 }) },
]

// ───────── the JSON API (organisations' tokens) ─────────

const APPLY_JSON = { intent: 'save', approach: 'Une approche de contrôle des accès, sans suite.' }

const apiRows: Row[] = [
  { route: 'routes/api.v1.openapi[.]json', method: 'GET', label: 'document', operation: 'getOpenApiDocument', expect: everyone(200), only: none },
  { route: 'routes/api.v1.openapi[.]json', method: 'POST', label: 'not allowed', expect: everyone(405), only: none },
  { route: 'routes/api.v1.$', method: 'GET', label: 'unknown path', params: () => ({ '*': 'tokens' }), expect: everyone(404), only: none },
  { route: 'routes/api.v1.$', method: 'POST', label: 'unknown path', params: () => ({ '*': 'tokens' }), body: json({}), expect: everyone(404), only: none },

  {
    route: 'routes/api.v1.needs',
    method: 'GET',
    label: 'list',
    operation: 'listNeeds',
    expect: api({ orgs: 200 }),
    shows: {
      partnerA: ['paDraftTitle', 'paArchivedTitle', 'paSubmittedBody'],
      partnerB: ['pbDraftTitle'],
      firmA: ['paPublicTitle', 'paPublicBody', 'paInviteTitle', 'paSharedTitle', 'pbPublicTitle'],
      firmB: ['paCuratedTitle', 'pbPublicTitle'],
    },
  },
  {
    route: 'routes/api.v1.needs',
    method: 'GET',
    label: 'search by a confidential need’s words',
    operation: 'listNeeds',
    search: (w) => `?q=${w.markers.paInviteBody}`,
    expect: api({ orgs: 200 }),
    shows: { partnerA: ['paInviteTitle'] },
  },
  { route: 'routes/api.v1.needs', method: 'POST', label: 'create a draft', operation: 'createNeed', body: json({ kind: 'PILOT', title: 'Brouillon de contrôle par l’API' }), expect: api({ partners: 201, firms: 403 }) },
  { route: 'routes/api.v1.needs', method: 'DELETE', label: 'not allowed', expect: everyone(405), only: none },

  ...NEED_NAMES.map(
    (name): Row => ({
      route: 'routes/api.v1.needs.$needId',
      method: 'GET',
      label: name,
      operation: 'getNeed',
      params: need(name),
      expect: api(orgsOnly(NEED_VIEW[name])),
      shows: showsForOrgs(NEED_SHOWS[name]),
    }),
  ),
  { route: 'routes/api.v1.needs.$needId', method: 'GET', label: 'missing', operation: 'getNeed', params: () => ({ needId: 'no-such-need' }), expect: api({ orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId', method: 'PATCH', label: 'empty patch of a draft', operation: 'updateNeed', params: need('draft'), body: json({}), expect: api({ partnerA: 200, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId', method: 'PATCH', label: 'empty patch of a closed need', operation: 'updateNeed', params: need('closed'), body: json({}), expect: api({ partnerA: 409, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId', method: 'PATCH', label: 'empty patch of partner B’s draft', operation: 'updateNeed', params: need('pbDraft'), body: json({}), expect: api({ partnerB: 200, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId', method: 'PUT', label: 'not allowed', params: need('public'), body: json({}), expect: everyone(405), only: none },

  { route: 'routes/api.v1.needs.$needId.submit', method: 'POST', label: 'submit a submitted need', operation: 'submitNeed', params: need('submitted'), body: json({}), expect: api({ partnerA: 409, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId.submit', method: 'GET', label: 'not allowed', params: need('submitted'), expect: everyone(405), only: none },
  { route: 'routes/api.v1.needs.$needId.lifecycle', method: 'POST', label: 'award a published need', operation: 'changeNeedLifecycle', params: need('public'), body: json({ action: 'award' }), expect: api({ partnerA: 409, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId.lifecycle', method: 'GET', label: 'not allowed', params: need('public'), expect: everyone(405), only: none },

  {
    route: 'routes/api.v1.needs.$needId.applications',
    method: 'GET',
    label: 'public',
    operation: 'listNeedApplications',
    params: need('public'),
    expect: api({ partnerA: 200, orgs: 404 }),
    shows: { partnerA: ['faAppProposal', 'fbAppProposal'] },
  },
  { route: 'routes/api.v1.needs.$needId.applications', method: 'GET', label: 'screened', operation: 'listNeedApplications', params: need('screened'), expect: api({ partnerA: 200, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId.applications', method: 'GET', label: 'draft', operation: 'listNeedApplications', params: need('draft'), expect: api({ partnerA: 200, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId.applications', method: 'GET', label: 'partner B’s need', operation: 'listNeedApplications', params: need('pbPublic'), expect: api({ partnerB: 200, orgs: 404 }), shows: { partnerB: ['fbPbProposal'] } },
  { route: 'routes/api.v1.needs.$needId.applications', method: 'POST', label: 'apply again', operation: 'applyToNeed', params: need('public'), body: json(APPLY_JSON), expect: api({ firms: 409, partnerA: 403, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId.applications', method: 'POST', label: 'submit again', operation: 'applyToNeed', params: need('public'), body: json({ ...APPLY_JSON, intent: 'submit' }), expect: api({ firms: 409, partnerA: 403, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId.applications', method: 'POST', label: 'apply before the NDA', operation: 'applyToNeed', params: need('invite'), body: json(APPLY_JSON), expect: api({ firmA: 409, partnerA: 403, orgs: 404 }) },
  { route: 'routes/api.v1.needs.$needId.applications', method: 'POST', label: 'apply to a draft', operation: 'applyToNeed', params: need('draft'), body: json(APPLY_JSON), expect: api({ partnerA: 403, orgs: 404 }) },

  ...APPLICATION_NAMES.map(
    (name): Row => ({
      route: 'routes/api.v1.applications.$applicationId',
      method: 'GET',
      label: name,
      operation: 'getApplication',
      params: app(name),
      expect: api(orgsOnly(APPLICATION_VIEW[name])),
      shows: showsForOrgs(APPLICATION_SHOWS[name]),
    }),
  ),
  { route: 'routes/api.v1.applications.$applicationId', method: 'GET', label: 'missing', operation: 'getApplication', params: () => ({ applicationId: 'no-such-application' }), expect: api({ orgs: 404 }) },
  { route: 'routes/api.v1.applications.$applicationId', method: 'POST', label: 'not allowed', params: app('faApp'), body: json({}), expect: everyone(405), only: none },
  { route: 'routes/api.v1.applications.$applicationId.decision', method: 'POST', label: 'accept an accepted application', operation: 'decideOnApplication', params: app('faApp'), body: json({ intent: 'accept' }), expect: api({ partnerA: 409, firmA: 403, orgs: 404 }) },
  ...([{ intent: 'shortlist' }, { intent: 'requestInfo', message: 'Une question de contrôle des accès ?' }, { intent: 'decline', reason: 'BUDGET', comment: 'Budget insuffisant pour ce pilote.' }] as const).map(
    (decision): Row => ({
      route: 'routes/api.v1.applications.$applicationId.decision',
      method: 'POST',
      label: `${decision.intent} an accepted application`,
      operation: 'decideOnApplication',
      params: app('faApp'),
      body: json(decision),
      expect: api({ partnerA: 409, firmA: 403, orgs: 404 }),
    }),
  ),
  { route: 'routes/api.v1.applications.$applicationId.decision', method: 'POST', label: 'accept an application being screened', operation: 'decideOnApplication', params: app('fbScreen'), body: json({ intent: 'accept' }), expect: api({ firmB: 403, orgs: 404 }) },
  { route: 'routes/api.v1.applications.$applicationId.decision', method: 'POST', label: 'accept a draft', operation: 'decideOnApplication', params: app('faDraft'), body: json({ intent: 'accept' }), expect: api({ firmA: 403, orgs: 404 }) },
  { route: 'routes/api.v1.applications.$applicationId.decision', method: 'POST', label: 'shortlist the suspended firm’s application', operation: 'decideOnApplication', params: app('fsApp'), body: json({ intent: 'shortlist' }), expect: api({ partnerA: 200, orgs: 404 }) },
  { route: 'routes/api.v1.applications.$applicationId.decision', method: 'GET', label: 'not allowed', params: app('faApp'), expect: everyone(405), only: none },
]

/**
 * The tokens of a pending or suspended organisation read, and every write operation answers 403
 * (`organisation_not_verified`) before it runs, whatever the record (decision 0012).
 */
function readOnlyTokens(row: Row): Row {
  if (!row.operation || row.method === 'GET') return row
  return { ...row, expect: { ...row.expect, pending: { status: [403] }, suspended: { status: [403] } } }
}

/** Every row; reads (GET) first, so that they see the world as built. */
export const accessTable: Row[] = [
  ...publicPages,
  ...needPages,
  ...applicationPages,
  ...organisationPages,
  ...staffPages,
  // issue 14: programmes and the network
  ...cohortsRows,
  ...groupsRows,
  ...firmsRows,
  ...pitchesRows,
  ...cooperationRows,
  // issue 15: membership dues and the company directory
  ...billingRows,
  ...duesRows,
  ...paymentsRows,
  ...companiesRows,
  ...apiRows.map(readOnlyTokens),
].sort(
  (a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'),
)

export function isApiRow(row: Row) {
  return row.route.startsWith('routes/api.v1.')
}
