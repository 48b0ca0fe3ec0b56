import { randomBytes } from 'node:crypto'
import type { Prisma } from '#app/generated/prisma/client'
import { writeAudit } from '#app/modules/audit/audit.server'
import { listReservableCohorts } from '#app/modules/cohorts/service.server'
import { needVisibilitySql } from '#app/modules/needs/visibility.server'
import { notify } from '#app/modules/notifications/notifications.server'
import { slugify } from '#app/modules/organisations/service.server'
import {
  canAddressNeedToGroup,
  canCreateGroupIn,
  canManageGroup,
  canReserveNeedToCohort,
  canSeeGroup,
  canUseGroups,
  cohortEnded,
  groupJoinRefusal,
  groupLeaveRefusal,
  organisationsThatMayJoin,
  staffHubIds,
  verifiedOrganisations,
  type Actor,
  type GroupAccessInfo,
  type GroupJoinRefusal,
} from '#app/modules/policy/policy'
import { whoMayOpenNeed } from '#app/modules/reminders/recipients.server'
import { AppError, assertFound, isUniqueViolation } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import type { GroupFormInput } from './schema'

/**
 * Working groups (issue 14, decision 0026): staff of a hub create them, verified organisations
 * join and leave, partners address needs to them, and their members hear of those needs and of
 * the staff's announcements (category GROUP_NEEDS). Who may do what: app/modules/policy/policy.ts.
 */

const groupInfoSelect = {
  id: true,
  slug: true,
  name: true,
  theme: true,
  description: true,
  hubId: true,
  openToAllHubs: true,
  archivedAt: true,
  createdAt: true,
  hub: { select: { id: true, name: true, shortName: true } },
  members: { select: { organisationId: true } },
} satisfies Prisma.WorkingGroupSelect

type GroupRow = Prisma.WorkingGroupGetPayload<{ select: typeof groupInfoSelect }>

function accessInfo(group: GroupRow): GroupAccessInfo {
  return { hubId: group.hubId, openToAllHubs: group.openToAllHubs, archivedAt: group.archivedAt, memberOrgIds: group.members.map((member) => member.organisationId) }
}

function assertUsesGroups(actor: Actor) {
  if (!canUseGroups(actor)) throw AppError.forbidden('groups.errors.onlyVerified')
}

/** The groups the actor may see, open ones first, with what the list shows of each. */
export async function listGroupsForActor(actor: Actor) {
  assertUsesGroups(actor)
  const groups = await prisma.workingGroup.findMany({ orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }], select: groupInfoSelect })
  return groups
    .filter((group) => canSeeGroup(actor, accessInfo(group)))
    .map((group) => {
      const info = accessInfo(group)
      return {
        slug: group.slug,
        name: group.name,
        theme: group.theme,
        hubName: group.hub.name,
        openToAllHubs: group.openToAllHubs,
        archived: group.archivedAt !== null,
        memberCount: info.memberOrgIds.length,
        member: actor.memberships.some((membership) => info.memberOrgIds.includes(membership.organisationId)),
        mayJoin: organisationsThatMayJoin(actor, info).length > 0,
      }
    })
}

