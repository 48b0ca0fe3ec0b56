import type { Prisma } from '#app/generated/prisma/client'
import { writeAudit } from '#app/modules/audit/audit.server'
import {
  canCreateCohort,
  canJoinCohort,
  canManageCohort,
  canViewCohortAsStaff,
  canViewOwnCohortProgress,
  isStaff,
  staffHubIds,
  type Actor,
} from '#app/modules/policy/policy'
import { AppError, assertFound, isUniqueViolation } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { firmPipelines, type FirmPipeline } from './pipeline.server'
import { ACCELERATOR_BANDS, cohortPhase, cohortTarget, progressOf } from './progress'
import { PICKER_LIMIT, type CohortFields, type PickerBand } from './schema'

/**
 * Accelerator cohorts (issue 14): hub staff build them and follow each firm's pipeline against
 * the cohort's target; a firm reads its own progress. Every permission comes from policy.ts; see
 * docs/decisions/0025-accelerator-cohorts.md.
 */

const cohortSelect = {
  id: true,
  hubId: true,
  name: true,
  programme: true,
  description: true,
  year: true,
  startsOn: true,
  endsOn: true,
  targetEur: true,
  targetPilots: true,
  archivedAt: true,
  createdAt: true,
  hub: { select: { name: true } },
} satisfies Prisma.CohortSelect

type CohortRecord = Prisma.CohortGetPayload<{ select: typeof cohortSelect }>

const EMPTY_PIPELINE = { applications: 0, shortlisted: 0, pilots: 0, contracts: 0, wonEur: 0, lastActivity: null }

function pipelineOf(pipelines: FirmPipeline[], cohortId: string, firmId: string) {
  const found = pipelines.find((row) => row.cohortId === cohortId && row.firmId === firmId)
  return found ? { ...found, wonEur: Number(found.wonEur) } : { cohortId, firmId, ...EMPTY_PIPELINE }
}

/** A firm's figures with its progress against the cohort's per-firm targets. */
function withProgress(cohort: Pick<CohortRecord, 'targetEur' | 'targetPilots'>, pipeline: Omit<FirmPipeline, 'cohortId' | 'firmId'>) {
  return {
    applications: pipeline.applications,
    shortlisted: pipeline.shortlisted,
    pilots: pipeline.pilots,
    contracts: pipeline.contracts,
    wonEur: pipeline.wonEur,
    lastActivity: pipeline.lastActivity,
    value: progressOf(pipeline.wonEur, cohort.targetEur),
    pilotsProgress: progressOf(pipeline.pilots, cohort.targetPilots),
  }
}

function cohortSummary(cohort: CohortRecord, now: Date) {
  return {
    id: cohort.id,
    hubId: cohort.hubId,
    hubName: cohort.hub.name,
    name: cohort.name,
    programme: cohort.programme,
    description: cohort.description,
    year: cohort.year,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    targetEur: cohort.targetEur,
    targetPilots: cohort.targetPilots,
    archivedAt: cohort.archivedAt,
    phase: cohortPhase(cohort, now),
  }
}

// ───────── staff: the list ─────────

/** The cohorts of the actor's hubs (archived last), each with its firms' value won against the overall target. */
export async function listCohortsForStaff(actor: Actor, now = new Date()) {
  if (!isStaff(actor)) throw AppError.forbidden()
  const hubIds = staffHubIds(actor)
  const cohorts = await prisma.cohort.findMany({
    where: { hubId: { in: hubIds } },
    orderBy: [{ year: 'desc' }, { name: 'asc' }],
    select: { ...cohortSelect, _count: { select: { members: true } } },
  })
  const visible = cohorts.filter((cohort) => canViewCohortAsStaff(actor, cohort))
  const pipelines = await firmPipelines(visible.map((cohort) => cohort.id))
  const rows = visible.map((cohort) => {
    const mine = pipelines.filter((row) => row.cohortId === cohort.id)
    const firms = cohort._count.members
    const wonEur = mine.reduce((sum, row) => sum + Number(row.wonEur), 0)
    const pilots = mine.reduce((sum, row) => sum + row.pilots, 0)
    return {
      ...cohortSummary(cohort, now),
      firms,
      wonEur,
      pilots,
      value: progressOf(wonEur, cohortTarget(cohort.targetEur, firms)),
      pilotsProgress: progressOf(pilots, cohortTarget(cohort.targetPilots, firms)),
    }
  })
  return rows.sort((a, b) => Number(Boolean(a.archivedAt)) - Number(Boolean(b.archivedAt)))
}

