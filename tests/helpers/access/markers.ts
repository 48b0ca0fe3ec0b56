import { randomBytes } from 'node:crypto'

/**
 * The personas of the access-rule test and the marker strings planted in each organisation's data,
 * with who may ever read each one (DESIGN.md §2–3 and §8, app/modules/policy/policy.ts).
 *
 * One marker per (organisation, kind of data): an organisation's profile, each need (its title
 * apart from the rest, since a confidential need shows its title before the NDA), each
 * application's proposal, messages, deal, attachments, questions, saved searches, notifications,
 * e-mails, API token names, team and invitee addresses. A marker is `mk-<name>-<run>`: lower case
 * (skills and e-mail addresses are lower-cased), letters, digits and hyphens only (unchanged by
 * HTML, JSON, Markdown and URL encoding), and never a substring of another marker (`<run>` starts
 * with a `z`, which no name contains).
 */
export const PERSONAS = [
  'anon',
  'firmA',
  'firmB',
  'partnerA',
  'partnerB',
  'mod',
  'admin',
  'mod2',
  /** A plain MEMBER of firm A (not its owner): firm A's data, not its settings nor its owner's own. */
  'memberA',
  /** Signed in, in no organisation. */
  'noOrg',
  /** The owner of a verified firm of hub H2: public needs, and the members-only need shared with H2. */
  'firmH2',
  /** The owner of the pending firm: its own organisation, nothing of the marketplace. */
  'pending',
  /** The owner of a suspended firm that applied before its suspension: reads its application, writes nothing. */
  'suspended',
] as const
export type Persona = (typeof PERSONAS)[number]

/** Personas with an organisation, hence an API token; the others call the API without one. */
export const ORG_PERSONAS = ['firmA', 'firmB', 'partnerA', 'partnerB', 'firmH2', 'pending', 'suspended'] as const satisfies readonly Persona[]
export type OrgPersona = (typeof ORG_PERSONAS)[number]

export function isOrgPersona(persona: Persona): persona is OrgPersona {
  return (ORG_PERSONAS as readonly Persona[]).includes(persona)
}

/** Staff of hub H (where every organisation lives): its moderator and its administrator. */
const STAFF_H = ['mod', 'admin'] as const
const FIRMS = ['firmA', 'firmB', 'firmH2'] as const
/** Members of verified organisations: they see each other's public profiles. */
const VERIFIED = ['firmA', 'firmB', 'partnerA', 'partnerB', 'firmH2'] as const

/** Partner A's own data, read by its hub's staff once it left the draft stage. */
const PA_AND_STAFF = ['partnerA', ...STAFF_H] as const
/** A published need open to every verified firm: its partner, its hub's staff and the firms. */
const PUBLISHED_PA = [...PA_AND_STAFF, ...FIRMS] as const

/**
 * Who may read each marker, anywhere. A response that contains a marker whose list does not hold
 * the persona leaks it (rows may narrow this further, or add what the request itself carries).
 */
