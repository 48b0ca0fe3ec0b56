import { writeAudit } from '#app/modules/audit/audit.server'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { communeByInsee } from '#app/modules/geo/communes'
import { assertKnownNafCodes, describeNafCodes } from '#app/modules/naf/naf'
import { canEditOrganisationProfile,
  canManageOrganisation, isMemberOf, staffHubIds, type Actor, type OrgStatus } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { foldAccents } from '#app/modules/shared/text'
import { prisma, transaction, type Prisma, type Tx } from '#app/utils/db.server'
import {
  changedFields,
  charterDefaults,
  defaultResponseDays,
  intentFitsKind,
  PROFILE_LIMITS,
  touchesFirmMatching,
  type CharterSectionInput,
  type ExpertiseSectionInput,
  type GeneralSectionInput,
  type InterventionSectionInput,
  type ProfileAction,
  type ReferenceInput,
} from './profile-schema'
import { communeFieldValue, requireCommune } from './commune-input'
import { interventionArea } from './departements'
import { getOrganisationPage } from './service.server'

/**
 * Organisation profiles: reading the public page, editing it section by section (OWNER and ADMIN
 * of the organisation), and the suggestions of the pickers (skills, firms).
 */

// ───────── matching ─────────

/**
 * Called in the transaction of every change to what matching reads of a firm (description,
 * offerings, skills, NAF codes, commune, headcount, revenue band, founding year, references).
 */
export async function onFirmProfileChanged(tx: Tx, organisationId: string): Promise<void> {
  // The matching workers re-read firms by `updatedAt`: a reference edit counts as a profile edit.
  await tx.db.organisation.update({ where: { id: organisationId }, data: { updatedAt: new Date() } })
  tx.afterCommit(() => enqueueJob('matching.score-firm', { firmId: organisationId }))
}

// ───────── who edits ─────────

/**
 * OWNER and ADMIN edit the profile. Someone outside the organisation gets 404 (staff included:
 * they verify, they do not write), a plain member 403.
 */
function assertMayEditProfile(actor: Actor, organisation: { id: string; status: OrgStatus } | null): asserts organisation {
  assertFound(organisation && isMemberOf(actor, organisation.id))
  if (!canManageOrganisation(actor, organisation.id)) throw AppError.forbidden('profile.errors.onlyAdmins')
  if (!canEditOrganisationProfile(actor, organisation)) throw AppError.forbidden('profile.errors.readOnly')
}

export function mayEditProfile(actor: Actor, organisation: { id: string; status: OrgStatus }) {
  return canEditOrganisationProfile(actor, organisation)
}

const editableSelect = {
  id: true,
  slug: true,
  kind: true,
  name: true,
  siren: true,
  status: true,
  homeHubId: true,
} satisfies Prisma.OrganisationSelect

/** The organisation whose profile the actor may edit, or 404/403. Routes call it before parsing a form. */
export async function requireProfileEditor(actor: Actor, slug: string) {
  const organisation = await prisma.organisation.findUnique({ where: { slug }, select: editableSelect })
  assertMayEditProfile(actor, organisation)
  return organisation
}

// ───────── reading ─────────

const referenceSelect = {
  id: true,
  title: true,
  description: true,
  clientType: true,
  year: true,
  outcome: true,
} satisfies Prisma.ReferenceSelect

const referenceOrder: Prisma.ReferenceOrderByWithRelationInput[] = [{ year: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }]

/** The editor's data: every field of every section, the references, the labels of the NAF codes. */
export async function getProfileForEditing(actor: Actor, slug: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: {
      ...editableSelect,
      communeInsee: true,
      communeName: true,
      headcount: true,
      revenueBand: true,
      foundedYear: true,
      website: true,
      description: true,
      offerings: true,
      skills: true,
      nafCodes: true,
      labels: true,
      interventionDepartements: true,
      interventionRadiusKm: true,
      charterAcceptedAt: true,
      charterResponseDays: true,
      charterPaymentDays: true,
      directoryHidden: true,
      updatedAt: true,
      homeHub: { select: { name: true, charterResponseDays: true } },
      references: { orderBy: referenceOrder, select: referenceSelect },
    },
  })
  assertMayEditProfile(actor, organisation)
  const commune = communeByInsee(organisation.communeInsee)
  const { homeHub, references, ...fields } = organisation
  return {
    // The commune as the picker writes it, so that saving the section again resolves it.
    organisation: { ...fields, hubName: homeHub.name, communeLabel: commune ? communeFieldValue(commune) : organisation.communeName },
    references,
    naf: describeNafCodes(organisation.nafCodes),
    charter: charterDefaults(organisation, homeHub.charterResponseDays),
    limits: { references: PROFILE_LIMITS.references },
  }
}

