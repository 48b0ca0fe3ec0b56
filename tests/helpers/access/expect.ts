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

export type Who = Persona | 'staffH' | 'firms' | 'partners' | 'staff' | 'orgs' | 'signedIn' | 'all'
export type Spec = Partial<Record<Who, Expect>>

const GROUPS: Record<Exclude<Who, Persona>, readonly Persona[]> = {
  staffH: ['mod', 'admin'],
  firms: ['firmA', 'firmB'],
  partners: ['partnerA', 'partnerB'],
  staff: ['mod', 'admin', 'mod2'],
  orgs: ['firmA', 'firmB', 'partnerA', 'partnerB'],
  signedIn: ['firmA', 'firmB', 'partnerA', 'partnerB', 'mod', 'admin', 'mod2'],
  all: PERSONAS,
}
const PRECEDENCE = ['staffH', 'firms', 'partners', 'staff', 'orgs', 'signedIn', 'all'] as const

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
  for (const persona of PERSONAS) {
    const key = spec[persona] !== undefined ? persona : PRECEDENCE.find((group) => spec[group] !== undefined && GROUPS[group].includes(persona))
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
  return resolve({ anon: 401, staff: 401, ...spec })
}

export function everyone(expect: Expect) {
  return resolve({ all: expect })
}

/** A refusal: the request must leave the world unchanged. */
export function isRefusal(persona: Persona, expectation: Expectation) {
  return expectation.status.every((status) => status >= 400) || (persona === 'anon' && expectation.location === LOGIN.location)
}
