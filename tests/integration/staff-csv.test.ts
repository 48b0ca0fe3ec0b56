import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createWorker, enqueueJob, getQueue } from '#app/modules/jobs/queue.server'
import { listOutboxForActor } from '#app/modules/notifications/outbox.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createOrganisation, createStaff } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn, type Visitor } from '#tests/helpers/app'
import { waitFor } from '#tests/helpers/wait'

/**
 * Issue 13: the older staff pages export their table at their own URL (`?format=csv`, decision
 * 0019) — the outbox (every page of it, never a body or a link), the late answers, the
 * moderation queue, the hub's team and the failed jobs. Each file parses back: byte-order mark,
 * the translated header row, the rows the page lists and nothing of another hub.
 */
const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)
const SECRET_LINK = 'https://sillon.test/jeton-confidentiel-0123456789'

async function download(visitor: Visitor, path: string, delimiter: ',' | ';' = ',') {
  const response = await visitor.get(path)
  expect(response.status, path).toBe(200)
  expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/)
  expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="[a-z0-9-]+\.csv"$/)
  // `text()` drops a byte-order mark: the bytes tell whether the file has one.
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect([...bytes.slice(0, 3)], `${path}: byte-order mark`).toEqual([0xef, 0xbb, 0xbf])
  const text = new TextDecoder('utf-8').decode(bytes)
  const [header, ...rows] = parse(text, { delimiter }) as string[][]
  return { text, header: header!, rows, objects: parse(text, { delimiter, columns: true }) as Array<Record<string, string>> }
}

let hubH: string
let admin: Visitor
let moderator: Visitor
let moderator2: Visitor
let moderatorId: string
let adminUser: { id: string; email: string; name: string }
let moderatorUser: { id: string; email: string; name: string }

beforeAll(async () => {
  const h = await createHub({ shortName: 'Hub Export' })
  const h2 = await createHub({ shortName: 'Hub Export Deux' })
  hubH = h.id
  adminUser = await createStaff(h.id, 'ADMIN')
  moderatorUser = await createStaff(h.id, 'MODERATOR')
  moderatorId = moderatorUser.id
  const mod2 = await createStaff(h2.id, 'MODERATOR')
  admin = await signedIn(adminUser.email)
  moderator = await signedIn(moderatorUser.email)
  moderator2 = await signedIn(mod2.email)

  // Outbox: more than one page (50) of hub H's e-mails, one carrying a secret link in its body; one of H2.
  await prisma.emailMessage.createMany({
    data: Array.from({ length: 57 }, (_, index) => ({
      hubId: h.id,
      toAddress: `destinataire-${index}@export.test`,
      subject: `Synthèse hebdomadaire n° ${index}`,
      textBody: `Corps du message ${index} : ${SECRET_LINK}`,
      htmlBody: `<p>Corps du message ${index} : <a href="${SECRET_LINK}">lien</a></p>`,
      kind: 'digest',
      status: index % 2 ? 'SENT' : 'OUTBOX',
      createdAt: new Date(Date.now() - index * 60_000),
    })),
  })
  await prisma.emailMessage.create({
    data: { hubId: h2.id, toAddress: 'autre-hub@export.test', subject: 'Synthèse du hub deux', textBody: 'Corps.', htmlBody: '<p>Corps.</p>', kind: 'digest', status: 'SENT' },
  })

  // Moderation queue and late answers, in both hubs.
  for (const [hubId, label] of [
    [h.id, 'H'],
    [h2.id, 'H2'],
  ] as const) {
    const partner = await createMember(hubId, 'PARTNER', { organisation: { name: `Partenaire export ${label}` } })
    const firm = await createOrganisation(hubId, 'FIRM', { name: `Entreprise export ${label}` })
    await createNeed(partner.organisation.id, hubId, partner.user.id, { status: 'SUBMITTED', title: `=Besoin soumis ${label}`, submittedAt: ago(3) })
    const open = await createNeed(partner.organisation.id, hubId, partner.user.id, { status: 'PUBLISHED', title: `Besoin ouvert ${label}`, publishedAt: ago(60), submittedAt: ago(61) })
    await prisma.application.create({ data: { needId: open.id, firmId: firm.id, createdById: partner.user.id, status: 'SUBMITTED', submittedAt: ago(40), approach: 'Une approche.' } })
  }
})

