import { beforeAll, describe, expect, test } from 'vitest'
import { loadActors } from '#app/modules/auth/actors.server'
import { buildDigests } from '#app/modules/digests/build.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff, needFormFields } from '#tests/factories'
import { loadBuild, signedIn, Visitor } from '#tests/helpers/app'

/**
 * Working groups (issue 14, decision 0026): staff create them, verified organisations join and
 * leave (a hub-only group refuses another hub's organisation), the group page lists only the needs
 * its reader may open, a need addressed to a group tells the members who may see it (in the app,
 * the digest or an e-mail), and the need form checks its group, cohort and days.
 */
beforeAll(async () => {
  await loadBuild()
  await new Visitor().get('/login')
}, 120_000)

let counter = 0
const uniqueName = (base: string) => `${base} ${Date.now().toString(36)}${counter++}`

async function world() {
  const hub = await createHub()
  const otherHub = await createHub()
  const staff = await createStaff(hub.id)
  const otherStaff = await createStaff(otherHub.id)
  const firm = await createMember(hub.id, 'FIRM')
  const firmElsewhere = await createMember(otherHub.id, 'FIRM')
  const outsider = await createMember(hub.id, 'FIRM')
  const partner = await createMember(hub.id, 'PARTNER')
  return { hub, otherHub, staff, otherStaff, firm, firmElsewhere, outsider, partner }
}

async function createGroupAs(email: string, fields: Record<string, string>) {
  const visitor = await signedIn(email)
  const response = await visitor.post('/groups/new', fields)
  expect(response.status).toBe(302)
  const location = response.headers.get('Location')!
  expect(location).toMatch(/^\/groups\/[a-z0-9-]+$/)
  return { visitor, slug: location.slice('/groups/'.length) }
}

/** What a browser posts for a select of the page: its selected option's value ("" when none is). */
function selectedValue(html: string, name: string) {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)
  expect(select, `select ${name}`).not.toBeNull()
  const option = /<option[^>]*selected[^>]*>/.exec(select![1]!)
  return option ? (/value="([^"]*)"/.exec(option[0])?.[1] ?? '') : ''
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function group(slug: string) {
  return prisma.workingGroup.findUniqueOrThrow({ where: { slug }, include: { members: true } })
}

