/**
 * Who may do what: the one place that decides every permission. Pure (no I/O): services load the
 * actor and the record, then ask here. A refusal on a record the actor may not even know about
 * answers 404 (see `AppError.notFound`), so that existence does not leak.
 */

export type OrgKind = 'PARTNER' | 'FIRM'
export type OrgStatus = 'PENDING' | 'VERIFIED' | 'REJECTED' | 'SUSPENDED'
export type MemberRole = 'OWNER' | 'ADMIN' | 'MEMBER'
export type StaffRoleKind = 'MODERATOR' | 'ADMIN'

export interface ActorMembership {
  organisationId: string
  role: MemberRole
  organisation: { id: string; slug: string; name: string; kind: OrgKind; status: OrgStatus; homeHubId: string }
}

export interface Actor {
  userId: string
  name: string
  email: string
  locale: string
  timeZone: string
  memberships: ActorMembership[]
  staffRoles: Array<{ hubId: string; role: StaffRoleKind }>
  /** Read along with the session, for the bell in the header. */
  unreadNotifications?: number
}

export interface NeedAccessInfo {
  partnerId: string
  hubId: string
  status: string
  visibility: 'PUBLIC' | 'MEMBERS' | 'INVITE_ONLY'
  matchingMode: 'OPEN' | 'CURATED'
  sharedHubIds: string[]
  /** Published at some point and not archived: firms may see it (see `wasPublished`). */
  wasPublished: boolean
  /**
   * Went to moderation at some point (see `wasSubmitted`): a draft archived without ever being
   * submitted stays its partner's. Absent: judged from the status alone.
   */
  wasSubmitted?: boolean
  /**
   * The working group it is addressed to (a MEMBERS need then also opens to the group's verified
   * member firms, whatever their hub). Absent or null: none.
   */
  workingGroupId?: string | null
  /**
   * The cohort it is reserved to, set by the loader ONLY while the reservation runs
   * (`reservedUntil > now`, see `reservationRuns`): a PUBLIC or MEMBERS need is then seen only by
   * the cohort's firms and the firms it is opened to. Absent or null: no reservation running.
   */
  reservedCohortId?: string | null
}

/** What the page knows of the actor's ties to one need, besides memberships and staff roles. */
export interface NeedActorContext {
  /** The actor's verified firms invited to it (match INVITED). */
  invitedFirmIds: string[]
  /** The actor accepted its NDA (for one of those firms). */
  ndaAccepted: boolean
  /** The actor's firms that are members of the need's working group (`workingGroupId`). */
  groupFirmIds?: string[]
  /**
   * The actor's firms that are members of the cohort it is (or was) reserved to: loaded whenever the
   * need names a cohort, running or not, since the cohort's firms keep a MEMBERS need once it opens.
   */
  cohortFirmIds?: string[]
}

export interface ApplicationAccessInfo {
  firmId: string
  status: string
  consortiumIds: string[]
  /** `screeningRequired`: staff screen the applications before the partner reads them. */
  need: Pick<NeedAccessInfo, 'partnerId' | 'hubId' | 'sharedHubIds'> & { screeningRequired?: boolean }
}

// ───────── helpers ─────────

export function membershipOf(actor: Actor | null, organisationId: string) {
  return actor?.memberships.find((membership) => membership.organisationId === organisationId) ?? null
}

export function isMemberOf(actor: Actor | null, organisationId: string) {
  return membershipOf(actor, organisationId) !== null
}

export function isStaffOf(actor: Actor | null, hubId: string) {
  return actor?.staffRoles.some((role) => role.hubId === hubId) ?? false
}

export function isHubAdmin(actor: Actor | null, hubId: string) {
  return actor?.staffRoles.some((role) => role.hubId === hubId && role.role === 'ADMIN') ?? false
}

export function isStaff(actor: Actor | null) {
  return (actor?.staffRoles.length ?? 0) > 0
}

/** Recomputing every match (all hubs share the engine): any hub's administrators. */
export function canStartMatchingRefresh(actor: Actor | null) {
  return actor?.staffRoles.some((role) => role.role === 'ADMIN') ?? false
}

/**
 * The background jobs' page (/staff/jobs): any hub's administrators. All hubs share the queues and
 * the workers, so the page shows the platform's jobs (payloads carry ids only; see decision 0024).
 */
