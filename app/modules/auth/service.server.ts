import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { writeAudit } from '#app/modules/audit/audit.server'
import { queueEmail } from '#app/modules/notifications/email.server'
import type { Actor } from '#app/modules/policy/policy'
import { AppError, isUniqueViolation } from '#app/modules/shared/app-error'
import { toLocale, type Locale } from '#app/i18n/config'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000
const SESSION_TOUCH_MS = 60 * 60 * 1000
const RESET_TTL_MS = 60 * 60 * 1000

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommendation).
export function hashPassword(password: string) {
  return hash(password)
}

// A hash to verify against when the e-mail is unknown, so that both paths take the same time.
let dummyHash: Promise<string> | undefined

export async function verifyLogin(email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, locale: true } })
  if (!user?.passwordHash) {
    dummyHash ??= hash('not-a-real-password')
    await verify(await dummyHash, password)
    return null
  }
  return (await verify(user.passwordHash, password)) ? { id: user.id, locale: toLocale(user.locale) } : null
}

export async function signup(input: { name: string; email: string; password: string; locale: Locale }) {
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })
  if (existing) throw AppError.invalid({ email: ['validation.emailTaken'] })
  const passwordHash = await hashPassword(input.password)
  return prisma
    .$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        name: input.name,
        email: input.email,
        passwordHash,
        locale: input.locale,
        notificationPreference: { create: {} },
      },
      select: { id: true },
    })
    await writeAudit(tx, { actorId: user.id, action: 'user.signup', target: { type: 'User', id: user.id } })
    return user
  })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw AppError.invalid({ email: ['validation.emailTaken'] })
      throw error
    })
}

export async function createSession(userId: string, userAgent: string | null) {
  const session = await prisma.session.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS), userAgent: userAgent?.slice(0, 300) ?? null },
    select: { id: true, expiresAt: true },
  })
  await prisma.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } })
  return session
}

export async function deleteSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } })
}

interface ActorRow {
  expiresAt: Date
  lastSeenAt: Date
  id: string
  name: string
  email: string
  locale: string
  timeZone: string
  memberships: Actor['memberships']
  staffRoles: Actor['staffRoles']
  unread: number
}

/**
 * The actor behind a session id (user, organisations, staff roles, unread notifications), or
 * null when the session is unknown or expired. One query: it runs on every signed-in request.
 */
export async function getSessionActor(sessionId: string): Promise<Actor | null> {
  const [row] = await prisma.$queryRaw<ActorRow[]>`
    SELECT s."expiresAt", s."lastSeenAt", u.id, u.name, u.email, u.locale, u."timeZone",
      COALESCE((
        SELECT json_agg(json_build_object(
          'organisationId', m."organisationId", 'role', m.role,
          'organisation', json_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'kind', o.kind, 'status', o.status, 'homeHubId', o."homeHubId")
        ) ORDER BY m."createdAt")
        FROM "Membership" m JOIN "Organisation" o ON o.id = m."organisationId" WHERE m."userId" = u.id
      ), '[]'::json) AS memberships,
      COALESCE((SELECT json_agg(json_build_object('hubId', r."hubId", 'role', r.role)) FROM "StaffRole" r WHERE r."userId" = u.id), '[]'::json) AS "staffRoles",
      (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u.id AND n."readAt" IS NULL) AS unread
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${sessionId}`
  if (!row) return null
  const now = Date.now()
  if (row.expiresAt.getTime() <= now) {
    await deleteSession(sessionId)
    return null
  }
  if (now - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } })
  }
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    locale: toLocale(row.locale),
    timeZone: row.timeZone,
    memberships: row.memberships,
    staffRoles: row.staffRoles,
    unreadNotifications: row.unread,
  }
}

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/** Always behaves the same whether the address is known or not (no account enumeration). */
export async function requestPasswordReset(email: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true } })
  if (!user) return
  const token = randomBytes(32).toString('base64url')
  const link = `${getEnv().APP_URL}/reset-password?token=${token}`
  await transaction(async (tx) => {
    await tx.db.passwordResetToken.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) },
    })
    await queueEmail(tx, {
      userId: user.id,
      about: { type: 'USER', id: user.id },
      kind: 'password-reset',
      template: { name: 'passwordReset', data: { name: user.name, link } },
    })
    await writeAudit(tx.db, { actorId: user.id, action: 'user.password-reset-requested', target: { type: 'User', id: user.id } })
  })
}

export async function isResetTokenUsable(token: string) {
  const row = await prisma.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } })
  return Boolean(row && !row.usedAt && row.expiresAt.getTime() > Date.now())
}

export async function resetPassword(token: string, password: string) {
  // The link is checked before the (deliberately slow) hashing.
  if (!(await isResetTokenUsable(token))) throw AppError.invalid({ token: ['errors.resetLinkInvalid'] }, 'errors.resetLinkInvalid')
  const passwordHash = await hashPassword(password)
  return prisma.$transaction(async (tx) => {
    const row = await tx.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } })
    if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) {
      throw AppError.invalid({ token: ['errors.resetLinkInvalid'] }, 'errors.resetLinkInvalid')
    }
    // Conditional update: a link used twice at the same time resets once.
    const used = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } })
    if (used.count === 0) throw AppError.invalid({ token: ['errors.resetLinkInvalid'] }, 'errors.resetLinkInvalid')
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } })
    await tx.session.deleteMany({ where: { userId: row.userId } })
    await writeAudit(tx, { actorId: row.userId, action: 'user.password-reset', target: { type: 'User', id: row.userId } })
    return { userId: row.userId }
  })
}

export async function setUserLocale(userId: string, locale: Locale) {
  await prisma.user.update({ where: { id: userId }, data: { locale } })
}