/**
 * The organisation page: what `getOrganisationPage` shows (its visibility rules, team e-mails only
 * for members and hub staff), plus offerings, NAF labels, the firm's references and the partner's
 * charter commitments.
 */
export async function getOrganisationProfilePage(actor: Actor, slug: string) {
  const page = await getOrganisationPage(actor, slug)
  const extra = await prisma.organisation.findUniqueOrThrow({
    where: { id: page.organisation.id },
    select: {
      offerings: true,
      interventionDepartements: true,
      interventionRadiusKm: true,
      charterAcceptedAt: true,
      charterResponseDays: true,
      charterPaymentDays: true,
      references: { orderBy: referenceOrder, take: PROFILE_LIMITS.references, select: referenceSelect },
    },
  })
  const isFirm = page.organisation.kind === 'FIRM'
  return {
    ...page,
    organisation: { ...page.organisation, offerings: extra.offerings, naf: describeNafCodes(page.organisation.nafCodes) },
    references: isFirm ? extra.references : [],
    intervention: isFirm ? interventionArea(extra) : null,
    charter: isFirm
      ? null
      : {
          acceptedAt: extra.charterAcceptedAt,
          responseDays: extra.charterResponseDays,
          paymentDays: extra.charterPaymentDays,
        },
    canEdit: page.canManage && mayEditProfile(actor, page.organisation),
  }
}

// ───────── editing ─────────

type EditableOrganisation = Awaited<ReturnType<typeof requireProfileEditor>>