/** The hubs where the actor may create a group (theirs as staff). */
export async function hubsForNewGroup(actor: Actor) {
  const hubIds = staffHubIds(actor)
  return prisma.hub.findMany({ where: { id: { in: hubIds } }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
}

async function loadGroup(actor: Actor, slug: string) {
  const group = await prisma.workingGroup.findUnique({ where: { slug }, select: groupInfoSelect })
  assertFound(group && canSeeGroup(actor, accessInfo(group)))
  return group
}

/**
 * The group exists for the actor (404 otherwise) and the actor uses groups (403): checked by the
 * group page's action before it reads what was posted, so a refused reader learns nothing of the input.
 */
export async function requireGroupVisible(actor: Actor, slug: string) {
  assertUsesGroups(actor)
  await loadGroup(actor, slug)
}

/** The actor may create groups in some hub (staff): 403 otherwise, before the form is read. */
export function requireGroupCreator(actor: Actor) {
  if (staffHubIds(actor).length === 0) throw AppError.forbidden('groups.errors.onlyStaff')
}

/** A group's page: its members, the needs addressed to it the actor may open, its announcements. */
export async function getGroupPage(actor: Actor, slug: string) {
  assertUsesGroups(actor)
  const group = await loadGroup(actor, slug)
  const info = accessInfo(group)
  // The need page's own rule: the list never shows a need its page refuses (a teaser: its title only).
  const access = needVisibilitySql(actor, 'n')
  const [members, needs, announcements] = await Promise.all([
    prisma.workingGroupMember.findMany({
      where: { workingGroupId: group.id },
      orderBy: { organisation: { name: 'asc' } },
      select: { joinedAt: true, organisation: { select: { id: true, slug: true, name: true, kind: true, homeHub: { select: { name: true } } } } },
    }),
    prisma.$queryRaw<Array<{ id: string; title: string; status: string; deadline: Date | null; partnerName: string; teaser: boolean }>>`
      SELECT n.id, n.title, n.status::text AS status, n.deadline, p.name AS "partnerName", ${access.teaser} AS teaser
      FROM "Need" n JOIN "Organisation" p ON p.id = n."partnerId"
      WHERE n."workingGroupId" = ${group.id} AND n.status IN ('PUBLISHED', 'CLOSED', 'AWARDED', 'NOT_AWARDED') AND ${access.visible}
      ORDER BY n."publishedAt" DESC NULLS LAST, n.id
      LIMIT 100`,
    prisma.workingGroupAnnouncement.findMany({
      where: { workingGroupId: group.id },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: { id: true, title: true, body: true, createdAt: true, author: { select: { name: true } } },
    }),
  ])
  const manage = canManageGroup(actor, group)
  return {
    group: {
      slug: group.slug,
      name: group.name,
      theme: group.theme,
      description: group.description,
      hubName: group.hub.name,
      openToAllHubs: group.openToAllHubs,
      archived: group.archivedAt !== null,
    },
    members: members.map((row) => ({ ...row.organisation, hubName: row.organisation.homeHub.name, joinedAt: row.joinedAt })),
    needs,
    announcements: announcements.map((row) => ({ ...row, authorName: row.author.name })),
    canManage: manage,
    mayJoin: organisationsThatMayJoin(actor, info).map((membership) => ({ id: membership.organisationId, name: membership.organisation.name })),
    mayLeave: actor.memberships
      .filter((membership) => groupLeaveRefusal(actor, info, membership.organisationId) === null)
      .map((membership) => ({ id: membership.organisationId, name: membership.organisation.name })),
    /** The actor's verified organisations the group refuses (another hub's group reserved to its own). */
    refused: group.archivedAt
      ? []
      : verifiedOrganisations(actor, 'FIRM')
          .concat(verifiedOrganisations(actor, 'PARTNER'))
          .filter((membership) => groupJoinRefusal(actor, info, membership.organisationId) === 'otherHub')
          .map((membership) => membership.organisation.name),
  }
}

/** The slugs to try for a name, in order: the name's, then numbered `-2`, `-3` …, then a random tail. */
async function* slugCandidates(name: string) {
  // slugify's fallback is "organisation"; "/groups/new" is the creation form.
  const slug = slugify(name).replace(/^organisation$/, 'groupe')
  const base = slug === 'new' ? 'new-groupe' : slug
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = attempt === 0 ? base : `${base}-${attempt + 1}`
    const taken = await prisma.workingGroup.findUnique({ where: { slug: candidate }, select: { id: true } })
    if (!taken) yield candidate
  }
  for (let attempt = 0; attempt < 5; attempt++) yield `${base}-${randomBytes(3).toString('hex')}`
}

export async function createGroup(actor: Actor, input: GroupFormInput, requestId?: string) {
  if (!canCreateGroupIn(actor, input.hubId)) {
    if (staffHubIds(actor).length === 0) throw AppError.forbidden('groups.errors.onlyStaff')
    throw AppError.invalid({ hubId: ['validation.invalidChoice'] })
  }
  // Two groups of one name created at once both find the same slug free: the second insert hits the
  // unique index, and is retried with the next free slug (never a 500).
  for await (const slug of slugCandidates(input.name)) {
    try {
      return await insertGroup(actor, input, slug, requestId)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
  }
  throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
}

async function insertGroup(actor: Actor, input: GroupFormInput, slug: string, requestId?: string) {
  return transaction(async ({ db }) => {
    const group = await db.workingGroup.create({
      data: {
        slug,
        name: input.name,
        theme: input.theme,
        description: input.description,
        hubId: input.hubId,
        openToAllHubs: input.audience === 'all',
        createdById: actor.userId,
      },
      select: { id: true, slug: true },
    })
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: input.hubId,
      action: 'group.create',
      target: { type: 'WorkingGroup', id: group.id },
      after: { name: input.name, openToAllHubs: input.audience === 'all' },
      requestId,
    })
    return group
  })
}

