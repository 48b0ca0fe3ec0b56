import { PERSONAS, type Persona } from './markers'

/**
 * Expected answers per persona, written compactly: a status, a list of acceptable statuses, or a
 * status with the redirect's target. Groups name several personas at once; the most specific
 * key wins (a persona, then staffH, firms, partners, staff, orgs, signedIn, all).
 */
export interface Expectation {
  status: number[]
  location?: RegExp
}

export type Expect = number | number[] | Expectation

export type Who = Persona | 'staffH' | 'firms' | 'partners' | 'staff' | 'readOnly' | 'orgs' | 'signedIn' | 'all'
export type Spec = Partial<Record<Who, Expect>>

const GROUPS: Record<Exclude<Who, Persona>, readonly Persona[]> = {
  staffH: ['mod', 'admin'],
  firms: ['firmA', 'firmB', 'firmH2'],
  partners: ['partnerA', 'partnerB'],
  staff: ['mod', 'admin', 'mod2'],
  /** Members of the pending and of the suspended firm. */
  readOnly: ['pending', 'suspended'],
  /** Organisations with an API token. */
  orgs: ['firmA', 'firmB', 'partnerA', 'partnerB', 'firmH2', 'pending', 'suspended'],
  signedIn: PERSONAS.filter((persona) => persona !== 'anon'),
  all: PERSONAS,
}
const PRECEDENCE = ['staffH', 'firms', 'partners', 'staff', 'readOnly', 'orgs', 'signedIn', 'all'] as const

/** Anonymous visitors of a signed-in page are sent to the log-in form, back here afterwards. */
export const LOGIN: Expectation = { status: [302], location: /^\/login\?redirectTo=/ }
export const redirectTo = (path: string): Expectation => ({ status: [302], location: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) })

function normalise(expect: Expect): Expectation {
  if (typeof expect === 'number') return { status: [expect] }
  if (Array.isArray(expect)) return { status: expect }
  return expect
}

export function resolve(spec: Spec): Record<Persona, Expectation> {
  const resolved = {} as Record<Persona, Expectation>
  const keyOf = (persona: Persona) =>
    spec[persona] !== undefined ? persona : PRECEDENCE.find((group) => spec[group] !== undefined && GROUPS[group].includes(persona))
  for (const persona of PERSONAS) {
    // Firm A's plain member is answered as firm A unless the spec names it.
    const key = persona === 'memberA' && spec.memberA === undefined ? keyOf('firmA') : keyOf(persona)
    if (key === undefined) throw new Error(`no expectation for ${persona} in ${JSON.stringify(spec)}`)
    resolved[persona] = normalise(spec[key]!)
  }
  return resolved
}

/** A page behind the log-in: anonymous visitors are redirected; `signedIn` gives the others' default. */
export function page(spec: Spec) {
  return resolve({ anon: LOGIN, ...spec })
}

/**
 * An API endpoint: organisations call with their token; anonymous callers and hub staff (who have
 * no token: the API ignores their session cookie) get 401.
 */
export function api(spec: Spec) {
  // A plain member cannot create a token, a user of no organisation has none.
  // Tokens of the pending and the suspended firm read as organisations do; their writes are 403
  // (set for every write operation in table.ts).
  return resolve({ anon: 401, staff: 401, memberA: 401, noOrg: 401, readOnly: spec.orgs ?? spec.signedIn ?? 403, ...spec })
}

export function everyone(expect: Expect) {
  return resolve({ all: expect })
}

/** A refusal: the request must leave the world unchanged. */
export function isRefusal(persona: Persona, expectation: Expectation) {
  return expectation.status.every((status) => status >= 400) || (persona === 'anon' && expectation.location === LOGIN.location)
}
