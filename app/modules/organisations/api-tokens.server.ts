import { createHash, randomBytes } from 'node:crypto'
import { writeAudit } from '#app/modules/audit/audit.server'
import { actsForOrganisation, canManageOrganisation, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { toLocale } from '#app/i18n/config'
import { prisma, transaction, type DbClient } from '#app/utils/db.server'

/**
 * API tokens, one set per organisation: created by its owners and administrators (of a verified
 * organisation), shown once, stored as a SHA-256 hash beside a short prefix that tells them apart,
 * revoked for good. A token acts as its creator, for that one organisation only and never as
 * hub staff. When its creator leaves or is removed from the organisation, the tokens they created
 * are revoked in the same transaction (`revokeTokensOfMember`): they are the organisation's, but the
 * person may have copied them.
 */
export const API_TOKEN_PATTERN = /^sil_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/
const TOUCH_MS = 60_000

export function hashApiToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

function newToken() {
  const prefix = `sil_${randomBytes(4).toString('hex')}`
  // 24 random bytes are 32 base64url characters.
  return { token: `${prefix}_${randomBytes(24).toString('base64url')}`, prefix }
}

const tokenListSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { name: true } },
} as const

/** The settings page: the organisation and its tokens, for its owners and administrators (404 for anyone else). */
export async function getApiTokenSettings(actor: Actor, slug: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, kind: true, status: true },
  })
  assertFound(organisation && canManageOrganisation(actor, organisation.id))
  const tokens = await prisma.apiToken.findMany({
    where: { organisationId: organisation.id },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: tokenListSelect,
  })
  return {
    organisation,
    canCreate: actsForOrganisation(actor, organisation.id),
    tokens: tokens.map(({ createdBy, ...token }) => ({ ...token, createdByName: createdBy.name })),
  }
}

/** A new token; its secret is returned here and never again. */
export async function createApiToken(actor: Actor, organisationId: string, input: { name: string }, requestId?: string) {
  assertFound(canManageOrganisation(actor, organisationId))
  if (!actsForOrganisation(actor, organisationId)) throw AppError.forbidden('api.errors.organisationNotVerified')
  const organisation = await prisma.organisation.findUnique({ where: { id: organisationId }, select: { id: true, homeHubId: true } })
  assertFound(organisation)
  const { token, prefix } = newToken()
  const created = await transaction(async ({ db }) => {
    const row = await db.apiToken.create({
      data: { organisationId, createdById: actor.userId, name: input.name, prefix, tokenHash: hashApiToken(token) },
      select: { id: true, name: true, prefix: true, createdAt: true },
    })
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: organisationId,
      hubId: organisation.homeHubId,
      action: 'api-token.create',
      target: { type: 'ApiToken', id: row.id },
      after: { name: row.name, prefix: row.prefix },
      requestId,
    })
    return row
  })
  return { ...created, token }
}

/** Revokes a token of the organisation; revoking a revoked token changes nothing. */
export async function revokeApiToken(actor: Actor, organisationId: string, tokenId: string, requestId?: string) {
  // Revoking stays possible whatever the organisation's status: it only ever closes a door.
  assertFound(canManageOrganisation(actor, organisationId))
  const token = await prisma.apiToken.findFirst({
    where: { id: tokenId, organisationId },
    select: { id: true, name: true, prefix: true, revokedAt: true, organisation: { select: { homeHubId: true } } },
  })
  assertFound(token)
  if (token.revokedAt) return { id: token.id, name: token.name, revokedAt: token.revokedAt }
  const now = new Date()
  await transaction(async ({ db }) => {
    const updated = await db.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now } })
    if (updated.count === 0) return // revoked at the same moment by someone else
    await writeAudit(db, {
      actorId: actor.userId,
      actorOrgId: organisationId,
      hubId: token.organisation.homeHubId,
      action: 'api-token.revoke',
      target: { type: 'ApiToken', id: token.id },
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), name: token.name, prefix: token.prefix },
      requestId,
    })
  })
  return { id: token.id, name: token.name, revokedAt: now }
}

/**
 * Revokes, in the caller's transaction, the organisation's tokens a departing member created; one
 * audit row per token. Returns the tokens revoked.
 */
export async function revokeTokensOfMember(
  db: DbClient,
  input: { organisationId: string; userId: string; now: Date; actorId: string | null; hubId: string; requestId?: string },
) {
  const tokens = await db.apiToken.findMany({
    where: { organisationId: input.organisationId, createdById: input.userId, revokedAt: null },
    select: { id: true, name: true, prefix: true },
  })
  if (tokens.length === 0) return tokens
  await db.apiToken.updateMany({ where: { id: { in: tokens.map((token) => token.id) }, revokedAt: null }, data: { revokedAt: input.now } })
  for (const token of tokens) {
    await writeAudit(db, {
      actorId: input.actorId,
      actorOrgId: input.organisationId,
      hubId: input.hubId,
      action: 'api-token.revoke',
      target: { type: 'ApiToken', id: token.id },
      before: { revokedAt: null },
      after: { revokedAt: input.now.toISOString(), name: token.name, prefix: token.prefix, reason: 'member-left' },
      requestId: input.requestId,
    })
  }
  return tokens
}

/**
 * The actor behind a bearer token, or null (unknown, malformed, revoked, or its creator is no
 * longer a member). The actor is the creator reduced to the token's organisation, without staff
 * roles, with the organisation's current status: while it is not verified the token still reads
 * what the organisation may read, and the API refuses its writes (403 `organisation_not_verified`,
 * app/modules/api/handlers.server.ts). `lastUsedAt` is written at most once a minute.
 */
export async function authenticateApiToken(token: string, now = new Date()): Promise<{ actor: Actor; tokenId: string } | null> {
  if (!API_TOKEN_PATTERN.test(token)) return null
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      organisationId: true,
      revokedAt: true,
      lastUsedAt: true,
      createdBy: {
        select: {
          id: true,
          name: true,
          email: true,
          locale: true,
          timeZone: true,
          disabledAt: true,
          memberships: {
            select: {
              organisationId: true,
              role: true,
              organisation: { select: { id: true, slug: true, name: true, kind: true, status: true, homeHubId: true } },
            },
          },
        },
      },
    },
  })
  // A disabled creator's tokens stop working with them (decision 0023); enabled again, they work again.
  if (!row || row.revokedAt || row.createdBy.disabledAt) return null
  const membership = row.createdBy.memberships.find((candidate) => candidate.organisationId === row.organisationId)
  if (!membership) return null
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_MS) {
    await prisma.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - TOUCH_MS) } }] },
      data: { lastUsedAt: now },
    })
  }
  const user = row.createdBy
  return {
    tokenId: row.id,
    actor: {
      userId: user.id,
      name: user.name,
      email: user.email,
      locale: toLocale(user.locale),
      timeZone: user.timeZone,
      memberships: [membership],
      staffRoles: [],
    },
  }
}
