import { describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createOrganisation, createStaff, createUser, PASSWORD } from '#tests/factories'
import { signedIn, Visitor } from '#tests/helpers/app'

/**
 * The homes after log-in: each person lands on their own (staff on the daily queues, a partner's
 * members on the partner home, a firm's on the needs, whoever has no organisation on the form that
 * creates one), unless the log-in was asked to go back somewhere. The partner's home shows its
 * needs by status, the applications it has to decide (late first) and the recommended firms of its
 * open needs — and never another partner's.
 */
const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)

async function logIn(email: string, redirectTo?: string) {
  const response = await new Visitor().post('/login', { email, password: PASSWORD, ...(redirectTo ? { redirectTo } : {}) })
  expect(response.status).toBe(302)
  return response.headers.get('Location')
}

describe('where the log-in lands', () => {
  test('each person on their own home, unless asked to go back somewhere', async () => {
    const hub = await createHub()
    const moderator = await createStaff(hub.id)
    const admin = await createStaff(hub.id, 'ADMIN')
    const partner = await createMember(hub.id, 'PARTNER')
    const firm = await createMember(hub.id, 'FIRM')
    const pendingFirm = await createMember(hub.id, 'FIRM', { organisation: { status: 'PENDING' } })
    const nobody = await createUser()
    // Staff who also belong to a partner land on the console.
    const staffPartner = await createStaff(hub.id)
    await prisma.membership.create({ data: { userId: staffPartner.id, organisationId: partner.organisation.id, role: 'MEMBER' } })

    expect(await logIn(moderator.email)).toBe('/staff')
    expect(await logIn(admin.email)).toBe('/staff')
    expect(await logIn(staffPartner.email)).toBe('/staff')
    expect(await logIn(partner.user.email)).toBe('/partner')
    expect(await logIn(firm.user.email)).toBe('/needs')
    expect(await logIn(pendingFirm.user.email)).toBe(`/orgs/${pendingFirm.organisation.slug}`)
    expect(await logIn(nobody.email)).toBe('/orgs/new')
    // An explicit page to go back to wins; one of another site is refused (then home).
    expect(await logIn(partner.user.email, '/needs?q=iot')).toBe('/needs?q=iot')
    expect(await logIn(partner.user.email, '//evil.example/x')).toBe('/partner')
  })

  test('signed in, the marketing page links to the partner’s home', async () => {
    const hub = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    const html = await (await (await signedIn(partner.user.email)).get('/')).text()
    expect(html).toContain('href="/partner"')
    expect(html).toContain('Mon espace partenaire')
  })
})

