import type { Prisma } from '#app/generated/prisma/client'
import { groupsSeenBy } from '#app/modules/groups/seen.server'
import { communeByInsee, communeLabel, distanceKm, type Commune } from '#app/modules/geo/communes'
import { describeNafCodes } from '#app/modules/naf/naf'
import { interventionArea } from '#app/modules/organisations/departements'
import {
  canEditNeed,
  canSeeInFirmDirectory,
  canUseFirmDirectory,
  firmDirectoryScope,
  recommendingHubIds,
  type Actor,
} from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { FIRM_DIRECTORY_PAGE_SIZE, type FirmDirectoryFilters } from './schema'

/**
 * The firm directory (/firms): verified firms that did not hide themselves, searched by partners
 * and hub staff. Who finds which firm is decided once, in the policy (`firmDirectoryScope` for the
 * list, `canSeeInFirmDirectory` for the profile page — the same rule); this module only turns it
 * and the filters into queries.
 */

/** 403 for firms, users of no organisation, members of an organisation not verified. */
export function assertMayUseFirmDirectory(actor: Actor) {
  if (!canUseFirmDirectory(actor)) throw AppError.forbidden('firms.errors.directoryForbidden')
}

/** The directory's filter for this actor, in Prisma's words (the policy's scope, as is). */
export function firmDirectoryWhere(actor: Actor): Prisma.OrganisationWhereInput {
  const scope = firmDirectoryScope(actor)
  if (!scope) throw AppError.forbidden('firms.errors.directoryForbidden')
  return scope
}

/**
 * INSEE codes of the communes of the firms found by `where` that lie within `km` of a commune.
 * Bounded by the firms' distinct communes, not by the commune table (every French commune).
 */
async function firmCommunesWithin(where: Prisma.OrganisationWhereInput, origin: Commune, km: number) {
  const rows = await prisma.organisation.findMany({ where, distinct: ['communeInsee'], select: { communeInsee: true } })
  return rows.flatMap(({ communeInsee }) => {
    const commune = communeByInsee(communeInsee)
    return commune && distanceKm(origin, commune) <= km ? [commune.insee] : []
  })
}

function filtersWhere(filters: FirmDirectoryFilters): Prisma.OrganisationWhereInput[] {
  const and: Prisma.OrganisationWhereInput[] = []
  if (filters.q) {
    const contains = { contains: filters.q, mode: 'insensitive' as const }
    and.push({ OR: [{ name: contains }, { description: contains }, { offerings: contains }] })
  }
  if (filters.skills?.length) and.push({ skills: { hasEvery: filters.skills } })
  if (filters.nafCodes?.length) and.push({ nafCodes: { hasSome: filters.nafCodes } })
  if (filters.band) and.push({ revenueBand: filters.band })
  if (filters.hubId) and.push({ homeHubId: filters.hubId })
  if (filters.cohortId) and.push({ cohorts: { some: { cohortId: filters.cohortId } } })
  if (filters.groupId) and.push({ workingGroups: { some: { workingGroupId: filters.groupId } } })
  return and
}

const listSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  skills: true,
  communeInsee: true,
  communeName: true,
  revenueBand: true,
  headcount: true,
  homeHub: { select: { id: true, shortName: true } },
} as const satisfies Prisma.OrganisationSelect

function distanceFrom(origin: Commune | undefined, insee: string | null) {
  if (!origin) return null
  const commune = communeByInsee(insee)
  return commune ? Math.round(distanceKm(origin, commune)) : null
}

/**
 * One page of the directory: the total, the firms (name order, or distance from the chosen
 * commune: firms of no known commune last), each with its distance when a commune is given.
 */