export function canManageJobs(actor: Actor | null) {
  return actor?.staffRoles.some((role) => role.role === 'ADMIN') ?? false
}

export function staffHubIds(actor: Actor | null) {
  return actor?.staffRoles.map((role) => role.hubId) ?? []
}

/** The verified organisations of a kind the actor belongs to. */
export function verifiedOrganisations(actor: Actor | null, kind: OrgKind) {
  return (actor?.memberships ?? []).filter(
    (membership) => membership.organisation.kind === kind && membership.organisation.status === 'VERIFIED',
  )
}

function needHubIds(need: Pick<NeedAccessInfo, 'hubId' | 'sharedHubIds'>) {
  return [need.hubId, ...need.sharedHubIds]
}

// ───────── organisations ─────────

export function canManageOrganisation(actor: Actor | null, organisationId: string) {
  const membership = membershipOf(actor, organisationId)
  return membership?.role === 'OWNER' || membership?.role === 'ADMIN'
}

export function canViewOrganisation(
  actor: Actor | null,
  organisation: { id: string; homeHubId: string; status: OrgStatus },
) {
  if (!actor) return false
  if (isMemberOf(actor, organisation.id) || isStaffOf(actor, organisation.homeHubId)) return true
  // Verified organisations are visible to the other verified members of the platform.
  return organisation.status === 'VERIFIED' && actor.memberships.some((m) => m.organisation.status === 'VERIFIED')
}

/** Staff of the home hub, but never on an organisation they belong to. */
export function canModerateOrganisation(actor: Actor | null, organisation: { id: string; homeHubId: string }) {
  return isStaffOf(actor, organisation.homeHubId) && !isMemberOf(actor, organisation.id)
}

/** OWNER and ADMIN edit the profile while pending or verified; rejected and suspended organisations only read. */
export function canEditOrganisationProfile(actor: Actor | null, organisation: { id: string; status: OrgStatus }) {
  return canManageOrganisation(actor, organisation.id) && (organisation.status === 'PENDING' || organisation.status === 'VERIFIED')
}

/** Members of a verified organisation act for it; a pending, rejected or suspended one only reads. */
export function actsForOrganisation(actor: Actor | null, organisationId: string) {
  return membershipOf(actor, organisationId)?.organisation.status === 'VERIFIED'
}

/**
 * Why a member may not write for the organisation: its status when it is not verified (pending,
 * rejected, suspended: read-only), null when it may (or when the actor is no member at all).
 */
export function readOnlyStatusOf(actor: Actor | null, organisationId: string): Exclude<OrgStatus, 'VERIFIED'> | null {
  const status = membershipOf(actor, organisationId)?.organisation.status
  return status === undefined || status === 'VERIFIED' ? null : status
}

/**
 * The actor as a member of one of their organisations only (no other firm, no staff role): what
 * that organisation may see and do, when the actor acts for it explicitly.
 */
export function actorAsMemberOf(actor: Actor, organisationId: string): Actor {
  return { ...actor, memberships: actor.memberships.filter((membership) => membership.organisationId === organisationId), staffRoles: [] }
}

// ───────── needs ─────────

/** Posting needs: a member of a verified partner organisation. */
export function canCreateNeed(actor: Actor | null, partner: { id: string; kind: OrgKind; status: OrgStatus }) {
  return partner.kind === 'PARTNER' && partner.status === 'VERIFIED' && isMemberOf(actor, partner.id)
}

/** Reading a need's editor or pipeline: any member of its partner. */
export function isNeedPartner(actor: Actor | null, need: Pick<NeedAccessInfo, 'partnerId'>) {
  return isMemberOf(actor, need.partnerId)
}

/** Changing a need: members of its partner, while the partner is verified. */
export function canEditNeed(actor: Actor | null, need: Pick<NeedAccessInfo, 'partnerId'>) {
  return actsForOrganisation(actor, need.partnerId)
}

/**
 * Staff of the need's home hub moderate it once submitted (drafts stay with their partner), but
 * never a need of their own organisation.
 */
export function canModerateNeed(actor: Actor | null, need: Pick<NeedAccessInfo, 'hubId' | 'status' | 'partnerId'>) {
  return need.status !== 'DRAFT' && isStaffOf(actor, need.hubId) && !isMemberOf(actor, need.partnerId)
}

