import { writeAudit } from '#app/modules/audit/audit.server'
import { canModerateOrganisation, canViewOrganisationAsStaff, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction, type Prisma } from '#app/utils/db.server'
import { compareWithDirectory, prefillFromDirectory, readStoredDirectory, type CompanyCheckView, type CreationLookup, type DirectoryPrefill, type StoredDirectory } from './directory'
import { directoryEnabled, lookupCompany, type LookupOptions, type LookupOutcome } from './lookup.server'

/** What an organisation keeps of a lookup: the answer (found or not) and when; nothing when none came. */
export function directoryRecord(outcome: LookupOutcome): { directoryData: StoredDirectory; directoryCheckedAt: Date } | null {
  if (outcome.status === 'found') return { directoryData: { found: true, company: outcome.company }, directoryCheckedAt: outcome.checkedAt }
  if (outcome.status === 'not-found') return { directoryData: { found: false }, directoryCheckedAt: outcome.checkedAt }
  return null
}

/**
 * The directory's word on a SIREN at creation: a ceased company is refused (a message on the SIREN
 * field); unknown or unreachable, creation goes on by hand and staff verify. Returns what the
 * organisation keeps (null fields when the directory said nothing).
 */
export async function checkSirenForCreation(siren: string, options?: LookupOptions) {
  const outcome = await lookupCompany(siren, options)
  if (outcome.status === 'found' && !outcome.company.active) throw AppError.invalid({ siren: ['companies.ceasedRefused'] })
  const record = directoryRecord(outcome)
  return {
    directoryData: record ? (record.directoryData as Prisma.InputJsonValue) : undefined,
    directoryCheckedAt: record?.directoryCheckedAt ?? null,
  }
}

/**
 * The staff's comparison of an organisation's declaration with the directory (staff of its home
 * hub, as its staff page; anyone else: 404). `stored` is null when it was never looked up.
 */
export async function getCompanyCheck(actor: Actor, organisationId: string): Promise<CompanyCheckView> {
  const organisation = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: {
      id: true,
      homeHubId: true,
      name: true,
      nafCodes: true,
      communeInsee: true,
      communeName: true,
      headcount: true,
      foundedYear: true,
      directoryData: true,
      directoryCheckedAt: true,
    },
  })
  assertFound(organisation && canViewOrganisationAsStaff(actor, organisation))
  const stored = organisation.directoryCheckedAt ? readStoredDirectory(organisation.directoryData) : null
  return {
    organisationId: organisation.id,
    declared: {
      name: organisation.name,
      nafCodes: organisation.nafCodes,
      communeInsee: organisation.communeInsee,
      communeName: organisation.communeName,
      headcount: organisation.headcount,
      foundedYear: organisation.foundedYear,
    },
    stored,
    checkedAt: stored ? (organisation.directoryCheckedAt?.toISOString() ?? null) : null,
    comparison: stored?.found ? compareWithDirectory(organisation, stored.company) : [],
    /** Staff who may ask again (the directory configured, and the organisation not theirs). */
    canRefresh: directoryEnabled() && canModerateOrganisation(actor, organisation),
  }
}

/**
 * Staff ask the directory again about an organisation's SIREN (not from the cache) and keep its
 * answer on the organisation, audited. An unreachable directory changes nothing (409).
 */
export async function refreshDirectoryData(actor: Actor, organisationId: string, requestId?: string, options?: LookupOptions) {
  const organisation = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, homeHubId: true, siren: true, directoryCheckedAt: true },
  })
  assertFound(organisation && canViewOrganisationAsStaff(actor, organisation))
  if (!canModerateOrganisation(actor, organisation)) throw AppError.forbidden()
  if (!directoryEnabled()) throw AppError.conflict('directory_disabled', 'companies.refresh.disabled')
  if (!organisation.siren) throw AppError.conflict('no_siren', 'companies.refresh.noSiren')
  const outcome = await lookupCompany(organisation.siren, { ...options, fresh: true })
  const record = directoryRecord(outcome)
  if (!record) throw AppError.conflict('directory_unavailable', 'companies.refresh.unavailable')
  await transaction(async ({ db }) => {
    await db.organisation.update({
      where: { id: organisation.id },
      data: { directoryData: record.directoryData as Prisma.InputJsonValue, directoryCheckedAt: record.directoryCheckedAt },
    })
    await writeAudit(db, {
      actorId: actor.userId,
      hubId: organisation.homeHubId,
      action: 'organisation.directory-refresh',
      target: { type: 'Organisation', id: organisation.id },
      before: { directoryCheckedAt: organisation.directoryCheckedAt?.toISOString() ?? null },
      after: {
        directoryCheckedAt: record.directoryCheckedAt.toISOString(),
        found: record.directoryData.found,
        active: record.directoryData.found ? record.directoryData.company.active : null,
      },
      requestId,
    })
  })
  return outcome
}

/** The "Rechercher" of the creation form: the lookup and what it fills in (nothing for a ceased company). */
export async function lookupForCreation(siren: string, options?: LookupOptions): Promise<{ view: CreationLookup | null; prefill: DirectoryPrefill | null }> {
  const outcome = await lookupCompany(siren, options)
  if (outcome.status === 'found') {
    const { company } = outcome
    const prefill = company.active ? prefillFromDirectory(company) : null
    const view: CreationLookup = {
      status: 'found',
      company: { name: company.name, address: company.address, communeName: company.communeName, nafCode: company.nafCode, active: company.active },
      communeOutside: Boolean(prefill && company.communeInsee && !prefill.communeInsee),
    }
    return { view, prefill }
  }
  if (outcome.status === 'not-found') return { view: { status: 'not-found' } satisfies CreationLookup, prefill: null }
  if (outcome.status === 'unavailable') return { view: { status: 'unavailable' } satisfies CreationLookup, prefill: null }
  return { view: null, prefill: null }
}