export const MARKER_RULES = {
  // ── partner A (hub H) ──
  paOrg: [...VERIFIED, ...STAFF_H],
  paOwnerEmail: PA_AND_STAFF,
  /** A pending invitation: the organisation's managers, and its hub's staff in the outbox. */
  paInvitee: PA_AND_STAFF,
  paToken: ['partnerA'],
  paNotif: ['partnerA'],
  // drafts stay with their partner: staff never read them
  paDraftTitle: ['partnerA'],
  paDraftBody: ['partnerA'],
  paDraftSkill: ['partnerA'],
  paSubmittedTitle: PA_AND_STAFF,
  paSubmittedBody: PA_AND_STAFF,
  paSubmittedSkill: PA_AND_STAFF,
  paChangesTitle: PA_AND_STAFF,
  paChangesBody: PA_AND_STAFF,
  paChangesComment: PA_AND_STAFF,
  /** And the suspended firm, on its own application to it. */
  paPublicTitle: [...PUBLISHED_PA, 'suspended'],
  paPublicBody: PUBLISHED_PA,
  paPublicSkill: PUBLISHED_PA,
  // confidential: firm A is invited but has not accepted the NDA, so it reads the title only
  paInviteTitle: [...PA_AND_STAFF, 'firmA'],
  paInviteBody: PA_AND_STAFF,
  paInviteSkill: PA_AND_STAFF,
  paCuratedTitle: PUBLISHED_PA,
  paCuratedBody: PUBLISHED_PA,
  paClosedTitle: PUBLISHED_PA,
  paClosedBody: PUBLISHED_PA,
  paClosedSkill: PUBLISHED_PA,
  paArchivedTitle: PA_AND_STAFF,
  paArchivedBody: PA_AND_STAFF,
  paArchivedSkill: PA_AND_STAFF,
  paRevisionTitle: PUBLISHED_PA,
  paRevisionBody: PUBLISHED_PA,
  /** The edit of a published need awaiting moderation: firms keep the approved version. */
  paRevisionPending: PA_AND_STAFF,
  /** MEMBERS visibility, shared with hub H2: firms of H, and the staff of H2. */
  paSharedTitle: [...PUBLISHED_PA, 'mod2'],
  paSharedBody: [...PUBLISHED_PA, 'mod2'],
  paSharedSkill: [...PUBLISHED_PA, 'mod2'],
  paScreenedTitle: PUBLISHED_PA,
  paScreenedBody: PUBLISHED_PA,
  // questions on partner A's public need: anonymous, answered ones visible to every firm
  faQuestion: PUBLISHED_PA,
  paAnswer: PUBLISHED_PA,
  fbQuestion: [...PA_AND_STAFF, 'firmB'],
  // firm A's application to the public need (accepted, with a pilot)
  faAppProposal: ['firmA', ...PA_AND_STAFF],
  paMessage: ['firmA', ...PA_AND_STAFF],
  faMessage: ['firmA', ...PA_AND_STAFF],
  faDeal: ['firmA', ...PA_AND_STAFF],
  faAttach: ['firmA', ...PA_AND_STAFF],
  fbAppProposal: ['firmB', ...PA_AND_STAFF],
  // firm A's draft application (to the shared need): nobody else, staff included
  faDraftProposal: ['firmA'],
  faDraftAttach: ['firmA'],
  // firm B's application to a need screened by staff: the partner reads it only once screened
  fbScreenProposal: ['firmB', ...STAFF_H],
  fbScreenAttach: ['firmB', ...STAFF_H],

  // ── partner B (hub H) ──
  pbOrg: [...VERIFIED, ...STAFF_H],
  pbOwnerEmail: ['partnerB', ...STAFF_H],
  pbToken: ['partnerB'],
  pbNotif: ['partnerB'],
  pbPublicTitle: ['partnerB', ...STAFF_H, ...FIRMS],
  pbPublicBody: ['partnerB', ...STAFF_H, ...FIRMS],
  pbDraftTitle: ['partnerB'],
  pbDraftBody: ['partnerB'],
  fbPbProposal: ['firmB', 'partnerB', ...STAFF_H],

  // ── firm A (hub H) ──
  faOrg: [...VERIFIED, ...STAFF_H],
  faOwnerEmail: ['firmA', ...STAFF_H],
  faToken: ['firmA'],
  faSearch: ['firmA'],
  faNotif: ['firmA'],

  // ── firm B (hub H) ──
  fbOrg: [...VERIFIED, ...STAFF_H],
  fbOwnerEmail: ['firmB', ...STAFF_H],
  fbToken: ['firmB'],
  fbSearch: ['firmB'],
  fbNotif: ['firmB'],

  // ── the pending firm of hub H: its members and its hub's staff only ──
  pcOrg: ['pending', ...STAFF_H],
  pcName: ['pending', ...STAFF_H],
  pcOwnerEmail: ['pending', ...STAFF_H],
  pcToken: ['pending'],

  // ── a suspended firm of hub H, which applied to partner A's public need before its suspension ──
  fsOrg: ['suspended', ...STAFF_H],
  fsOwnerEmail: ['suspended', ...STAFF_H],
  fsToken: ['suspended'],
  fsAppProposal: ['suspended', ...PA_AND_STAFF],

  // ── a verified firm of hub H2 ──
  fhOrg: [...VERIFIED, 'mod2'],
  fhOwnerEmail: ['firmH2', 'mod2'],
  fhToken: ['firmH2'],

  // ── firm A's plain member, and a user of no organisation ──
  maEmail: ['memberA', 'firmA', ...STAFF_H],
  noOrgEmail: ['noOrg'],

  // ── the hubs ──
  emailH: STAFF_H,
  emailH2: ['mod2'],
  /** An e-mail tied to no hub: read by nobody in the app. */
  emailNoHub: [],
  modEmail: STAFF_H,
  adminEmail: ['admin'],
  mod2Email: ['mod2'],
  // ── issue 14: cooperation ──
  /** Partner A's MEMBERS need addressed to a working group of hub H whose member is firm H2. */
  coopGroupTitle: PUBLISHED_PA,
  coopGroupBody: PUBLISHED_PA,
  /** Partner A's PUBLIC need reserved to a cohort of firm A, the reservation running. */
  coopReservedTitle: [...PA_AND_STAFF, 'firmA'],
  coopReservedBody: [...PA_AND_STAFF, 'firmA'],
  /** Partner A's PUBLIC need whose reservation to that cohort ended: every verified firm. */
  coopOpenedTitle: PUBLISHED_PA,
  coopOpenedBody: PUBLISHED_PA,
  // ── issue 14: firms ──
  /**
   * A verified firm of hub H that hid itself from the firm directory: its organisation page stays
   * what it was, but no directory answer (list or profile) may carry it, for anyone.
   */
  fdHiddenOrg: [...VERIFIED, ...STAFF_H],

  // ── issue 14: cohorts ──
  /** The description of hub H's cohort (firm A in it): its hub's staff and firm A, on the cohort's pages only. */
  cohortHDescription: [...STAFF_H, 'firmA'],
  /** An archived cohort of hub H without firms: its hub's staff. */
  cohortArchivedDescription: STAFF_H,
  /** Hub H2's cohort (the H2 firm in it): H2's staff and that firm. */
  cohortH2Description: ['mod2', 'firmH2'],

  // ── issue 14: pitches ──
  /** Firm A's draft pitch to partner A (its text and its PDF): the firm alone. */
  fpDraft: ['firmA'],
  /** Firm A's pitch under review: the firm and hub H's staff, never the partner. */
  fpSubmitted: ['firmA', ...STAFF_H],
  /** Firm A's pitch sent to partner A, and its PDF: the firm, hub H's staff and partner A. */
  fpSent: ['firmA', 'partnerA', ...STAFF_H],
  fpSentAttach: ['firmA', 'partnerA', ...STAFF_H],
  /** Firm A's pitch partner A declined. */
  fpDeclined: ['firmA', 'partnerA', ...STAFF_H],

  // ── issue 15: billing ──
  /** Hub H's firms' membership plan (its name): hub H's staff (with dues off, no organisation is offered a plan). */
  planH: STAFF_H,
  /** Hub H2's plan: H2's staff. */
  planH2: ['mod2'],
  /** Firm A's dues invoice (its number): its owners and administrators, and hub H's staff. */
  faInvoice: ['firmA', ...STAFF_H],
} as const satisfies Record<string, readonly Persona[]>