/** The hubs the actor may create a cohort in (the form's choice). */
export async function cohortHubsFor(actor: Actor) {
  const hubIds = staffHubIds(actor).filter((hubId) => canCreateCohort(actor, hubId))
  return prisma.hub.findMany({ where: { id: { in: hubIds } }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
}

// ───────── staff: one cohort ─────────

/**
 * A console action's first check, before its input is read: anyone but staff is refused (403),
 * another hub's cohort does not exist (404).
 */
export async function requireCohortAsStaff(actor: Actor, cohortId: string) {
  await loadCohortAsStaff(actor, cohortId)
}

/** The create form's first check: staff only (403), and a hub of theirs when one is posted (404). */
export function requireCohortCreator(actor: Actor, hubId: string | null) {
  if (!isStaff(actor)) throw AppError.forbidden()
  if (hubId && !canCreateCohort(actor, hubId)) throw AppError.notFound()
}

async function loadCohortAsStaff(actor: Actor, cohortId: string) {
  // The console is staff's: anyone else is refused (403) before any cohort is looked up.
  if (!isStaff(actor)) throw AppError.forbidden()
  const cohort = await prisma.cohort.findUnique({ where: { id: cohortId }, select: cohortSelect })
  // Another hub's cohort does not exist for this actor.
  assertFound(cohort && canViewCohortAsStaff(actor, cohort))
  return cohort
}

async function loadCohortToManage(actor: Actor, cohortId: string) {
  const cohort = await loadCohortAsStaff(actor, cohortId)
  if (!canManageCohort(actor, cohort)) throw AppError.conflict('cohort_archived', 'cohorts.errors.archived')
  return cohort
}

/** A cohort's page: its firms, each with its pipeline and progress, most value won first. */
export async function getCohortForStaff(actor: Actor, cohortId: string, now = new Date()) {
  const cohort = await loadCohortAsStaff(actor, cohortId)
  const members = await prisma.cohortMember.findMany({
    where: { cohortId },
    select: { addedAt: true, organisation: { select: { id: true, name: true, slug: true, revenueBand: true, status: true } } },
  })
  const pipelines = await firmPipelines([cohortId])
  const firms = members
    .map((member) => ({
      id: member.organisation.id,
      name: member.organisation.name,
      slug: member.organisation.slug,
      revenueBand: member.organisation.revenueBand,
      status: member.organisation.status,
      addedAt: member.addedAt,
      ...withProgress(cohort, pipelineOf(pipelines, cohortId, member.organisation.id)),
    }))
    .sort((a, b) => b.wonEur - a.wonEur || a.name.localeCompare(b.name, 'fr'))
  const wonEur = firms.reduce((sum, firm) => sum + firm.wonEur, 0)
  const pilots = firms.reduce((sum, firm) => sum + firm.pilots, 0)
  return {
    cohort: cohortSummary(cohort, now),
    canManage: canManageCohort(actor, cohort),
    firms,
    total: {
      wonEur,
      pilots,
      value: progressOf(wonEur, cohortTarget(cohort.targetEur, firms.length)),
      pilotsProgress: progressOf(pilots, cohortTarget(cohort.targetPilots, firms.length)),
    },
  }
}

/** The firm picker: verified firms of the cohort's hub not yet in it, by revenue band and name. */
export async function listPickableFirms(actor: Actor, cohortId: string, filter: { band: PickerBand; q: string }) {
  const cohort = await loadCohortAsStaff(actor, cohortId)
  const bands =
    filter.band === 'all' ? undefined : filter.band === 'accelerator' ? [...ACCELERATOR_BANDS] : [filter.band]
  const q = filter.q.trim().slice(0, 100)
  const firms = await prisma.organisation.findMany({
    where: {
      kind: 'FIRM',
      status: 'VERIFIED',
      homeHubId: cohort.hubId,
      cohorts: { none: { cohortId } },
      ...(bands ? { revenueBand: { in: bands } } : {}),
      ...(q ? { name: { contains: q, mode: 'insensitive' as const } } : {}),
    },
    orderBy: { name: 'asc' },
    take: PICKER_LIMIT + 1,
    select: { id: true, name: true, revenueBand: true, kind: true, status: true, homeHubId: true },
  })
  return {
    firms: firms.slice(0, PICKER_LIMIT).filter((firm) => canJoinCohort(firm, cohort)).map(({ id, name, revenueBand }) => ({ id, name, revenueBand })),
    more: firms.length > PICKER_LIMIT,
  }
}

// ───────── staff: writes ─────────

function auditFields(fields: CohortFields | CohortRecord) {
  return {
    name: fields.name,
    programme: fields.programme,
    description: fields.description,
    year: fields.year,
    startsOn: fields.startsOn ? fields.startsOn.toISOString().slice(0, 10) : null,
    endsOn: fields.endsOn ? fields.endsOn.toISOString().slice(0, 10) : null,
    targetEur: fields.targetEur,
    targetPilots: fields.targetPilots,
  }
}

function cohortData(fields: CohortFields) {
  return {
    name: fields.name,
    programme: fields.programme ?? '',
    description: fields.description ?? '',
    year: fields.year,
    startsOn: fields.startsOn ?? null,
    endsOn: fields.endsOn ?? null,
    targetEur: fields.targetEur,
    targetPilots: fields.targetPilots,
  }
}

/** Hub staff create a cohort in one of their hubs (another hub: 404). */
export async function createCohort(actor: Actor, input: CohortFields & { hubId: string }, requestId?: string) {
  if (!isStaff(actor)) throw AppError.forbidden()
  if (!canCreateCohort(actor, input.hubId)) throw AppError.notFound()
  return transaction(async ({ db }) => {
    const cohort = await db.cohort.create({ data: { hubId: input.hubId, createdById: actor.userId, ...cohortData(input) } })
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: input.hubId,
      action: 'cohort.create',
      target: { type: 'Cohort', id: cohort.id },
      after: auditFields(input),
      requestId,
    })
    return cohort
  })
}

