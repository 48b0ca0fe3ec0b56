import { describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff, createUser, randomSiren } from '#tests/factories'
import { signedIn } from '#tests/helpers/app'

async function organisationCount() {
  return prisma.organisation.count()
}

describe('creating an organisation', () => {
  test('starts PENDING, makes its creator the owner, and is audited', async () => {
    const hub = await createHub()
    const user = await createUser()
    const visitor = await signedIn(user.email)
    const siren = randomSiren()
    const response = await visitor.post('/orgs/new', {
      kind: 'FIRM',
      name: 'Névé Robotique',
      siren: `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`,
      homeHubId: hub.id,
      communeInsee: '38229',
      headcount: '14',
      revenueBand: 'M1_2M',
      foundedYear: '2016',
      skills: 'Robotique, Vision industrielle, ROS',
      nafCodes: '62.01Z, 28.99B',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/orgs/neve-robotique')
    const organisation = await prisma.organisation.findUniqueOrThrow({ where: { slug: 'neve-robotique' }, include: { memberships: true } })
    expect(organisation).toMatchObject({
      status: 'PENDING',
      siren,
      communeName: 'Meylan',
      skills: ['robotique', 'vision industrielle', 'ros'],
      nafCodes: ['62.01Z', '28.99B'],
    })
    expect(organisation.memberships).toEqual([expect.objectContaining({ userId: user.id, role: 'OWNER' })])
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: organisation.id } })
    expect(audit).toMatchObject({ action: 'organisation.create', actorId: user.id })

    const page = await visitor.get('/orgs/neve-robotique')
    expect(await page.text()).toContain('Vérification en cours')
  })

  test.each([
    ['an invalid SIREN check digit', { siren: '552100555' }, 400, 'Ce SIREN n’est pas valide'],
    ['letters in the SIREN', { siren: 'ABCDEFGHI' }, 400, 'Ce SIREN n’est pas valide'],
    ['an unknown kind', { kind: 'GOVERNMENT' }, 400, 'Choix invalide.'],
    ['an empty name', { name: '' }, 400, 'Ce champ est obligatoire.'],
    ['a name too long', { name: 'N'.repeat(121) }, 400, 'Trop long.'],
    ['a headcount that is not a number', { headcount: 'beaucoup' }, 400, 'Saisissez un nombre.'],
    ['an unknown commune', { communeInsee: '99999' }, 422, 'Commune inconnue'],
    ['a commune name shared by several communes', { communeInsee: 'Beaufort' }, 422, 'ajoutez le département'],
    ['an unknown commune name', { communeInsee: 'Atlantis' }, 422, 'Commune inconnue'],
    ['a commune text too long', { communeInsee: 'x'.repeat(100) }, 400, 'Commune inconnue'],
    ['a hub that does not exist', { homeHubId: 'not-a-hub' }, 422, 'Choix invalide.'],
    ['a malformed NAF code', { nafCodes: '6201' }, 400, 'Code NAF invalide'],
    ['a founding year in the future', { foundedYear: '2999' }, 400, 'Valeur trop grande.'],
  ])('refuses %s with a field message and writes nothing', async (_label, change, status, message) => {
    const hub = await createHub()
    const visitor = await signedIn((await createUser()).email)
    const before = await organisationCount()
    const response = await visitor.post('/orgs/new', {
      kind: 'FIRM',
      name: 'Sérac Sécurité',
      siren: randomSiren(),
      homeHubId: hub.id,
      communeInsee: '73065',
      ...change,
    })
    expect(response.status).toBe(status)
    expect(await response.text()).toContain(message)
    expect(await organisationCount()).toBe(before)
  })

  test('refuses a SIREN already on the platform', async () => {
    const hub = await createHub()
    const { organisation } = await createMember(hub.id, 'PARTNER')
    const visitor = await signedIn((await createUser()).email)
    const response = await visitor.post('/orgs/new', {
      kind: 'PARTNER',
      name: 'Doublon SA',
      siren: organisation.siren!,
      homeHubId: hub.id,
      communeInsee: '38185',
    })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('existe déjà sur Sillon')
  })
})

