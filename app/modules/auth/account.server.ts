import { verify } from '@node-rs/argon2'
import { writeAudit } from '#app/modules/audit/audit.server'
import { queueEmail } from '#app/modules/notifications/email.server'
import { AppError } from '#app/modules/shared/app-error'
import { prisma, transaction } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { hashPassword, sendVerificationLink } from './service.server'

/** The account page: the user's own details and a pending change of address. */
export async function getAccount(userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, emailVerifiedAt: true, locale: true, timeZone: true },
  })
  if (!user) throw AppError.notFound()
  const pending = await prisma.emailVerificationToken.findFirst({
    where: { userId, usedAt: null, expiresAt: { gt: new Date() }, email: { not: user.email } },
    orderBy: { createdAt: 'desc' },
    select: { email: true, expiresAt: true },
  })
  return { ...user, pendingEmail: pending?.email ?? null }
}

export async function updateProfile(userId: string, input: { name: string; locale: string; timeZone: string }, requestId?: string) {
  await transaction(async ({ db }) => {
    const before = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, locale: true, timeZone: true } })
    await db.user.update({ where: { id: userId }, data: input })
    await writeAudit(db, { actorId: userId, action: 'user.profile-update', target: { type: 'User', id: userId }, before, after: input, requestId })
  })
}

async function checkCurrentPassword(userId: string, password: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } })
  if (!user?.passwordHash || !(await verify(user.passwordHash, password))) {
    throw AppError.invalid({ currentPassword: ['account.errors.wrongPassword'] })
  }
}

/**
 * A new password, the current one required. The other sessions and any reset link of the account
 * end with it; the session in use stays.
 */
export async function changePassword(
  userId: string,
  input: { currentPassword: string; password: string },
  currentSessionId: string,
  requestId?: string,
) {
  await checkCurrentPassword(userId, input.currentPassword)
  const passwordHash = await hashPassword(input.password)
  await transaction(async ({ db }) => {
    await db.user.update({ where: { id: userId }, data: { passwordHash } })
    const ended = await db.session.deleteMany({ where: { userId, id: { not: currentSessionId } } })
    await db.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } })
    await writeAudit(db, { actorId: userId, action: 'user.password-change', target: { type: 'User', id: userId }, after: { otherSessionsEnded: ended.count }, requestId })
  })
}

/**
 * A change of address, the current password required: a link goes to the new address, which
 * becomes the account's only once that link is used; the current address is told at once.
 */
export async function requestEmailChange(userId: string, input: { email: string; currentPassword: string }, requestId?: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { name: true, email: true, locale: true } })
  if (!user) throw AppError.notFound()
  if (input.email === user.email) throw AppError.invalid({ email: ['account.errors.sameEmail'] })
  await checkCurrentPassword(userId, input.currentPassword)
  const taken = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })
  if (taken) throw AppError.invalid({ email: ['validation.emailTaken'] })
  await transaction(async (tx) => {
    await sendVerificationLink(tx, { userId, name: user.name, email: input.email, locale: user.locale, kind: 'email-change' })
    await queueEmail(tx, {
      to: user.email,
      locale: user.locale,
      about: { type: 'USER', id: userId },
      kind: 'email-change-notice',
      template: { name: 'emailChangeNotice', data: { name: user.name, newEmail: input.email, link: `${getEnv().APP_URL}/account` } },
    })
    await writeAudit(tx.db, {
      actorId: userId,
      action: 'user.email-change-requested',
      target: { type: 'User', id: userId },
      before: { email: user.email },
      after: { email: input.email },
      requestId,
    })
  })
}
