import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createUser, PASSWORD } from '#tests/factories'
import { loadBuild, signedIn, Visitor } from '#tests/helpers/app'

const profile = (fields: Record<string, string>) => ({ intent: 'profile', name: 'Claire Dumas', locale: 'fr', timeZone: 'Europe/Paris', ...fields })

// Loading the build and rendering a first page are slow on a busy machine: done before the tests' clocks start.
beforeAll(async () => {
  await loadBuild()
  await new Visitor().get('/signup')
}, 120_000)

describe('the account page', () => {
  test('is linked from the header and asks signed-out visitors to log in', async () => {
    const anonymous = await new Visitor().get('/account')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
    const visitor = await signedIn((await createUser()).email)
    const home = await (await visitor.get('/')).text()
    expect(home).toContain('href="/account"')
    expect(home).toContain('Mon compte')
  })

  test('changes name, language and time zone; an unknown time zone is refused next to its field', async () => {
    const user = await createUser({ name: 'Claire D.' })
    const visitor = await signedIn(user.email)

    const badZone = await visitor.post('/account', profile({ timeZone: 'Mars/Olympus_Mons' }))
    expect(badZone.status).toBe(400)
    expect(await badZone.text()).toContain('Choisissez un fuseau horaire de la liste')
    const badName = await visitor.post('/account', profile({ name: '' }))
    expect(badName.status).toBe(400)
    expect(await badName.text()).toContain('Ce champ est obligatoire.')
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: 'Claire D.', timeZone: 'Europe/Paris' })

    const saved = await visitor.post('/account', profile({ name: 'Claire Dumas', locale: 'en', timeZone: 'America/Toronto' }))
    expect(saved.status).toBe(302)
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: 'Claire Dumas', locale: 'en', timeZone: 'America/Toronto' })
    const page = await (await visitor.get('/account')).text()
    expect(page).toContain('<html lang="en"')
    expect(page).toContain('Your details are saved.')
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { actorId: user.id, action: 'user.profile-update' } })
    expect(audit.before).toMatchObject({ name: 'Claire D.', locale: 'fr', timeZone: 'Europe/Paris' })
    expect(audit.after).toMatchObject({ name: 'Claire Dumas', locale: 'en', timeZone: 'America/Toronto' })
  })

  test('a new password needs the current one; it ends the other sessions, not this one', async () => {
    const user = await createUser()
    const visitor = await signedIn(user.email)
    const elsewhere = await signedIn(user.email)

    const wrong = await visitor.post('/account', { intent: 'password', currentPassword: 'pas-le-bon', password: 'nouvelle-phrase-42', confirmPassword: 'nouvelle-phrase-42' })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('Ce n’est pas votre mot de passe actuel.')
    const missing = await visitor.post('/account', { intent: 'password', currentPassword: '', password: 'nouvelle-phrase-42', confirmPassword: 'nouvelle-phrase-42' })
    expect(missing.status).toBe(400)

    const changed = await visitor.post('/account', { intent: 'password', currentPassword: PASSWORD, password: 'nouvelle-phrase-42', confirmPassword: 'nouvelle-phrase-42' })
    expect(changed.status).toBe(302)
    expect((await visitor.get('/account')).status).toBe(200)
    expect((await elsewhere.get('/account')).status).toBe(302)
    expect((await new Visitor().post('/login', { email: user.email, password: PASSWORD })).status).toBe(400)
    await signedIn(user.email, 'nouvelle-phrase-42')
    expect(await prisma.auditLog.count({ where: { actorId: user.id, action: 'user.password-change' } })).toBe(1)
  })

  test('a new address is used only once its link is opened; the current address is told', async () => {
    const user = await createUser({ email: 'claire.old@example.org', name: 'Claire Dumas' })
    const taken = await createUser()
    const visitor = await signedIn(user.email)

    const noPassword = await visitor.post('/account', { intent: 'email', email: 'claire.new@example.org', currentPassword: 'pas-le-bon' })
    expect(noPassword.status).toBe(422)
    expect(await noPassword.text()).toContain('Ce n’est pas votre mot de passe actuel.')
    const duplicate = await visitor.post('/account', { intent: 'email', email: taken.email, currentPassword: PASSWORD })
    expect(duplicate.status).toBe(422)
    expect(await duplicate.text()).toContain('Un compte existe déjà')
    const malformed = await visitor.post('/account', { intent: 'email', email: 'pas-une-adresse', currentPassword: PASSWORD })
    expect(malformed.status).toBe(400)

    const requested = await visitor.post('/account', { intent: 'email', email: 'Claire.New@Example.org', currentPassword: PASSWORD })
    expect(requested.status).toBe(302)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe('claire.old@example.org')
    const notice = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: 'claire.old@example.org', kind: 'email-change-notice' } })
    expect(notice.textBody).toContain('claire.new@example.org')
    expect(notice.textBody).not.toMatch(/verify-email/)
    const link = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: 'claire.new@example.org', kind: 'email-change' } })
    const token = link.textBody.match(/\/verify-email\?token=([\w-]+)/)![1]!
    expect(await (await visitor.get('/account')).text()).toContain('Changement en attente')

    // Until then, the old address still logs in.
    await signedIn('claire.old@example.org')
    const confirmed = await new Visitor().post('/verify-email', { intent: 'confirm', token })
    expect(confirmed.status).toBe(302)
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(after.email).toBe('claire.new@example.org')
    expect(after.emailVerifiedAt).not.toBeNull()
    await signedIn('claire.new@example.org')
    expect((await new Visitor().post('/login', { email: 'claire.old@example.org', password: PASSWORD })).status).toBe(400)
    expect(await prisma.auditLog.count({ where: { actorId: user.id, action: { in: ['user.email-change-requested', 'user.email-change'] } } })).toBe(2)
  })
})