async function loadManagedGroup(actor: Actor, slug: string) {
  const group = await loadGroup(actor, slug)
  if (!canManageGroup(actor, group)) throw AppError.forbidden('groups.errors.onlyHubStaff')
  return group
}

export async function updateGroup(actor: Actor, slug: string, input: Omit<GroupFormInput, 'hubId'>, requestId?: string) {
  const group = await loadManagedGroup(actor, slug)
  if (group.archivedAt) throw AppError.conflict('group_archived', 'groups.errors.archived')
  await transaction(async ({ db }) => {
    await db.workingGroup.update({
      where: { id: group.id },
      data: { name: input.name, theme: input.theme, description: input.description, openToAllHubs: input.audience === 'all' },
    })
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: group.hubId,
      action: 'group.update',
      target: { type: 'WorkingGroup', id: group.id },
      before: { name: group.name, openToAllHubs: group.openToAllHubs },
      after: { name: input.name, openToAllHubs: input.audience === 'all' },
      requestId,
    })
  })
}

export async function archiveGroup(actor: Actor, slug: string, requestId?: string) {
  const group = await loadManagedGroup(actor, slug)
  if (group.archivedAt) throw AppError.conflict('group_archived', 'groups.errors.archived')
  await transaction(async ({ db }) => {
    const updated = await db.workingGroup.updateMany({ where: { id: group.id, archivedAt: null }, data: { archivedAt: new Date() } })
    if (updated.count === 0) throw AppError.conflict('group_archived', 'groups.errors.archived')
    await writeAudit(db, { actorId: actor.userId, hubId: group.hubId, action: 'group.archive', target: { type: 'WorkingGroup', id: group.id }, requestId })
  })
}

const REFUSALS: Record<GroupJoinRefusal, () => AppError> = {
  notFound: () => AppError.notFound(),
  forbidden: () => AppError.forbidden('groups.errors.notYourOrganisation'),
  archived: () => AppError.conflict('group_archived', 'groups.errors.archived'),
  otherHub: () => AppError.forbidden('groups.errors.otherHub'),
  already: () => AppError.conflict('already_member', 'groups.errors.alreadyMember'),
  notMember: () => AppError.conflict('not_member', 'groups.errors.notMember'),
}

export async function joinGroup(actor: Actor, slug: string, organisationId: string, requestId?: string) {
  assertUsesGroups(actor)
  const group = await loadGroup(actor, slug)
  const refusal = groupJoinRefusal(actor, accessInfo(group), organisationId)
  if (refusal) throw REFUSALS[refusal]()
  await transaction(async ({ db }) => {
    const created = await db.workingGroupMember.createMany({ data: [{ workingGroupId: group.id, organisationId, joinedById: actor.userId }], skipDuplicates: true })
    if (created.count === 0) throw REFUSALS.already()
    await writeAudit(db, { actorId: actor.userId, actorOrgId: organisationId, hubId: group.hubId, action: 'group.join', target: { type: 'WorkingGroup', id: group.id }, requestId })
  })
}

export async function leaveGroup(actor: Actor, slug: string, organisationId: string, requestId?: string) {
  assertUsesGroups(actor)
  const group = await loadGroup(actor, slug)
  const refusal = groupLeaveRefusal(actor, accessInfo(group), organisationId)
  if (refusal) throw REFUSALS[refusal]()
  await transaction(async ({ db }) => {
    const removed = await db.workingGroupMember.deleteMany({ where: { workingGroupId: group.id, organisationId } })
    if (removed.count === 0) throw REFUSALS.notMember()
    await writeAudit(db, { actorId: actor.userId, actorOrgId: organisationId, hubId: group.hubId, action: 'group.leave', target: { type: 'WorkingGroup', id: group.id }, requestId })
  })
}

/** The users of the group's member organisations (disabled accounts aside: notify leaves them out of e-mails). */
async function memberUserIds(groupId: string) {
  const rows = await prisma.membership.findMany({
    where: { organisation: { status: 'VERIFIED', workingGroups: { some: { workingGroupId: groupId } } } },
    select: { userId: true },
  })
  return [...new Set(rows.map((row) => row.userId))]
}

