import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createUser } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn, Visitor } from '#tests/helpers/app'

/**
 * Managing an organisation's team through the built app (decision record 0014): removing a member
 * (their session and API tokens stop acting for it at once), roles, ownership, invitations,
 * leaving, the last owner, and two owners demoting each other at the same moment.
 */

type Role = 'OWNER' | 'ADMIN' | 'MEMBER'

async function team(roles: Role[] = ['OWNER']) {
  const hub = await createHub()
  const { user: owner, organisation } = await createMember(hub.id, 'PARTNER', { role: roles[0] })
  const others = []
  for (const role of roles.slice(1)) {
    const user = await createUser()
    const membership = await prisma.membership.create({ data: { userId: user.id, organisationId: organisation.id, role } })
    others.push({ user, membership })
  }
  const first = await prisma.membership.findFirstOrThrow({ where: { userId: owner.id, organisationId: organisation.id } })
  return { hub, organisation, members: [{ user: owner, membership: first }, ...others], settings: `/orgs/${organisation.slug}/settings` }
}

async function roleOf(userId: string, organisationId: string) {
  const membership = await prisma.membership.findUnique({ where: { userId_organisationId: { userId, organisationId } } })
  return membership?.role ?? null
}

async function bearer(token: string, pathname: string) {
  return new Visitor().request(pathname, { headers: { Authorization: `Bearer ${token}` } })
}