/**
 * Whether the actor may see the need at all, and how much:
 * - `full`: the partner's members, staff of the hubs concerned, eligible firms;
 * - `teaser`: an INVITE_ONLY need's title and partner, for an invited firm before the NDA;
 * - `none`: answer 404.
 */
export type NeedVisibility = 'full' | 'teaser' | 'none'

export function needVisibilityFor(actor: Actor | null, need: NeedAccessInfo, context: NeedActorContext): NeedVisibility {
  return visibilityByRole(actor, need, context)
}

/*
 * Lists evaluate this same rule in SQL: `needVisibilitySql` in app/modules/needs/visibility.server.ts.
 * Change both together; tests/integration/lists-visibility.test.ts checks list ⇔ page per persona.
 */
function visibilityByRole(actor: Actor | null, need: NeedAccessInfo, context: NeedActorContext): NeedVisibility {
  if (!actor) return 'none'
  if (isMemberOf(actor, need.partnerId)) return 'full'
  // Home-hub staff from submission on; staff of hubs it is shared with once it is published.
  const submitted = need.wasSubmitted ?? need.status !== 'DRAFT'
  if (need.status !== 'DRAFT' && submitted && isStaffOf(actor, need.hubId)) return 'full'
  if (need.wasPublished && need.sharedHubIds.some((hubId) => isStaffOf(actor, hubId))) return 'full'
  if (!need.wasPublished) return 'none'

  // Each of the actor's verified firms sees it on its own; the actor sees what the best of them sees.
  let best: NeedVisibility = 'none'
  for (const firm of verifiedOrganisations(actor, 'FIRM')) {
    const seen = firmNeedVisibility(firm, need, context)
    if (seen === 'full') return 'full'
    if (seen === 'teaser') best = 'teaser'
  }
  return best
}

/**
 * The firm (of the actor's) that may apply to the need, or null: one that itself sees it in full
 * (not merely another firm of the actor's), and is invited when the need is curated or confidential.
 */
export function firmThatMayApply(actor: Actor | null, need: NeedAccessInfo, context: NeedActorContext) {
  if (need.status !== 'PUBLISHED' || !need.wasPublished) return null
  const mustBeInvited = need.matchingMode === 'CURATED' || need.visibility === 'INVITE_ONLY'
  const candidates = verifiedOrganisations(actor, 'FIRM').filter(
    (firm) => firmNeedVisibility(firm, need, context) === 'full' && (!mustBeInvited || context.invitedFirmIds.includes(firm.organisationId)),
  )
  return candidates[0]?.organisation ?? null
}

// ───────── applications ─────────

export type ApplicationView = 'firm' | 'partner' | 'staff' | 'none'

/** An application staff are screening: the partner does not read it yet. */
export function isBeingScreened(application: Pick<ApplicationAccessInfo, 'status' | 'need'>) {
  return Boolean(application.need.screeningRequired) && (application.status === 'SUBMITTED' || application.status === 'SCREENING')
}

/**
 * How the actor sees an application: its firm and consortium partners, the need's partner once
 * submitted (and, on a need screened by staff, once screened), the need's hub staff once submitted.
 * Every reader and every decision (single or in bulk) asks here.
 */
export function applicationViewFor(actor: Actor | null, application: ApplicationAccessInfo): ApplicationView {
  if (!actor) return 'none'
  if (isMemberOf(actor, application.firmId)) return 'firm'
  if (application.consortiumIds.some((id) => isMemberOf(actor, id))) return 'firm'
  if (
    application.status !== 'DRAFT' &&
    application.status !== 'WITHDRAWN' &&
    !isBeingScreened(application) &&
    isMemberOf(actor, application.need.partnerId)
  ) {
    return 'partner'
  }
  // A member of the need's partner never reads an application as staff (conflict of interest, as
  // for moderating its own needs): while screened, it is hidden from them altogether.
  if (isMemberOf(actor, application.need.partnerId)) return 'none'
  if (application.status !== 'DRAFT' && isStaffOf(actor, application.need.hubId)) return 'staff'
  return 'none'
}

/**
 * A firm keeps seeing a need it applied to, whatever became of the need (but archived): from the
 * submission on. A draft opens nothing: the need's own rule decides (e.g. after a revision made it
 * confidential).
 */