describe('verification by hub staff', () => {
  test('staff of the home hub verify a pending organisation; staff of another hub cannot see it', async () => {
    const hub = await createHub()
    const otherHub = await createHub()
    const { organisation, user: owner } = await createMember(hub.id, 'FIRM', { organisation: { status: 'PENDING' } })
    const moderator = await signedIn((await createStaff(hub.id)).email)
    const outsider = await signedIn((await createStaff(otherHub.id)).email)

    const list = await moderator.get('/staff/organisations')
    expect(await list.text()).toContain(organisation.name)
    expect(await (await outsider.get('/staff/organisations')).text()).not.toContain(organisation.name)

    const refused = await outsider.post('/staff/organisations', { organisationId: organisation.id, action: 'verify' })
    expect(refused.status).toBe(404)
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).status).toBe('PENDING')

    const noReason = await moderator.post('/staff/organisations', { organisationId: organisation.id, action: 'reject' })
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toContain('Indiquez un motif.')

    const verified = await moderator.post('/staff/organisations', { organisationId: organisation.id, action: 'verify' })
    expect(verified.status).toBe(302)
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).status).toBe('VERIFIED')
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { userId: owner.id, kind: 'organisation-verified' } })
    expect(email.subject).toContain('est vérifiée')

    const twice = await moderator.post('/staff/organisations', { organisationId: organisation.id, action: 'verify' })
    expect(twice.status).toBe(409)
    expect(await twice.text()).toContain('Action impossible')
    const audit = await prisma.auditLog.findMany({ where: { targetId: organisation.id }, select: { action: true, before: true, after: true } })
    expect(audit).toEqual([{ action: 'organisation.verify', before: { status: 'PENDING' }, after: { status: 'VERIFIED', reason: null } }])
  })

  test('a non-staff user gets 403 on staff pages', async () => {
    const visitor = await signedIn((await createUser()).email)
    expect((await visitor.get('/staff/organisations')).status).toBe(403)
    expect((await visitor.get('/staff/outbox')).status).toBe(403)
  })
})

describe('team invitations', () => {
  test('an owner invites by e-mail; the invitee joins with that address only', async () => {
    const hub = await createHub()
    const { organisation, user: owner } = await createMember(hub.id, 'FIRM')
    const ownerVisitor = await signedIn(owner.email)

    const bad = await ownerVisitor.post(`/orgs/${organisation.slug}`, { email: 'pas-une-adresse', role: 'MEMBER' })
    expect(bad.status).toBe(400)
    const badRole = await ownerVisitor.post(`/orgs/${organisation.slug}`, { email: 'lea@example.org', role: 'SUPERUSER' })
    expect(badRole.status).toBe(400)
    expect(await prisma.invitation.count({ where: { organisationId: organisation.id } })).toBe(0)

    const sent = await ownerVisitor.post(`/orgs/${organisation.slug}`, { email: 'Lea.Martin@example.org', role: 'ADMIN' })
    expect(sent.status).toBe(200)
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: 'lea.martin@example.org' } })
    const token = email.textBody.match(/\/invitations\/([\w-]+)/)![1]!

    const stranger = await signedIn((await createUser()).email)
    const wrongAddress = await stranger.post(`/invitations/${token}`, {})
    expect(wrongAddress.status).toBe(409)

    const lea = await createUser({ email: 'lea.martin@example.org' })
    const accepted = await (await signedIn(lea.email)).post(`/invitations/${token}`, {})
    expect(accepted.status).toBe(302)
    expect(await prisma.membership.findFirst({ where: { userId: lea.id, organisationId: organisation.id } })).toMatchObject({ role: 'ADMIN' })
    const reused = await (await signedIn(lea.email)).post(`/invitations/${token}`, {})
    expect(reused.status).toBe(409)
  })

  test('a plain member cannot invite, and another organisation’s page answers 404 to its forms', async () => {
    const hub = await createHub()
    const { organisation } = await createMember(hub.id, 'FIRM')
    const member = await createUser()
    await prisma.membership.create({ data: { userId: member.id, organisationId: organisation.id, role: 'MEMBER' } })
    const memberVisitor = await signedIn(member.email)
    const refused = await memberVisitor.post(`/orgs/${organisation.slug}`, { email: 'x@example.org', role: 'MEMBER' })
    expect(refused.status).toBe(403)

    const { organisation: pending } = await createMember(hub.id, 'FIRM', { organisation: { status: 'PENDING' } })
    const outsider = await signedIn((await createMember(hub.id, 'FIRM')).user.email)
    expect((await outsider.get(`/orgs/${pending.slug}`)).status).toBe(404)
    expect((await outsider.post(`/orgs/${pending.slug}`, { email: 'x@example.org', role: 'MEMBER' })).status).toBe(404)
    expect(await prisma.invitation.count({ where: { organisationId: { in: [organisation.id, pending.id] } } })).toBe(0)
  })
})
