import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { lookupCompany } from '#app/modules/companies/lookup.server'
import { prisma } from '#app/utils/db.server'
import { resetEnvForTests } from '#app/utils/env.server'
import { createHub, createMember, createStaff, createUser, randomSiren } from '#tests/factories'
import { signedIn } from '#tests/helpers/app'
import { ACTIVE_SIREN, companyDirectory } from '#tests/mocks/company-directory'

/**
 * Without COMPANY_DIRECTORY_URL (decision 0033): no online lookup at all. The creation form is the
 * manual one, with no "Rechercher", no banner and no promise of a lookup; staff see "not looked up"
 * and no "consult again".
 */
delete process.env.COMPANY_DIRECTORY_URL

let hubId: string

beforeAll(async () => {
  resetEnvForTests()
  hubId = (await createHub()).id
})

beforeEach(() => companyDirectory.reset())

describe('without a directory URL', () => {
  test('the creation form is the manual one and creation asks nothing', async () => {
    const visitor = await signedIn((await createUser()).email)
    const html = await (await visitor.get('/orgs/new')).text()
    expect(html).not.toContain('>Rechercher</button>')
    expect(html).not.toContain('L’annuaire des entreprises ne répond pas')
    expect(html).not.toContain('remplit le formulaire avec les données de l’annuaire')
    expect(html).toContain('9 chiffres, sur votre extrait Kbis ou l’annuaire des entreprises.')

    const siren = randomSiren()
    const response = await visitor.post('/orgs/new', { kind: 'FIRM', siren, name: 'Névé Robotique', homeHubId: hubId, communeInsee: '38229' })
    expect(response.status).toBe(302)
    const organisation = await prisma.organisation.findUniqueOrThrow({ where: { siren } })
    expect(organisation).toMatchObject({ directoryData: null, directoryCheckedAt: null })
    expect(companyDirectory.requests).toEqual([])
  })

  test('a posted lookup only shows the form again', async () => {
    const visitor = await signedIn((await createUser()).email)
    const response = await visitor.post('/orgs/new', { intent: 'lookup', siren: ACTIVE_SIREN, name: 'Névé' })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).not.toContain('Entreprise trouvée')
    expect(html).not.toContain('L’annuaire des entreprises ne répond pas')
    expect(html).toContain('value="Névé"')
    expect(await lookupCompany(ACTIVE_SIREN)).toEqual({ status: 'disabled' })
    expect(companyDirectory.requests).toEqual([])
  })

  test('staff see "not looked up" and no "consult again"; posting it changes nothing', async () => {
    const staff = await signedIn((await createStaff(hubId)).email)
    const { organisation } = await createMember(hubId, 'FIRM')
    const html = await (await staff.get(`/staff/organisations/${organisation.id}`)).text()
    expect(html).toContain('Non consulté')
    expect(html).not.toContain('Consulter l’annuaire à nouveau')
    expect((await staff.post(`/staff/organisations/${organisation.id}/directory`, {})).status).toBe(302)
    expect(await prisma.auditLog.count({ where: { targetId: organisation.id, action: 'organisation.directory-refresh' } })).toBe(0)
    expect(companyDirectory.requests).toEqual([])
  })
})
