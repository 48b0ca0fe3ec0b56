import { createHash, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { beforeAll, describe, expect, test, vi } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { cleanText } from '#app/utils/form.server'
import { createUser, PASSWORD } from '#tests/factories'
import { badEmail, badForm, blank, maybeControls, MISSING, repeated, tooLong, tooShort, unknownChoice, withControls, withJunk } from '#tests/helpers/fuzz/arbitraries'
import { assertRefused, attempt, form, RUNS, type Case } from '#tests/helpers/fuzz/check'
import { Browser, signIn } from '#tests/helpers/fuzz/client'
import { knownErrorsShown } from '#tests/helpers/fuzz/messages'
import { clearRateLimits, fullFingerprint } from '#tests/helpers/fuzz/state'

/**
 * Generated bad input on the account forms: sign-up, log-in, forgotten and reset password, the
 * language switch and log-out. Each property sends RUNS generated forms; every one must be
 * refused with a 4xx and a message, and write nothing. The rate-limit counters (which a refused
 * attempt feeds on purpose) are cleared before each request, so that the validation answers, not
 * the limiter.
 */
const TIMEOUT = { timeout: 240_000 }

const unique = () => randomBytes(4).toString('hex')

/** Malformed addresses: each refused by the e-mail rule itself. */

/** Passwords shorter than 10 characters (not trimmed by the rule), control characters included. */
const shortPassword = maybeControls(fc.string({ minLength: 1, maxLength: 9 })).filter((value) => cleanText(value).length < 10)

describe('account forms: generated bad input is refused with a message and writes nothing', () => {
  let user: Awaited<ReturnType<typeof createUser>>

  beforeAll(async () => {
    user = await createUser({ name: 'Camille Fuzz' })
  })

  // ───────── sign-up ─────────

  test('sign-up: a valid form creates the account', async () => {
    const browser = new Browser()
    const email = `nouvelle-${unique()}@test.example`
    const answer = await browser.post('/signup', { name: 'Nouvelle Personne', email, password: 'une-phrase-de-passe', confirmPassword: 'une-phrase-de-passe' })
    expect(answer.status).toBe(302)
    expect(answer.location).toBe('/orgs/new')
    expect(await prisma.user.count({ where: { email } })).toBe(1)
    await clearRateLimits()
  })

  test(`sign-up: ${RUNS} bad forms`, TIMEOUT, async () => {
    const password = 'une-phrase-de-passe'
    const valid = { name: 'Camille Dupont', email: `camille-${unique()}@test.example`, password, confirmPassword: password, redirectTo: '/needs' }
    const forms = badForm(valid, {
      name: fc.oneof(blank, tooShort(2), tooLong(120), repeated('Camille Dupont'), MISSING),
      email: fc.oneof(badEmail, fc.constantFrom(user.email, user.email.toUpperCase(), `  ${user.email}\t`)),
      password: fc.oneof(shortPassword, tooLong(200), repeated(password), MISSING, fc.constant('')),
      confirmPassword: fc.oneof(
        fc.string({ maxLength: 30 }).filter((value) => cleanText(value) !== password),
        tooLong(200),
        repeated(password),
        MISSING,
        withControls(fc.constant(`${password}x`)),
      ),
    })
    await assertRefused(withJunk(forms, Object.keys(valid)).map(form(() => new Browser(), '/signup')), { before: clearRateLimits })
  })

  // ───────── log-in ─────────

  test('log-in: valid credentials open a session', async () => {
    const browser = new Browser()
    const answer = await browser.post('/login', { email: user.email, password: PASSWORD, redirectTo: '/needs' })
    expect(answer.status).toBe(302)
    expect(answer.location).toBe('/needs')
    expect(browser.hasCookie('sillon_session')).toBe(true)
    await clearRateLimits()
  })

  test(`log-in: ${RUNS} bad forms (malformed, unknown address, wrong password)`, TIMEOUT, async () => {
    const valid = { email: user.email, password: PASSWORD, redirectTo: '/' }
    const forms = badForm(
      valid,
      {
        email: fc.oneof(badEmail, fc.stringMatching(/^[a-z]{3,12}$/).map((name) => `${name}-${unique()}@inconnu.example`)),
        password: fc.oneof(
          fc.constant(''),
          blank.filter((value) => cleanText(value) === ''),
          tooLong(200),
          repeated(PASSWORD),
          MISSING,
          maybeControls(fc.string({ minLength: 1, maxLength: 40 })).filter((value) => cleanText(value) !== PASSWORD),
          fc.constantFrom(PASSWORD.toUpperCase(), ` ${PASSWORD}`, `${PASSWORD} `, PASSWORD.slice(0, -1)),
        ),
      },
      { maxBroken: 2 },
    )
    await assertRefused(withJunk(forms, Object.keys(valid)).map(form(() => new Browser(), '/login')), { before: clearRateLimits })
    expect(await prisma.session.count({ where: { userId: user.id } })).toBeGreaterThan(0)
  })

  test('log-in: the eleventh wrong password in a row is refused by the limiter (429, with its message)', async () => {
    await clearRateLimits()
    const browser = new Browser()
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await browser.post('/login', { email: user.email, password: `faux-${attempt}` })).status).toBe(400)
    }
    const verdict = await attempt({ as: browser, path: '/login', body: { kind: 'form', fields: { email: user.email, password: PASSWORD } } })
    expect(verdict.answer.status).toBe(429)
    expect(verdict.severe).toEqual([])
    expect(verdict.hidden).toBeNull()
    await clearRateLimits()
  })

  // ───────── forgotten password ─────────

  test('forgotten password: a known address gets a link (token and e-mail written after the answer)', async () => {
    const tokens = await prisma.passwordResetToken.count({ where: { userId: user.id } })
    const answer = await new Browser().post('/forgot-password', { email: user.email.toUpperCase() })
    expect(answer.status).toBe(200)
    expect(answer.text).toContain('Si un compte existe')
    // The token and the e-mail are written after the answer: wait for them, so the properties see a still database.
    await vi.waitFor(async () => expect(await prisma.passwordResetToken.count({ where: { userId: user.id } })).toBe(tokens + 1), { timeout: 10_000, interval: 20 })
    await vi.waitFor(async () => expect(await prisma.auditLog.count({ where: { action: 'user.password-reset-requested', actorId: user.id } })).toBeGreaterThan(0), { timeout: 10_000, interval: 20 })
    await clearRateLimits()
  })

  test(`forgotten password: ${RUNS} bad forms`, TIMEOUT, async () => {
    const forms = badForm({ email: user.email }, { email: badEmail })
    await assertRefused(withJunk(forms, ['email']).map(form(() => new Browser(), '/forgot-password')), { before: clearRateLimits })
  })

  // ───────── reset password ─────────

  async function resetToken(overrides: { usedAt?: Date; expiresAt?: Date } = {}) {
    const token = randomBytes(32).toString('base64url')
    await prisma.passwordResetToken.create({
      data: { userId: user.id, tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: overrides.expiresAt ?? new Date(Date.now() + 3_600_000), usedAt: overrides.usedAt ?? null },
    })
    return token
  }

  test('reset password: a valid link and password change the password', async () => {
    const token = await resetToken()
    const browser = new Browser()
    const answer = await browser.post(`/reset-password?token=${token}`, { token, password: 'un-nouveau-secret', confirmPassword: 'un-nouveau-secret' })
    expect(answer.status).toBe(302)
    expect(answer.location).toBe('/login')
    expect((await browser.post('/login', { email: user.email, password: 'un-nouveau-secret' })).status).toBe(302)
    // Back to the factory's password for the other tests.
    const { hashPassword } = await import('#app/modules/auth/service.server')
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD) } })
    await clearRateLimits()
  })

  test(`reset password (with a valid link): ${RUNS} bad forms`, TIMEOUT, async () => {
    const token = await resetToken()
    const used = await resetToken({ usedAt: new Date() })
    const expired = await resetToken({ expiresAt: new Date(Date.now() - 1000) })
    const password = 'un-secret-tout-neuf'
    const valid = { token, password, confirmPassword: password }
    const forms = badForm(valid, {
      token: fc.oneof(
        MISSING,
        blank,
        fc.string({ minLength: 1, maxLength: 19 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{20,200}$/),
        tooLong(200),
        repeated(token),
        fc.constantFrom(used, expired, token.toUpperCase(), `${token} `, token.slice(1)),
        withControls(fc.constant(token.slice(0, 10))),
      ),
      password: fc.oneof(shortPassword, tooLong(200), repeated(password), MISSING),
      confirmPassword: fc.oneof(
        fc.string({ maxLength: 30 }).filter((value) => cleanText(value) !== password),
        repeated(password),
        MISSING,
        tooLong(200),
      ),
    })
    await assertRefused(withJunk(forms, Object.keys(valid)).map(form(() => new Browser(), `/reset-password?token=${token}`)), { before: clearRateLimits })
    expect((await prisma.passwordResetToken.findFirstOrThrow({ where: { tokenHash: createHash('sha256').update(token).digest('hex') } })).usedAt).toBeNull()
  })

  // ───────── language ─────────

  test('language: a supported language is kept in a cookie and on the account', async () => {
    const browser = await signIn(user.email)
    const answer = await browser.post('/settings/locale', { locale: 'en', redirectTo: '/needs' })
    expect(answer.status).toBe(302)
    expect(answer.location).toBe('/needs')
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe('en')
    await prisma.user.update({ where: { id: user.id }, data: { locale: 'fr' } })
  })

  test(`language: ${RUNS} bad forms (answered in JSON: a resource route)`, TIMEOUT, async () => {
    const browser = await signIn(user.email)
    const forms = badForm(
      { locale: 'en', redirectTo: '/' },
      { locale: fc.oneof(unknownChoice(['fr', 'en']), fc.constantFrom('fr-FR', 'en_GB', 'EN', 'Fr', 'de', 'en ', ' fr'), blank, MISSING, repeated('en'), tooLong(10)) },
    )
    const cases = withJunk(forms, ['locale', 'redirectTo']).map(form(browser, '/settings/locale'))
    await assertRefused(cases)
  })

  // ───────── log-out ─────────

  test('log-out: ends only its own session, whatever else is posted', async () => {
    const browser = await signIn(user.email)
    const sessions = await prisma.session.count({ where: { userId: user.id } })
    const answer = await browser.post('/logout', { intent: 'x', redirectTo: '//evil.example' })
    expect(answer.status).toBe(302)
    expect(answer.location).toBe('/')
    expect(browser.hasCookie('sillon_session')).toBe(false)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(sessions - 1)
    // A GET does not log out.
    const other = await signIn(user.email)
    expect((await other.get('/logout')).status).toBe(302)
    expect(other.hasCookie('sillon_session')).toBe(true)
  })

  test(`log-out: ${RUNS} forged, tampered or foreign session cookies and bodies change nothing and never fail`, TIMEOUT, async () => {
    const real = await signIn(user.email)
    const saved = real.saveCookies().get('sillon_session')!
    const cookieText = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.%="'.split('')), maxLength: 200 })
    const cookies = fc.oneof(
      cookieText,
      fc.integer({ min: 0, max: saved.length - 1 }).chain((at) => fc.constantFrom(...'aZ09%'.split('')).map((char) => saved.slice(0, at) + char + saved.slice(at + 1))).filter((value) => value !== saved),
      fc.constantFrom('', '""', '%', '%%', 'e30=', encodeURIComponent('"x".sig'), saved.split('.')[0]!, `${saved}x`),
      fc.integer({ min: 100, max: 8000 }).map((length) => 'a'.repeat(length)),
    )
    const bodies = fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.string({ maxLength: 30 }), repeated('x')), { maxKeys: 4 })
    const cases = fc.tuple(cookies, bodies).map(([cookie, fields]): Case => {
      const browser = new Browser('a forged cookie')
      browser.setCookie('sillon_session', cookie)
      return { as: browser, path: '/logout', body: { kind: 'form', fields } }
    })
    // Log-out has no field to refuse: it must redirect home, and (no valid session) delete nothing.
    await assertRefused(cases, { refusalRedirect: (answer) => answer.location === '/', shown: false })
    expect(await prisma.session.count({ where: { userId: user.id } })).toBeGreaterThan(0)
    expect((await real.get('/notifications')).status).toBe(200)
  })

  test('a refused form shows its message next to the field (the check this file relies on)', async () => {
    const answer = await new Browser().post('/signup', { name: 'x', email: 'x', password: 'x', confirmPassword: 'y' })
    expect(answer.status).toBe(400)
    expect(knownErrorsShown(answer.text)).toEqual(expect.arrayContaining(['Trop court.', 'Saisissez une adresse e-mail valide.']))
    const before = await fullFingerprint()
    expect(await fullFingerprint()).toEqual(before)
  })
})
