import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { closeQueues, createWorker } from '#app/modules/jobs/queue.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { createUser, PASSWORD } from '#tests/factories'
import { signedIn, Visitor } from '#tests/helpers/app'
import { firstLink, startSmtpServer } from '#tests/helpers/smtp'
import { emailsProcessor } from '#workers/emails'

describe('sign-up', () => {
  test('creates an account with an argon2id hash and a database session behind a signed, HttpOnly, Lax cookie', async () => {
    const visitor = new Visitor()
    const response = await visitor.post('/signup', {
      name: 'Élise Fontaine',
      email: '  Elise.Fontaine@Example.ORG ',
      password: 'une-phrase-de-passe',
      confirmPassword: 'une-phrase-de-passe',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/orgs/new')
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('sillon_session='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(decodeURIComponent(cookie.split(';')[0]!)).toMatch(/^sillon_session=".+\..+"$|^sillon_session=.+\..+$/)

    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'elise.fontaine@example.org' }, include: { sessions: true } })
    expect(user.passwordHash).toMatch(/^\$argon2id\$/)
    expect(user.sessions).toHaveLength(1)
    const home = await visitor.get('/')
    expect(await home.text()).toContain('Élise Fontaine')
  })

  test.each([
    ['everything empty', { name: '', email: '', password: '', confirmPassword: '' }, 'Ce champ est obligatoire.'],
    ['a malformed e-mail', { name: 'Ana Lopes', email: 'ana-at-example', password: 'une-phrase-de-passe', confirmPassword: 'une-phrase-de-passe' }, 'Saisissez une adresse e-mail valide.'],
    ['a short password', { name: 'Ana Lopes', email: 'ana@example.org', password: 'court', confirmPassword: 'court' }, 'au moins 10 caractères'],
    ['different passwords', { name: 'Ana Lopes', email: 'ana@example.org', password: 'une-phrase-de-passe', confirmPassword: 'une-autre-phrase' }, 'ne correspondent pas'],
    ['a name too long', { name: 'A'.repeat(500), email: 'ana@example.org', password: 'une-phrase-de-passe', confirmPassword: 'une-phrase-de-passe' }, 'Trop long.'],
  ])('refuses %s with a message next to the field, and creates nothing', async (_label, form, message) => {
    const before = await prisma.user.count()
    const response = await new Visitor().post('/signup', form)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain(message)
    expect(await prisma.user.count()).toBe(before)
  })

  test('refuses an address that already has an account', async () => {
    const existing = await createUser()
    const response = await new Visitor().post('/signup', {
      name: 'Ana Lopes',
      email: existing.email,
      password: 'une-phrase-de-passe',
      confirmPassword: 'une-phrase-de-passe',
    })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Un compte existe déjà')
  })
})

describe('log-in and log-out', () => {
  test('a wrong password is refused without saying which part was wrong', async () => {
    const user = await createUser()
    const wrong = await new Visitor().post('/login', { email: user.email, password: 'pas-le-bon-mot' })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('Adresse e-mail ou mot de passe incorrect.')
    const unknown = await new Visitor().post('/login', { email: 'personne@example.org', password: PASSWORD })
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('Adresse e-mail ou mot de passe incorrect.')
  })

  test('log-in keeps the user’s language; log-out ends the session in the database', async () => {
    const user = await createUser({ locale: 'en' })
    const visitor = await signedIn(user.email)
    const home = await visitor.get('/')
    const html = await home.text()
    expect(html).toContain('<html lang="en"')
    expect(html).toContain('Log out')

    const logout = await visitor.post('/logout', {})
    expect(logout.status).toBe(302)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    const needs = await visitor.get('/needs')
    expect(needs.status).toBe(302)
    expect(needs.headers.get('Location')).toBe('/login?redirectTo=%2Fneeds')
  })

  test('only local redirects are followed after log-in', async () => {
    const user = await createUser()
    const response = await new Visitor().post('/login', { email: user.email, password: PASSWORD, redirectTo: '//evil.example/steal' })
    // Refused, it lands on the person's own home (no organisation yet: the form that creates one).
    expect(response.headers.get('Location')).toBe('/orgs/new')
  })
})

describe('password reset by e-mail', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let worker: ReturnType<typeof createWorker>

  beforeAll(async () => {
    smtp = await startSmtpServer()
    process.env.SMTP_URL = smtp.url
    resetEnvForTests()
    worker = createWorker('emails', emailsProcessor(getLogger()))
  })

  afterAll(async () => {
    await worker.close()
    await closeQueues()
    await smtp.close()
    delete process.env.SMTP_URL
    resetEnvForTests()
  })

  test('the link in the e-mail sets a new password once, and signs out everywhere', async () => {
    const user = await createUser({ name: 'Marc Rey' })
    const elsewhere = await signedIn(user.email)

    const unknown = await new Visitor().post('/forgot-password', { email: 'nobody@example.org' })
    const known = await new Visitor().post('/forgot-password', { email: user.email })
    expect(unknown.status).toBe(200)
    expect(known.status).toBe(200)
    expect(await known.text()).toContain('Si un compte existe pour cette adresse')

    const mail = await smtp.waitFor((message) => JSON.stringify(message.to).includes(user.email))
    expect(mail.subject).toBe('Choisir un nouveau mot de passe')
    const link = firstLink(mail, /http:\/\/localhost:3000\/reset-password\?token=[\w-]+/)
    const path = link.replace('http://localhost:3000', '')
    const token = new URL(link).searchParams.get('token')!

    expect((await new Visitor().get(path)).status).toBe(200)
    const mismatch = await new Visitor().post(path, { token, password: 'nouvelle-phrase-42', confirmPassword: 'autre' })
    expect(mismatch.status).toBe(400)

    const reset = await new Visitor().post(path, { token, password: 'nouvelle-phrase-42', confirmPassword: 'nouvelle-phrase-42' })
    expect(reset.status).toBe(302)
    expect(reset.headers.get('Location')).toBe('/login')
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect((await elsewhere.get('/needs')).status).toBe(302)

    await signedIn(user.email, 'nouvelle-phrase-42')
    const again = await new Visitor().post(path, { token, password: 'encore-une-autre-42', confirmPassword: 'encore-une-autre-42' })
    expect(again.status).toBe(422)
    expect(await again.text()).toContain('n’est plus valable')
  })
})

describe('language', () => {
  test('French by default; the choice is remembered in a cookie and on the account', async () => {
    const visitor = new Visitor()
    expect(await (await visitor.get('/')).text()).toContain('<html lang="fr"')
    const change = await visitor.post('/settings/locale', { locale: 'en', redirectTo: '/' })
    expect(change.status).toBe(302)
    expect(await (await visitor.get('/')).text()).toContain('<html lang="en"')

    const user = await createUser()
    const member = await signedIn(user.email)
    await member.post('/settings/locale', { locale: 'en', redirectTo: '/' })
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe('en')

    const refused = await visitor.post('/settings/locale', { locale: 'de' })
    expect(refused.status).toBe(400)
  })
})
