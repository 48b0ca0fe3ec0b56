import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff, createUser } from '#tests/factories'
import { loadBuild, signedIn, Visitor } from '#tests/helpers/app'

/** The preference centre: per category a channel, the digest, time zone and language; saved at once, re-read as saved. */
beforeAll(async () => {
  await loadBuild()
  await new Visitor().get('/login')
}, 120_000)

const valid = (fields: Record<string, string> = {}) => ({
  'channels.RECOMMENDED': 'DIGEST',
  'channels.SAVED_SEARCH': 'DIGEST',
  'channels.MY_APPLICATIONS': 'EMAIL',
  'channels.FOLLOWED_NEEDS': 'EMAIL',
  minScore: '60',
  digestFrequency: 'DAILY',
  digestWeekday: '1',
  digestHour: '8',
  timeZone: 'Europe/Paris',
  locale: 'fr',
  ...fields,
})

/** The channel whose radio button is checked for a category, as the page shows it. */
function checkedChannel(page: string, category: string) {
  return page.match(new RegExp(`<input[^>]*name="channels\\.${category}"[^>]*checked=""[^>]*value="([A-Z]+)"`))?.[1] ?? null
}

async function snapshot(userId: string) {
  const [user, preference, settings, audits] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true, locale: true } }),
    prisma.notificationPreference.findUnique({ where: { userId } }),
    prisma.notificationSetting.findMany({ where: { userId }, orderBy: { category: 'asc' } }),
    prisma.auditLog.count({ where: { actorId: userId, action: 'user.notification-preferences-update' } }),
  ])
  return { user, preference: preference && { ...preference, updatedAt: undefined }, settings: settings.map((row) => ({ ...row, updatedAt: undefined })), audits }
}