/** Serialises the profile changes of one organisation (e.g. two references added at once, at 19). */
async function lockOrganisation(tx: Tx, organisationId: string) {
  await tx.db.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${organisationId} FOR UPDATE`
}

function pick<T extends Record<string, unknown>>(source: T, keys: readonly (keyof T)[]): Prisma.InputJsonObject {
  const picked: Record<string, unknown> = {}
  for (const key of keys) {
    const value = source[key]
    picked[key as string] = value instanceof Date ? value.toISOString() : (value ?? null)
  }
  return picked as Prisma.InputJsonObject
}

/**
 * Writes the changed fields of a section, the audit row and, for a firm's matching fields, the
 * re-scoring hook, in one transaction. Nothing changed: nothing written.
 */
async function updateOrganisationFields<T extends Record<string, unknown>>(
  actor: Actor,
  organisation: EditableOrganisation,
  section: string,
  read: (tx: Tx) => Promise<T>,
  next: (current: T) => Partial<T>,
  requestId?: string,
) {
  return transaction(async (tx) => {
    await lockOrganisation(tx, organisation.id)
    const current = await read(tx)
    const wanted = next(current)
    const changed = changedFields(current, wanted)
    if (changed.length === 0) return { changed }
    await tx.db.organisation.update({
      where: { id: organisation.id },
      data: Object.fromEntries(changed.map((key) => [key, wanted[key]])) as Prisma.OrganisationUpdateInput,
    })
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: organisation.id,
      hubId: organisation.homeHubId,
      action: section,
      target: { type: 'Organisation', id: organisation.id },
      before: pick(current, changed),
      after: pick(wanted as T, changed),
      requestId,
    })
    if (touchesFirmMatching(organisation.kind, changed)) await onFirmProfileChanged(tx, organisation.id)
    return { changed }
  })
}

/**
 * Name, website, commune, size and the texts. The SIREN and the kind are not editable, and the
 * status never changes here (a verified organisation stays verified).
 */
export async function updateGeneralSection(actor: Actor, organisation: EditableOrganisation, input: GeneralSectionInput, requestId?: string) {
  const commune = requireCommune(input.communeInsee)
  return updateOrganisationFields(
    actor,
    organisation,
    'organisation.profile.update',
    (tx) =>
      tx.db.organisation.findUniqueOrThrow({
        where: { id: organisation.id },
        select: {
          name: true,
          website: true,
          communeInsee: true,
          communeName: true,
          headcount: true,
          revenueBand: true,
          foundedYear: true,
          description: true,
          offerings: true,
        },
      }),
    () => ({
      name: input.name,
      website: input.website ?? null,
      communeInsee: commune.insee,
      communeName: commune.name,
      headcount: input.headcount ?? null,
      revenueBand: input.revenueBand ?? null,
      foundedYear: input.foundedYear ?? null,
      description: input.description,
      offerings: input.offerings,
    }),
    requestId,
  )
}

/** A firm's skills, NAF codes (which must exist in the nomenclature) and labels. */
export async function updateExpertiseSection(actor: Actor, organisation: EditableOrganisation, input: ExpertiseSectionInput, requestId?: string) {
  assertKnownNafCodes(input.nafCodes)
  return updateOrganisationFields(
    actor,
    organisation,
    'organisation.expertise.update',
    (tx) => tx.db.organisation.findUniqueOrThrow({ where: { id: organisation.id }, select: { skills: true, nafCodes: true, labels: true } }),
    () => ({ skills: input.skills, nafCodes: input.nafCodes, labels: input.labels }),
    requestId,
  )
}

/**
 * A firm's intervention area: the départements where it also takes on projects and how far it
 * travels. Matching reads both: a change marks the firm for re-scoring, as any profile edit.
 */
export async function updateInterventionSection(actor: Actor, organisation: EditableOrganisation, input: InterventionSectionInput, requestId?: string) {
  return updateOrganisationFields(
    actor,
    organisation,
    'organisation.intervention.update',
    (tx) =>
      tx.db.organisation.findUniqueOrThrow({
        where: { id: organisation.id },
        select: { interventionDepartements: true, interventionRadiusKm: true },
      }),
    () => ({ interventionDepartements: input.interventionDepartements, interventionRadiusKm: input.interventionRadiusKm ?? null }),
    requestId,
  )
}

/** A partner's Small Business Act charter: accepted once (the date stays), delays adjustable. */
export async function updateCharterSection(actor: Actor, organisation: EditableOrganisation, input: CharterSectionInput, requestId?: string) {
  const hub = await prisma.hub.findUniqueOrThrow({ where: { id: organisation.homeHubId }, select: { charterResponseDays: true } })
  return transaction(async (tx) => {
    await lockOrganisation(tx, organisation.id)
    const current = await tx.db.organisation.findUniqueOrThrow({
      where: { id: organisation.id },
      select: { charterAcceptedAt: true, charterResponseDays: true, charterPaymentDays: true },
    })
    if (!current.charterAcceptedAt && !input.acceptCharter) {
      throw AppError.invalid({ acceptCharter: ['profile.validation.charterRequired'] })
    }
    const wanted = {
      charterAcceptedAt: current.charterAcceptedAt ?? new Date(),
      charterResponseDays: input.responseDays ?? defaultResponseDays(hub.charterResponseDays),
      charterPaymentDays: input.paymentDays ?? PROFILE_LIMITS.charterPaymentDays.default,
    }
    const changed = changedFields(current, wanted)
    if (changed.length === 0) return { changed }
    await tx.db.organisation.update({ where: { id: organisation.id }, data: wanted })
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: organisation.id,
      hubId: organisation.homeHubId,
      action: current.charterAcceptedAt ? 'organisation.charter.update' : 'organisation.charter.accept',
      target: { type: 'Organisation', id: organisation.id },
      before: pick(current, changed),
      after: pick(wanted, changed),
      requestId,
    })
    return { changed }
  })
}

function referenceData(input: ReferenceInput) {
  return {
    title: input.title,
    description: input.description,
    clientType: input.clientType ?? null,
    year: input.year ?? null,
    outcome: input.outcome || null,
  }
}

/** Adds a reference to a firm, at most 20. */
export async function addReference(actor: Actor, organisation: EditableOrganisation, input: ReferenceInput, requestId?: string) {
  return transaction(async (tx) => {
    await lockOrganisation(tx, organisation.id)
    const count = await tx.db.reference.count({ where: { organisationId: organisation.id } })
    if (count >= PROFILE_LIMITS.references) {
      throw AppError.conflict('reference_limit', 'profile.errors.referenceLimit', { max: PROFILE_LIMITS.references })
    }
    const data = referenceData(input)
    const reference = await tx.db.reference.create({ data: { ...data, organisationId: organisation.id }, select: { id: true } })
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: organisation.id,
      hubId: organisation.homeHubId,
      action: 'organisation.reference.create',
      target: { type: 'Reference', id: reference.id },
      after: data,
      requestId,
    })
    await onFirmProfileChanged(tx, organisation.id)
    return reference
  })
}

/** Changes a reference of the firm; one of another organisation answers 404. */
export async function updateReference(
  actor: Actor,
  organisation: EditableOrganisation,
  referenceId: string,
  input: ReferenceInput,
  requestId?: string,
) {
  return transaction(async (tx) => {
    await lockOrganisation(tx, organisation.id)
    const current = await tx.db.reference.findFirst({
      where: { id: referenceId, organisationId: organisation.id },
      select: { title: true, description: true, clientType: true, year: true, outcome: true },
    })
    assertFound(current)
    const wanted = referenceData(input)
    const changed = changedFields(current, wanted)
    if (changed.length === 0) return { changed }
    await tx.db.reference.update({ where: { id: referenceId }, data: wanted })
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: organisation.id,
      hubId: organisation.homeHubId,
      action: 'organisation.reference.update',
      target: { type: 'Reference', id: referenceId },
      before: pick(current, changed),
      after: pick(wanted, changed),
      requestId,
    })
    await onFirmProfileChanged(tx, organisation.id)
    return { changed }
  })
}

/** Removes a reference of the firm; one of another organisation answers 404. */
export async function removeReference(actor: Actor, organisation: EditableOrganisation, referenceId: string, requestId?: string) {
  return transaction(async (tx) => {
    await lockOrganisation(tx, organisation.id)
    const current = await tx.db.reference.findFirst({
      where: { id: referenceId, organisationId: organisation.id },
      select: { id: true, title: true, description: true, clientType: true, year: true, outcome: true },
    })
    assertFound(current)
    await tx.db.reference.delete({ where: { id: current.id } })
    const { id: _id, ...before } = current
    await writeAudit(tx.db, {
      actorId: actor.userId,
      actorOrgId: organisation.id,
      hubId: organisation.homeHubId,
      action: 'organisation.reference.delete',
      target: { type: 'Reference', id: current.id },
      before,
      requestId,
    })
    await onFirmProfileChanged(tx, organisation.id)
  })
}

/**
 * One form of the editor, already parsed: checks that the actor may edit and that the section
 * exists for this kind of organisation (skills and references for firms, the charter for
 * partners), then applies it.
 */
export async function applyProfileAction(actor: Actor, slug: string, action: ProfileAction, requestId?: string) {
  const organisation = await requireProfileEditor(actor, slug)
  if (!intentFitsKind(action.intent, organisation.kind)) {
    throw new AppError(422, 'section_not_for_kind', `profile.errors.notFor${organisation.kind === 'FIRM' ? 'Firms' : 'Partners'}`)
  }
  switch (action.intent) {
    case 'general':
      await updateGeneralSection(actor, organisation, action, requestId)
      break
    case 'expertise':
      await updateExpertiseSection(actor, organisation, action, requestId)
      break
    case 'intervention':
      await updateInterventionSection(actor, organisation, action, requestId)
      break
    case 'reference-add':
      await addReference(actor, organisation, action, requestId)
      break
    case 'reference-update':
      await updateReference(actor, organisation, action.referenceId, action, requestId)
      break
    case 'reference-remove':
      await removeReference(actor, organisation, action.referenceId, requestId)
      break
    case 'charter':
      await updateCharterSection(actor, organisation, action, requestId)
      break
  }
  return { slug: organisation.slug, intent: action.intent }
}

// ───────── picker suggestions ─────────

function foldQuery(value: string) {
  return foldAccents(value).toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ').trim()
}

const SKILL_CACHE_TTL_MS = 60_000
const SKILL_POOL_SIZE = 2000
/** Needs whose skills may be suggested: published at some point, and not confidential. */
const SUGGESTED_NEED_STATUSES = ['PUBLISHED', 'CLOSED', 'AWARDED', 'NOT_AWARDED']

interface PopularSkill {
  tag: string
  folded: string
  uses: number
}

let skillCache: { expiresAt: number; skills: Promise<PopularSkill[]> } | null = null

async function loadPopularSkills(): Promise<PopularSkill[]> {
  const rows = await prisma.$queryRaw<Array<{ tag: string; uses: bigint | number }>>`
    SELECT tag, COUNT(*) AS uses
    FROM (
      SELECT unnest(skills) AS tag FROM "Organisation" WHERE kind = 'FIRM' AND status = 'VERIFIED'
      UNION ALL
      SELECT unnest(skills) AS tag FROM "Need"
      WHERE status::text = ANY(${SUGGESTED_NEED_STATUSES}::text[]) AND visibility = 'PUBLIC'
        -- Reserved to a cohort (issue 14): not public until the reservation ends.
        AND NOT ("reservedCohortId" IS NOT NULL AND "reservedUntil" > now())
    ) AS used
    WHERE tag <> ''
    GROUP BY tag
    ORDER BY uses DESC, tag ASC
    LIMIT ${SKILL_POOL_SIZE}`
  return rows.map((row) => ({ tag: row.tag, folded: foldQuery(row.tag), uses: Number(row.uses) }))
}

/**
 * The most used skills across verified firms and public needs (members-only and confidential
 * needs are seen by some firms only: their tags are not suggested to everyone),
 * most used first. Kept in memory for a minute per process.
 */
export async function popularSkills(now = Date.now()): Promise<PopularSkill[]> {
  if (!skillCache || skillCache.expiresAt <= now) {
    const skills = loadPopularSkills()
    skillCache = { expiresAt: now + SKILL_CACHE_TTL_MS, skills }
    // A failed load is not kept: the next call tries again.
    skills.catch(() => {
      if (skillCache?.skills === skills) skillCache = null
    })
  }
  return skillCache.skills
}

/**
 * Skills completing what is being typed: those starting with it first, then those with a word
 * starting with it, then those containing it; each group most used first. No query: the most used.
 */
export async function suggestSkills(query: string, limit = 10): Promise<string[]> {
  const skills = await popularSkills()
  const folded = foldQuery(query.slice(0, 80))
  if (!folded) return skills.slice(0, limit).map((skill) => skill.tag)
  const rank = (skill: PopularSkill) => {
    if (skill.folded.startsWith(folded)) return 0
    if (skill.folded.split(/[\s\-/.]+/).some((word) => word.startsWith(folded))) return 1
    if (skill.folded.includes(folded)) return 2
    return null
  }
  return skills
    .map((skill, index) => ({ skill, index, rank: rank(skill) }))
    .filter((entry): entry is { skill: PopularSkill; index: number; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.skill.tag)
}

const ACCENTED = 'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿ’'
const PLAIN = 'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyy\''

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`)
}