export function applicationKeepsNeedOpen(application: { status: string }) {
  return application.status !== 'DRAFT'
}



// ───────── staff tools ─────────

/** The audit log of a hub: its staff, moderators included (decision 0022). */
export function canReadAuditLog(actor: Actor | null, hubId: string) {
  return isStaffOf(actor, hubId)
}

/**
 * One audit-log row: staff read the rows of their hubs; a row without a hub (a person's own
 * account, an export across hubs) only when its actor is staff of one of the reader's hubs.
 * Rows of no hub by others, and the system's rows without a hub, stay unread.
 */
export function canReadAuditEntry(actor: Actor | null, entry: { hubId: string | null; actorStaffHubIds: string[]; draftNeed?: boolean }) {
  // A need never submitted is its partner's alone (canViewNeed refuses staff): so is its history.
  if (entry.draftNeed) return false
  if (entry.hubId) return canReadAuditLog(actor, entry.hubId)
  return entry.actorStaffHubIds.some((hubId) => isStaffOf(actor, hubId))
}

/** A hub's settings (charter delay, dues, NDA text, digest defaults, sharing): its administrators. */
export function canAdministerHub(actor: Actor | null, hubId: string) {
  return isHubAdmin(actor, hubId)
}

// ───────── partner scorecards ─────────

/**
 * A partner's scorecard: the staff of its home hub, and its own members. Staff of a hub one of its
 * needs is shared with do not see it (a partner answers to its home association); for them the
 * partner does not exist in the console (404).
 */
export function canViewPartnerScorecard(actor: Actor | null, partner: { id: string; kind: OrgKind; homeHubId: string }) {
  if (partner.kind !== 'PARTNER') return false
  return isStaffOf(actor, partner.homeHubId) || isMemberOf(actor, partner.id)
}

/** The staff console's view of a partner's scorecard: its home hub's staff only. */
export function canViewPartnerScorecardAsStaff(actor: Actor | null, partner: { id: string; kind: OrgKind; homeHubId: string }) {
  return partner.kind === 'PARTNER' && isStaffOf(actor, partner.homeHubId)
}

/**
 * A partner's charter compliance on its profile: where its home hub shows it
 * (`Hub.showCharterCompliance`), to the members of verified organisations, the partner's own
 * members and its hub's staff.
 */
export function canSeeCharterCompliance(
  actor: Actor | null,
  partner: { id: string; kind: OrgKind; homeHubId: string; hubShowsCompliance: boolean },
) {
  if (!actor || partner.kind !== 'PARTNER' || !partner.hubShowsCompliance) return false
  return isMemberOf(actor, partner.id) || isStaffOf(actor, partner.homeHubId) || actor.memberships.some((m) => m.organisation.status === 'VERIFIED')
}

/** Analytics (issue 13): a hub's figures, for its staff (needs shared with it count there too). */
export function canViewHubAnalytics(actor: Actor | null, hubId: string) {
  return isStaffOf(actor, hubId)
}

/**
 * The platform view of the analytics (every hub that agreed to share its figures): only for the
 * staff of a hub that shares its own (see docs/decisions/0021-analytics-charts.md).
 */
export function canViewPlatformAnalytics(actor: Actor | null, sharingHubIds: readonly string[]) {
  return staffHubIds(actor).some((hubId) => sharingHubIds.includes(hubId))
}

// ───────── the staff directory (organisations and users; decision 0023) ─────────

/** Staff see the organisations whose home hub is one of theirs (not the partners of other hubs). */
export function canViewOrganisationAsStaff(actor: Actor | null, organisation: { homeHubId: string }) {
  return isStaffOf(actor, organisation.homeHubId)
}

/** Where a user belongs: the home hubs of their organisations, and the hubs they are staff of. */
export interface UserHubs {
  userId: string
  memberHubIds: string[]
  staffHubIds: string[]
}

/**
 * Staff find the members of their hubs' organisations; administrators also find their hubs' staff
 * (the team is theirs to read, as on the team page). Anyone else is unknown (404).
 */
export function canViewUserAsStaff(actor: Actor | null, user: UserHubs) {
  return user.memberHubIds.some((hubId) => isStaffOf(actor, hubId)) || user.staffHubIds.some((hubId) => isHubAdmin(actor, hubId))
}