/** Staff of the group's hub post an announcement; the members' users are told (GROUP_NEEDS). */
export async function postAnnouncement(actor: Actor, slug: string, input: { title: string; body: string }, requestId?: string) {
  const group = await loadManagedGroup(actor, slug)
  if (group.archivedAt) throw AppError.conflict('group_archived', 'groups.errors.archived')
  const recipients = (await memberUserIds(group.id)).filter((userId) => userId !== actor.userId)
  const link = `/groups/${group.slug}`
  await transaction(async (tx) => {
    const announcement = await tx.db.workingGroupAnnouncement.create({
      data: { workingGroupId: group.id, authorId: actor.userId, title: input.title, body: input.body },
      select: { id: true },
    })
    await writeAudit(tx.db, {
      actorId: actor.userId,
      hubId: group.hubId,
      action: 'group.announce',
      target: { type: 'WorkingGroup', id: group.id },
      after: { announcementId: announcement.id, title: input.title },
      requestId,
    })
    await notify(tx, {
      category: 'GROUP_NEEDS',
      userIds: recipients,
      kind: 'groups:announcement',
      payload: { group: group.name, title: input.title },
      link,
      email: {
        // Filed under no hub (an announcement is no record of the outbox's rules): nobody reads it in the app.
        about: { type: 'USER', id: actor.userId },
        kind: 'group-announcement',
        template: (user) => ({ name: 'groups.announcement', data: { name: user.name, groupName: group.name, title: input.title, link: `${getEnv().APP_URL}${link}` } }),
      },
    })
  })
}

// ───────── the need form and the needs list ─────────

/** The groups a partner may address a need to: open ones of every hub, and its home hub's own. */
export async function addressableGroups(partner: { homeHubId: string }) {
  const groups = await prisma.workingGroup.findMany({
    where: { archivedAt: null, OR: [{ openToAllHubs: true }, { hubId: partner.homeHubId }] },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, hubId: true, openToAllHubs: true, archivedAt: true, hub: { select: { shortName: true } } },
  })
  return groups.filter((group) => canAddressNeedToGroup(partner, group)).map((group) => ({ id: group.id, name: group.name, hubShortName: group.hub.shortName }))
}

/**
 * The cohorts a partner may reserve a need to: its home hub's, neither archived nor ended — the
 * cohorts module's `listReservableCohorts` (decision 0025), the same rule as `canReserveNeedToCohort`.
 */
export async function reservableCohorts(partner: { homeHubId: string }, now = new Date()) {
  const cohorts = await listReservableCohorts(partner.homeHubId, now)
  return cohorts.map((cohort) => ({ id: cohort.id, name: cohort.name, year: cohort.year }))
}

/**
 * Checks the group and the cohort of a need's form for its partner: each must be one the form
 * offers (field errors otherwise, nothing written). Reads in the caller's client.
 */
export async function assertNeedAudience(
  db: Prisma.TransactionClient | typeof prisma,
  partner: { homeHubId: string },
  input: { workingGroupId?: string; reservedCohortId?: string },
) {
  const errors: Record<string, string[]> = {}
  if (input.workingGroupId) {
    const group = await db.workingGroup.findUnique({ where: { id: input.workingGroupId }, select: { hubId: true, openToAllHubs: true, archivedAt: true } })
    if (!group || !canAddressNeedToGroup(partner, group)) errors.workingGroupId = ['groups.validation.groupNotAllowed']
  }
  if (input.reservedCohortId) {
    const cohort = await db.cohort.findUnique({ where: { id: input.reservedCohortId }, select: { hubId: true, archivedAt: true, endsOn: true } })
    if (!cohort || !canReserveNeedToCohort(partner, cohort)) errors.reservedCohortId = ['groups.validation.cohortNotAllowed']
  }
  if (Object.keys(errors).length > 0) throw AppError.invalid(errors)
}

/** The needs list's group filter: the groups of the actor's organisations (slugs). */
export async function groupsForFilter(actor: Actor) {
  const organisationIds = actor.memberships.map((membership) => membership.organisationId)
  if (organisationIds.length === 0) return []
  return prisma.workingGroup.findMany({
    where: { members: { some: { organisationId: { in: organisationIds } } } },
    orderBy: { name: 'asc' },
    select: { slug: true, name: true },
  })
}