export async function updateCohort(actor: Actor, cohortId: string, input: CohortFields, requestId?: string) {
  const cohort = await loadCohortToManage(actor, cohortId)
  await transaction(async ({ db }) => {
    const updated = await db.cohort.updateMany({ where: { id: cohortId, archivedAt: null }, data: cohortData(input) })
    if (updated.count === 0) throw AppError.conflict('cohort_archived', 'cohorts.errors.archived')
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: cohort.hubId,
      action: 'cohort.update',
      target: { type: 'Cohort', id: cohortId },
      before: auditFields(cohort),
      after: auditFields(input),
      requestId,
    })
  })
}

/** Archiving ends a cohort's management: its page and figures stay readable, nothing changes any more. */
export async function archiveCohort(actor: Actor, cohortId: string, requestId?: string, now = new Date()) {
  const cohort = await loadCohortToManage(actor, cohortId)
  await transaction(async ({ db }) => {
    const updated = await db.cohort.updateMany({ where: { id: cohortId, archivedAt: null }, data: { archivedAt: now } })
    if (updated.count === 0) throw AppError.conflict('cohort_archived', 'cohorts.errors.archived')
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: cohort.hubId,
      action: 'cohort.archive',
      target: { type: 'Cohort', id: cohortId },
      after: { archivedAt: now.toISOString() },
      requestId,
    })
  })
}

/** Adds a verified firm of the cohort's hub (any other organisation: a field message, 422). */
export async function addFirmToCohort(actor: Actor, cohortId: string, organisationId: string, requestId?: string) {
  const cohort = await loadCohortToManage(actor, cohortId)
  const firm = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, name: true, kind: true, status: true, homeHubId: true },
  })
  if (!firm || !canJoinCohort(firm, cohort)) throw AppError.invalid({ organisationId: ['cohorts.validation.firmNotEligible'] })
  try {
    await transaction(async ({ db }) => {
      await db.cohortMember.create({ data: { cohortId, organisationId, addedById: actor.userId } })
      await writeAudit(db, {
        actorId: actor.userId,
        hubId: cohort.hubId,
        action: 'cohort.add-firm',
        target: { type: 'Cohort', id: cohortId },
        after: { organisationId },
        requestId,
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.invalid({ organisationId: ['cohorts.validation.alreadyMember'] })
    throw error
  }
  return firm
}

export async function removeFirmFromCohort(actor: Actor, cohortId: string, organisationId: string, requestId?: string) {
  const cohort = await loadCohortToManage(actor, cohortId)
  const firm = await prisma.organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true } })
  await transaction(async ({ db }) => {
    const deleted = await db.cohortMember.deleteMany({ where: { cohortId, organisationId } })
    if (deleted.count === 0) throw AppError.invalid({ organisationId: ['cohorts.validation.notMember'] })
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: cohort.hubId,
      action: 'cohort.remove-firm',
      target: { type: 'Cohort', id: cohortId },
      before: { organisationId },
      requestId,
    })
  })
  return firm
}