describe('the preference centre', () => {
  test('asks signed-out visitors to log in; is linked from the header', async () => {
    const anonymous = await new Visitor().get('/settings/notifications')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toBe('/login?redirectTo=%2Fsettings%2Fnotifications')
    const visitor = await signedIn((await createUser()).email)
    expect(await (await visitor.get('/')).text()).toContain('href="/settings/notifications"')
  })

  test('shows a firm member the firm categories with their defaults, not the partner’s or staff’s', async () => {
    const hub = await createHub()
    const { user } = await createMember(hub.id, 'FIRM')
    await prisma.savedSearch.create({ data: { userId: user.id, name: 'Veille IoT Isère', query: 'q=iot', alert: true } })
    await prisma.savedSearch.create({ data: { userId: user.id, name: 'Sans alerte', query: 'q=erp', alert: false } })
    const page = await (await (await signedIn(user.email)).get('/settings/notifications')).text()
    expect(page).toContain('Nouveaux besoins recommandés')
    expect(page).toContain('Mes candidatures')
    expect(page).not.toContain('Mes besoins (grand compte)')
    expect(page).not.toContain('Files de l’association')
    expect(page).toContain('Vous n’avez encore rien choisi')
    expect(checkedChannel(page, 'RECOMMENDED')).toBe('DIGEST')
    expect(checkedChannel(page, 'MY_APPLICATIONS')).toBe('EMAIL')
    expect(page).toContain('Veille IoT Isère')
    expect(page).toContain('href="/needs?q=iot"')
    expect(page).not.toContain('Sans alerte')
  })

  test('saves the whole form and re-reads it; a channel back at its default is no row', async () => {
    const hub = await createHub()
    const { user } = await createMember(hub.id, 'FIRM')
    const visitor = await signedIn(user.email)
    const saved = await visitor.post(
      '/settings/notifications',
      valid({ 'channels.RECOMMENDED': 'OFF', 'channels.SAVED_SEARCH': 'EMAIL', minScore: '75', digestFrequency: 'WEEKLY', digestWeekday: '5', digestHour: '7', timeZone: 'America/Montreal', locale: 'en' }),
    )
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe('/settings/notifications')
    const after = await snapshot(user.id)
    expect(after.user).toEqual({ timeZone: 'America/Toronto', locale: 'en' })
    expect(after.preference).toMatchObject({ digestFrequency: 'WEEKLY', digestWeekday: 5, digestHour: 7, minScore: 75 })
    expect(after.settings.map((row) => [row.category, row.channel])).toEqual([
      ['RECOMMENDED', 'OFF'],
      ['SAVED_SEARCH', 'EMAIL'],
    ])
    expect(after.audits).toBe(1)

    const page = await (await visitor.get('/settings/notifications')).text()
    expect(page).toContain('<html lang="en"')
    expect(page).toContain('Your notification preferences are saved.')
    expect(checkedChannel(page, 'RECOMMENDED')).toBe('OFF')
    expect(checkedChannel(page, 'SAVED_SEARCH')).toBe('EMAIL')
    expect(page).toMatch(/<option value="WEEKLY" selected="">/)
    expect(page).toMatch(/<option value="America\/Toronto" selected="">/)

    await visitor.post('/settings/notifications', valid({ 'channels.RECOMMENDED': 'DIGEST', 'channels.SAVED_SEARCH': 'DIGEST' }))
    expect((await snapshot(user.id)).settings).toEqual([])
  })

  test.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'Choisissez un fuseau horaire de la liste'],
    ['hour 25', { digestHour: '25' }, 'Choisissez une heure entre 0 et 23.'],
    ['score 120', { minScore: '120' }, 'Saisissez un score entier entre 0 et 100.'],
    ['an unknown channel', { 'channels.MY_APPLICATIONS': 'SMS' }, 'Choisissez l’un des modes proposés.'],
    ['an instant e-mail for recommendations (the digest or nothing)', { 'channels.RECOMMENDED': 'EMAIL' }, 'Choisissez l’un des modes proposés.'],
    ['an unknown frequency', { digestFrequency: 'HOURLY' }, 'Choisissez une fréquence de la liste.'],
  ])('%s is refused next to its field (400), nothing written', async (_label, fields, message) => {
    const hub = await createHub()
    const { user } = await createMember(hub.id, 'FIRM')
    const visitor = await signedIn(user.email)
    const before = await snapshot(user.id)
    const answer = await visitor.post('/settings/notifications', valid({ 'channels.RECOMMENDED': 'OFF', locale: 'en', ...fields }))
    expect(answer.status).toBe(400)
    const html = await answer.text()
    expect(html).toContain(message)
    expect(html).toMatch(/aria-invalid="true"/)
    expect(await snapshot(user.id)).toEqual(before)
  })

  test('a category outside the persona is ignored; staff see their queues', async () => {
    const hub = await createHub()
    const staff = await createStaff(hub.id)
    const visitor = await signedIn(staff.email)
    const page = await (await visitor.get('/settings/notifications')).text()
    expect(page).toContain('Files de l’association')
    expect(page).not.toContain('Nouveaux besoins recommandés')
    const saved = await visitor.post('/settings/notifications', { ...valid({ 'channels.STAFF_QUEUES': 'OFF', 'channels.MY_APPLICATIONS': 'OFF' }) })
    expect(saved.status).toBe(302)
    expect((await snapshot(staff.id)).settings.map((row) => [row.category, row.channel])).toEqual([['STAFF_QUEUES', 'OFF']])
  })

  test('someone without an organisation nor staff role sees an empty state and can still set zone and language', async () => {
    const user = await createUser()
    const visitor = await signedIn(user.email)
    const page = await (await visitor.get('/settings/notifications')).text()
    expect(page).toContain('Rejoignez ou créez une organisation')
    const saved = await visitor.post('/settings/notifications', { minScore: '60', digestFrequency: 'DAILY', digestWeekday: '1', digestHour: '8', timeZone: 'Europe/Berlin', locale: 'fr' })
    expect(saved.status).toBe(302)
    expect((await snapshot(user.id)).user.timeZone).toBe('Europe/Berlin')
  })
})