describe('removing a member', () => {
  test('an owner removes an administrator: their session, API tokens and pending invitations stop at once; audited and notified', async () => {
    const { organisation, members, settings } = await team(['OWNER', 'ADMIN'])
    const [owner, admin] = members
    const adminSession = await signedIn(admin!.user.email)
    expect((await adminSession.get(settings)).status).toBe(200)
    const { token } = await createApiToken(await actorFor(admin!.user.id), organisation.id, { name: 'Outil achats' })
    const ownerToken = (await createApiToken(await actorFor(owner!.user.id), organisation.id, { name: 'ERP' })).token
    expect((await bearer(token, '/api/v1/needs')).status).toBe(200)
    await prisma.invitation.create({
      data: { organisationId: organisation.id, email: 'adresse-perso@test.example', role: 'ADMIN', tokenHash: randomBytes(16).toString('hex'), invitedById: admin!.user.id, expiresAt: new Date(Date.now() + 86_400_000) },
    })

    const ownerSession = await signedIn(owner!.user.email)
    const page = await (await ownerSession.get(settings)).text()
    expect(page).toContain('Équipe')
    expect(page).toContain(`Confirmer le retrait de ${admin!.user.name}`)

    const removed = await ownerSession.post(settings, { intent: 'remove-member', membershipId: admin!.membership.id })
    expect(removed.status).toBe(302)
    expect(removed.headers.get('Location')).toBe(settings)
    expect(await roleOf(admin!.user.id, organisation.id)).toBeNull()

    // The removed person's open pages and tokens no longer act for the organisation.
    expect((await adminSession.get(settings)).status).toBe(404)
    expect((await adminSession.get(`/orgs/${organisation.slug}/leave`)).status).toBe(404)
    expect((await bearer(token, '/api/v1/needs')).status).toBe(401)
    expect(await prisma.apiToken.findFirstOrThrow({ where: { createdById: admin!.user.id } })).toMatchObject({ revokedAt: expect.any(Date) })
    // The organisation's other tokens still work.
    expect((await bearer(ownerToken, '/api/v1/needs')).status).toBe(200)
    expect(await prisma.invitation.findFirstOrThrow({ where: { invitedById: admin!.user.id } })).toMatchObject({ revokedAt: expect.any(Date) })

    const audit = await prisma.auditLog.findMany({ where: { actorId: owner!.user.id, action: { in: ['organisation.member-remove', 'api-token.revoke'] } } })
    expect(audit.map((row) => row.action).sort()).toEqual(['api-token.revoke', 'organisation.member-remove'])
    expect(audit.find((row) => row.action === 'organisation.member-remove')).toMatchObject({
      targetId: admin!.membership.id,
      before: { userId: admin!.user.id, role: 'ADMIN' },
      after: { revokedTokens: 1, cancelledInvitations: 1 },
    })
    expect(await (await adminSession.get('/notifications')).text()).toContain(`Vous ne faites plus partie de ${organisation.name}`)
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind: 'member-removed', toAddress: admin!.user.email } })
    expect(email.subject).toBe(`${organisation.name} : vous ne faites plus partie de l’équipe`)
    expect(email.textBody).toContain('jetons d’API que vous aviez créés pour elle sont révoqués')
  })

  test('administrators remove members but not other administrators nor owners; plain members and outsiders get 404; nothing changes on a refusal', async () => {
    const { organisation, members, settings } = await team(['OWNER', 'ADMIN', 'ADMIN', 'MEMBER', 'MEMBER'])
    const [owner, admin, otherAdmin, member, otherMember] = members
    const adminSession = await signedIn(admin!.user.email)

    for (const target of [owner!, otherAdmin!]) {
      const refused = await adminSession.post(settings, { intent: 'remove-member', membershipId: target.membership.id })
      expect(refused.status).toBe(403)
      expect(await refused.text()).toContain('Seuls les propriétaires peuvent retirer')
    }
    const promote = await adminSession.post(settings, { intent: 'change-role', membershipId: member!.membership.id, role: 'OWNER' })
    expect(promote.status).toBe(403)
    const demote = await adminSession.post(settings, { intent: 'change-role', membershipId: otherAdmin!.membership.id, role: 'MEMBER' })
    expect(demote.status).toBe(403)
    const transfer = await adminSession.post(settings, { intent: 'transfer-ownership', membershipId: member!.membership.id })
    expect(transfer.status).toBe(403)

    const memberSession = await signedIn(member!.user.email)
    const byMember = await memberSession.post(settings, { intent: 'remove-member', membershipId: otherMember!.membership.id })
    expect(byMember.status).toBe(404)
    const outsider = await signedIn((await createUser()).email)
    expect((await outsider.post(settings, { intent: 'remove-member', membershipId: member!.membership.id })).status).toBe(404)
    expect((await outsider.get(`/orgs/${organisation.slug}/leave`)).status).toBe(404)

    // A membership of another organisation is not found here.
    const elsewhere = await team(['OWNER', 'MEMBER'])
    const foreign = await adminSession.post(settings, { intent: 'remove-member', membershipId: elsewhere.members[1]!.membership.id })
    expect(foreign.status).toBe(404)
    expect(await roleOf(elsewhere.members[1]!.user.id, elsewhere.organisation.id)).toBe('MEMBER')
    // Malformed forms: a message, 400.
    const malformed = await adminSession.post(settings, { intent: 'change-role', membershipId: member!.membership.id, role: 'KING' })
    expect(malformed.status).toBe(400)
    expect(await malformed.text()).toContain('Choix invalide')

    expect(await prisma.membership.count({ where: { organisationId: organisation.id } })).toBe(5)
    expect(await prisma.auditLog.count({ where: { actorOrgId: organisation.id, action: { startsWith: 'organisation.' } } })).toBe(0)

    const allowed = await adminSession.post(settings, { intent: 'remove-member', membershipId: member!.membership.id })
    expect(allowed.status).toBe(302)
    expect(await roleOf(member!.user.id, organisation.id)).toBeNull()
  })
})