describe('CSV exports of the older staff pages', () => {
  test('the outbox: every e-mail of every page, without bodies or links; hub H2’s moderator gets only H2’s', async () => {
    const { header, rows, text } = await download(moderator, '/staff/outbox?format=csv&separator=semicolon', ';')
    expect(header).toEqual(['Date', 'Destinataire', 'Objet', 'Modèle', 'Statut'])
    const { total, pageSize } = await listOutboxForActor(await actorFor(moderatorId))
    expect(total).toBeGreaterThan(pageSize)
    expect(rows).toHaveLength(total)
    expect(rows).toContainEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT/), 'destinataire-56@export.test', 'Synthèse hebdomadaire n° 56', 'digest', 'Boîte d’envoi'])
    expect(text).not.toContain(SECRET_LINK)
    expect(text).not.toContain('Corps du message')
    expect(text).not.toContain('autre-hub@export.test')
    // The page lists the first 50 of the same e-mails, with a link to the export.
    const html = await (await moderator.get('/staff/outbox')).text()
    expect(html).toContain('/staff/outbox?format=csv')

    const other = await download(moderator2, '/staff/outbox?format=csv')
    expect(other.rows.map((row) => row[1])).toEqual(['autre-hub@export.test'])
    expect(other.text).not.toContain('destinataire-')
    expect(await prisma.auditLog.count({ where: { action: 'export.csv', targetId: 'outbox', hubId: hubH } })).toBe(1)
  })

  test('the late answers and the moderation queue: the hub’s rows, a formula-like title kept as text', async () => {
    const late = await download(moderator, '/staff/late?format=csv')
    expect(late.header).toEqual(['Jours de retard', 'Partenaire', 'Besoin', 'Entreprise', 'Statut', 'Candidature envoyée le', 'Réponse attendue le'])
    expect(late.objects).toEqual([
      expect.objectContaining({ Partenaire: 'Partenaire export H', Besoin: 'Besoin ouvert H', Entreprise: 'Entreprise export H', 'Réponse attendue le': expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }),
    ])
    expect(Number(late.objects[0]!['Jours de retard'])).toBeGreaterThan(0)
    expect(late.text).not.toContain('export H2')

    const queue = await download(moderator, '/staff/moderation/needs?format=csv')
    expect(queue.header).toEqual(['Soumis le', 'Besoin', 'Modification d’un besoin publié', 'Type', 'Partenaire', 'Association', 'Visibilité', 'Mise en relation', 'Budget minimum (€)', 'Budget maximum (€)'])
    expect(queue.objects).toEqual([expect.objectContaining({ Besoin: "'=Besoin soumis H", 'Modification d’un besoin publié': 'false', Partenaire: 'Partenaire export H', Association: 'Hub Export' })])
    expect((await download(moderator2, '/staff/moderation/needs?format=csv')).objects.map((row) => row.Besoin)).toEqual(["'=Besoin soumis H2"])
  })

  test('the team: the hub’s staff with their roles, for its administrators only', async () => {
    const team = await download(admin, '/staff/team?format=csv')
    expect(team.header).toEqual(['Association', 'Nom', 'E-mail', 'Rôle', 'Depuis le'])
    expect(team.objects).toEqual([
      expect.objectContaining({ Association: expect.any(String), Nom: adminUser.name, 'E-mail': adminUser.email, Rôle: 'Administrateur·rice' }),
      expect.objectContaining({ Nom: moderatorUser.name, 'E-mail': moderatorUser.email, Rôle: 'Modérateur·rice' }),
    ])
    const refused = await moderator.get('/staff/team?format=csv')
    expect(refused.status).toBe(403)
    expect(refused.headers.get('Content-Type')).toMatch(/^text\/html/)
  })

  describe('failed jobs', () => {
    afterAll(async () => {
      await getQueue('emails').obliterate({ force: true })
    })

    test('the failed jobs the page lists: queue, name, id, error, attempts, dates', async () => {
      const worker = createWorker('emails', async () => {
        throw new Error('=Panne simulée, export CSV')
      })
      await worker.waitUntilReady()
      const { id } = await enqueueJob('emails.send', { emailId: 'email-csv-1' }, { attempts: 1 })
      await waitFor(async () => (await getQueue('emails').getJob(id!))?.failedReason, 'the job to fail')
      await worker.close()

      const jobs = await download(admin, '/staff/jobs?format=csv&separator=semicolon', ';')
      expect(jobs.header).toEqual(['File', 'Tâche', 'Identifiant', 'Erreur', 'Tentatives', 'Créée le', 'Traitée le', 'En échec depuis le'])
      expect(jobs.objects).toContainEqual(
        expect.objectContaining({ File: 'emails', Tâche: 'emails.send', Identifiant: id, Erreur: "'=Panne simulée, export CSV", Tentatives: '1', 'En échec depuis le': expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }),
      )
      expect((await moderator.get('/staff/jobs?format=csv')).status).toBe(403)
    })
  })
})
