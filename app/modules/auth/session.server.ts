import { createHash, randomBytes } from 'node:crypto'
import { writeAudit } from '#app/modules/audit/audit.server'
import type { Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { toLocale } from '#app/i18n/config'
import { prisma } from '#app/utils/db.server'
import { actorMembershipsSql, actorStaffRolesSql } from './actors.server'

/**
 * Sessions live in PostgreSQL. The cookie carries a random secret; the table keeps only its SHA-256
 * (`Session.id`), so a copy of the database hands out no session. A session ends after 30 days, or
 * after 7 days without a request; `lastSeenAt` is written at most every 5 minutes, so most page
 * requests cost the one read that finds the actor.
 */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000
const SESSION_TOUCH_MS = 5 * 60 * 1000

export function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * A new session for a user who just proved who they are. `replacing`: the secret the browser
 * brought in before (another account's session, an old one): that session is ended, so a log-in
 * always starts on a new id.
 */
export async function createSession(input: { userId: string; userAgent: string | null; ip: string | null | undefined; replacing?: string | null }) {
  const secret = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS)
  if (input.replacing) await prisma.session.deleteMany({ where: { id: hashSecret(input.replacing) } })
  await prisma.session.create({
    data: {
      id: hashSecret(secret),
      userId: input.userId,
      expiresAt,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      ip: input.ip?.slice(0, 64) ?? null,
    },
  })
  await prisma.user.update({ where: { id: input.userId }, data: { lastLoginAt: new Date() } })
  return { secret, expiresAt }
}

export async function deleteSession(secret: string) {
  await prisma.session.deleteMany({ where: { id: hashSecret(secret) } })
}

interface ActorRow {
  expiresAt: Date
  lastSeenAt: Date
  id: string
  name: string
  email: string
  emailVerifiedAt: Date | null
  locale: string
  timeZone: string
  memberships: Actor['memberships']
  staffRoles: Actor['staffRoles']
  unread: number
}

export interface SessionContext {
  /** The stored id (the secret's hash): names this session in the account's list. */
  sessionId: string
  actor: Actor
  emailVerified: boolean
}

/**
 * The session behind a cookie's secret (user, organisations, staff roles, unread notifications),
 * or null when it is unknown, expired or idle too long, or its user is disabled or must reset their
 * password (decision 0023). One query: it runs on every signed-in request.
 */
export async function readSession(secret: string): Promise<SessionContext | null> {
  const sessionId = hashSecret(secret)
  const [row] = await prisma.$queryRaw<ActorRow[]>`
    SELECT s."expiresAt", s."lastSeenAt", u.id, u.name, u.email, u."emailVerifiedAt", u.locale, u."timeZone",
      ${actorMembershipsSql} AS memberships,
      ${actorStaffRolesSql} AS "staffRoles",
      (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u.id AND n."readAt" IS NULL) AS unread
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${sessionId} AND u."disabledAt" IS NULL AND u."passwordResetRequiredAt" IS NULL`
  if (!row) return null
  const now = Date.now()
  if (row.expiresAt.getTime() <= now || now - row.lastSeenAt.getTime() > SESSION_IDLE_MS) {
    await prisma.session.deleteMany({ where: { id: sessionId } })
    return null
  }
  if (now - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } })
  }
  return {
    sessionId,
    emailVerified: row.emailVerifiedAt !== null,
    actor: {
      userId: row.id,
      name: row.name,
      email: row.email,
      locale: toLocale(row.locale),
      timeZone: row.timeZone,
      memberships: row.memberships,
      staffRoles: row.staffRoles,
      unreadNotifications: row.unread,
    },
  }
}

/** The user's sessions still in force, the current one first, then the most recently used. */
export async function listSessions(userId: string, currentSessionId: string) {
  const now = Date.now()
  const rows = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - SESSION_IDLE_MS) } },
    orderBy: { lastSeenAt: 'desc' },
    take: 100,
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
  })
  return rows
    .map((row) => ({ ...row, current: row.id === currentSessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current))
}

/** Ends one of the user's own sessions (another user's id is unknown: 404). */
export async function revokeSession(userId: string, sessionId: string, requestId?: string) {
  const deleted = await prisma.session.deleteMany({ where: { id: sessionId, userId } })
  if (deleted.count === 0) throw AppError.notFound()
  await writeAudit(prisma, { actorId: userId, action: 'user.session-revoke', target: { type: 'User', id: userId }, requestId })
}

/** "Log out elsewhere": every session of the user but the current one. */
export async function revokeOtherSessions(userId: string, currentSessionId: string, requestId?: string) {
  const deleted = await prisma.session.deleteMany({ where: { userId, id: { not: currentSessionId } } })
  await writeAudit(prisma, {
    actorId: userId,
    action: 'user.sessions-revoke-others',
    target: { type: 'User', id: userId },
    after: { count: deleted.count },
    requestId,
  })
  return deleted.count
}