describe('roles and ownership', () => {
  test('an administrator promotes a member; the member is told in the app and by e-mail in their language', async () => {
    const { organisation, members, settings } = await team(['OWNER', 'ADMIN', 'MEMBER'])
    const [, admin, member] = members
    await prisma.user.update({ where: { id: member!.user.id }, data: { locale: 'en' } })
    const answer = await (await signedIn(admin!.user.email)).post(settings, { intent: 'change-role', membershipId: member!.membership.id, role: 'ADMIN' })
    expect(answer.status).toBe(302)
    expect(await roleOf(member!.user.id, organisation.id)).toBe('ADMIN')
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: 'organisation.member-role', targetId: member!.membership.id } })).toMatchObject({
      actorId: admin!.user.id,
      before: { role: 'MEMBER' },
      after: { role: 'ADMIN' },
    })
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind: 'member-role-changed', toAddress: member!.user.email } })
    expect(email.subject).toBe(`Your role in ${organisation.name} changed`)
    expect(email.textBody).toContain('you are now “Administrator”')
    expect(await (await signedIn(member!.user.email)).get(settings).then((page) => page.status)).toBe(200)
  })

  test('the owner transfers ownership and stays on as an administrator', async () => {
    const { organisation, members, settings } = await team(['OWNER', 'MEMBER'])
    const [owner, member] = members
    const answer = await (await signedIn(owner!.user.email)).post(settings, { intent: 'transfer-ownership', membershipId: member!.membership.id })
    expect(answer.status).toBe(302)
    expect(await roleOf(member!.user.id, organisation.id)).toBe('OWNER')
    expect(await roleOf(owner!.user.id, organisation.id)).toBe('ADMIN')
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: 'organisation.ownership-transfer', targetId: organisation.id } })).toMatchObject({
      actorId: owner!.user.id,
      after: { owner: member!.user.id },
    })
    expect(await prisma.notification.findFirstOrThrow({ where: { userId: member!.user.id } })).toMatchObject({ kind: 'members:ownership-received' })
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind: 'member-ownership-received' } })
    expect(email.subject).toBe(`Vous êtes propriétaire de ${organisation.name}`)
  })

  test('the last owner cannot be removed, demoted or leave, with a clear message; nothing changes', async () => {
    const { organisation, members, settings } = await team(['OWNER', 'ADMIN'])
    const [owner] = members
    const session = await signedIn(owner!.user.email)
    expect(await (await session.get(settings)).text()).toContain('Vous êtes le seul propriétaire : pour quitter l’organisation')
    const forms: Array<Record<string, string>> = [
      { intent: 'change-role', membershipId: owner!.membership.id, role: 'ADMIN' },
      { intent: 'remove-member', membershipId: owner!.membership.id },
    ]
    for (const form of forms) {
      const refused = await session.post(settings, form)
      expect(refused.status).toBe(409)
      expect(await refused.text()).toContain('L’organisation doit garder au moins un propriétaire')
    }
    const leavePage = await (await session.get(`/orgs/${organisation.slug}/leave`)).text()
    expect(leavePage).toContain('L’organisation doit garder au moins un propriétaire')
    expect(leavePage).not.toContain('Quitter définitivement')
    const leave = await session.post(`/orgs/${organisation.slug}/leave`, { intent: 'leave' })
    expect(leave.status).toBe(409)
    expect(await roleOf(owner!.user.id, organisation.id)).toBe('OWNER')
  })

  test('two owners demoting each other at the same moment leave one owner', async () => {
    for (let round = 0; round < 4; round++) {
      const { organisation, members, settings } = await team(['OWNER', 'OWNER'])
      const [a, b] = members
      const [sessionA, sessionB] = await Promise.all([signedIn(a!.user.email), signedIn(b!.user.email)])
      const answers = await Promise.all([
        sessionA.post(settings, { intent: 'change-role', membershipId: b!.membership.id, role: 'MEMBER' }),
        sessionB.post(settings, { intent: 'change-role', membershipId: a!.membership.id, role: 'MEMBER' }),
      ])
      expect(answers.map((answer) => answer.status).sort()).toEqual([302, 403])
      expect(await prisma.membership.count({ where: { organisationId: organisation.id, role: 'OWNER' } })).toBe(1)
    }
  })

  test('two owners leaving at the same moment leave one owner', async () => {
    const { organisation, members } = await team(['OWNER', 'OWNER'])
    const sessions = await Promise.all(members.map((member) => signedIn(member.user.email)))
    const answers = await Promise.all(sessions.map((session) => session.post(`/orgs/${organisation.slug}/leave`, { intent: 'leave' })))
    expect(answers.map((answer) => answer.status).sort()).toEqual([302, 409])
    expect(await prisma.membership.count({ where: { organisationId: organisation.id, role: 'OWNER' } })).toBe(1)
  })
})