export async function searchFirmDirectory(actor: Actor, filters: FirmDirectoryFilters, restrictToHubIds?: string[]) {
  const and: Prisma.OrganisationWhereInput[] = [
    firmDirectoryWhere(actor),
    ...filtersWhere(filters),
    ...(restrictToHubIds ? [{ homeHubId: { in: restrictToHubIds } }] : []),
  ]
  if (filters.commune && filters.km !== undefined) and.push({ communeInsee: { in: await firmCommunesWithin({ AND: and }, filters.commune, filters.km) } })
  const where: Prisma.OrganisationWhereInput = { AND: and }
  const take = FIRM_DIRECTORY_PAGE_SIZE
  const page = Math.max(1, filters.page ?? 1)
  const sort = filters.sort ?? (filters.commune ? 'distance' : 'name')
  if (sort === 'distance' && filters.commune) {
    // Distances come from the communes' coordinates (in the app, not in the database): the ids
    // and communes of every firm found, sorted here, then the page's firms read.
    const origin = filters.commune
    const all = await prisma.organisation.findMany({ where, select: { id: true, name: true, communeInsee: true } })
    const sorted = all
      .map((firm) => ({ ...firm, distance: distanceFrom(origin, firm.communeInsee) }))
      .sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity) || a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id))
    const ids = sorted.slice((page - 1) * take, page * take).map((firm) => firm.id)
    const rows = await prisma.organisation.findMany({ where: { id: { in: ids } }, select: listSelect })
    const byId = new Map(rows.map((row) => [row.id, row]))
    const firms = ids.flatMap((id) => {
      const row = byId.get(id)
      return row ? [{ ...row, distanceKm: distanceFrom(origin, row.communeInsee) }] : []
    })
    return { total: all.length, page, pageSize: take, sort, firms }
  }
  const [total, rows] = await Promise.all([
    prisma.organisation.count({ where }),
    prisma.organisation.findMany({ where, select: listSelect, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: (page - 1) * take, take }),
  ])
  return { total, page, pageSize: take, sort, firms: rows.map((row) => ({ ...row, distanceKm: distanceFrom(filters.commune, row.communeInsee) })) }
}

/**
 * The choices of the directory's filters: hubs, open cohorts and the open working groups the
 * reader may see (`canSeeGroup`: a hub-only group is not named to another hub's partners or staff).
 * Cohorts are listed to every directory reader (partners and staff): their names are a programme's
 * public face, not a secret (decision 0027).
 */
export async function firmDirectoryChoices(actor: Actor) {
  const [hubs, cohorts, groups] = await Promise.all([
    prisma.hub.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, shortName: true } }),
    prisma.cohort.findMany({ where: { archivedAt: null }, orderBy: [{ year: 'desc' }, { name: 'asc' }], select: { id: true, name: true, year: true, hub: { select: { shortName: true } } } }),
    groupsSeenBy(actor, { archivedAt: null }),
  ])
  return {
    hubs,
    cohorts: cohorts.map((cohort) => ({ id: cohort.id, label: `${cohort.name} (${cohort.year}, ${cohort.hub.shortName})` })),
    groups: groups.map((group) => ({ id: group.id, label: `${group.name} (${group.hubShortName})` })),
  }
}

/**
 * `?group=` naming a group the reader may not see (another hub's hub-only group, an archived one):
 * refused next to the filter with the message of an unknown choice, and not searched — the
 * results would tell its members.
 */
export async function refuseUnseenGroupFilter(actor: Actor, filters: FirmDirectoryFilters, errors: Record<string, string[]>) {
  if (!filters.groupId) return
  const seen = await groupsSeenBy(actor, { id: filters.groupId, archivedAt: null })
  if (seen.length > 0) return
  errors.group = ['validation.invalidChoice']
  delete filters.groupId
}

// ───────── choosing for a need (?for=) ─────────

const needForSelect = {
  id: true,
  title: true,
  status: true,
  partnerId: true,
  hubId: true,
  sharedWith: { select: { hubId: true } },
  partner: { select: { name: true } },
} as const satisfies Prisma.NeedSelect

export type DirectoryMode = { kind: 'invite' | 'recommend'; need: { id: string; title: string; partnerName: string }; hubIds: string[] }

/**
 * `/firms?for=<needId>`: the partner invites (its published need), staff of the need's hubs
 * recommend (their hubs' firms only). Anyone else, or a need not published: 404 — the directory
 * itself stays open without the parameter.
 */