export function adminHubIds(actor: Actor | null) {
  return actor?.staffRoles.filter((role) => role.role === 'ADMIN').map((role) => role.hubId) ?? []
}

/**
 * Disable, enable, force a password reset: an administrator of a hub the user belongs to, never
 * on themselves, and never on someone who is staff of a hub the actor does not administer (another
 * hub's staff is that hub's business).
 */
export function canAdministerUser(actor: Actor | null, user: UserHubs) {
  if (!actor || actor.userId === user.userId) return false
  if (!user.staffHubIds.every((hubId) => isHubAdmin(actor, hubId))) return false
  return [...user.memberHubIds, ...user.staffHubIds].some((hubId) => isHubAdmin(actor, hubId))
}

// ───────── issue 14: cooperation ─────────

/**
 * Whether a need's cohort reservation runs at `now`: reserved to a cohort, until an instant still
 * to come. Loaders set `NeedAccessInfo.reservedCohortId` only then; SQL compares with `now()`.
 */
export function reservationRuns(need: { reservedCohortId: string | null; reservedUntil: Date | null }, now: Date) {
  return need.reservedCohortId !== null && need.reservedUntil !== null && need.reservedUntil.getTime() > now.getTime()
}

/**
 * How one verified firm sees a published need (the firm's part of `needVisibilityFor`; its SQL
 * twin is `firmNeedAccessSql`):
 * - INVITE_ONLY: the firms it is opened to, the teaser until the NDA; a reservation changes nothing;
 * - reserved to a cohort (while it runs): the cohort's firms and the firms it is opened to, whatever
 *   the visibility (PUBLIC or MEMBERS) and their hub;
 * - MEMBERS: the firms of the hubs concerned, of the working group it is addressed to, of the cohort
 *   it was reserved to (an opening takes it from nobody), or opened to it;
 * - PUBLIC: every verified firm.
 * Firms that applied keep seeing it (decided by the loader, as before).
 */
function firmNeedVisibility(firm: ActorMembership, need: NeedAccessInfo, context: NeedActorContext): NeedVisibility {
  const id = firm.organisationId
  const invited = context.invitedFirmIds.includes(id)
  if (need.visibility === 'INVITE_ONLY') {
    if (!invited) return 'none'
    return context.ndaAccepted ? 'full' : 'teaser'
  }
  if (need.reservedCohortId) return invited || (context.cohortFirmIds ?? []).includes(id) ? 'full' : 'none'
  if (need.visibility === 'MEMBERS') {
    const inHubs = needHubIds(need).includes(firm.organisation.homeHubId)
    const inGroup = Boolean(need.workingGroupId) && (context.groupFirmIds ?? []).includes(id)
    // The cohort's firms keep a need reserved to them once it opens to the others.
    const inCohort = (context.cohortFirmIds ?? []).includes(id)
    return inHubs || inGroup || inCohort || invited ? 'full' : 'none'
  }
  return 'full' // PUBLIC: every verified firm of the platform
}

/**
 * The needs shared between hubs (/staff/shared): any hub's staff, for their own hubs (the needs
 * listed are those their page opens to them, `needVisibilitySql`).
 */
export function canViewSharedNeeds(actor: Actor | null) {
  return isStaff(actor)
}

// ───────── issue 14: groups ─────────

/** A working group as the policy reads it (decision 0026). */
export interface GroupAccessInfo {
  hubId: string
  openToAllHubs: boolean
  archivedAt: Date | string | null
  /** The organisations in the group. */
  memberOrgIds: string[]
}

/** The working groups' pages: members of a verified organisation (firm or partner), and staff. */
export function canUseGroups(actor: Actor | null) {
  if (!actor) return false
  return isStaff(actor) || actor.memberships.some((membership) => membership.organisation.status === 'VERIFIED')
}

/** The actor's verified organisations that may belong to a group of that hub (every hub when open to all). */
function eligibleOrganisations(actor: Actor | null, group: Pick<GroupAccessInfo, 'hubId' | 'openToAllHubs'>) {
  return (actor?.memberships ?? []).filter(
    (membership) => membership.organisation.status === 'VERIFIED' && (group.openToAllHubs || membership.organisation.homeHubId === group.hubId),
  )
}