/**
 * A need addressed to a group was published: the users of the group's member organisations who
 * may read the whole need (the need page's own rule, asked for each: the full page, the one that
 * names the group, not a teaser), its partner's aside, are told
 * under GROUP_NEEDS (in the app; by e-mail at once or in the digest per their preferences).
 * Called once the publication has committed.
 */
export async function notifyGroupOfPublishedNeed(needId: string) {
  const need = await prisma.need.findUnique({
    where: { id: needId },
    select: {
      id: true,
      title: true,
      status: true,
      partnerId: true,
      partner: { select: { name: true } },
      workingGroup: { select: { id: true, name: true, archivedAt: true } },
    },
  })
  if (!need || need.status !== 'PUBLISHED' || !need.workingGroup || need.workingGroup.archivedAt) return { told: 0 }
  const group = need.workingGroup
  const partnerUsers = new Set((await prisma.membership.findMany({ where: { organisationId: need.partnerId }, select: { userId: true } })).map((row) => row.userId))
  const candidates = (await memberUserIds(group.id)).filter((userId) => !partnerUsers.has(userId))
  // 'full': the notification names the group, which the teaser of an INVITE_ONLY need (NDA not yet
  // accepted) does not; such a member is told by the invitation, not here.
  const readers = await whoMayOpenNeed(candidates, need.id, 'full')
  if (readers.length === 0) return { told: 0 }
  const link = `/needs/${need.id}`
  const told = await transaction(async (tx) => {
    // Told once per person, need and group: this runs at publication, again from the published-need
    // job (a retry if the first pass failed) and when a cohort reservation ends (the members who
    // could not open it before hear of it then).
    const keys = readers.map((userId) => `group-need:${need.id}:${group.id}:${userId}`)
    const claimed = await tx.db.$queryRaw<Array<{ key: string }>>`
      INSERT INTO "ReminderSent" (key) SELECT unnest(${keys}::text[]) ON CONFLICT (key) DO NOTHING RETURNING key`
    const claimedKeys = new Set(claimed.map((row) => row.key))
    const newReaders = readers.filter((_, index) => claimedKeys.has(keys[index]!))
    if (newReaders.length === 0) return 0
    await notify(tx, {
      category: 'GROUP_NEEDS',
      userIds: newReaders,
      kind: 'groups:need-addressed',
      payload: { needId: need.id, title: need.title, group: group.name },
      link,
      needId: need.id,
      email: {
        about: { type: 'NEED', id: need.id },
        kind: 'group-need',
        template: (user) => ({
          name: 'groups.needAddressed',
          data: { name: user.name, needTitle: need.title, partnerName: need.partner.name, groupName: group.name, link: `${getEnv().APP_URL}${link}` },
        }),
      },
    })
    return newReaders.length
  })
  return { told }
}

/**
 * The need form's choices of group and cohort for a partner of that home hub. Editing a need, its
 * own group and cohort are always among them, marked when archived (or ended) since: the form
 * posts them back unchanged, which the save accepts (a published need's reservation is fixed, a
 * draft keeps its group unless the partner picks another).
 */
export async function needAudienceOptions(
  partner: { homeHubId: string },
  current: { workingGroupId?: string | null; reservedCohortId?: string | null } = {},
  now = new Date(),
) {
  const [offeredGroups, offeredCohorts] = await Promise.all([addressableGroups(partner), reservableCohorts(partner, now)])
  const groups: Array<{ id: string; name: string; hubShortName: string; archived?: boolean }> = offeredGroups
  const cohorts: Array<{ id: string; name: string; year: number; archived?: boolean; ended?: boolean }> = offeredCohorts
  const groupId = current.workingGroupId
  if (groupId && !groups.some((group) => group.id === groupId)) {
    const group = await prisma.workingGroup.findUnique({ where: { id: groupId }, select: { id: true, name: true, archivedAt: true, hub: { select: { shortName: true } } } })
    if (group) groups.push({ id: group.id, name: group.name, hubShortName: group.hub.shortName, archived: group.archivedAt !== null })
  }
  const cohortId = current.reservedCohortId
  if (cohortId && !cohorts.some((cohort) => cohort.id === cohortId)) {
    const cohort = await prisma.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true, year: true, archivedAt: true, endsOn: true } })
    if (cohort) cohorts.push({ id: cohort.id, name: cohort.name, year: cohort.year, archived: cohort.archivedAt !== null, ended: cohortEnded(cohort, now) })
  }
  return { groups, cohorts }
}