export async function directoryModeFor(actor: Actor, needId: string): Promise<DirectoryMode> {
  const need = await prisma.need.findUnique({ where: { id: needId }, select: needForSelect })
  assertFound(need && need.status === 'PUBLISHED')
  const info = { ...need, sharedHubIds: need.sharedWith.map((share) => share.hubId) }
  const summary = { id: need.id, title: need.title, partnerName: need.partner.name }
  if (canEditNeed(actor, info)) return { kind: 'invite', need: summary, hubIds: [] }
  const hubIds = recommendingHubIds(actor, info)
  assertFound(hubIds.length > 0)
  return { kind: 'recommend', need: summary, hubIds }
}

/** Where each of the listed firms stands with the need (a match already there), by firm id. */
export async function matchesOfNeed(needId: string, firmIds: string[]) {
  if (firmIds.length === 0) return {}
  const rows = await prisma.match.findMany({
    where: { needId, firmId: { in: firmIds } },
    select: { firmId: true, status: true, source: true, recommendedAt: true },
  })
  return Object.fromEntries(rows.map((row) => [row.firmId, { status: row.status, source: row.source, recommended: row.recommendedAt !== null }]))
}

// ───────── the profile page ─────────

/**
 * A firm's directory profile: 404 unless the actor finds it in the directory (hidden, not verified,
 * not a firm, or another hub's for staff). With the partner's published needs to invite it to.
 */
export async function getDirectoryProfile(actor: Actor, slug: string) {
  assertMayUseFirmDirectory(actor)
  const firm = await prisma.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      kind: true,
      status: true,
      directoryHidden: true,
      homeHubId: true,
      name: true,
      description: true,
      offerings: true,
      skills: true,
      nafCodes: true,
      labels: true,
      communeInsee: true,
      communeName: true,
      revenueBand: true,
      headcount: true,
      foundedYear: true,
      website: true,
      interventionDepartements: true,
      interventionRadiusKm: true,
      homeHub: { select: { name: true, shortName: true } },
      references: { orderBy: [{ year: 'desc' }, { createdAt: 'asc' }], take: 20, select: { id: true, title: true, description: true, year: true } },
      cohorts: { where: { cohort: { archivedAt: null } }, select: { cohort: { select: { id: true, name: true, programme: true, year: true } } } },
      workingGroups: { where: { workingGroup: { archivedAt: null } }, select: { workingGroupId: true } },
    },
  })
  assertFound(firm && canSeeInFirmDirectory(actor, firm))
  const commune = communeByInsee(firm.communeInsee)
  // The partner's published needs, to invite the firm to (with where the firm already stands).
  const partnerIds = actor.memberships.filter((membership) => membership.organisation.kind === 'PARTNER' && membership.organisation.status === 'VERIFIED').map((membership) => membership.organisationId)
  // Its groups the reader may see (a hub-only group of another hub is not named).
  const groupIds = firm.workingGroups.map((entry) => entry.workingGroupId)
  const groups = groupIds.length ? await groupsSeenBy(actor, { id: { in: groupIds }, archivedAt: null }) : []
  const needs = partnerIds.length
    ? await prisma.need.findMany({
        where: { partnerId: { in: partnerIds }, status: 'PUBLISHED' },
        orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
        take: 100,
        select: { id: true, title: true, matches: { where: { firmId: firm.id }, select: { status: true } } },
      })
    : []
  const { references, cohorts, workingGroups: _groups, homeHub, kind: _kind, status: _status, directoryHidden: _hidden, interventionDepartements, interventionRadiusKm, ...fields } = firm
  return {
    firm: {
      ...fields,
      hubName: homeHub.name,
      hubShortName: homeHub.shortName,
      communeLabel: commune ? communeLabel(commune) : firm.communeName,
      naf: describeNafCodes(firm.nafCodes),
      intervention: interventionArea({ interventionDepartements, interventionRadiusKm }),
    },
    references,
    cohorts: cohorts.map((entry) => entry.cohort),
    groups: groups.map((group) => ({ id: group.id, name: group.name, hubShortName: group.hubShortName })),
    invitableNeeds: needs.map((need) => ({ id: need.id, title: need.title, matchStatus: need.matches[0]?.status ?? null })),
    /** A member of a verified partner: the invitation form (with its needs, or how to post one). */
    canInvite: partnerIds.length > 0,
  }
}