describe('the partner’s home', () => {
  test('its needs by status, applications to decide late first, recommended firms; never another partner’s', async () => {
    const hub = await createHub({ charterResponseDays: 15 })
    const partner = await createMember(hub.id, 'PARTNER')
    const rival = await createMember(hub.id, 'PARTNER')
    const firms = await Promise.all([1, 2, 3, 4].map((n) => createOrganisation(hub.id, 'FIRM', { name: `Entreprise numéro ${n}` })))
    const need = (title: string, overrides: Parameters<typeof createNeed>[3] = {}) => createNeed(partner.organisation.id, hub.id, partner.user.id, { title, ...overrides })

    await need('Brouillon de jumeau numérique')
    await need('Besoin en modération', { status: 'SUBMITTED', submittedAt: ago(1) })
    const open = await need('Capteurs des conduites forcées', { status: 'PUBLISHED', publishedAt: ago(50), deadline: new Date(Date.now() + 20 * DAY) })
    const screened = await need('Besoin filtré par l’association', { status: 'PUBLISHED', publishedAt: ago(30), screeningRequired: true })
    await need('Besoin clos', { status: 'CLOSED', publishedAt: ago(90), closedAt: ago(10) })
    await createNeed(rival.organisation.id, hub.id, rival.user.id, { title: 'Le besoin du concurrent', status: 'PUBLISHED', publishedAt: ago(5) })

    const apply = (needId: string, firmId: string, status: 'SUBMITTED' | 'SHORTLISTED' | 'INFO_REQUESTED' | 'SCREENING' | 'ACCEPTED' | 'DRAFT', submittedAt: Date | null) =>
      prisma.application.create({ data: { needId, firmId, createdById: partner.user.id, status, submittedAt } })
    const onTime = await apply(open.id, firms[0]!.id, 'SUBMITTED', ago(2))
    const veryLate = await apply(open.id, firms[1]!.id, 'SHORTLISTED', ago(40))
    const late = await apply(open.id, firms[2]!.id, 'INFO_REQUESTED', ago(20))
    // Not the partner's to decide: decided, a draft, and one staff still screen.
    await apply(open.id, firms[3]!.id, 'ACCEPTED', ago(30))
    const draftNeed = await need('Autre besoin ouvert', { status: 'PUBLISHED', publishedAt: ago(3) })
    await apply(draftNeed.id, firms[0]!.id, 'DRAFT', null)
    const beingScreened = await apply(screened.id, firms[0]!.id, 'SCREENING', ago(25))

    // Recommendations of the open need: best first; dismissed ones and unverified firms are not shown.
    const match = (firmId: string, score: number, status: 'SUGGESTED' | 'DISMISSED' = 'SUGGESTED') =>
      prisma.match.create({ data: { needId: open.id, firmId, score, status, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION, inNeedTop: true } })
    await match(firms[1]!.id, 91)
    await match(firms[2]!.id, 64)
    await match(firms[3]!.id, 88, 'DISMISSED')
    const unverified = await createOrganisation(hub.id, 'FIRM', { status: 'PENDING', name: 'Entreprise pas encore vérifiée' })
    await match(unverified.id, 99)

    const visitor = await signedIn(partner.user.email)
    const response = await visitor.get('/partner')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain(`Espace ${partner.organisation.name}`)

    // Needs by status, with their counts and links.
    for (const [status, count] of [['DRAFT', 1], ['SUBMITTED', 1], ['PUBLISHED', 3], ['CLOSED', 1]] as const) {
      expect(html).toMatch(new RegExp(`data-status-count="${status}"[^>]*>${count}<`))
    }
    expect(html).toContain(`href="/needs/${open.id}"`)
    expect(html).not.toContain('Le besoin du concurrent')

    // Applications to decide: late first (most late first), then on time; none being screened.
    const toDecide = [...html.matchAll(/data-to-decide="([^"]+)"/g)].map((found) => found[1])
    expect(toDecide).toEqual([veryLate.id, late.id, onTime.id])
    expect(html).not.toContain(beingScreened.id)
    expect(html).toContain('2 candidatures ont dépassé le délai de réponse de la charte.')

    // Recommended firms of the open needs, as the recommendations page lists them.
    const block = html.slice(html.indexOf(`data-recommendations="${open.id}"`))
    expect(block.indexOf('Entreprise numéro 2')).toBeGreaterThan(0)
    expect(block.indexOf('Entreprise numéro 2')).toBeLessThan(block.indexOf('Entreprise numéro 3'))
    expect(html).not.toContain('Entreprise numéro 4')
    expect(html).not.toContain('Entreprise pas encore vérifiée')
    expect(html).toContain(`href="/needs/${open.id}/recommendations"`)

    // Another partner's home is not this partner's to read: its own instead.
    const foreign = await visitor.get(`/partner?org=${rival.organisation.slug}`)
    expect(foreign.status).toBe(302)
    expect(foreign.headers.get('Location')).toBe('/partner')
    expect(await (await (await signedIn(rival.user.email)).get('/partner')).text()).not.toContain('Capteurs des conduites forcées')
  })

  test('empty sections say so; others are sent to their own home', async () => {
    const hub = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    const html = await (await (await signedIn(partner.user.email)).get('/partner')).text()
    expect(html).toContain('Vous n’avez encore aucun besoin.')
    expect(html).toContain('Aucune candidature n’attend votre réponse.')
    expect(html).toContain('Aucun besoin publié pour le moment\u202f: les recommandations suivront sa publication.')

    const firm = await createMember(hub.id, 'FIRM')
    const staff = await createStaff(hub.id)
    const nobody = await createUser()
    for (const [email, home] of [
      [firm.user.email, '/needs'],
      [staff.email, '/staff'],
      [nobody.email, '/orgs/new'],
    ] as const) {
      const answer = await (await signedIn(email)).get('/partner')
      expect(answer.status).toBe(302)
      expect(answer.headers.get('Location')).toBe(home)
    }
    const anonymous = await new Visitor().get('/partner')
    expect(anonymous.headers.get('Location')).toBe('/login?redirectTo=%2Fpartner')
  })
})
