import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { writeAudit } from '#app/modules/audit/audit.server'
import { queueEmail } from '#app/modules/notifications/email.server'
import { AppError, isUniqueViolation } from '#app/modules/shared/app-error'
import { toLocale, type Locale } from '#app/i18n/config'
import { prisma, transaction, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'

const RESET_TTL_MS = 60 * 60 * 1000
/** A verification link holds 48 hours. */
export const VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommendation).
export function hashPassword(password: string) {
  return hash(password)
}

// A hash to verify against when the e-mail is unknown, so that both paths take the same time.
let dummyHash: Promise<string> | undefined

/**
 * The user behind an address and password, or null. A disabled account, or one whose password
 * staff asked to reset, is refused with its own message (403), but only after the right password:
 * without it, the answer is the same as for an unknown address (decision 0023).
 */
export async function verifyLogin(email: string, password: string) {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, locale: true, disabledAt: true, passwordResetRequiredAt: true },
  })
  if (!user?.passwordHash) {
    dummyHash ??= hash('not-a-real-password')
    await verify(await dummyHash, password)
    return null
  }
  if (!(await verify(user.passwordHash, password))) return null
  if (user.disabledAt) throw new AppError(403, 'account_disabled', 'directory.login.disabled')
  if (user.passwordResetRequiredAt) throw new AppError(403, 'password_reset_required', 'directory.login.resetRequired')
  return { id: user.id, locale: toLocale(user.locale) }
}

export async function signup(input: { name: string; email: string; password: string; locale: Locale }) {
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })
  if (existing) throw AppError.invalid({ email: ['validation.emailTaken'] })
  const passwordHash = await hashPassword(input.password)
  return transaction(async ({ db, afterCommit }) => {
    const user = await db.user.create({
      data: {
        name: input.name,
        email: input.email,
        passwordHash,
        locale: input.locale,
        notificationPreference: { create: {} },
      },
      select: { id: true },
    })
    await writeAudit(db, { actorId: user.id, action: 'user.signup', target: { type: 'User', id: user.id } })
    // The address is proved by a link sent to it (decision 0013).
    await sendVerificationLink({ db, afterCommit }, { userId: user.id, name: input.name, email: input.email, locale: input.locale, kind: 'email-verification' })
    return user
  })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw AppError.invalid({ email: ['validation.emailTaken'] })
      throw error
    })
}

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/** Always behaves the same whether the address is known or not (no account enumeration). */
export async function requestPasswordReset(email: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true } })
  if (!user) return
  await transaction(async (tx) => {
    await issuePasswordReset(tx, user)
    await writeAudit(tx.db, { actorId: user.id, action: 'user.password-reset-requested', target: { type: 'User', id: user.id } })
  })
}

/**
 * A new reset link for a user, stored (its hash) and e-mailed in the caller's transaction: the
 * forgotten-password form, and staff forcing a reset (app/modules/staff/directory.server.ts).
 */
export async function issuePasswordReset(tx: Tx, user: { id: string; name: string }) {
  const token = randomBytes(32).toString('base64url')
  const link = `${getEnv().APP_URL}/reset-password?token=${token}`
  await tx.db.passwordResetToken.create({
    data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) },
  })
  await queueEmail(tx, {
    userId: user.id,
    about: { type: 'USER', id: user.id },
    kind: 'password-reset',
    template: { name: 'passwordReset', data: { name: user.name, link } },
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
    // A reset staff required is done: log-in works again (a disabled account stays disabled).
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, passwordResetRequiredAt: null } })
    // The link reached the account's address (a change of address ends pending reset links): proved.
    await tx.user.updateMany({ where: { id: row.userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } })
    // A new password ends every session and every other reset link of the account.
    await tx.session.deleteMany({ where: { userId: row.userId } })
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } })
    await writeAudit(tx, { actorId: row.userId, action: 'user.password-reset', target: { type: 'User', id: row.userId } })
    return { userId: row.userId }
  })
}

export async function setUserLocale(userId: string, locale: Locale) {
  await prisma.user.update({ where: { id: userId }, data: { locale } })
}