/**
 * Who sees a group: its hub's staff always (archived too); while open, a group open to every hub
 * is seen by every verified member and all staff, a hub-only group by its hub's verified members
 * (and staff). An archived group stays readable by its member organisations, no one else. Anyone
 * else: 404.
 */
export function canSeeGroup(actor: Actor | null, group: GroupAccessInfo) {
  if (!actor) return false
  if (isStaffOf(actor, group.hubId)) return true
  const member = group.memberOrgIds.some((id) => actsForOrganisation(actor, id))
  if (group.archivedAt) return member
  if (member) return true
  if (group.openToAllHubs) return canUseGroups(actor)
  return eligibleOrganisations(actor, group).length > 0
}

/** Editing, archiving and announcing: the staff of the group's hub. */
export function canManageGroup(actor: Actor | null, group: Pick<GroupAccessInfo, 'hubId'>) {
  return isStaffOf(actor, group.hubId)
}

/** Creating a group in a hub: its staff (moderators and administrators). */
export function canCreateGroupIn(actor: Actor | null, hubId: string) {
  return isStaffOf(actor, hubId)
}

export type GroupJoinRefusal = 'notFound' | 'forbidden' | 'archived' | 'otherHub' | 'already' | 'notMember'

/**
 * Joining for an organisation: any member of it (not only its owners and administrators; a
 * group is taking part, undone by leaving), the organisation verified, the group open, and of the
 * group's hub when the group is reserved to it. null: allowed.
 */
export function groupJoinRefusal(actor: Actor | null, group: GroupAccessInfo, organisationId: string): GroupJoinRefusal | null {
  if (!canSeeGroup(actor, group)) return 'notFound'
  const membership = membershipOf(actor, organisationId)
  if (!membership || membership.organisation.status !== 'VERIFIED') return 'forbidden'
  if (group.archivedAt) return 'archived'
  if (group.memberOrgIds.includes(organisationId)) return 'already'
  if (!group.openToAllHubs && membership.organisation.homeHubId !== group.hubId) return 'otherHub'
  return null
}

export function canJoinGroup(actor: Actor | null, group: GroupAccessInfo, organisationId: string) {
  return groupJoinRefusal(actor, group, organisationId) === null
}

/** Leaving for an organisation: any member of it while verified (archived groups too). */
export function groupLeaveRefusal(actor: Actor | null, group: GroupAccessInfo, organisationId: string): GroupJoinRefusal | null {
  if (!canSeeGroup(actor, group)) return 'notFound'
  if (!actsForOrganisation(actor, organisationId)) return 'forbidden'
  if (!group.memberOrgIds.includes(organisationId)) return 'notMember'
  return null
}

/** The actor's organisations that could join the group now (for the page's buttons). */
export function organisationsThatMayJoin(actor: Actor | null, group: GroupAccessInfo) {
  return (actor?.memberships ?? []).filter((membership) => groupJoinRefusal(actor, group, membership.organisationId) === null)
}

/**
 * A partner addresses a need to a group: the group is not archived, and open to every hub or
 * reserved to the partner's home hub.
 */
export function canAddressNeedToGroup(partner: { homeHubId: string }, group: Pick<GroupAccessInfo, 'hubId' | 'openToAllHubs' | 'archivedAt'>) {
  return !group.archivedAt && (group.openToAllHubs || group.hubId === partner.homeHubId)
}

/**
 * A partner reserves a need to a cohort: a cohort of its home hub, neither archived nor ended on
 * `now` (its `endsOn` day not past, UTC, as `listReservableCohorts`: decisions 0025 and 0026).
 */
export function canReserveNeedToCohort(
  partner: { homeHubId: string },
  cohort: { hubId: string; archivedAt: Date | string | null; endsOn?: Date | string | null },
  now = new Date(),
) {
  return !cohort.archivedAt && !cohortEnded(cohort, now) && cohort.hubId === partner.homeHubId
}

/** A cohort's last day (`endsOn`, a date) is before `now`'s UTC day. */
export function cohortEnded(cohort: { endsOn?: Date | string | null }, now = new Date()) {
  if (!cohort.endsOn) return false
  const today = now.toISOString().slice(0, 10)
  return new Date(cohort.endsOn).toISOString().slice(0, 10) < today
}

// ───────── issue 14: firms ─────────

