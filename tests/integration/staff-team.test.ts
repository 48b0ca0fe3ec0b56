import { describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createStaff, createUser } from '#tests/factories'
import { signedIn } from '#tests/helpers/app'

describe('a hub’s staff accounts', () => {
  test('a hub admin gives and removes roles; moderators and other hubs cannot', async () => {
    const hub = await createHub()
    const otherHub = await createHub()
    const admin = await createStaff(hub.id, 'ADMIN')
    const moderator = await createStaff(hub.id, 'MODERATOR')
    const otherAdmin = await createStaff(otherHub.id, 'ADMIN')
    const newcomer = await createUser()
    const adminVisitor = await signedIn(admin.email)

    expect((await (await signedIn(moderator.email)).get('/staff/team')).status).toBe(403)

    const unknown = await adminVisitor.post('/staff/team', { intent: 'grant', hubId: hub.id, email: 'nobody@example.org', role: 'MODERATOR' })
    expect(unknown.status).toBe(422)
    expect(await unknown.text()).toContain('Aucun compte Sillon avec cette adresse')
    const badRole = await adminVisitor.post('/staff/team', { intent: 'grant', hubId: hub.id, email: newcomer.email, role: 'OWNER' })
    expect(badRole.status).toBe(400)
    const otherHubGrant = await adminVisitor.post('/staff/team', { intent: 'grant', hubId: otherHub.id, email: newcomer.email, role: 'ADMIN' })
    expect(otherHubGrant.status).toBe(404)
    expect(await prisma.staffRole.count({ where: { userId: newcomer.id } })).toBe(0)

    const granted = await adminVisitor.post('/staff/team', { intent: 'grant', hubId: hub.id, email: newcomer.email, role: 'MODERATOR' })
    expect(granted.status).toBe(302)
    const role = await prisma.staffRole.findUniqueOrThrow({ where: { userId_hubId: { userId: newcomer.id, hubId: hub.id } } })
    expect(role.role).toBe('MODERATOR')
    expect((await (await signedIn(newcomer.email)).get('/staff/moderation/needs')).status).toBe(200)

    const foreignRevoke = await (await signedIn(otherAdmin.email)).post('/staff/team', { intent: 'revoke', staffRoleId: role.id })
    expect(foreignRevoke.status).toBe(404)
    const ownRole = await prisma.staffRole.findUniqueOrThrow({ where: { userId_hubId: { userId: admin.id, hubId: hub.id } } })
    const lastAdmin = await adminVisitor.post('/staff/team', { intent: 'revoke', staffRoleId: ownRole.id })
    expect(lastAdmin.status).toBe(409)
    expect(await lastAdmin.text()).toContain('dernier administrateur')

    const revoked = await adminVisitor.post('/staff/team', { intent: 'revoke', staffRoleId: role.id })
    expect(revoked.status).toBe(302)
    expect(await prisma.staffRole.count({ where: { userId: newcomer.id } })).toBe(0)
    const audit = await prisma.auditLog.findMany({ where: { hubId: hub.id, action: { startsWith: 'staff.' } }, select: { action: true } })
    expect(audit.map((row) => row.action)).toEqual(['staff.grant', 'staff.revoke'])
  })
})
