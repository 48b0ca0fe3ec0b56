import { AppError, assertFound } from '#app/modules/shared/app-error'
import type { Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'
import { parseNeedFilters } from './schema'

const MAX_SAVED_SEARCHES = 20

/**
 * Only the valid filters are kept (never the page), as a query string, percent-encoded: what is
 * saved, and the only form of the query that is put back in a URL (a raw one could hold a line break).
 */
export function normaliseSearchQuery(query: string) {
  const params = new URLSearchParams(query.replace(/^\?/, ''))
  const { filters } = parseNeedFilters(params)
  const clean = new URLSearchParams()
  for (const [name, value] of Object.entries(filters)) {
    if (name === 'page' || value === undefined) continue
    if (Array.isArray(value)) value.forEach((item) => clean.append(name, String(item)))
    else if (value instanceof Date) clean.set(name, value.toISOString().slice(0, 10))
    else clean.set(name, String(value))
  }
  return clean.toString()
}

export async function listSavedSearches(actor: Actor) {
  return prisma.savedSearch.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, query: true, alert: true, createdAt: true },
  })
}

/** A firm user keeps a search (its filters) under a name; `alert` asks for it in the digests. */
export async function saveSearch(actor: Actor, input: { name: string; query: string; alert: boolean }) {
  const count = await prisma.savedSearch.count({ where: { userId: actor.userId } })
  if (count >= MAX_SAVED_SEARCHES) throw AppError.invalid({ name: ['validation.tooManySavedSearches'] })
  const query = normaliseSearchQuery(input.query)
  return prisma.savedSearch.create({ data: { userId: actor.userId, name: input.name, query, alert: input.alert }, select: { id: true, query: true } })
}

export async function deleteSavedSearch(actor: Actor, id: string) {
  const search = await prisma.savedSearch.findUnique({ where: { id }, select: { userId: true } })
  assertFound(search && search.userId === actor.userId)
  await prisma.savedSearch.delete({ where: { id } })
}