/**
 * Stores a new verification link for an address (its hash only) and queues the e-mail that carries
 * it, in the caller's transaction. For a change of address the link goes to the new address.
 */
export async function sendVerificationLink(
  tx: Tx,
  input: { userId: string; name: string; email: string; locale: string; kind: 'email-verification' | 'email-change' },
) {
  const token = randomBytes(32).toString('base64url')
  // One link in force per account: an older one (a resend, another new address) stops working.
  await tx.db.emailVerificationToken.updateMany({ where: { userId: input.userId, usedAt: null }, data: { usedAt: new Date() } })
  await tx.db.emailVerificationToken.create({
    data: { userId: input.userId, email: input.email, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + VERIFICATION_TTL_MS) },
  })
  await queueEmail(tx, {
    to: input.email,
    locale: input.locale,
    about: { type: 'USER', id: input.userId },
    kind: input.kind,
    template: { name: input.kind === 'email-change' ? 'emailChange' : 'emailVerification', data: { name: input.name, link: `${getEnv().APP_URL}/verify-email?token=${token}` } },
  })
}

/** A new link for a signed-in account whose address is not verified yet. */
export async function resendVerification(userId: string, requestId?: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { name: true, email: true, locale: true, emailVerifiedAt: true } })
  if (!user) throw AppError.notFound()
  if (user.emailVerifiedAt) return { alreadyVerified: true }
  await transaction(async (tx) => {
    await sendVerificationLink(tx, { userId, name: user.name, email: user.email, locale: user.locale, kind: 'email-verification' })
    await writeAudit(tx.db, { actorId: userId, action: 'user.email-verification-sent', target: { type: 'User', id: userId }, requestId })
  })
  return { alreadyVerified: false }
}

async function findUsableVerification(token: string) {
  if (token.length < 20 || token.length > 200) return null
  const row = await prisma.emailVerificationToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, email: true, usedAt: true, expiresAt: true, user: { select: { email: true } } },
  })
  return row && !row.usedAt && row.expiresAt.getTime() > Date.now() ? row : null
}

/** What a verification link would do, for the page that asks to confirm it: null when unusable. */
export async function describeVerification(token: string) {
  const row = await findUsableVerification(token)
  return row ? { email: row.email, change: row.email !== row.user.email } : null
}

/**
 * Uses a verification link, once: the address is marked verified, or, for a change of address,
 * becomes the account's address (verified) from now on.
 */
export async function verifyEmail(token: string, requestId?: string) {
  const invalid = () => AppError.invalid({ token: ['account.errors.linkInvalid'] }, 'account.errors.linkInvalid')
  const row = await findUsableVerification(token)
  if (!row) throw invalid()
  return transaction(async ({ db }) => {
    // Conditional update: a link used twice at the same time works once.
    const used = await db.emailVerificationToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } })
    if (used.count === 0) throw invalid()
    const user = await db.user.findUniqueOrThrow({ where: { id: row.userId }, select: { email: true, emailVerifiedAt: true } })
    if (row.email === user.email) {
      if (!user.emailVerifiedAt) await db.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: new Date() } })
      await writeAudit(db, { actorId: row.userId, action: 'user.email-verified', target: { type: 'User', id: row.userId }, after: { email: row.email }, requestId })
      return { email: row.email, changed: false }
    }
    const taken = await db.user.findUnique({ where: { email: row.email }, select: { id: true } })
    if (taken) throw AppError.invalid({ token: ['validation.emailTaken'] }, 'validation.emailTaken')
    await db.user.update({ where: { id: row.userId }, data: { email: row.email, emailVerifiedAt: new Date() } })
    // Invitations sent to the old address stay with it; reset links sent to it stop working.
    await db.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } })
    await writeAudit(db, {
      actorId: row.userId,
      action: 'user.email-change',
      target: { type: 'User', id: row.userId },
      before: { email: user.email },
      after: { email: row.email },
      requestId,
    })
    return { email: row.email, changed: true }
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw AppError.invalid({ token: ['validation.emailTaken'] }, 'validation.emailTaken')
    throw error
  })
}