export type MarkerKey = keyof typeof MARKER_RULES
export const MARKER_KEYS = Object.keys(MARKER_RULES) as MarkerKey[]

/** What is firm A's user's own (saved searches, notifications) or its managers' (API tokens). */
const OWNER_A_ONLY: MarkerKey[] = ['faSearch', 'faNotif', 'faToken']

/** Who may read a marker: its rule, and firm A's plain member wherever firm A reads (but its owner's own). */
function readersOf(key: MarkerKey): readonly Persona[] {
  const readers = MARKER_RULES[key] as readonly Persona[]
  return readers.includes('firmA') && !OWNER_A_ONLY.includes(key) ? [...readers, 'memberA'] : readers
}

/**
 * Skills of needs the skills picker suggests to any signed-in user: public needs once published.
 * Those of members-only needs (shared or not) and of confidential ones are never suggested.
 */
export const SUGGESTIBLE_SKILLS: MarkerKey[] = ['paPublicSkill', 'paClosedSkill']

export type Markers = Record<MarkerKey, string>

function kebab(key: string) {
  return key.replace(/[A-Z0-9]/g, (char) => `-${char.toLowerCase()}`)
}

/** This run's marker strings. */
export function makeMarkers(run = `z${randomBytes(2).toString('hex')}`): Markers {
  return Object.fromEntries(MARKER_KEYS.map((key) => [key, `mk-${kebab(key)}-${run}`])) as Markers
}

/** What each persona's own pages carry anywhere (the header names one's organisation). */
export const OWN_MARKERS: Partial<Record<Persona, MarkerKey[]>> = { pending: ['pcName'] }

/** The markers a persona may read anywhere. */
export function markersVisibleTo(persona: Persona): MarkerKey[] {
  return MARKER_KEYS.filter((key) => readersOf(key).includes(persona))
}