describe('working groups', () => {
  test('staff create a group (slug from the name, unique); members of verified organisations see it; others may not create', async () => {
    const w = await world()
    const name = uniqueName('Industrie du futur')
    const fields = { name, theme: 'Industrie', hubId: w.hub.id, description: 'Jumeaux numériques et maintenance.', audience: 'all' }
    const first = await createGroupAs(w.staff.email, fields)
    const second = await createGroupAs(w.staff.email, fields)
    expect(first.slug).toMatch(/^industrie-du-futur-/)
    expect(second.slug).toBe(`${first.slug}-2`)
    expect(await prisma.auditLog.count({ where: { action: 'group.create', actorId: w.staff.id } })).toBe(2)

    // Staff of another hub may not create a group in this hub: the field says so, nothing is written.
    const elsewhere = await (await signedIn(w.otherStaff.email)).post('/groups/new', { ...fields, name: uniqueName('Intrus') })
    expect(elsewhere.status).toBe(422)
    expect(await elsewhere.text()).toContain('Choix invalide')
    // A firm may not open the form.
    const firm = await signedIn(w.firm.user.email)
    expect((await firm.get('/groups/new')).status).toBe(403)
    // Missing fields: French messages next to the fields, 400.
    const empty = await (await signedIn(w.staff.email)).post('/groups/new', { name: '', theme: '', hubId: w.hub.id, audience: 'all' })
    expect(empty.status).toBe(400)

    const list = await (await firm.get('/groups')).text()
    expect(list).toContain(name)
    expect(list).toContain('Rejoindre')
    expect(list).toContain('Ouvert à toutes les associations')
    // Signed out: the log-in form.
    expect((await new Visitor().get('/groups')).status).toBe(302)
  })

  test('join and leave for one’s organisation; a hub-only group refuses another hub’s organisation, and is unknown to it', async () => {
    const w = await world()
    const open = await createGroupAs(w.staff.email, { name: uniqueName('Mobilités'), theme: 'Mobilité', hubId: w.hub.id, audience: 'all' })
    const own = await createGroupAs(w.staff.email, { name: uniqueName('Club local'), theme: 'Réseau', hubId: w.hub.id, audience: 'hub' })

    // A firm of another hub joins the open group, and leaves it.
    const elsewhere = await signedIn(w.firmElsewhere.user.email)
    expect((await elsewhere.post(`/groups/${open.slug}`, { intent: 'join', organisationId: w.firmElsewhere.organisation.id })).status).toBe(302)
    expect((await group(open.slug)).members.map((member) => member.organisationId)).toEqual([w.firmElsewhere.organisation.id])
    const page = await (await elsewhere.get(`/groups/${open.slug}`)).text()
    expect(page).toContain('Quitter le groupe')
    expect(page).toContain(w.firmElsewhere.organisation.name)
    expect((await (await elsewhere.get('/groups')).text())).toContain('Membre')
    // Twice: refused with a sentence, nothing written.
    expect((await elsewhere.post(`/groups/${open.slug}`, { intent: 'join', organisationId: w.firmElsewhere.organisation.id })).status).toBe(409)
    expect((await elsewhere.post(`/groups/${open.slug}`, { intent: 'leave', organisationId: w.firmElsewhere.organisation.id })).status).toBe(302)
    expect((await group(open.slug)).members).toEqual([])

    // Not for an organisation one does not belong to.
    expect((await elsewhere.post(`/groups/${open.slug}`, { intent: 'join', organisationId: w.firm.organisation.id })).status).toBe(403)
    expect((await group(open.slug)).members).toEqual([])

    // The hub-only group: unknown to the other hub's firm (404), not in its list.
    expect((await elsewhere.get(`/groups/${own.slug}`)).status).toBe(404)
    expect((await elsewhere.post(`/groups/${own.slug}`, { intent: 'join', organisationId: w.firmElsewhere.organisation.id })).status).toBe(404)
    expect(await (await elsewhere.get('/groups')).text()).not.toContain(own.slug)

    // Someone in both hubs sees it through the home hub's firm, and is refused for the other: a French sentence.
    await prisma.membership.create({ data: { userId: w.firmElsewhere.user.id, organisationId: w.firm.organisation.id, role: 'MEMBER' } })
    const both = await signedIn(w.firmElsewhere.user.email)
    const ownPage = await (await both.get(`/groups/${own.slug}`)).text()
    expect(ownPage).toContain('ne peut pas le rejoindre')
    const refused = await both.post(`/groups/${own.slug}`, { intent: 'join', organisationId: w.firmElsewhere.organisation.id })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('Ce groupe est réservé aux organisations de son association')
    expect((await group(own.slug)).members).toEqual([])
    // A plain member of the home hub's firm joins for it (any member may: decision 0026).
    expect((await both.post(`/groups/${own.slug}`, { intent: 'join', organisationId: w.firm.organisation.id })).status).toBe(302)
    expect((await group(own.slug)).members.map((member) => member.organisationId)).toEqual([w.firm.organisation.id])
  })

  test('staff announce (members told), edit and archive; an archived group is closed to joining and hidden from non-members', async () => {
    const w = await world()
    const { visitor: staff, slug } = await createGroupAs(w.staff.email, { name: uniqueName('Santé'), theme: 'Santé', hubId: w.hub.id, audience: 'all' })
    const firm = await signedIn(w.firm.user.email)
    expect((await firm.post(`/groups/${slug}`, { intent: 'join', organisationId: w.firm.organisation.id })).status).toBe(302)

    // A member may not announce, edit or archive.
    expect((await firm.post(`/groups/${slug}`, { intent: 'announce', title: 'Pas moi', body: 'Une annonce qui n’est pas la mienne.' })).status).toBe(403)
    expect((await firm.post(`/groups/${slug}`, { intent: 'archive' })).status).toBe(403)
    // Staff of another hub neither.
    expect((await (await signedIn(w.otherStaff.email)).post(`/groups/${slug}`, { intent: 'archive' })).status).toBe(403)

    const short = await staff.post(`/groups/${slug}`, { intent: 'announce', title: 'A', body: 'court' })
    expect(short.status).toBe(400)
    expect(await prisma.workingGroupAnnouncement.count({ where: { workingGroup: { slug } } })).toBe(0)

    const title = 'Atelier jumeaux numériques le 12 janvier'
    expect((await staff.post(`/groups/${slug}`, { intent: 'announce', title, body: 'Rendez-vous à Grenoble, inscriptions ouvertes.' })).status).toBe(302)
    const told = await prisma.notification.findMany({ where: { kind: 'groups:announcement', payload: { path: ['title'], equals: title } } })
    expect(told.map((row) => [row.userId, row.category])).toEqual([[w.firm.user.id, 'GROUP_NEEDS']])
    expect(await (await firm.get(`/groups/${slug}`)).text()).toContain(title)

    expect((await staff.post(`/groups/${slug}`, { intent: 'update', name: 'Santé et bien-être', theme: 'Santé', description: '', audience: 'hub' })).status).toBe(302)
    expect(await group(slug)).toMatchObject({ name: 'Santé et bien-être', openToAllHubs: false })

    expect((await staff.post(`/groups/${slug}`, { intent: 'archive' })).status).toBe(302)
    expect((await group(slug)).archivedAt).not.toBeNull()
    // Its member still reads it (archived); joining is refused; others no longer see it.
    const archivedPage = await (await firm.get(`/groups/${slug}`)).text()
    expect(archivedPage).toContain('Archivé')
    const outsider = await signedIn(w.outsider.user.email)
    expect((await outsider.get(`/groups/${slug}`)).status).toBe(404)
    expect(await (await outsider.get('/groups')).text()).not.toContain(slug)
  })

  test('the group page lists only the needs its reader may open', async () => {
    const w = await world()
    const { slug } = await createGroupAs(w.staff.email, { name: uniqueName('Énergie'), theme: 'Énergie', hubId: w.hub.id, audience: 'all' })
    const workingGroupId = (await group(slug)).id
    const published = { status: 'PUBLISHED' as const, publishedAt: new Date(), submittedAt: new Date(), workingGroupId }
    const open = await createNeed(w.partner.organisation.id, w.hub.id, w.partner.user.id, { ...published, title: 'Besoin public du groupe' })
    await createNeed(w.partner.organisation.id, w.hub.id, w.partner.user.id, { ...published, title: 'Besoin confidentiel du groupe', visibility: 'INVITE_ONLY' })
    await createNeed(w.partner.organisation.id, w.hub.id, w.partner.user.id, { workingGroupId, title: 'Brouillon adressé au groupe' })

    const firmPage = await (await (await signedIn(w.firmElsewhere.user.email)).get(`/groups/${slug}`)).text()
    expect(firmPage).toContain('Besoin public du groupe')
    expect(firmPage).toContain(`/needs/${open.id}`)
    expect(firmPage).not.toContain('Besoin confidentiel du groupe')
    expect(firmPage).not.toContain('Brouillon adressé au groupe')
    // The partner sees its own confidential need there (its page opens for it); the draft is no group's yet.
    const partnerPage = await (await (await signedIn(w.partner.user.email)).get(`/groups/${slug}`)).text()
    expect(partnerPage).toContain('Besoin confidentiel du groupe')
    expect(partnerPage).not.toContain('Brouillon adressé au groupe')

    // The needs list's group filter: the firm's groups, and only the needs addressed to one.
    const firm = await signedIn(w.firm.user.email)
    await firm.post(`/groups/${slug}`, { intent: 'join', organisationId: w.firm.organisation.id })
    const other = await createNeed(w.partner.organisation.id, w.hub.id, w.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date(), submittedAt: new Date(), title: 'Besoin hors groupe' })
    const filtered = await (await firm.get(`/needs?group=${slug}`)).text()
    expect(filtered).toContain('name="group"')
    expect(filtered).toContain('Besoin public du groupe')
    expect(filtered).not.toContain(`/needs/${other.id}"`)
    expect(filtered).not.toContain('Besoin confidentiel du groupe')
    const bad = await (await firm.get('/needs?group=Pas%20un%20slug')).text()
    expect(bad).toContain('Besoin hors groupe')
    // Another hub's own group, its slug guessed: the filter tells nothing of the needs addressed to it.
    const hidden = await prisma.workingGroup.create({ data: { hubId: w.otherHub.id, slug: `prive-${Date.now().toString(36)}`, name: uniqueName('Cercle privé'), openToAllHubs: false } })
    await createNeed(w.partner.organisation.id, w.hub.id, w.partner.user.id, { ...published, workingGroupId: hidden.id, title: 'Besoin du cercle privé' })
    const guessed = await (await firm.get(`/needs?group=${hidden.slug}`)).text()
    expect(guessed).not.toContain('Besoin du cercle privé')
    expect(await (await firm.get('/needs')).text()).toContain('Besoin du cercle privé')
  })

  test('publishing a need addressed to a group tells the members who may see it, and no one else; e-mail or digest per preferences', async () => {
    const w = await world()
    const { slug } = await createGroupAs(w.staff.email, { name: uniqueName('Confiance numérique'), theme: 'Cybersécurité', hubId: w.hub.id, audience: 'all' })
    const groupRow = await group(slug)
    const colleague = await createMember(w.hub.id, 'FIRM')
    // Members: firm (invited to the need), firm of the other hub (not invited), a colleague firm (invited, e-mail at once),
    // and the outsider (invited, but has not accepted the NDA: the teaser only, which does not name the group).
    for (const member of [w.firm, w.firmElsewhere, colleague, w.outsider]) {
      await prisma.workingGroupMember.create({ data: { workingGroupId: groupRow.id, organisationId: member.organisation.id } })
    }
    await prisma.notificationSetting.create({ data: { userId: colleague.user.id, category: 'GROUP_NEEDS', channel: 'EMAIL' } })

    // The partner writes the need in the form, addressed to the group (confidential: only invited firms see it).
    const partner = await signedIn(w.partner.user.email)
    const created = await partner.post('/needs/new', needFormFields({ title: 'Audit de sécurité des automates', visibility: 'INVITE_ONLY', workingGroupId: groupRow.id, intent: 'submit' }))
    expect(created.status).toBe(302)
    const need = await prisma.need.findFirstOrThrow({ where: { partnerId: w.partner.organisation.id, title: 'Audit de sécurité des automates' } })
    expect(need.workingGroupId).toBe(groupRow.id)
    for (const invited of [w.firm, colleague, w.outsider]) {
      await prisma.match.create({ data: { needId: need.id, firmId: invited.organisation.id, score: 80, breakdown: {}, algorithmVersion: ALGORITHM_VERSION, status: 'INVITED', invitedAt: new Date() } })
    }
    for (const reader of [w.firm, colleague]) {
      await prisma.ndaAcceptance.create({ data: { needId: need.id, userId: reader.user.id, organisationId: reader.organisation.id, textVersion: 'test' } })
    }

    const moderator = await signedIn(w.staff.email)
    expect((await moderator.post(`/needs/${need.id}`, { intent: 'publish' })).status).toBeLessThan(400)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('PUBLISHED')

    const told = await prisma.notification.findMany({ where: { needId: need.id, kind: 'groups:need-addressed' }, select: { userId: true, category: true } })
    expect(told.map((row) => row.userId).sort()).toEqual([w.firm.user.id, colleague.user.id].sort())
    expect(told.every((row) => row.category === 'GROUP_NEEDS')).toBe(true)
    const bell = await (await (await signedIn(w.firm.user.email)).get('/notifications')).text()
    expect(bell).toContain(`adressé au groupe ${groupRow.name}`)
    // E-mail at once for the colleague only (the firm's default is the digest).
    const emails = await prisma.emailMessage.findMany({ where: { kind: 'group-need', recordId: need.id }, select: { toAddress: true, subject: true } })
    expect(emails.map((email) => email.toAddress)).toEqual([colleague.user.email])
    expect(emails[0]!.subject).toContain('Audit de sécurité des automates')

    // The firm's digest carries it (GROUP_NEEDS, channel DIGEST by default); the other hub's firm has nothing.
    const actors = await loadActors([w.firm.user.id, w.firmElsewhere.user.id])
    const at = new Date()
    const [digest, nothing] = await buildDigests(
      [
        { userId: w.firm.user.id, period: 'D:test', frequency: 'DAILY' },
        { userId: w.firmElsewhere.user.id, period: 'D:test', frequency: 'DAILY' },
      ],
      actors,
      at,
      new Date(at.getTime() + 1000),
    )
    expect(digest!.updates.items.map((item) => item.label).join(' ')).toContain('Audit de sécurité des automates')
    expect(digest!.updates.items.some((item) => item.link === `/needs/${need.id}`)).toBe(true)
    expect(nothing!.updates.items).toEqual([])
  })

  test('a need reserved to a cohort tells the group members outside the cohort when it opens, each once', async () => {
    const w = await world()
    const { slug } = await createGroupAs(w.staff.email, { name: uniqueName('Industrie du futur'), theme: 'Industrie', hubId: w.hub.id, audience: 'all' })
    const groupRow = await group(slug)
    for (const member of [w.firm, w.outsider]) {
      await prisma.workingGroupMember.create({ data: { workingGroupId: groupRow.id, organisationId: member.organisation.id } })
    }
    const cohort = await prisma.cohort.create({ data: { hubId: w.hub.id, name: uniqueName('Accélérateur'), year: 2026, targetEur: 100_000, members: { create: { organisationId: w.firm.organisation.id } } } })
    const partner = await signedIn(w.partner.user.email)
    const title = uniqueName('Jumeau numérique d’un atelier')
    const fields = needFormFields({ title, workingGroupId: groupRow.id, reservedCohortId: cohort.id, reservedDays: '7', intent: 'submit' })
    expect((await partner.post('/needs/new', fields)).status).toBe(302)
    const need = await prisma.need.findFirstOrThrow({ where: { partnerId: w.partner.organisation.id, title } })
    const moderator = await signedIn(w.staff.email)
    expect((await moderator.post(`/needs/${need.id}`, { intent: 'publish' })).status).toBeLessThan(400)
    const published = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
    expect(published.reservedUntil!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000)

    const toldIds = async () => (await prisma.notification.findMany({ where: { needId: need.id, kind: 'groups:need-addressed' }, select: { userId: true } })).map((row) => row.userId).sort()
    // While reserved: the cohort's firm only.
    expect(await toldIds()).toEqual([w.firm.user.id])
    // The job run at the end of the reservation tells the others, and nobody twice (run it twice).
    await prisma.need.update({ where: { id: need.id }, data: { reservedUntil: new Date(Date.now() - 1000) } })
    const { notifyGroupOfPublishedNeed } = await import('#app/modules/groups/service.server')
    expect((await notifyGroupOfPublishedNeed(need.id)).told).toBe(1)
    expect((await notifyGroupOfPublishedNeed(need.id)).told).toBe(0)
    expect(await toldIds()).toEqual([w.firm.user.id, w.outsider.user.id].sort())
  })

  test('the need form checks group, cohort and days, with French messages, and writes nothing when refused', async () => {
    const w = await world()
    const { slug: ownSlug } = await createGroupAs(w.otherStaff.email, { name: uniqueName('Club voisin'), theme: 'Réseau', hubId: w.otherHub.id, audience: 'hub' })
    const { slug: openSlug } = await createGroupAs(w.staff.email, { name: uniqueName('Ouvert'), theme: 'Réseau', hubId: w.hub.id, audience: 'all' })
    const foreignGroup = await group(ownSlug)
    const openGroup = await group(openSlug)
    const cohort = await prisma.cohort.create({ data: { hubId: w.hub.id, name: uniqueName('Accélérateur'), year: 2026, targetEur: 200_000 } })
    const foreignCohort = await prisma.cohort.create({ data: { hubId: w.otherHub.id, name: uniqueName('Voisin'), year: 2026, targetEur: 100_000 } })
    const archivedCohort = await prisma.cohort.create({ data: { hubId: w.hub.id, name: uniqueName('Ancien'), year: 2025, targetEur: 100_000, archivedAt: new Date() } })

    const partner = await signedIn(w.partner.user.email)
    const form = await (await partner.get('/needs/new')).text()
    expect(form).toContain('Adresser à un groupe de travail')
    expect(form).toContain(openGroup.name)
    expect(form).not.toContain(foreignGroup.name)
    expect(form).toContain(cohort.name)
    expect(form).not.toContain(foreignCohort.name)
    expect(form).not.toContain(archivedCohort.name)

    const count = () => prisma.need.count({ where: { partnerId: w.partner.organisation.id } })
    const before = await count()
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ reservedCohortId: cohort.id }, 400, 'Indiquez pendant combien de jours'],
      [{ reservedDays: '10' }, 400, 'Choisissez la cohorte'],
      [{ reservedCohortId: cohort.id, reservedDays: '31' }, 400, ''],
      [{ reservedCohortId: cohort.id, reservedDays: '0' }, 400, ''],
      [{ workingGroupId: foreignGroup.id }, 422, 'Choisissez l’un des groupes de travail proposés'],
      [{ reservedCohortId: foreignCohort.id, reservedDays: '5' }, 422, 'Choisissez l’une des cohortes proposées'],
      [{ reservedCohortId: archivedCohort.id, reservedDays: '5' }, 422, 'Choisissez l’une des cohortes proposées'],
      [{ workingGroupId: 'inconnu' }, 422, 'Choisissez l’un des groupes de travail proposés'],
    ]
    for (const [fields, status, message] of cases) {
      for (const intent of ['save', 'submit']) {
        const response = await partner.post('/needs/new', needFormFields({ ...fields, intent }))
        expect(response.status, JSON.stringify(fields)).toBe(status)
        if (message) expect(await response.text()).toContain(message)
      }
    }
    expect(await count()).toBe(before)

    // Valid: saved with its group and reservation; the reservation runs from the publication.
    const saved = await partner.post('/needs/new', needFormFields({ title: 'Pilote réservé à la cohorte', workingGroupId: openGroup.id, reservedCohortId: cohort.id, reservedDays: '10', intent: 'submit' }))
    expect(saved.status).toBe(302)
    const need = await prisma.need.findFirstOrThrow({ where: { partnerId: w.partner.organisation.id, title: 'Pilote réservé à la cohorte' } })
    expect(need).toMatchObject({ workingGroupId: openGroup.id, reservedCohortId: cohort.id, reservedDays: 10, reservedUntil: null })

    expect((await (await signedIn(w.staff.email)).post(`/needs/${need.id}`, { intent: 'publish' })).status).toBeLessThan(400)
    const published = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
    expect(published.reservedUntil!.getTime() - published.publishedAt!.getTime()).toBe(10 * 86_400_000)
    // The editor shows the group and the cohort chosen.
    const edit = await (await partner.get(`/needs/${need.id}/edit`)).text()
    expect(edit).toMatch(new RegExp(`<option[^>]*value="${cohort.id}"[^>]*selected|<option[^>]*selected[^>]*value="${cohort.id}"`))
    expect(edit).toMatch(new RegExp(`<option[^>]*value="${openGroup.id}"[^>]*selected|<option[^>]*selected[^>]*value="${openGroup.id}"`))

    // A published need's reservation is fixed: its edit may not change it (nothing stored).
    const revision = await partner.post(`/needs/${need.id}/edit`, needFormFields({ title: 'Pilote réservé à la cohorte', workingGroupId: openGroup.id, reservedCohortId: cohort.id, reservedDays: '20', intent: 'submit' }))
    expect(revision.status).toBe(422)
    expect(await revision.text()).toContain('ne peut plus changer une fois le besoin publié')
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).pendingRevision).toBeNull()
  })

  test('editing keeps a group and a cohort archived since: the form offers them (marked), a revision and a draft save keep them', async () => {
    const w = await world()
    const { slug } = await createGroupAs(w.staff.email, { name: uniqueName('Filière bois'), theme: 'Bois', hubId: w.hub.id, audience: 'all' })
    const groupRow = await group(slug)
    const cohort = await prisma.cohort.create({ data: { hubId: w.hub.id, name: uniqueName('Accélérateur'), year: 2026, targetEur: 100_000 } })
    const partner = await signedIn(w.partner.user.email)

    // A published need reserved to the cohort; the cohort is archived afterwards.
    const title = uniqueName('Scierie connectée')
    expect((await partner.post('/needs/new', needFormFields({ title, reservedCohortId: cohort.id, reservedDays: '7', intent: 'submit' }))).status).toBe(302)
    const need = await prisma.need.findFirstOrThrow({ where: { partnerId: w.partner.organisation.id, title } })
    expect((await (await signedIn(w.staff.email)).post(`/needs/${need.id}`, { intent: 'publish' })).status).toBeLessThan(400)
    await prisma.cohort.update({ where: { id: cohort.id }, data: { archivedAt: new Date() } })
    // Not offered to new needs any more…
    expect(await (await partner.get('/needs/new')).text()).not.toContain(cohort.name)
    // …but the need's editor shows it chosen, marked archived, and its edit goes to moderation.
    const edit = await (await partner.get(`/needs/${need.id}/edit`)).text()
    expect(edit).toContain(`${cohort.name} (2026) — archivée`)
    expect(selectedValue(edit, 'reservedCohortId')).toBe(cohort.id)
    const revision = await partner.post(
      `/needs/${need.id}/edit`,
      needFormFields({ title: `${title} (révisé)`, reservedCohortId: selectedValue(edit, 'reservedCohortId'), reservedDays: '7', workingGroupId: selectedValue(edit, 'workingGroupId'), intent: 'submit' }),
    )
    expect(revision.status).toBe(302)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).pendingRevision).not.toBeNull()

    // A draft addressed to the group; the group is archived afterwards: the draft's editor still has it
    // (marked), and saving the form as the browser posts it keeps it.
    const draftTitle = uniqueName('Séchoir solaire')
    expect((await partner.post('/needs/new', needFormFields({ title: draftTitle, workingGroupId: groupRow.id, intent: 'save' }))).status).toBe(302)
    const draft = await prisma.need.findFirstOrThrow({ where: { partnerId: w.partner.organisation.id, title: draftTitle } })
    expect((await (await signedIn(w.staff.email)).post(`/groups/${slug}`, { intent: 'archive' })).status).toBe(302)
    const draftEdit = await (await partner.get(`/needs/${draft.id}/edit`)).text()
    expect(draftEdit).toContain(`${groupRow.name} (`)
    expect(draftEdit).toContain('— archivé')
    expect(selectedValue(draftEdit, 'workingGroupId')).toBe(groupRow.id)
    const saved = await partner.post(`/needs/${draft.id}/edit`, needFormFields({ title: `${draftTitle} (v2)`, workingGroupId: selectedValue(draftEdit, 'workingGroupId'), intent: 'save' }))
    expect(saved.status).toBe(302)
    expect(await prisma.need.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ title: `${draftTitle} (v2)`, workingGroupId: groupRow.id })
    // Kept while a draft, but not sent to moderation addressed to a group archived since: the message
    // says so next to the field, and the draft stays a draft.
    const submitted = await partner.post(`/needs/${draft.id}/edit`, needFormFields({ title: `${draftTitle} (v2)`, workingGroupId: groupRow.id, intent: 'submit' }))
    expect(submitted.status).toBe(422)
    expect(await submitted.text()).toContain('groupe')
    expect((await prisma.need.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('DRAFT')
    // Another draft may not pick the archived group.
    const refused = await partner.post('/needs/new', needFormFields({ title: uniqueName('Refusé'), workingGroupId: groupRow.id, intent: 'save' }))
    expect(refused.status).toBe(422)
  })

  test('a cohort whose last day has passed is not offered to a need, and is refused', async () => {
    const w = await world()
    const running = await prisma.cohort.create({ data: { hubId: w.hub.id, name: uniqueName('En cours'), year: 2026, targetEur: 100_000, endsOn: new Date(Date.now() + 30 * 86_400_000) } })
    const ended = await prisma.cohort.create({ data: { hubId: w.hub.id, name: uniqueName('Terminée'), year: 2025, targetEur: 100_000, endsOn: new Date(Date.now() - 3 * 86_400_000) } })
    const partner = await signedIn(w.partner.user.email)
    const form = await (await partner.get('/needs/new')).text()
    expect(form).toContain(running.name)
    expect(form).not.toContain(ended.name)
    const before = await prisma.need.count({ where: { partnerId: w.partner.organisation.id } })
    const response = await partner.post('/needs/new', needFormFields({ reservedCohortId: ended.id, reservedDays: '5', intent: 'save' }))
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Choisissez l’une des cohortes proposées')
    expect(await prisma.need.count({ where: { partnerId: w.partner.organisation.id } })).toBe(before)
  })

  test('access is checked before the input: a hidden group is a 404 and a non-staff creator a 403, whatever is posted', async () => {
    const w = await world()
    const own = await createGroupAs(w.staff.email, { name: uniqueName('Club local'), theme: 'Réseau', hubId: w.hub.id, audience: 'hub' })
    const elsewhere = await signedIn(w.firmElsewhere.user.email)
    const bodies: Array<Record<string, string>> = [{ intent: 'nonsense' }, { intent: 'join' }, { intent: 'announce', title: '' }]
    for (const body of bodies) {
      expect((await elsewhere.post(`/groups/${own.slug}`, body)).status, JSON.stringify(body)).toBe(404)
    }
    expect((await elsewhere.post('/groups/no-such-group', { intent: 'nonsense' })).status).toBe(404)
    // Who sees it is told the input is invalid.
    expect((await (await signedIn(w.firm.user.email)).post(`/groups/${own.slug}`, { intent: 'nonsense' })).status).toBe(400)
    const firm = await signedIn(w.firm.user.email)
    expect((await firm.post('/groups/new', { name: '', theme: '', hubId: '', audience: '' })).status).toBe(403)
    expect((await firm.post('/groups/new', { name: uniqueName('Intrus'), theme: 'Réseau', hubId: w.hub.id, audience: 'all' })).status).toBe(403)
    expect(await prisma.workingGroup.count({ where: { hubId: w.hub.id } })).toBe(1)
  })

  test('two groups of one name created at once get two slugs, no error', async () => {
    const w = await world()
    const staff = await signedIn(w.staff.email)
    const name = uniqueName('Hydrogène vert')
    const fields = { name, theme: 'Énergie', hubId: w.hub.id, audience: 'all' }
    const responses = await Promise.all([1, 2, 3, 4].map(() => staff.post('/groups/new', fields)))
    expect(responses.map((response) => response.status)).toEqual([302, 302, 302, 302])
    const slugs = responses.map((response) => response.headers.get('Location')!.slice('/groups/'.length))
    expect(new Set(slugs).size).toBe(4)
    expect(await prisma.workingGroup.count({ where: { name } })).toBe(4)
  })

  test('the organisations a hub-only group refuses are named in one French sentence, plural-aware', async () => {
    const w = await world()
    const own = await createGroupAs(w.staff.email, { name: uniqueName('Club local'), theme: 'Réseau', hubId: w.hub.id, audience: 'hub' })
    // The firm of the other hub's user also belongs to the home hub's firm (to see the group).
    await prisma.membership.create({ data: { userId: w.firmElsewhere.user.id, organisationId: w.firm.organisation.id, role: 'MEMBER' } })
    const one = await (await (await signedIn(w.firmElsewhere.user.email)).get(`/groups/${own.slug}`)).text()
    expect(one).toContain(`${w.firmElsewhere.organisation.name} ne peut pas le rejoindre`)
    const second = await createMember(w.otherHub.id, 'FIRM')
    await prisma.membership.create({ data: { userId: w.firmElsewhere.user.id, organisationId: second.organisation.id, role: 'MEMBER' } })
    const two = await (await (await signedIn(w.firmElsewhere.user.email)).get(`/groups/${own.slug}`)).text()
    const names = [w.firmElsewhere.organisation.name, second.organisation.name].sort((a, b) => a.localeCompare(b, 'fr'))
    expect(two).toMatch(new RegExp(`(${escape(names[0]!)} et ${escape(names[1]!)}|${escape(names[1]!)} et ${escape(names[0]!)}) ne peuvent pas le rejoindre`))
  })
})
