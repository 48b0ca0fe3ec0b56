import { describe, expect, test } from 'vitest'
import { dueAmong } from '#app/modules/digests/due.server'
import { listLateApplications } from '#app/modules/reminders/service.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn } from '#tests/helpers/app'

/** The hub settings (/staff/hub): its administrators' form, and what each setting changes. */
const SETTINGS = { intent: 'settings', charterResponseDays: '15', digestFrequencyDefault: 'DAILY', digestHourDefault: '8' }
const NDA_V1 = 'Version un de l’accord du hub.\n\nLes informations de ce besoin restent confidentielles pendant trois ans, pour vous et votre entreprise.'
const NDA_V2 = 'Version deux de l’accord du hub.\n\nLes informations de ce besoin restent confidentielles pendant cinq ans, sous-traitants compris.'

describe('hub settings', () => {
  test('administrators only; the form says what is wrong next to the field; a change is audited with before and after', async () => {
    const hub = await createHub()
    const other = await createHub()
    const admin = await createStaff(hub.id, 'ADMIN')
    const mod = await createStaff(hub.id, 'MODERATOR')
    const partner = await createMember(hub.id, 'PARTNER')
    const asAdmin = await signedIn(admin.email)
    const page = await asAdmin.get('/staff/hub')
    expect(page.status).toBe(200)
    // Dues: the page says what the setting does and where the rest of it lives (decision 0032).
    expect(await page.text()).toContain('onglet Cotisations')
    expect((await asAdmin.get(`/staff/hub?hub=${other.id}`)).status).toBe(404)
    expect((await (await signedIn(mod.email)).get('/staff/hub')).status).toBe(403)
    expect((await (await signedIn(mod.email)).post('/staff/hub', { ...SETTINGS, hubId: hub.id, charterResponseDays: '20' })).status).toBe(403)
    expect((await (await signedIn(partner.user.email)).get('/staff/hub')).status).toBe(403)

    const invalid = await asAdmin.post('/staff/hub', { ...SETTINGS, hubId: hub.id, charterResponseDays: '91', digestHourDefault: '24' })
    expect(invalid.status).toBe(400)
    const html = await invalid.text()
    expect(html).toContain('Indiquez un nombre entier de jours entre 1 et 90.')
    expect(html).toContain('Indiquez une heure entière entre 0 et 23.')
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).charterResponseDays).toBe(15)

    const saved = await asAdmin.post('/staff/hub', { ...SETTINGS, hubId: hub.id, charterResponseDays: '10', requiresDues: 'on', shareAnalytics: 'on', showCharterCompliance: 'on' })
    expect(saved.status).toBe(302)
    expect(await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).toMatchObject({ charterResponseDays: 10, requiresDues: true, shareAnalytics: true, showCharterCompliance: true })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { hubId: hub.id, action: 'hub.settings' } })
    expect(audit).toMatchObject({
      actorId: admin.id,
      before: { charterResponseDays: 15, requiresDues: false, shareAnalytics: false, showCharterCompliance: false },
      after: { charterResponseDays: 10, requiresDues: true, shareAnalytics: true, showCharterCompliance: true },
    })
    // The audit viewer says it in words.
    expect(await (await asAdmin.get('/staff/audit?action=hub.')).text()).toContain('Réglages du hub modifiés')
  })

  test('late answers use the hub’s charter delay when the partner set none', async () => {
    const hub = await createHub()
    const admin = await createStaff(hub.id, 'ADMIN')
    const partner = await createMember(hub.id, 'PARTNER')
    const firm = await createMember(hub.id, 'FIRM')
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    const now = new Date()
    await prisma.application.create({
      data: { needId: need.id, firmId: firm.organisation.id, createdById: firm.user.id, status: 'SUBMITTED', approach: 'Une approche détaillée.', submittedAt: new Date(now.getTime() - 12 * 86_400_000) },
    })
    const actor = await actorFor(admin.id)
    expect(await listLateApplications(actor, now)).toHaveLength(0)
    expect((await (await signedIn(admin.email)).post('/staff/hub', { ...SETTINGS, hubId: hub.id, charterResponseDays: '10' })).status).toBe(302)
    expect(await listLateApplications(actor, now)).toHaveLength(1)
  })

  test('digest defaults reach the members who never chose; a choice is kept', async () => {
    const hub = await createHub()
    const admin = await createStaff(hub.id, 'ADMIN')
    const untouched = await createMember(hub.id, 'FIRM')
    const chooser = await createMember(hub.id, 'FIRM')
    const noRow = await createMember(hub.id, 'FIRM')
    await prisma.notificationPreference.delete({ where: { userId: noRow.user.id } })
    expect((await (await signedIn(admin.email)).post('/staff/hub', { ...SETTINGS, hubId: hub.id, digestFrequencyDefault: 'WEEKLY', digestHourDefault: '18' })).status).toBe(302)
    // The chooser then picks a daily digest at 8:00 (the platform's defaults): still a choice, kept.
    const asChooser = await signedIn(chooser.user.email)
    const prefs = await asChooser.post('/settings/notifications', { digestFrequency: 'DAILY', digestWeekday: '1', digestHour: '8', minScore: '60', timeZone: 'Europe/Paris', locale: 'fr' })
    expect(prefs.status).toBe(302)
    expect((await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: chooser.user.id } })).digestChosenAt).not.toBeNull()
    const ids = [untouched.user.id, chooser.user.id, noRow.user.id]
    // Monday 7 December 2026, 18:00 in Paris (17:00 UTC): the hub's weekly hour.
    const mondayEvening = new Date('2026-12-07T17:00:00Z')
    const dueMonday = await dueAmong(mondayEvening, ids)
    expect(dueMonday.map((row) => row.userId).sort()).toEqual([untouched.user.id, noRow.user.id].sort())
    expect(dueMonday.every((row) => row.frequency === 'WEEKLY')).toBe(true)
    // The chooser keeps a daily digest at 8:00.
    const tuesdayMorning = new Date('2026-12-08T07:00:00Z')
    expect((await dueAmong(tuesdayMorning, ids)).map((row) => [row.userId, row.frequency])).toEqual([[chooser.user.id, 'DAILY']])
    // The preference centre shows the hub's defaults to who never chose.
    const page = await (await signedIn(untouched.user.email)).get('/settings/notifications')
    expect(await page.text()).toMatch(/value="WEEKLY"[^>]*selected|selected[^>]*value="WEEKLY"/)
  })

  test('NDA versions: the newest applies; an acceptance keeps its version; a stale form is refused', async () => {
    const hub = await createHub()
    const admin = await createStaff(hub.id, 'ADMIN')
    const partner = await createMember(hub.id, 'PARTNER')
    const firmA = await createMember(hub.id, 'FIRM')
    const firmB = await createMember(hub.id, 'FIRM')
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), visibility: 'INVITE_ONLY', description: 'Détails confidentiels de la ligne 7.' })
    for (const firm of [firmA, firmB]) {
      await prisma.match.create({ data: { needId: need.id, firmId: firm.organisation.id, score: 80, breakdown: {}, algorithmVersion: 'test', status: 'INVITED', invitedAt: new Date() } })
    }
    const asAdmin = await signedIn(admin.email)
    expect((await asAdmin.post('/staff/hub', { intent: 'nda', hubId: hub.id, text: 'Trop court.' })).status).toBe(400)
    expect((await asAdmin.post('/staff/hub', { intent: 'nda', hubId: hub.id, text: NDA_V1 })).status).toBe(302)

    const asA = await signedIn(firmA.user.email)
    const teaser = await (await asA.get(`/needs/${need.id}`)).text()
    expect(teaser).toContain('Version un de l’accord du hub.')
    expect(teaser).toContain('value="hub-v1"')
    expect((await asA.post(`/needs/${need.id}`, { intent: 'acceptNda', textVersion: 'hub-v1', agree: 'on' })).status).toBe(302)
    const v1 = await prisma.hubNdaText.findUniqueOrThrow({ where: { hubId_version: { hubId: hub.id, version: 1 } } })
    expect(await prisma.ndaAcceptance.findFirstOrThrow({ where: { needId: need.id, userId: firmA.user.id } })).toMatchObject({ textVersion: 'hub-v1', ndaTextId: v1.id })

    // Version 2: the same text again is refused; a new one is published, the first kept as it was.
    expect((await asAdmin.post('/staff/hub', { intent: 'nda', hubId: hub.id, text: NDA_V1 })).status).toBe(422)
    expect((await asAdmin.post('/staff/hub', { intent: 'nda', hubId: hub.id, text: NDA_V2 })).status).toBe(302)
    expect((await prisma.hubNdaText.findUniqueOrThrow({ where: { id: v1.id } })).text).toBe(NDA_V1)
    // Firm A keeps its acceptance of version 1: the need stays open to it.
    expect(await (await asA.get(`/needs/${need.id}`)).text()).toContain('Détails confidentiels de la ligne 7.')

    // Firm B's form still showed version 1: refused, then accepted with version 2.
    const asB = await signedIn(firmB.user.email)
    const stale = await asB.post(`/needs/${need.id}`, { intent: 'acceptNda', textVersion: 'hub-v1', agree: 'on' })
    expect(stale.status).toBe(409)
    expect(await (await asB.get(`/needs/${need.id}`)).text()).toContain('Version deux de l’accord du hub.')
    expect((await asB.post(`/needs/${need.id}`, { intent: 'acceptNda', textVersion: 'hub-v2', agree: 'on' })).status).toBe(302)
    expect(await prisma.ndaAcceptance.findFirstOrThrow({ where: { needId: need.id, userId: firmB.user.id } })).toMatchObject({ textVersion: 'hub-v2' })

    const hubPage = await (await asAdmin.get('/staff/hub')).text()
    expect(hubPage).toContain('Version en vigueur\u202f: 2')
    expect(hubPage.match(/1 acceptation</g)).toHaveLength(2)
    expect(await prisma.auditLog.count({ where: { hubId: hub.id, action: 'hub.nda-publish' } })).toBe(2)
  })

  test('a hub without a text of its own keeps the platform’s NDA', async () => {
    const hub = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    const firm = await createMember(hub.id, 'FIRM')
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), visibility: 'INVITE_ONLY' })
    await prisma.match.create({ data: { needId: need.id, firmId: firm.organisation.id, score: 80, breakdown: {}, algorithmVersion: 'test', status: 'INVITED', invitedAt: new Date() } })
    const asFirm = await signedIn(firm.user.email)
    expect(await (await asFirm.get(`/needs/${need.id}`)).text()).toContain('value="nda-2026-1"')
    expect((await asFirm.post(`/needs/${need.id}`, { intent: 'acceptNda', textVersion: 'nda-2026-1', agree: 'on' })).status).toBe(302)
    expect(await prisma.ndaAcceptance.findFirstOrThrow({ where: { needId: need.id } })).toMatchObject({ textVersion: 'nda-2026-1', ndaTextId: null })
  })
})