/**
 * The firm directory (/firms): members of a verified partner organisation, and hub staff. Firms,
 * users of no organisation and members of an organisation not (or no longer) verified: 403.
 */
export function canUseFirmDirectory(actor: Actor | null) {
  return verifiedOrganisations(actor, 'PARTNER').length > 0 || isStaff(actor)
}

/** What the directory needs to know of a firm to decide whether the actor finds it there. */
export interface DirectoryFirm {
  kind: OrgKind
  status: OrgStatus
  homeHubId: string
  directoryHidden: boolean
}

/**
 * Which firms the actor finds in the directory, as a filter the list applies in its query
 * (a Prisma `OrganisationWhereInput`, written here as plain data so that the list and the profile
 * page cannot drift): verified firms that did not hide themselves; partners see those of every hub
 * (verified members read each other's profiles), staff those of the hubs they work for (as on the
 * organisation pages). Null: no directory at all.
 */
export function firmDirectoryScope(actor: Actor | null): { kind: 'FIRM'; status: 'VERIFIED'; directoryHidden: false; homeHubId?: { in: string[] } } | null {
  if (!canUseFirmDirectory(actor)) return null
  const base = { kind: 'FIRM', status: 'VERIFIED', directoryHidden: false } as const
  return verifiedOrganisations(actor, 'PARTNER').length > 0 ? { ...base } : { ...base, homeHubId: { in: staffHubIds(actor) } }
}

/** The directory's profile page (/firms/:slug) answers 404 unless this holds: the list's filter, on one firm. */
export function canSeeInFirmDirectory(actor: Actor | null, firm: DirectoryFirm) {
  const scope = firmDirectoryScope(actor)
  if (!scope) return false
  return (
    firm.kind === scope.kind &&
    firm.status === scope.status &&
    firm.directoryHidden === scope.directoryHidden &&
    (scope.homeHubId === undefined || scope.homeHubId.in.includes(firm.homeHubId))
  )
}

/** A partner invites a firm it finds in the directory to one of its own published needs. */
export function canInviteFromDirectory(actor: Actor | null, need: Pick<NeedAccessInfo, 'partnerId' | 'status'>, firm: DirectoryFirm) {
  return canEditNeed(actor, need) && need.status === 'PUBLISHED' && canSeeInFirmDirectory(actor, firm)
}

/**
 * Staff recommend a firm to a need's partner: staff of a hub the need belongs to or is shared with,
 * recommending a verified firm of that same hub they find in the directory, once the need is
 * published, and never for a need of their own organisation.
 */
export function canRecommendFirmForNeed(
  actor: Actor | null,
  need: Pick<NeedAccessInfo, 'partnerId' | 'hubId' | 'sharedHubIds' | 'status'>,
  firm: DirectoryFirm,
) {
  return (
    need.status === 'PUBLISHED' &&
    !isMemberOf(actor, need.partnerId) &&
    needHubIds(need).includes(firm.homeHubId) &&
    isStaffOf(actor, firm.homeHubId) &&
    canSeeInFirmDirectory(actor, firm)
  )
}

/** The hubs whose firms the actor may recommend for the need (staff of the need's hubs). */
export function recommendingHubIds(actor: Actor | null, need: Pick<NeedAccessInfo, 'partnerId' | 'hubId' | 'sharedHubIds' | 'status'>) {
  if (need.status !== 'PUBLISHED' || isMemberOf(actor, need.partnerId)) return []
  return needHubIds(need).filter((hubId) => isStaffOf(actor, hubId))
}

// ───────── issue 14: cohorts ─────────

export interface CohortAccessInfo {
  hubId: string
  archivedAt: Date | string | null
}

/** A hub's cohorts in the console (list, page, CSV): the hub's staff, moderators and admins. */
export function canViewCohortAsStaff(actor: Actor | null, cohort: Pick<CohortAccessInfo, 'hubId'>) {
  return isStaffOf(actor, cohort.hubId)
}

/** Create a cohort in a hub: its staff. */
export function canCreateCohort(actor: Actor | null, hubId: string) {
  return isStaffOf(actor, hubId)
}

/** Edit, archive, add and remove firms: the cohort's hub staff, while the cohort is not archived. */
export function canManageCohort(actor: Actor | null, cohort: CohortAccessInfo) {
  return canViewCohortAsStaff(actor, cohort) && !cohort.archivedAt
}

