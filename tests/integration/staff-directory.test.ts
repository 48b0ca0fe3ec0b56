import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff, createUser } from '#tests/factories'
import { signedIn, type Visitor } from '#tests/helpers/app'

/** Issue 13 part 6: the staff directory of organisations (decision 0023). */
describe('staff directory of organisations', () => {
  let hubH: Awaited<ReturnType<typeof createHub>>
  let moderator: Visitor
  let moderator2: Visitor
  let firm: Awaited<ReturnType<typeof createMember>>
  let partner: Awaited<ReturnType<typeof createMember>>
  let firmH2: Awaited<ReturnType<typeof createMember>>
  let otherPartner: Awaited<ReturnType<typeof createMember>>

  beforeAll(async () => {
    hubH = await createHub({ shortName: 'Hub Annuaire' })
    const hubH2 = await createHub({ shortName: 'Hub Deux' })
    firm = await createMember(hubH.id, 'FIRM', { organisation: { name: 'Cartographie Dauphiné', siren: '552100554', skills: ['cartographie', 'sig'] } })
    partner = await createMember(hubH.id, 'PARTNER', { organisation: { name: 'Énergies Alpines', skills: [] } })
    await createMember(hubH.id, 'FIRM', { organisation: { name: 'Pending Logiciels', status: 'PENDING', skills: ['logiciel'] } })
    firmH2 = await createMember(hubH2.id, 'FIRM', { organisation: { name: 'Cartes du Rhône', skills: ['cartographie'] } })
    // A partner of H2 whose need is shared with hub H: not listed for H's staff (decision 0023).
    otherPartner = await createMember(hubH2.id, 'PARTNER', { organisation: { name: 'Partenaire Partagé' } })
    const shared = await createNeed(otherPartner.organisation.id, hubH2.id, otherPartner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), submittedAt: new Date() })
    await prisma.needShare.create({ data: { needId: shared.id, hubId: hubH.id } })
    await createNeed(partner.organisation.id, hubH.id, partner.user.id, { title: 'Brouillon secret du partenaire', status: 'DRAFT' })
    await createNeed(partner.organisation.id, hubH.id, partner.user.id, { title: 'Inspection de lignes par drone', status: 'PUBLISHED', publishedAt: new Date(), submittedAt: new Date() })
    const mod = await createStaff(hubH.id, 'MODERATOR')
    const mod2 = await createStaff(hubH2.id, 'MODERATOR')
    moderator = await signedIn(mod.email)
    moderator2 = await signedIn(mod2.email)
  })

  test('searches the hub’s organisations by name, SIREN and skill; a partner of another hub sharing a need is not listed', async () => {
    const byName = await (await moderator.get('/staff/organisations?q=dauphin')).text()
    expect(byName).toContain('Cartographie Dauphiné')
    expect(byName).not.toContain('Énergies Alpines')

    const bySiren = await (await moderator.get('/staff/organisations?q=552%20100')).text()
    expect(bySiren).toContain('Cartographie Dauphiné')
    expect(bySiren).toContain('1 organisation')

    const bySkill = await (await moderator.get('/staff/organisations?q=Cartographie')).text()
    expect(bySkill).toContain('Cartographie Dauphiné')
    // Firm H2 has the skill too, but lives in hub H2.
    expect(bySkill).not.toContain('Cartes du Rhône')

    const all = await (await moderator.get('/staff/organisations')).text()
    expect(all).toContain('Pending Logiciels')
    expect(all).not.toContain('Partenaire Partagé')

    const pending = await (await moderator.get('/staff/organisations?status=PENDING&kind=FIRM')).text()
    expect(pending).toContain('Pending Logiciels')
    expect(pending).not.toContain('Cartographie Dauphiné')

    // A bad filter value is ignored, never an error page.
    expect((await moderator.get('/staff/organisations?status=NOPE&page=-3')).status).toBe(200)
  })

  test('the CSV holds the filter’s rows with their columns, parsed back', async () => {
    const response = await moderator.get('/staff/organisations?q=cartographie&format=csv&separator=semicolon')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/)
    const text = await response.text()
    const rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, delimiter: ';', bom: true }) as Array<Record<string, string>>
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      Nom: 'Cartographie Dauphiné',
      SIREN: '552100554',
      Statut: 'Vérifiée',
      Association: 'Hub Annuaire',
      Commune: 'Grenoble',
      Compétences: 'cartographie, sig',
      Membres: '1',
    })
    expect(Object.keys(rows[0]!)).toEqual(['Nom', 'Type', 'SIREN', 'Statut', 'Association', 'Commune', 'Chiffre d’affaires', 'Compétences', 'Membres', 'Inscrite le', 'Vérifiée le'])
    expect(await prisma.auditLog.count({ where: { action: 'export.csv', targetId: 'organisations' } })).toBeGreaterThan(0)
    // A hub that is not the actor's is ignored, in the rows and in the audit row.
    expect((await moderator.get('/staff/organisations?hub=pas-un-hub&format=csv')).status).toBe(200)
  })

  test('an organisation’s page is for its home hub’s staff: members, needs (no drafts), audit link; mod2 gets 404', async () => {
    const page = await moderator.get(`/staff/organisations/${partner.organisation.id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(partner.user.email)
    expect(html).toContain(`/staff/users/${partner.user.id}`)
    expect(html).toContain('Inspection de lignes par drone')
    expect(html).not.toContain('Brouillon secret du partenaire')
    expect(html).toContain(`/staff/audit?organisation=${partner.organisation.id}`)
    expect(html).toContain(`/staff/partners/${partner.organisation.id}`)
    expect(html).toContain('Voir le tableau de bord du partenaire')

    expect((await moderator2.get(`/staff/organisations/${partner.organisation.id}`)).status).toBe(404)
    expect((await moderator.get(`/staff/organisations/${firmH2.organisation.id}`)).status).toBe(404)
    expect((await moderator.get(`/staff/organisations/${otherPartner.organisation.id}`)).status).toBe(404)
    const outsider = await signedIn(firm.user.email)
    expect((await outsider.get(`/staff/organisations/${partner.organisation.id}`)).status).toBe(404)
    expect((await outsider.get('/staff/organisations')).status).toBe(403)
  })

  test('the members CSV of an organisation, and the verification actions on its page', async () => {
    const csv = await moderator.get(`/staff/organisations/${firm.organisation.id}?format=csv`)
    const rows = parse((await csv.text()).replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>
    expect(rows).toEqual([expect.objectContaining({ Nom: firm.user.name, 'E-mail': firm.user.email, Rôle: 'Propriétaire' })])

    const noReason = await moderator.post(`/staff/organisations/${firm.organisation.id}`, { action: 'suspend' })
    expect(noReason.status).toBe(422)
    const suspended = await moderator.post(`/staff/organisations/${firm.organisation.id}`, { action: 'suspend', reason: 'SIREN radié' })
    expect(suspended.status).toBe(302)
    expect(suspended.headers.get('Location')).toBe(`/staff/organisations/${firm.organisation.id}`)
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })).status).toBe('SUSPENDED')
    const html = await (await moderator.get(`/staff/organisations/${firm.organisation.id}`)).text()
    expect(html).toContain('organisation.suspend')
    expect((await moderator2.post(`/staff/organisations/${firm.organisation.id}`, { action: 'reinstate' })).status).toBe(404)
    await moderator.post(`/staff/organisations/${firm.organisation.id}`, { action: 'reinstate' })
  })

  test('users are found by name or e-mail among the hub’s members; another hub’s are not', async () => {
    const stranger = await createUser({ name: 'Zoé Sans-Orga' })
    const byEmail = await (await moderator.get(`/staff/users?q=${encodeURIComponent(partner.user.email.slice(0, 12))}`)).text()
    expect(byEmail).toContain(partner.user.name)
    const byName = await (await moderator.get(`/staff/users?q=${encodeURIComponent(firmH2.user.name)}`)).text()
    expect(byName).not.toContain(firmH2.user.email)
    expect(await (await moderator.get('/staff/users?q=Zo%C3%A9')).text()).not.toContain(stranger.email)
    expect((await moderator.get(`/staff/users/${firmH2.user.id}`)).status).toBe(404)
    expect((await moderator2.get(`/staff/users/${firmH2.user.id}`)).status).toBe(200)

    const csv = await moderator.get(`/staff/users?q=${encodeURIComponent(partner.user.email)}&format=csv`)
    const rows = parse((await csv.text()).replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>
    expect(rows).toEqual([expect.objectContaining({ Nom: partner.user.name, 'E-mail': partner.user.email, Organisations: 'Énergies Alpines (Propriétaire)' })])
  })
})