export const FIRM_SEARCH_MIN_LENGTH = 2
export const FIRM_SEARCH_LIMIT = 10

/**
 * Verified firms whose name (accents and case ignored) contains the query, or whose slug starts
 * with it: for choosing consortium partners. Names starting with the query come first. Only firms
 * the actor may see (`canViewOrganisation`): all verified firms for members of a verified
 * organisation, otherwise those of the actor's own organisations and of the hubs they staff.
 */
export async function searchVerifiedFirms(actor: Actor, query: string, limit = FIRM_SEARCH_LIMIT) {
  const folded = foldQuery(query.slice(0, 80))
  if (folded.length < FIRM_SEARCH_MIN_LENGTH) return []
  const seesAllVerified = actor.memberships.some((membership) => membership.organisation.status === 'VERIFIED')
  const hubIds = staffHubIds(actor)
  const ownIds = actor.memberships.map((membership) => membership.organisationId)
  if (!seesAllVerified && hubIds.length === 0 && ownIds.length === 0) return []
  const slugPrefix = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  const contains = `%${escapeLike(folded)}%`
  const startsWith = `${escapeLike(folded)}%`
  const slugPattern = slugPrefix ? `${escapeLike(slugPrefix)}%` : null
  const rows = await prisma.$queryRaw<Array<{ slug: string; name: string; commune: string | null }>>`
    SELECT slug, name, "communeName" AS commune
    FROM "Organisation"
    WHERE kind = 'FIRM' AND status = 'VERIFIED'
      AND (
        lower(translate(name, ${ACCENTED}, ${PLAIN})) LIKE ${contains}
        OR (${slugPattern}::text IS NOT NULL AND slug LIKE ${slugPattern}::text)
      )
      AND (${seesAllVerified} OR "homeHubId" = ANY(${hubIds}::text[]) OR id = ANY(${ownIds}::text[]))
    ORDER BY (lower(translate(name, ${ACCENTED}, ${PLAIN})) LIKE ${startsWith}) DESC, lower(name) ASC, slug ASC
    LIMIT ${Math.min(Math.max(limit, 1), FIRM_SEARCH_LIMIT)}`
  return rows.map((row) => ({ slug: row.slug, name: row.name, commune: row.commune }))
}
