import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { writeAudit } from '#app/modules/audit/audit.server'
import { formatDate } from '#app/i18n/format'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff, createUser } from '#tests/factories'
import { signedIn } from '#tests/helpers/app'

/** The audit log viewer (/staff/audit): what staff read of their hubs' log, filtered, paged and exported. */
async function world() {
  const hub = await createHub()
  const other = await createHub()
  const mod = await createStaff(hub.id, 'MODERATOR')
  const mod2 = await createStaff(other.id, 'MODERATOR')
  const partner = await createMember(hub.id, 'PARTNER')
  const firm = await createMember(hub.id, 'FIRM')
  const stranger = await createUser()
  const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED' })
  const log = (entry: Parameters<typeof writeAudit>[1]) => writeAudit(prisma, entry)
  await log({ actorId: mod.id, hubId: hub.id, action: 'need.publish', target: { type: 'Need', id: need.id }, before: { status: 'SUBMITTED' }, after: { status: 'PUBLISHED' }, requestId: 'req-publish-1' })
  await log({ actorId: mod.id, hubId: hub.id, action: 'organisation.suspend', target: { type: 'Organisation', id: firm.organisation.id }, before: { status: 'VERIFIED' }, after: { status: 'SUSPENDED', reason: 'Attestation Urssaf expirée' } })
  await log({ actorId: null, hubId: hub.id, action: 'reminders.custom-thing', target: { type: 'Need', id: need.id }, after: { note: 'rappel' } })
  await log({ actorId: mod2.id, hubId: other.id, action: 'need.publish', target: { type: 'Need', id: 'need-of-hub-two' }, after: { status: 'PUBLISHED' }, requestId: 'req-hub-two' })
  // Without a hub: the moderator's own account (read by their hub's staff), a stranger's (by nobody).
  await log({ actorId: mod.id, action: 'user.profile-update', target: { type: 'User', id: mod.id }, before: { name: 'Ancien nom' }, after: { name: 'Nouveau nom' } })
  await log({ actorId: stranger.id, action: 'user.profile-update', target: { type: 'User', id: stranger.id }, requestId: 'req-stranger' })
  return { hub, other, mod, mod2, partner, firm, stranger, need }
}

