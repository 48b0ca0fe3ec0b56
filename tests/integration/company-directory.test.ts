import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { lookupCompany } from '#app/modules/companies/lookup.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createHub, createMember, createStaff, createUser, randomSiren } from '#tests/factories'
import { signedIn, type Visitor } from '#tests/helpers/app'
import { ACTIVE_SIREN, CEASED_SIREN, COMPANY_DIRECTORY_TEST_URL, PARIS_SIREN, companyDirectory } from '#tests/mocks/company-directory'

/**
 * Issue 15, the public company directory (decision 0033): the creation form filled in from the
 * directory, a ceased company refused, the manual path when it does not answer, the day's cache,
 * and the staff's side by side with "consult again". The directory is MSW's double
 * (tests/mocks/company-directory.ts); COMPANY_DIRECTORY_URL points at it for this whole file.
 */
process.env.COMPANY_DIRECTORY_URL = COMPANY_DIRECTORY_TEST_URL

/** The value an input of the page carries (as rendered on the server). */
function inputValue(html: string, name: string) {
  const input = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0]
  return input?.match(/value="([^"]*)"/)?.[1] ?? null
}

const LOOKUP_BUTTON = '>Rechercher</button>'
const BANNER = 'L’annuaire des entreprises ne répond pas : saisissez les informations à la main ; l’association les vérifiera.'
const CEASED = 'Selon l’annuaire des entreprises, cette entreprise est cessée'

let hubId: string
let visitor: Visitor

beforeAll(async () => {
  resetEnvForTests()
  hubId = (await createHub()).id
})

beforeEach(async () => {
  companyDirectory.reset()
  await prisma.companyDirectoryCache.deleteMany()
  visitor = await signedIn((await createUser()).email)
})