describe('invitations and leaving', () => {
  test('a cancelled invitation stops working: its link says so and cannot be accepted; the address is told', async () => {
    const { organisation, members, settings } = await team(['OWNER', 'ADMIN'])
    const [, admin] = members
    const invited = await createUser({ emailVerifiedAt: new Date() })
    const token = randomBytes(32).toString('base64url')
    const invitation = await prisma.invitation.create({
      data: {
        organisationId: organisation.id,
        email: invited.email,
        role: 'MEMBER',
        tokenHash: createHash('sha256').update(token).digest('hex'),
        invitedById: members[0]!.user.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    })
    const adminSession = await signedIn(admin!.user.email)
    expect(await (await adminSession.get(settings)).text()).toContain(`Annuler l’invitation de ${invited.email}`)

    const cancelled = await adminSession.post(settings, { intent: 'cancel-invitation', invitationId: invitation.id })
    expect(cancelled.status).toBe(302)
    expect(await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ revokedAt: expect.any(Date), acceptedAt: null })
    const after = await (await adminSession.get(settings)).text()
    expect(after).toContain(`L’invitation de ${invited.email} est annulée.`)
    expect(after).not.toContain(`Annuler l’invitation de ${invited.email}`)
    expect(await (await adminSession.get(`/orgs/${organisation.slug}`)).text()).not.toContain(invited.email)
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: 'organisation.invitation-cancel', targetId: invitation.id } })).toMatchObject({ actorId: admin!.user.id })
    expect(await prisma.emailMessage.findFirstOrThrow({ where: { kind: 'invitation-cancelled', toAddress: invited.email } })).toMatchObject({
      subject: `Invitation à ${organisation.name} annulée`,
    })

    const invitedSession = await signedIn(invited.email)
    expect(await (await invitedSession.get(`/invitations/${token}`)).text()).toContain('Cette invitation a été annulée par l’organisation')
    const accept = await invitedSession.post(`/invitations/${token}`, {})
    expect(accept.status).toBe(409)
    expect(await roleOf(invited.id, organisation.id)).toBeNull()

    // Cancelling again changes nothing; a plain member cannot cancel.
    expect((await adminSession.post(settings, { intent: 'cancel-invitation', invitationId: invitation.id })).status).toBe(302)
    expect(await prisma.auditLog.count({ where: { action: 'organisation.invitation-cancel', targetId: invitation.id } })).toBe(1)
  })

  test('a member leaves: their tokens are revoked, the owners are told, the organisation is closed to them', async () => {
    const { organisation, members } = await team(['OWNER', 'ADMIN'])
    const [owner, admin] = members
    const { token } = await createApiToken(await actorFor(admin!.user.id), organisation.id, { name: 'Tableau de bord' })
    const session = await signedIn(admin!.user.email)
    const page = await (await session.get(`/orgs/${organisation.slug}/leave`)).text()
    expect(page).toContain(`Quitter définitivement ${organisation.name}`)
    expect(page).toContain('1 jeton d’API actif')

    const left = await session.post(`/orgs/${organisation.slug}/leave`, { intent: 'leave' })
    expect(left.status).toBe(302)
    expect(left.headers.get('Location')).toBe('/')
    expect(await roleOf(admin!.user.id, organisation.id)).toBeNull()
    expect((await bearer(token, '/api/v1/needs')).status).toBe(401)
    expect((await session.get(`/orgs/${organisation.slug}/settings`)).status).toBe(404)
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: 'organisation.member-leave', actorId: admin!.user.id } })).toMatchObject({ actorOrgId: organisation.id, after: { revokedTokens: 1 } })
    expect(await (await (await signedIn(owner!.user.email)).get('/notifications')).text()).toContain(`${admin!.user.name} a quitté ${organisation.name}`)

    const again = await session.post(`/orgs/${organisation.slug}/leave`, { intent: 'leave' })
    expect(again.status).toBe(404)
  })
})