// ───────── firms: their own cohort ─────────

/** The cohorts the actor's firms are in (archived ones too: a firm keeps its history). */
export async function listOwnCohorts(actor: Actor, now = new Date()) {
  const firmIds = actor.memberships.filter((membership) => membership.organisation.kind === 'FIRM').map((membership) => membership.organisationId)
  if (firmIds.length === 0) return []
  const cohorts = await prisma.cohort.findMany({
    where: { members: { some: { organisationId: { in: firmIds } } } },
    orderBy: [{ year: 'desc' }, { name: 'asc' }],
    select: { ...cohortSelect, members: { where: { organisationId: { in: firmIds } }, select: { organisationId: true } } },
  })
  return cohorts
    .filter((cohort) => canViewOwnCohortProgress(actor, cohort.members.map((member) => member.organisationId)).length > 0)
    .map((cohort) => cohortSummary(cohort, now))
}

/** The cohorts of one organisation, for its own members (its page): empty for anyone else. */
export async function listOwnCohortsOf(actor: Actor, organisationId: string, now = new Date()) {
  if (canViewOwnCohortProgress(actor, [organisationId]).length === 0) return []
  const cohorts = await prisma.cohort.findMany({
    where: { members: { some: { organisationId } } },
    orderBy: [{ year: 'desc' }, { name: 'asc' }],
    select: cohortSelect,
  })
  return cohorts.map((cohort) => {
    const { id, name, programme, startsOn, endsOn, phase } = cohortSummary(cohort, now)
    return { id, name, programme, startsOn, endsOn, phase }
  })
}

/**
 * A cohort as one of its firms reads it: the cohort, the names of the other firms, and the figures
 * of the actor's own firm(s) only. Anyone else: 404 (hub staff have the console's page).
 */
export async function getOwnCohortView(actor: Actor, cohortId: string, now = new Date()) {
  const cohort = await prisma.cohort.findUnique({
    where: { id: cohortId },
    select: { ...cohortSelect, members: { select: { organisationId: true, organisation: { select: { name: true } } } } },
  })
  assertFound(cohort)
  const mine = canViewOwnCohortProgress(actor, cohort.members.map((member) => member.organisationId))
  assertFound(mine.length > 0)
  const pipelines = (await firmPipelines([cohortId])).filter((row) => mine.includes(row.firmId))
  const own = cohort.members
    .filter((member) => mine.includes(member.organisationId))
    .map((member) => ({
      id: member.organisationId,
      name: member.organisation.name,
      ...withProgress(cohort, pipelineOf(pipelines, cohortId, member.organisationId)),
    }))
  const others = cohort.members
    .filter((member) => !mine.includes(member.organisationId))
    .map((member) => member.organisation.name)
    .sort((a, b) => a.localeCompare(b, 'fr'))
  return { cohort: cohortSummary(cohort, now), own, others }
}

// ───────── for other features ─────────

/**
 * The cohorts a partner of `hubId` may reserve a need to: its hub's cohorts, not archived and not
 * ended on `now` (for the need form, issue 14's groups helper).
 */
export async function listReservableCohorts(hubId: string, now = new Date()) {
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`)
  return prisma.cohort.findMany({
    where: { hubId, archivedAt: null, OR: [{ endsOn: null }, { endsOn: { gte: today } }] },
    orderBy: [{ year: 'desc' }, { name: 'asc' }],
    select: { id: true, name: true, programme: true, year: true },
  })
}
