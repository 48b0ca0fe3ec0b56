import { isValidSiren, normaliseSiren } from '#app/modules/organisations/siren'
import { isUniqueViolation } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { parseDirectoryAnswer, readStoredDirectory, type DirectoryCompany, type StoredDirectory } from './directory'

/** The directory answers within this, or the lookup counts as unavailable (decision 0033). */
export const DIRECTORY_TIMEOUT_MS = 3000
/** Found and not-found answers are kept this long per SIREN (CompanyDirectoryCache). */
export const DIRECTORY_CACHE_MS = 24 * 60 * 60 * 1000

export type UnavailableReason = 'offline' | 'timeout' | 'rate-limited' | 'server-error' | 'malformed'

export type LookupOutcome =
  | { status: 'found'; company: DirectoryCompany; checkedAt: Date }
  | { status: 'not-found'; checkedAt: Date }
  | { status: 'unavailable'; reason: UnavailableReason }
  /** No COMPANY_DIRECTORY_URL: no online lookup at all. */
  | { status: 'disabled' }
  /** Not a SIREN (check digit): nothing is asked. */
  | { status: 'invalid' }

export interface LookupOptions {
  now?: Date
  /** Tests shorten the 3 s. */
  timeoutMs?: number
  /** Ask the directory even when a cached answer is fresh (staff's "consult again"). */
  fresh?: boolean
}

/** Whether online lookups are configured. */
export function directoryEnabled() {
  return Boolean(getEnv().COMPANY_DIRECTORY_URL)
}

function searchUrl(base: string, siren: string) {
  const url = new URL('search', base.endsWith('/') ? base : `${base}/`)
  url.searchParams.set('q', siren)
  return url
}

function outcomeOf(stored: StoredDirectory, checkedAt: Date): LookupOutcome {
  return stored.found ? { status: 'found', company: stored.company, checkedAt } : { status: 'not-found', checkedAt }
}

async function ask(base: string, siren: string, timeoutMs: number): Promise<StoredDirectory | { unavailable: UnavailableReason }> {
  let response: Response
  try {
    response = await fetch(searchUrl(base, siren), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    return { unavailable: timedOut ? 'timeout' : 'offline' }
  }
  if (response.status === 429) return { unavailable: 'rate-limited' }
  if (!response.ok) return { unavailable: response.status >= 500 ? 'server-error' : 'malformed' }
  let body: unknown
  try {
    body = await response.json()
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    return { unavailable: timedOut ? 'timeout' : 'malformed' }
  }
  const answer = parseDirectoryAnswer(body, siren)
  if (answer.kind === 'malformed') return { unavailable: 'malformed' }
  return answer.kind === 'found' ? { found: true, company: answer.company } : { found: false }
}

/**
 * Looks a SIREN up in the public company directory: the SIREN is checked first (nothing is asked
 * for an invalid one), a fresh cached answer is used when there is one, otherwise the directory is
 * asked with a 3 s limit. Found and not-found answers are cached a day; failures are not. Never
 * throws for the directory's sake: offline, timeout, 429, 5xx and odd answers are `unavailable`.
 */
export async function lookupCompany(input: string, options: LookupOptions = {}): Promise<LookupOutcome> {
  const base = getEnv().COMPANY_DIRECTORY_URL
  if (!base) return { status: 'disabled' }
  const siren = normaliseSiren(input)
  if (!isValidSiren(siren)) return { status: 'invalid' }
  const now = options.now ?? new Date()

  if (!options.fresh) {
    const cached = await prisma.companyDirectoryCache.findUnique({ where: { siren } })
    const stored = cached && cached.fetchedAt.getTime() > now.getTime() - DIRECTORY_CACHE_MS ? readStoredDirectory(cached.data) : null
    if (cached && stored) return outcomeOf(stored, cached.fetchedAt)
  }

  const answer = await ask(base, siren, options.timeoutMs ?? DIRECTORY_TIMEOUT_MS)
  if ('unavailable' in answer) {
    getLogger().warn({ siren, reason: answer.unavailable }, 'company directory unavailable')
    return { status: 'unavailable', reason: answer.unavailable }
  }
  const data = answer as object
  await prisma.companyDirectoryCache
    .upsert({
      where: { siren },
      create: { siren, found: answer.found, data, fetchedAt: now },
      update: { found: answer.found, data, fetchedAt: now },
    })
    // Two lookups of one SIREN at once: the other one's row is as good as ours.
    .catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error
    })
  return outcomeOf(answer, now)
}