/**
 * A firm a cohort may take: a verified firm of the cohort's own hub (whatever its revenue band:
 * the picker only suggests 1–10 M€ firms first).
 */
export function canJoinCohort(firm: { kind: OrgKind; status: OrgStatus; homeHubId: string }, cohort: Pick<CohortAccessInfo, 'hubId'>) {
  return firm.kind === 'FIRM' && firm.status === 'VERIFIED' && firm.homeHubId === cohort.hubId
}

/**
 * A firm's own progress in its cohort: the members of that firm (any role, read-only statuses
 * included), archived cohorts too. Returns the actor's firms among the cohort's members: the page
 * shows only their figures, never another member's (decision 0025). Empty: the cohort is unknown
 * to the actor (404).
 */
export function canViewOwnCohortProgress(actor: Actor | null, memberFirmIds: readonly string[]) {
  return (actor?.memberships ?? [])
    .filter((membership) => membership.organisation.kind === 'FIRM' && memberFirmIds.includes(membership.organisationId))
    .map((membership) => membership.organisationId)
}

// ───────── issue 14: pitches ─────────

/** What the pitch page, its lists, attachments, notifications and e-mails know of a pitch. */
export interface PitchAccessInfo {
  firmId: string
  partnerId: string
  /** The firm's home hub at submission: its staff moderate the pitch. */
  hubId: string
  status: string
  /** When staff sent it to the partner (null: never sent). */
  sentAt: Date | string | null
}

export type PitchView = 'firm' | 'staff' | 'partner' | 'none'

/** Statuses a partner may read a pitch in: once it was sent (a pitch withdrawn after sending stays readable). */
const PITCH_PARTNER_STATUSES = ['SENT', 'INTERESTED', 'DECLINED', 'WITHDRAWN']

/**
 * How the actor sees a pitch (decision 0028): its firm's members always; the staff of its hub once
 * submitted (a draft is the firm's alone), but never staff who are members of the partner
 * (conflict of interest); the partner's members once it was sent (never a draft, a submitted
 * pitch, one sent back or rejected, nor one withdrawn before sending). Everyone else: 404. Every
 * list, page, attachment, notification and e-mail asks here.
 */
export function pitchViewFor(actor: Actor | null, pitch: PitchAccessInfo): PitchView {
  if (!actor) return 'none'
  if (isMemberOf(actor, pitch.firmId)) return 'firm'
  const sent = pitch.sentAt !== null && PITCH_PARTNER_STATUSES.includes(pitch.status)
  if (isMemberOf(actor, pitch.partnerId)) return sent ? 'partner' : 'none'
  if (pitch.status !== 'DRAFT' && isStaffOf(actor, pitch.hubId)) return 'staff'
  return 'none'
}

/** Pitching: a member (OWNER, ADMIN or MEMBER) of a verified firm. */
export function canPitchAs(actor: Actor | null, firmId: string) {
  const membership = membershipOf(actor, firmId)
  return membership?.organisation.kind === 'FIRM' && membership.organisation.status === 'VERIFIED'
}

/** Moderating a pitch (approve, ask for changes, reject): the staff view only. */
export function canModeratePitch(actor: Actor | null, pitch: PitchAccessInfo) {
  return pitchViewFor(actor, pitch) === 'staff'
}

/** Answering a pitch (interested, declined), writing in its conversation, creating a need: the partner, while verified. */
export function canAnswerPitch(actor: Actor | null, pitch: PitchAccessInfo) {
  return pitchViewFor(actor, pitch) === 'partner' && actsForOrganisation(actor, pitch.partnerId)
}

/** Writing, submitting, withdrawing, attaching: the firm, while verified. */
export function canWritePitch(actor: Actor | null, pitch: PitchAccessInfo) {
  return pitchViewFor(actor, pitch) === 'firm' && actsForOrganisation(actor, pitch.firmId)
}

/** Proposing an idea to an organisation (its profile's button, decision 0028): it is a verified partner, and the actor a member of a verified firm. */
export function mayPitchTo(actor: Actor | null, organisation: { kind: string; status: string }) {
  return organisation.kind === 'PARTNER' && organisation.status === 'VERIFIED' && verifiedOrganisations(actor, 'FIRM').length > 0
}