describe('the audit log viewer', () => {
  test('staff read their hubs’ rows in words: who, when, what, from → to, why, request', async () => {
    const w = await world()
    const visitor = await signedIn(w.mod.email)
    const response = await visitor.get('/staff/audit')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Besoin publié')
    expect(html).toContain('En modération → Publié')
    expect(html).toContain('Vérifiée → Suspendue')
    expect(html).toContain('Attestation Urssaf expirée')
    expect(html).toContain('req-publish-1')
    expect(html).toContain(w.mod.email)
    expect(html).toContain(`/needs/${w.need.id}`)
    // A row by the platform itself, and an action without words: shown as it is.
    expect(html).toContain('Système')
    expect(html).toContain('reminders.custom-thing')
    // The moderator's own account change (no hub): their hub's staff read it; a stranger's, nobody.
    expect(html).toContain('Nouveau nom')
    expect(html).not.toContain('req-stranger')
    // Another hub's rows stay there.
    expect(html).not.toContain('req-hub-two')
    expect(await (await signedIn(w.mod2.email)).get('/staff/audit').then((r) => r.text())).toContain('req-hub-two')
  })

  test('filters: organisation, actor by e-mail, record, action prefix; a malformed record is said next to its field', async () => {
    const w = await world()
    const visitor = await signedIn(w.mod.email)
    const byOrg = await (await visitor.get(`/staff/audit?organisation=${w.partner.organisation.id}`)).text()
    expect(byOrg).toContain('req-publish-1')
    expect(byOrg).not.toContain('Attestation Urssaf expirée')
    const byFirm = await (await visitor.get(`/staff/audit?organisation=${w.firm.organisation.id}`)).text()
    expect(byFirm).toContain('Attestation Urssaf expirée')
    expect(byFirm).not.toContain('req-publish-1')
    const byActor = await (await visitor.get(`/staff/audit?actor=${encodeURIComponent(w.mod.email.toUpperCase())}&action=organisation.`)).text()
    expect(byActor).toContain('Attestation Urssaf expirée')
    expect(byActor).not.toContain('req-publish-1')
    const byRecord = await (await visitor.get(`/staff/audit?record=Need:${w.need.id}&action=need.publish`)).text()
    expect(byRecord).toContain('req-publish-1')
    expect(byRecord).not.toContain('reminders.custom-thing')
    const malformed = await visitor.get('/staff/audit?record=pas-un-dossier')
    expect(malformed.status).toBe(200)
    const text = await malformed.text()
    expect(text).toContain('Écrivez le dossier sous la forme Type:identifiant')
    expect(text).not.toContain('req-publish-1')
    // A period without the rows.
    expect(await (await visitor.get('/staff/audit?from=2020-01-01&to=2020-01-31')).text()).toContain('Aucune entrée pour ces filtres')
  })

  test('pages of 50, newest first, by id', async () => {
    const w = await world()
    for (let index = 0; index < 55; index += 1) {
      await writeAudit(prisma, { actorId: w.mod.id, hubId: w.hub.id, action: 'need.update', target: { type: 'Need', id: w.need.id }, requestId: `req-page-${String(index).padStart(2, '0')}` })
    }
    const visitor = await signedIn(w.mod.email)
    const first = await (await visitor.get('/staff/audit?action=need.update')).text()
    expect(first).toContain('req-page-54')
    expect(first).toContain('req-page-05')
    expect(first).not.toContain('req-page-04')
    const next = /href="([^"]*before=\d+[^"]*)"/.exec(first)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toBeDefined()
    const second = await (await visitor.get(`/staff/audit${next!.startsWith('?') ? next : next!.slice(next!.indexOf('?'))}`)).text()
    expect(second).toContain('req-page-04')
    expect(second).toContain('req-page-00')
    expect(second).not.toContain('req-page-05')
  })

  test('the CSV holds the filter’s rows, parses back, and is itself in the log', async () => {
    const w = await world()
    const visitor = await signedIn(w.mod.email)
    const response = await visitor.get('/staff/audit?action=need.&format=csv&separator=semicolon')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toContain('text/csv')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const records = parse(Buffer.from(bytes), { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>
    expect(records.map((record) => record['Code de l’action'])).toEqual(['need.publish'])
    expect(records[0]).toMatchObject({ Action: 'Besoin publié', De: 'En modération', À: 'Publié', Requête: 'req-publish-1', 'E-mail de l’auteur': w.mod.email })
    const exported = await prisma.auditLog.findFirstOrThrow({ where: { action: 'export.csv', actorId: w.mod.id } })
    expect(exported.after).toMatchObject({ path: '/staff/audit', rows: 1, filters: { action: 'need.' } })
    expect(await (await visitor.get('/staff/audit?action=export.csv')).text()).toContain('Export CSV')
  })

  test('dues rows read in words: the membership’s status (not the organisation’s), the waiver, the refund, the hub’s dues settings', async () => {
    const w = await world()
    const admin = await createStaff(w.hub.id, 'ADMIN')
    const org = w.firm.organisation
    const log = (entry: Parameters<typeof writeAudit>[1]) => writeAudit(prisma, entry)
    // What billing/mirror.server.ts writes when Stripe's state changes and when a charge is refunded.
    await log({ actorId: null, action: 'billing.status-changed', hubId: w.hub.id, target: { type: 'Organisation', id: org.id }, before: { status: 'NONE', pastDueSince: null }, after: { status: 'ACTIVE', pastDueSince: null, stripeStatus: 'active', stripeSubscriptionId: 'sub_1' }, requestId: 'req-dues-active' })
    await log({ actorId: null, action: 'billing.status-changed', hubId: w.hub.id, target: { type: 'Organisation', id: org.id }, before: { status: 'ACTIVE', pastDueSince: null }, after: { status: 'PAST_DUE', pastDueSince: new Date().toISOString(), stripeStatus: 'past_due', stripeSubscriptionId: 'sub_1' }, requestId: 'req-dues-late' })
    await log({ actorId: null, action: 'billing.refunded', hubId: w.hub.id, target: { type: 'Organisation', id: org.id }, before: { invoiceId: 'in_1', amountRefundedCents: 0 }, after: { invoiceId: 'in_1', amountRefundedCents: 4500 }, requestId: 'req-dues-refund' })
    // A waiver given with a last day, then lifted; the hub's dues settings changed: through the pages.
    const asAdmin = await signedIn(admin.email)
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)
    const waiverPath = `/staff/dues/organisations/${org.id}`
    expect((await asAdmin.post(waiverPath, { intent: 'waive', reason: 'Jeune pousse, première année offerte', until })).status).toBe(302)
    expect((await asAdmin.post(waiverPath, { intent: 'unwaive' })).status).toBe(302)
    expect((await asAdmin.post('/staff/dues', { intent: 'settings', hubId: w.hub.id, requiresDues: 'on', duesGraceDays: '30', duesReminderDays: '7' })).status).toBe(302)

    const visitor = await signedIn(w.mod.email)
    const csv = async (query: string) => {
      const response = await visitor.get(`/staff/audit?${query}&format=csv&separator=semicolon`)
      expect(response.status).toBe(200)
      return parse(Buffer.from(new Uint8Array(await response.arrayBuffer())), { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>
    }
    const rows = await csv(`organisation=${org.id}&action=billing.`)
    const byRequest = (id: string) => rows.find((row) => row.Requête === id)
    expect(byRequest('req-dues-active')).toMatchObject({ Action: 'Statut de la cotisation changé (Stripe)', De: 'Aucune adhésion', À: 'Active' })
    expect(byRequest('req-dues-late')).toMatchObject({ De: 'Active', À: 'Paiement en retard' })
    expect(byRequest('req-dues-refund')).toMatchObject({ Action: 'Paiement de la cotisation remboursé', De: 'montant remboursé (centimes)\u202f: 0', À: '4500' })

    const waivers = await csv(`organisation=${org.id}&action=dues.`)
    const waived = waivers.find((row) => row['Code de l’action'] === 'dues.waive')!
    const lastDay = formatDate(until, 'fr', { timeZone: 'UTC' })
    expect(waived).toMatchObject({ Action: 'Cotisation exonérée par l’association', De: 'exonération\u202f: aucune', À: lastDay, Pourquoi: 'Jeune pousse, première année offerte' })
    expect(waivers.find((row) => row['Code de l’action'] === 'dues.unwaive')).toMatchObject({ Action: 'Exonération de cotisation levée', De: `exonération\u202f: ${lastDay}`, À: 'aucune' })

    const [settings] = await csv('action=dues.settings')
    expect(settings).toMatchObject({ Action: 'Réglages des cotisations du hub modifiés', À: 'cotisation requise\u202f: non → oui ; délai de grâce (jours)\u202f: 15 → 30 ; rappel avant renouvellement (jours)\u202f: 14 → 7' })

    // The page says the same (the action's code under its words), no status code, no organisation status read into a dues row.
    const html = await (await visitor.get(`/staff/audit?organisation=${org.id}`)).text()
    expect(html).toContain('Aucune adhésion → Active')
    expect(html).toContain('Active → Paiement en retard')
    expect(html).toContain(`exonération\u202f: aucune → ${lastDay}`)
    for (const raw of ['NONE →', '→ ACTIVE', '→ PAST_DUE', 'amountRefundedCents']) expect(html).not.toContain(raw)
  })

  test('members of organisations are refused', async () => {
    const w = await world()
    expect((await (await signedIn(w.partner.user.email)).get('/staff/audit')).status).toBe(403)
    expect((await (await signedIn(w.stranger.email)).get('/staff/audit?format=csv')).status).toBe(403)
  })
})