describe('the creation form with the directory', () => {
  test('offers "Rechercher" next to the SIREN', async () => {
    const html = await (await visitor.get('/orgs/new')).text()
    expect(html).toContain(LOOKUP_BUTTON)
    expect(html).not.toContain(BANNER)
  })

  test('"Rechercher" fills the form in with the directory’s values; the organisation keeps what it said', async () => {
    const response = await visitor.post('/orgs/new', { intent: 'lookup', siren: '418 215 448', kind: 'FIRM', name: '', skills: 'robotique', nafCodes: '28.99B' })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Entreprise trouvée dans l’annuaire des entreprises')
    expect(inputValue(html, 'name')).toBe('NEVE ROBOTIQUE')
    expect(inputValue(html, 'communeInsee')).toBe('Meylan (38)')
    // Band "11" (10 to 19 employees): its lower bound.
    expect(inputValue(html, 'headcount')).toBe('10')
    expect(inputValue(html, 'foundedYear')).toBe('2015')
    expect(inputValue(html, 'nafCodes')).toBe('62.01Z, 28.99B')
    // What the user had typed stays.
    expect(inputValue(html, 'skills')).toBe('robotique')
    expect(html).toMatch(/<input[^>]*value="FIRM"[^>]*checked|<input[^>]*checked[^>]*value="FIRM"/)

    // The user changes the name and creates: the directory is not asked again (cached), its answer is kept.
    const created = await visitor.post('/orgs/new', {
      intent: 'create',
      kind: 'FIRM',
      siren: ACTIVE_SIREN,
      name: 'Névé Robotique',
      homeHubId: hubId,
      communeInsee: 'Meylan (38)',
      headcount: '14',
      foundedYear: '2015',
      nafCodes: '62.01Z, 28.99B',
    })
    expect(created.status).toBe(302)
    const organisation = await prisma.organisation.findUniqueOrThrow({ where: { siren: ACTIVE_SIREN } })
    expect(organisation).toMatchObject({ name: 'Névé Robotique', headcount: 14, communeInsee: '38229' })
    expect(organisation.directoryData).toMatchObject({ found: true, company: { name: 'NEVE ROBOTIQUE', nafCode: '62.01Z', communeInsee: '38229', headcountBand: '11', active: true } })
    expect(organisation.directoryCheckedAt).toBeInstanceOf(Date)
    expect(companyDirectory.requests).toEqual([ACTIVE_SIREN])
  })

  test('a second lookup of the same SIREN within the day does not ask the directory again', async () => {
    await visitor.post('/orgs/new', { intent: 'lookup', siren: ACTIVE_SIREN })
    const again = await (await visitor.post('/orgs/new', { intent: 'lookup', siren: ACTIVE_SIREN })).text()
    expect(inputValue(again, 'name')).toBe('NEVE ROBOTIQUE')
    expect(companyDirectory.requests).toEqual([ACTIVE_SIREN])
    // A day later, the directory is asked again.
    await prisma.companyDirectoryCache.update({ where: { siren: ACTIVE_SIREN }, data: { fetchedAt: new Date(Date.now() - 25 * 3600_000) } })
    await visitor.post('/orgs/new', { intent: 'lookup', siren: ACTIVE_SIREN })
    expect(companyDirectory.requests).toEqual([ACTIVE_SIREN, ACTIVE_SIREN])
  })

  test('an invalid SIREN is refused next to the field and nothing is asked', async () => {
    const response = await visitor.post('/orgs/new', { intent: 'lookup', siren: '418215440' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Ce SIREN n’est pas valide')
    expect(companyDirectory.requests).toEqual([])
  })

  test('a ceased company is shown as such, and refused at creation with a message by the SIREN', async () => {
    const lookup = await (await visitor.post('/orgs/new', { intent: 'lookup', siren: CEASED_SIREN })).text()
    expect(lookup).toContain('FONDERIE DU GRESIVAUDAN : entreprise cessée')
    expect(lookup).toContain(CEASED)
    // Not filled in.
    expect(inputValue(lookup, 'name')).toBeNull()

    const before = await prisma.organisation.count()
    const response = await visitor.post('/orgs/new', { intent: 'create', kind: 'FIRM', siren: CEASED_SIREN, name: 'Fonderie', homeHubId: hubId, communeInsee: '38439' })
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toMatch(new RegExp(`id="[^"]*siren[^"]*-error"[^>]*>[\\s\\S]{0,200}${CEASED}`))
    expect(await prisma.organisation.count()).toBe(before)
  })

  test('a SIREN the directory does not know: a message, and creation by hand (staff will check)', async () => {
    const siren = randomSiren()
    const html = await (await visitor.post('/orgs/new', { intent: 'lookup', siren })).text()
    expect(html).toContain('Ce SIREN n’est pas dans l’annuaire des entreprises')
    const response = await visitor.post('/orgs/new', { kind: 'PARTNER', siren, name: 'Coopérative Inconnue', homeHubId: hubId, communeInsee: '38185' })
    expect(response.status).toBe(302)
    const organisation = await prisma.organisation.findUniqueOrThrow({ where: { siren } })
    expect(organisation.directoryData).toEqual({ found: false })
    expect(organisation.directoryCheckedAt).toBeInstanceOf(Date)
  })

  test('a head office outside the Alps: every French commune is known, so it is prefilled too', async () => {
    const html = await (await visitor.post('/orgs/new', { intent: 'lookup', siren: PARIS_SIREN })).text()
    expect(inputValue(html, 'name')).toBe('ATELIER LUTECE')
    expect(inputValue(html, 'communeInsee')).toMatch(/^Paris 11e Arrondissement/)
    expect(html).not.toContain('que Sillon ne connaît pas')
  })

  test('the directory down: the banner, and the manual path creates the organisation (nothing kept)', async () => {
    companyDirectory.mode = 'down'
    const siren = randomSiren()
    const lookup = await visitor.post('/orgs/new', { intent: 'lookup', siren, name: 'Sérac Sécurité' })
    expect(lookup.status).toBe(200)
    const html = await lookup.text()
    expect(html).toContain(BANNER)
    expect(inputValue(html, 'name')).toBe('Sérac Sécurité')

    const response = await visitor.post('/orgs/new', { intent: 'create', kind: 'FIRM', siren, name: 'Sérac Sécurité', homeHubId: hubId, communeInsee: '73065' })
    expect(response.status).toBe(302)
    const organisation = await prisma.organisation.findUniqueOrThrow({ where: { siren } })
    expect(organisation.directoryData).toBeNull()
    expect(organisation.directoryCheckedAt).toBeNull()
    // A failure is not cached.
    expect(await prisma.companyDirectoryCache.count({ where: { siren } })).toBe(0)
  })
})

describe('the lookup service', () => {
  test.each([
    ['rate-limited', 'rate-limited'],
    ['server-error', 'server-error'],
    ['down', 'offline'],
  ] as const)('directory %s → unavailable (%s), not cached', async (mode, reason) => {
    companyDirectory.mode = mode
    expect(await lookupCompany(ACTIVE_SIREN)).toEqual({ status: 'unavailable', reason })
    expect(await prisma.companyDirectoryCache.count()).toBe(0)
  })

  test('a directory slower than the limit → unavailable (timeout)', async () => {
    companyDirectory.mode = 'slow'
    // The 3 s limit, shortened so that the test does not wait.
    expect(await lookupCompany(ACTIVE_SIREN, { timeoutMs: 50 })).toEqual({ status: 'unavailable', reason: 'timeout' })
  })

  test('an answer of another shape → unavailable (malformed), not cached', async () => {
    companyDirectory.companies[ACTIVE_SIREN] = { siren: ACTIVE_SIREN, etat_administratif: 'X' }
    expect(await lookupCompany(ACTIVE_SIREN)).toEqual({ status: 'unavailable', reason: 'malformed' })
    expect(await prisma.companyDirectoryCache.count()).toBe(0)
  })
})

describe('staff verification', () => {
  test('declared and directory side by side, the differences named, "consult again" audited', async () => {
    const moderator = await createStaff(hubId)
    const staff = await signedIn(moderator.email)
    // Névé Robotique's entry under a SIREN of its own (the first tests registered ACTIVE_SIREN).
    const siren = randomSiren()
    companyDirectory.companies[siren] = { ...companyDirectory.companies[ACTIVE_SIREN], siren }
    const { organisation } = await createMember(hubId, 'FIRM', {
      organisation: { siren, name: 'Névé Robotique', communeInsee: '38185', communeName: 'Grenoble', headcount: 14, foundedYear: 2015, nafCodes: ['62.01Z'] },
    })
    // Never looked up (created before the directory was configured).
    let html = await (await staff.get(`/staff/organisations/${organisation.id}`)).text()
    expect(html).toContain('Non consulté')
    expect(html).toContain('Consulter l’annuaire à nouveau')

    const answer = await staff.post(`/staff/organisations/${organisation.id}/directory`, {})
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe(`/staff/organisations/${organisation.id}`)
    html = await (await staff.get(`/staff/organisations/${organisation.id}`)).text()
    expect(html).toContain('Consulté le')
    const row = (field: string) => html.match(new RegExp(`<tr>(?:(?!</tr>).)*?>${field}</td>(?:(?!</tr>).)*</tr>`, 's'))?.[0] ?? ''
    // The commune differs (Grenoble declared, Meylan in the directory); the rest matches.
    expect(row('Commune')).toContain('Différent')
    expect(row('Commune')).toContain('MEYLAN (38240)')
    expect(row('Nom')).toContain('Concorde')
    expect(row('Effectif')).toContain('10 à 19 salariés')
    expect(row('Effectif')).toContain('Concorde')
    expect(row('Situation')).toContain('Active')

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: organisation.id, action: 'organisation.directory-refresh' } })
    expect(audit).toMatchObject({ actorId: moderator.id, hubId })

    // The company ceases: consulting again shows it (the cache is skipped).
    companyDirectory.companies[siren] = { ...companyDirectory.companies[siren], etat_administratif: 'C' }
    await staff.post(`/staff/organisations/${organisation.id}/directory`, {})
    html = await (await staff.get(`/staff/organisations/${organisation.id}`)).text()
    expect(row('Situation')).toContain('Cessée')
    expect(row('Situation')).toContain('Différent')
    expect(companyDirectory.requests).toEqual([siren, siren])
    expect(await prisma.auditLog.count({ where: { targetId: organisation.id, action: 'organisation.directory-refresh' } })).toBe(2)
  })

  test('the directory down: "consult again" changes nothing and says so', async () => {
    const staff = await signedIn((await createStaff(hubId)).email)
    const { organisation } = await createMember(hubId, 'FIRM', { organisation: { siren: randomSiren() } })
    companyDirectory.mode = 'down'
    const answer = await staff.post(`/staff/organisations/${organisation.id}/directory`, {})
    expect(answer.status).toBe(302)
    const html = await (await staff.get(`/staff/organisations/${organisation.id}`)).text()
    expect(html).toContain('L’annuaire des entreprises ne répond pas : réessayez plus tard.')
    expect(html).toContain('Non consulté')
    expect(await prisma.auditLog.count({ where: { targetId: organisation.id, action: 'organisation.directory-refresh' } })).toBe(0)
  })

  test('staff of another hub and members cannot consult again (404)', async () => {
    const { organisation, user } = await createMember(hubId, 'FIRM', { organisation: { siren: randomSiren() } })
    const otherStaff = await signedIn((await createStaff((await createHub()).id)).email)
    const member = await signedIn(user.email)
    expect((await otherStaff.post(`/staff/organisations/${organisation.id}/directory`, {})).status).toBe(404)
    expect((await member.post(`/staff/organisations/${organisation.id}/directory`, {})).status).toBe(404)
    expect(companyDirectory.requests).toEqual([])
  })
})
