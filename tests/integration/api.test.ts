import { createHash, randomUUID } from 'node:crypto'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { beforeAll, describe, expect, test } from 'vitest'
import { scoreNeed } from '#app/modules/matching/service.server'
import { moderateNeed } from '#app/modules/needs/service.server'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { prisma } from '#app/utils/db.server'
import { createHub, createMarketplace, createMember, createNeed, createStaff, createUser } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn } from '#tests/helpers/app'

/**
 * The JSON API through the built app, in-process: tokens (created on the settings page, shown
 * once, hashed, revoked), every endpoint's happy path in the thin journey, the error shape and
 * its statuses, and the OpenAPI document against the route files.
 */
let handler: ReturnType<typeof createRequestHandler> | undefined
/** JSON answers as the assertions read them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

interface Call {
  token?: string
  json?: unknown
  body?: string | Uint8Array
  headers?: Record<string, string>
}

async function api(method: string, pathname: string, call: Call = {}) {
  if (!handler) {
    const build = (await import(/* @vite-ignore */ pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
    handler = createRequestHandler(build, 'production')
  }
  const headers = new Headers(call.headers)
  if (call.token) headers.set('Authorization', `Bearer ${call.token}`)
  let body: string | Uint8Array | undefined = call.body
  if (call.json !== undefined) {
    body = JSON.stringify(call.json)
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  }
  const response = await handler(new Request(`http://localhost:3000/api/v1${pathname}`, { method, headers, body: body as BodyInit | undefined }), { requestId: randomUUID() })
  const text = await response.text()
  let json: Loose = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    throw new Error(`${method} ${pathname}: not JSON (${response.status}): ${text.slice(0, 200)}`)
  }
  return { status: response.status, headers: response.headers, json }
}

function expectError(result: { status: number; json: Loose; headers: Headers }, status: number, code: string) {
  expect(result.status, JSON.stringify(result.json)).toBe(status)
  expect(result.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(result.json).toEqual({ error: { code, message: expect.any(String), fields: expect.any(Object) } })
  expect(result.json.error.message.length).toBeGreaterThan(5)
}

const TOKEN = /sil_[0-9a-f]{8}_[A-Za-z0-9_-]{32}/
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

const completeNeed = {
  kind: 'PILOT',
  title: 'Maintenance prédictive des remontées mécaniques',
  summary: 'Capteurs IoT et prédiction des pannes sur trois télésièges de la station.',
  description: 'Nous cherchons une PME capable de poser des capteurs, collecter les données et prédire les pannes avant la saison.',
  skills: ['iot', 'edge computing', 'maintenance prédictive'],
  nafCodes: ['62.01Z'],
  budgetMinEur: 20000,
  budgetMaxEur: 80000,
  deadline: inDays(30),
  expectedStart: inDays(45),
  communeInsee: '38185',
  radiusKm: 80,
  remoteOk: false,
  visibility: 'PUBLIC',
  matchingMode: 'OPEN',
}

async function tokenFor(userId: string, organisationId: string, name = 'Outil achats') {
  const created = await createApiToken(await actorFor(userId), organisationId, { name })
  return created.token
}

describe('API tokens', () => {
  test('created on the settings page, shown once, stored hashed, listed, revoked (401 after), audited', async () => {
    const hub = await createHub()
    const { user, organisation } = await createMember(hub.id, 'PARTNER')
    const owner = await signedIn(user.email)

    const page = await owner.get(`/orgs/${organisation.slug}/settings`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Jetons d’API')
    expect(html).toContain('/api/v1/openapi.json')
    expect(html).toContain('Aucun jeton pour l’instant.')

    const refused = await owner.post(`/orgs/${organisation.slug}/settings`, { intent: 'create', name: 'x' })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('Trop court.')
    expect(await prisma.apiToken.count()).toBe(0)

    const created = await owner.post(`/orgs/${organisation.slug}/settings`, { intent: 'create', name: 'Outil achats SAP' })
    expect(created.status).toBe(200)
    const createdHtml = await created.text()
    const token = TOKEN.exec(createdHtml)?.[0]
    expect(token).toBeDefined()
    expect(createdHtml).toContain('il ne sera plus jamais affiché')

    const row = await prisma.apiToken.findFirstOrThrow({ where: { organisationId: organisation.id } })
    expect(row).toMatchObject({ name: 'Outil achats SAP', createdById: user.id, revokedAt: null, lastUsedAt: null })
    expect(row.tokenHash).toBe(createHash('sha256').update(token!).digest('hex'))
    expect(token!.startsWith(`${row.prefix}_`)).toBe(true)
    expect(JSON.stringify(row)).not.toContain(token!.slice(13))
    expect(await prisma.auditLog.count({ where: { action: 'api-token.create', targetId: row.id } })).toBe(1)

    // Shown once: the page lists the token by its prefix, never the secret.
    const again = await (await owner.get(`/orgs/${organisation.slug}/settings`)).text()
    expect(again).toContain('Outil achats SAP')
    expect(again).toContain(row.prefix)
    expect(again).not.toMatch(TOKEN)

    const used = await api('GET', '/needs', { token })
    expect(used.status).toBe(200)
    expect(used.json).toMatchObject({ perspective: 'partner', needs: [] })

    const revoked = await owner.post(`/orgs/${organisation.slug}/settings`, { intent: 'revoke', tokenId: row.id })
    expect(revoked.status).toBe(200)
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull()
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'api-token.revoke', targetId: row.id } })
    expect(audit).toMatchObject({ actorId: user.id, actorOrgId: organisation.id, hubId: hub.id })

    const afterRevoke = await api('GET', '/needs', { token })
    expectError(afterRevoke, 401, 'token_invalid')
    expect(afterRevoke.headers.get('WWW-Authenticate')).toContain('invalid_token')
    expect(await (await owner.get(`/orgs/${organisation.slug}/settings`)).text()).toContain('Révoqué le')
  })

  test('the settings page is for the owners and administrators only (404 for others); unverified organisations create none', async () => {
    const hub = await createHub()
    const { organisation } = await createMember(hub.id, 'PARTNER')
    const member = await createUser()
    await prisma.membership.create({ data: { userId: member.id, organisationId: organisation.id, role: 'MEMBER' } })
    const admin = await createUser()
    await prisma.membership.create({ data: { userId: admin.id, organisationId: organisation.id, role: 'ADMIN' } })
    const outsider = await createMember(hub.id, 'FIRM')
    const staff = await createStaff(hub.id, 'ADMIN')

    for (const email of [member.email, outsider.user.email, staff.email]) {
      const visitor = await signedIn(email)
      expect((await visitor.get(`/orgs/${organisation.slug}/settings`)).status).toBe(404)
      expect((await visitor.post(`/orgs/${organisation.slug}/settings`, { intent: 'create', name: 'Intrus' })).status).toBe(404)
    }
    expect((await (await signedIn(admin.email)).get(`/orgs/${organisation.slug}/settings`)).status).toBe(200)

    const pending = await createMember(hub.id, 'PARTNER', { organisation: { status: 'PENDING' } })
    const pendingOwner = await signedIn(pending.user.email)
    expect(await (await pendingOwner.get(`/orgs/${pending.organisation.slug}/settings`)).text()).toContain('doit être vérifiée')
    const refused = await pendingOwner.post(`/orgs/${pending.organisation.slug}/settings`, { intent: 'create', name: 'Outil' })
    expect(refused.status).toBe(403)
    expect(await prisma.apiToken.count({ where: { organisationId: pending.organisation.id } })).toBe(0)
  })

  test('401 without a token, with a malformed or unknown one, and cookies are not enough', async () => {
    const missing = await api('GET', '/needs')
    expectError(missing, 401, 'token_missing')
    expect(missing.headers.get('WWW-Authenticate')).toBe('Bearer realm="sillon"')
    expect(missing.json.error.message).toContain('Authentification requise')
    expect((await api('GET', '/needs', { headers: { 'Accept-Language': 'en-GB,en;q=0.8' } })).json.error.message).toContain('Authentication required')

    expectError(await api('GET', '/needs', { token: 'not-a-token' }), 401, 'token_invalid')
    expectError(await api('GET', '/needs', { token: `sil_00000000_${'A'.repeat(32)}` }), 401, 'token_invalid')
    expectError(await api('GET', '/needs', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'token_missing')

    const hub = await createHub()
    const { user } = await createMember(hub.id, 'PARTNER')
    const visitor = await signedIn(user.email)
    const withCookie = await visitor.request('/api/v1/needs')
    expect(withCookie.status).toBe(401)
    expect(await withCookie.json()).toMatchObject({ error: { code: 'token_missing' } })
  })

  test('a token reads only its organisation: another partner’s needs and applications answer 404', async () => {
    const market = await createMarketplace()
    const other = await createMember(market.hub.id, 'PARTNER')
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    const draft = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id)
    const application = await prisma.application.create({
      data: { needId: need.id, firmId: market.firm.organisation.id, createdById: market.firm.user.id, status: 'SUBMITTED', submittedAt: new Date(), approach: 'Une approche détaillée en plusieurs étapes et livrables.' },
    })
    const otherToken = await tokenFor(other.user.id, other.organisation.id)
    const ownToken = await tokenFor(market.partner.user.id, market.partner.organisation.id)

    for (const target of [`/needs/${need.id}`, `/needs/${draft.id}`, `/needs/${need.id}/applications`, `/applications/${application.id}`]) {
      expectError(await api('GET', target, { token: otherToken }), 404, 'not_found')
    }
    const updatedAt = (await prisma.need.findUniqueOrThrow({ where: { id: draft.id } })).updatedAt
    expectError(await api('PATCH', `/needs/${draft.id}`, { token: otherToken, json: { title: 'Prise de contrôle du besoin' } }), 404, 'not_found')
    expectError(await api('POST', `/needs/${draft.id}/lifecycle`, { token: otherToken, json: { action: 'archive' } }), 404, 'not_found')
    expectError(await api('POST', `/applications/${application.id}/decision`, { token: otherToken, json: { intent: 'accept' } }), 404, 'not_found')
    expect((await prisma.need.findUniqueOrThrow({ where: { id: draft.id } })).updatedAt).toEqual(updatedAt)
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe('SUBMITTED')
    const list = await api('GET', '/needs', { token: otherToken })
    expect(list.json.needs).toEqual([])

    expect((await api('GET', `/needs/${draft.id}`, { token: ownToken })).status).toBe(200)
    expect((await api('GET', `/applications/${application.id}`, { token: ownToken })).status).toBe(200)
  })

  test('a firm’s token cannot post needs (403) nor decide on its application (403)', async () => {
    const market = await createMarketplace()
    const firmToken = await tokenFor(market.firm.user.id, market.firm.organisation.id)
    const before = await prisma.need.count()
    const refused = await api('POST', '/needs', { token: firmToken, json: completeNeed })
    expectError(refused, 403, 'forbidden')
    expect(refused.json.error.message).toContain('grand compte vérifié')
    expect(await prisma.need.count()).toBe(before)

    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    const application = await prisma.application.create({
      data: { needId: need.id, firmId: market.firm.organisation.id, createdById: market.firm.user.id, status: 'SUBMITTED', submittedAt: new Date(), approach: 'Une approche détaillée en plusieurs étapes et livrables.' },
    })
    expectError(await api('POST', `/applications/${application.id}/decision`, { token: firmToken, json: { intent: 'accept' } }), 403, 'forbidden')
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe('SUBMITTED')
  })

  test('a token never acts as hub staff, and stops working when its creator leaves the organisation', async () => {
    const hub = await createHub()
    const { user, organisation } = await createMember(hub.id, 'PARTNER')
    await prisma.staffRole.create({ data: { userId: user.id, hubId: hub.id, role: 'ADMIN' } })
    const otherPartner = await createMember(hub.id, 'PARTNER')
    const submitted = await createNeed(otherPartner.organisation.id, hub.id, otherPartner.user.id, { status: 'SUBMITTED', submittedAt: new Date() })
    const token = await tokenFor(user.id, organisation.id)
    // As staff in the web app this user sees the submitted need; through the token, never.
    expectError(await api('GET', `/needs/${submitted.id}`, { token }), 404, 'not_found')

    await prisma.membership.deleteMany({ where: { userId: user.id, organisationId: organisation.id } })
    expectError(await api('GET', '/needs', { token }), 401, 'token_invalid')
  })

  test('last use is recorded, at most once a minute', async () => {
    const hub = await createHub()
    const { user, organisation } = await createMember(hub.id, 'PARTNER')
    const token = await tokenFor(user.id, organisation.id)
    expect((await api('GET', '/needs', { token })).status).toBe(200)
    const first = (await prisma.apiToken.findFirstOrThrow({ where: { organisationId: organisation.id } })).lastUsedAt
    expect(first).not.toBeNull()
    expect(Date.now() - first!.getTime()).toBeLessThan(10_000)
    expect((await api('GET', '/needs', { token })).status).toBe(200)
    expect((await prisma.apiToken.findFirstOrThrow({ where: { organisationId: organisation.id } })).lastUsedAt).toEqual(first)

    const old = new Date(Date.now() - 5 * 60_000)
    await prisma.apiToken.updateMany({ where: { organisationId: organisation.id }, data: { lastUsedAt: old } })
    expect((await api('GET', '/needs', { token })).status).toBe(200)
    const touched = (await prisma.apiToken.findFirstOrThrow({ where: { organisationId: organisation.id } })).lastUsedAt!
    expect(touched.getTime()).toBeGreaterThan(old.getTime() + 60_000)
  })
})

describe('the thin journey through the API', () => {
  let market: Awaited<ReturnType<typeof createMarketplace>>
  let partnerToken: string
  let firmToken: string

  beforeAll(async () => {
    market = await createMarketplace()
    partnerToken = await tokenFor(market.partner.user.id, market.partner.organisation.id)
    firmToken = await tokenFor(market.firm.user.id, market.firm.organisation.id)
  })

  test('a partner creates and submits a need, staff publish it, the firm finds it with its score and applies, the partner declines with a reason', async () => {
    // A draft first, edited by merge patch, then submitted.
    const draft = await api('POST', '/needs', { token: partnerToken, json: { kind: 'PROOF_OF_CONCEPT', title: 'Jumeau numérique d’une ligne', budgetMaxEur: 50000 } })
    expect(draft.status).toBe(201)
    const draftId = draft.json.need.id as string
    expect(draft.headers.get('Location')).toBe(`http://localhost:3000/api/v1/needs/${draftId}`)
    expect(draft.json.need).toMatchObject({ status: 'DRAFT', kind: 'PROOF_OF_CONCEPT', access: 'full', details: { budgetMaxEur: 50000, skills: [] }, actions: { submit: true, edit: true } })
    const incomplete = await api('POST', `/needs/${draftId}/submit`, { token: partnerToken })
    expectError(incomplete, 422, 'invalid_input')
    expect(Object.keys(incomplete.json.error.fields)).toEqual(expect.arrayContaining(['summary', 'description', 'skills', 'deadline']))
    expect(incomplete.json.error.fields.deadline).toEqual(['Ce champ est obligatoire.'])

    const patched = await api('PATCH', `/needs/${draftId}`, { token: partnerToken, json: { ...completeNeed, kind: undefined, title: undefined, budgetMinEur: null } })
    expect(patched.status).toBe(200)
    expect(patched.json.need).toMatchObject({ title: 'Jumeau numérique d’une ligne', kind: 'PROOF_OF_CONCEPT', status: 'DRAFT', details: { budgetMinEur: null, budgetMaxEur: 80000, skills: completeNeed.skills, communeName: 'Grenoble' } })
    expect(patched.json.need.deadline).toBe(`${completeNeed.deadline}T00:00:00.000Z`)
    const submittedDraft = await api('POST', `/needs/${draftId}/submit`, { token: partnerToken, json: {} })
    expect(submittedDraft.status).toBe(200)
    expect(submittedDraft.json.need.status).toBe('SUBMITTED')
    const twice = await api('POST', `/needs/${draftId}/submit`, { token: partnerToken })
    expectError(twice, 409, 'invalid_transition')
    expect(twice.json.error.message).toBe('Action impossible : ce besoin est au statut « En modération ».')

    // Created and submitted at once.
    const created = await api('POST', '/needs?submit=true', { token: partnerToken, json: completeNeed })
    expect(created.status).toBe(201)
    const needId = created.json.need.id as string
    expect(created.json.need).toMatchObject({ status: 'SUBMITTED', title: completeNeed.title, partner: { id: market.partner.organisation.id } })
    expect(await prisma.auditLog.count({ where: { targetId: needId, action: { in: ['need.create', 'need.submit'] } } })).toBe(2)

    const partnerList = await api('GET', '/needs?status=SUBMITTED', { token: partnerToken })
    expect(partnerList.json).toMatchObject({ perspective: 'partner', total: 2 })
    expectError(await api('GET', `/needs/${needId}`, { token: firmToken }), 404, 'not_found')

    await moderateNeed(await actorFor(market.moderator.id), { needId, intent: 'publish' })
    expect(await scoreNeed(needId)).toMatchObject({ status: 'scored' })

    const firmList = await api('GET', '/needs', { token: firmToken })
    expect(firmList.status).toBe(200)
    expect(firmList.json).toMatchObject({ perspective: 'firm', sort: 'score', page: 1, pageSize: 20 })
    // Ranked by score: the only scored need comes first (needs published by other tests follow).
    const listed = firmList.json.needs[0]
    expect(listed).toMatchObject({ id: needId, status: 'PUBLISHED', partnerName: market.partner.organisation.name })
    expect(listed.score).toBeGreaterThan(0)
    expect(listed.score).toBeLessThanOrEqual(100)
    expect(Object.keys(listed).sort()).toEqual(
      ['applicationCount', 'budgetMaxEur', 'budgetMinEur', 'communeName', 'deadline', 'hubShortName', 'id', 'kind', 'partnerName', 'remoteOk', 'revisionPending', 'score', 'skills', 'status', 'summary', 'title', 'visibility'].sort(),
    )
    const filtered = await api('GET', '/needs?q=maintenance&kind=PILOT&kind=PROCUREMENT&naf=62&budgetMin=10000&deadlineBefore=2999-01-01&sort=deadline&page=1', { token: firmToken })
    expect(filtered.json.needs.map((need: { id: string }) => need.id)).toContain(needId)
    const otherKind = await api('GET', '/needs?kind=PROOF_OF_CONCEPT', { token: firmToken })
    expect(otherKind.json.needs.map((need: { id: string }) => need.id)).not.toContain(needId)

    const detail = await api('GET', `/needs/${needId}`, { token: firmToken })
    expect(detail.json.need).toMatchObject({ id: needId, access: 'full', match: { score: listed.score }, ownApplication: null, actions: { apply: true, edit: false }, revision: null })
    expect(detail.json.need.details.moderationComment).toBeNull()

    const applied = await api('POST', `/needs/${needId}/applications`, {
      token: firmToken,
      json: { approach: 'Capteurs vibratoires sur les poulies et modèle de détection d’anomalies entraîné sur deux saisons.', priceEur: 45000, timeline: 'Pose en octobre.' },
    })
    expect(applied.status).toBe(201)
    const applicationId = applied.json.application.id as string
    expect(applied.headers.get('Location')).toBe(`http://localhost:3000/api/v1/applications/${applicationId}`)
    expect(applied.json.application).toMatchObject({ status: 'SUBMITTED', view: 'firm', priceEur: 45000, need: { id: needId } })
    expectError(await api('POST', `/needs/${needId}/applications`, { token: firmToken, json: { approach: 'x'.repeat(40) } }), 409, 'already_applied')

    const pipeline = await api('GET', `/needs/${needId}/applications`, { token: partnerToken })
    expect(pipeline.status).toBe(200)
    expect(pipeline.json).toMatchObject({ need: { id: needId, status: 'PUBLISHED' }, charterDays: expect.any(Number) })
    expect(pipeline.json.applications).toEqual([
      expect.objectContaining({ id: applicationId, status: 'SUBMITTED', priceEur: 45000, firm: expect.objectContaining({ id: market.firm.organisation.id }), overdue: false, decidable: true }),
    ])
    expect(pipeline.json.view).toBeUndefined()
    expectError(await api('GET', `/needs/${needId}/applications`, { token: firmToken }), 404, 'not_found')

    const shortlisted = await api('POST', `/applications/${applicationId}/decision`, { token: partnerToken, json: { intent: 'shortlist' } })
    expect(shortlisted.json.application).toMatchObject({ status: 'SHORTLISTED', view: 'partner', actions: { accept: true, decline: true } })
    const asked = await api('POST', `/applications/${applicationId}/decision`, { token: partnerToken, json: { intent: 'requestInfo', message: 'Pouvez-vous préciser le calendrier ?' } })
    expect(asked.status).toBe(200)
    expect(asked.json.application).toMatchObject({ status: 'INFO_REQUESTED', view: 'partner', messages: [expect.objectContaining({ body: 'Pouvez-vous préciser le calendrier ?' })] })
    const notOffered = await api('POST', `/applications/${applicationId}/decision`, { token: partnerToken, json: { intent: 'withdraw' } })
    expectError(notOffered, 400, 'validation_failed')
    expect(notOffered.json.error.fields).toEqual({ intent: ['Choix invalide.'] })
    const illegal = await api('POST', `/applications/${applicationId}/decision`, { token: partnerToken, json: { intent: 'accept' } })
    expectError(illegal, 409, 'invalid_transition')

    const declined = await api('POST', `/applications/${applicationId}/decision`, {
      token: partnerToken,
      json: { intent: 'decline', reason: 'BUDGET', comment: 'Le prix dépasse notre enveloppe pour ce pilote.' },
    })
    expect(declined.status).toBe(200)
    expect(declined.json.application).toMatchObject({ status: 'DECLINED', declineReason: 'BUDGET' })

    const seen = await api('GET', `/applications/${applicationId}`, { token: firmToken })
    expect(seen.status).toBe(200)
    expect(seen.json.application).toMatchObject({
      view: 'firm',
      status: 'DECLINED',
      declineReason: 'BUDGET',
      declineComment: 'Le prix dépasse notre enveloppe pour ce pilote.',
      decidedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    })

    // The partner closes the need; awarding without an accepted application is refused with a sentence.
    const closed = await api('POST', `/needs/${needId}/lifecycle`, { token: partnerToken, json: { action: 'close' } })
    expect(closed.json.need).toMatchObject({ status: 'CLOSED', actions: { award: true, notAward: true } })
    const award = await api('POST', `/needs/${needId}/lifecycle`, { token: partnerToken, json: { action: 'award' } })
    expectError(award, 409, 'no_accepted_application')
    const reopened = await api('POST', `/needs/${needId}/lifecycle`, { token: partnerToken, json: { action: 'close' } })
    expectError(reopened, 409, 'invalid_transition')
    expect(reopened.json.error.message).toContain('« Clos »')
    const notAwarded = await api('POST', `/needs/${needId}/lifecycle`, { token: partnerToken, json: { action: 'notAward' } })
    expect(notAwarded.json.need.status).toBe('NOT_AWARDED')
  })

  test('an edit of a published need becomes a revision for the moderators', async () => {
    const need = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    const revised = await api('PATCH', `/needs/${need.id}`, { token: partnerToken, json: { budgetMaxEur: 120000, title: 'Maintenance prédictive, deuxième version' } })
    expect(revised.status).toBe(200)
    expect(revised.json.need).toMatchObject({ status: 'PUBLISHED', title: need.title, revision: { state: 'SUBMITTED', title: 'Maintenance prédictive, deuxième version', budgetMaxEur: 120000 } })
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).budgetMaxEur).toBe(80000)
    // The firm keeps seeing the approved version and nothing of the revision.
    const firmView = await api('GET', `/needs/${need.id}`, { token: firmToken })
    expect(firmView.json.need).toMatchObject({ title: need.title, revision: null })
  })

  test('messages in the language of the token’s creator', async () => {
    const english = await createMember(market.hub.id, 'PARTNER')
    await prisma.user.update({ where: { id: english.user.id }, data: { locale: 'en' } })
    const token = await tokenFor(english.user.id, english.organisation.id)
    const refused = await api('POST', '/needs', { token, json: { kind: 'PILOT', title: 'abc', budgetMaxEur: 'lots' } })
    expectError(refused, 400, 'validation_failed')
    expect(refused.json.error.message).not.toBe('Certaines informations sont à corriger.')
    expect(refused.json.error.fields.title).toEqual(['Too short.'])
  })
})

describe('bad requests answer the error shape, never a 500, and write nothing', () => {
  let partnerToken: string
  let market: Awaited<ReturnType<typeof createMarketplace>>

  beforeAll(async () => {
    market = await createMarketplace()
    partnerToken = await tokenFor(market.partner.user.id, market.partner.organisation.id)
  })

  test.each([
    ['malformed JSON', { body: '{"kind": "PILOT",', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_json'],
    ['invalid UTF-8', { body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_json'],
    ['a form instead of JSON', { body: 'kind=PILOT&title=Bonjour', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
    ['JSON without a content type', { body: '{"kind":"PILOT"}' }, 415, 'unsupported_media_type'],
    ['an array', { json: [completeNeed] }, 400, 'validation_failed'],
    ['a string', { json: 'PILOT' }, 400, 'validation_failed'],
    ['null', { json: null }, 400, 'validation_failed'],
    ['a body over 1 MiB', { json: { ...completeNeed, description: 'x'.repeat(1_100_000) } }, 413, 'payload_too_large'],
    ['a body nested too deep', { body: `{"kind":${'['.repeat(5000)}${']'.repeat(5000)}}`, headers: { 'Content-Type': 'application/json' } }, 400, 'validation_failed'],
    ['an empty body', { body: '', headers: { 'Content-Type': 'application/json' } }, 400, 'validation_failed'],
  ] as const)('POST /needs with %s', async (_label, call, status, code) => {
    const before = await prisma.need.count()
    expectError(await api('POST', '/needs', { token: partnerToken, ...(call as Call) }), status, code)
    expect(await prisma.need.count()).toBe(before)
  })

  test('field errors: wrong types, unknown enums and fields, sizes — every field named, in French', async () => {
    const result = await api('POST', '/needs', {
      token: partnerToken,
      json: { kind: 'GRANT', title: 42, budgetMinEur: '10k', budgetMaxEur: 1.5, skills: [1, 2], deadline: '2030-02-31', remoteOk: 'oui', summary: 's'.repeat(501), nafCodes: ['6201'], colour: 'blue', submit: 'yes' },
    })
    expectError(result, 400, 'validation_failed')
    expect(result.json.error.message).toBe('Certaines informations sont à corriger.')
    expect(result.json.error.fields).toEqual({
      kind: ['Choix invalide.'],
      title: ['Type invalide : un texte est attendu.'],
      budgetMinEur: ['Type invalide : un nombre entier est attendu.'],
      budgetMaxEur: ['Type invalide : un nombre entier est attendu.'],
      skills: ['Type invalide : une liste de textes est attendue.'],
      deadline: ['Saisissez une date valide.'],
      remoteOk: ['Type invalide : true ou false est attendu.'],
      summary: ['Trop long.'],
      nafCodes: ['Code NAF invalide (format 62.01Z).'],
      colour: ['Champ inconnu.'],
      submit: ['Type invalide : true ou false est attendu.'],
    })
  })

  test('NUL and control characters are removed before validation; numeric strings and comma lists are accepted', async () => {
    const result = await api('POST', '/needs', {
      token: partnerToken,
      json: { kind: 'PILOT', title: 'Vision\u0000 industrielle\u0007 en ligne', skills: 'vision, python', budgetMaxEur: '30000', description: 'Ligne 1\nLigne 2\u0000' },
    })
    expect(result.status).toBe(201)
    const stored = await prisma.need.findUniqueOrThrow({ where: { id: result.json.need.id } })
    expect(stored).toMatchObject({ title: 'Vision industrielle en ligne', skills: ['vision', 'python'], budgetMaxEur: 30000, description: 'Ligne 1\nLigne 2' })

    const onlyNul = await api('POST', '/needs', { token: partnerToken, json: { kind: 'PILOT', title: '\u0000'.repeat(20) } })
    expectError(onlyNul, 400, 'validation_failed')
    expect(onlyNul.json.error.fields).toEqual({ title: ['Trop court.'] })
  })

  test('bad filters answer 400 with the field; unknown parameters are ignored', async () => {
    const result = await api('GET', '/needs?budgetMin=abc&sort=cheapest&kind=GRANT&deadlineBefore=demain&q=%00&foo=bar', { token: partnerToken })
    expectError(result, 400, 'validation_failed')
    expect(Object.keys(result.json.error.fields).sort()).toEqual(['budgetMin', 'deadlineBefore', 'kind', 'sort'])
    expect((await api('GET', '/needs?q=%00%01&foo=bar', { token: partnerToken })).status).toBe(200)
    expectError(await api('POST', '/needs?submit=maybe', { token: partnerToken, json: completeNeed }), 400, 'validation_failed')
  })

  test('unknown ids and addresses answer JSON 404; other methods 405', async () => {
    expectError(await api('GET', '/needs/does-not-exist', { token: partnerToken }), 404, 'not_found')
    expectError(await api('GET', `/needs/${'x'.repeat(65)}`, { token: partnerToken }), 404, 'not_found')
    expectError(await api('GET', '/needs/bad%20id', { token: partnerToken }), 404, 'not_found')
    expectError(await api('GET', '/applications/nope', { token: partnerToken }), 404, 'not_found')
    expectError(await api('GET', '/tenders', { token: partnerToken }), 404, 'not_found')
    expectError(await api('POST', '/needs/x/y/z', { token: partnerToken, json: {} }), 404, 'not_found')
    const deleted = await api('DELETE', '/needs', { token: partnerToken })
    expectError(deleted, 405, 'method_not_allowed')
    expect(deleted.headers.get('Allow')).toBe('GET, POST, HEAD, OPTIONS')
    expectError(await api('PUT', '/needs/abc', { token: partnerToken, json: completeNeed }), 405, 'method_not_allowed')
    expectError(await api('POST', '/openapi.json'), 405, 'method_not_allowed')
  })

  test('lifecycle and submit bodies are checked too; a refused transition is a 409 with a sentence', async () => {
    const draft = await createNeed(market.partner.organisation.id, market.hub.id, market.partner.user.id)
    const before = await prisma.need.findUniqueOrThrow({ where: { id: draft.id } })
    expectError(await api('POST', `/needs/${draft.id}/lifecycle`, { token: partnerToken, json: { action: 'delete' } }), 400, 'validation_failed')
    expectError(await api('POST', `/needs/${draft.id}/lifecycle`, { token: partnerToken }), 400, 'validation_failed')
    expectError(await api('POST', `/needs/${draft.id}/submit`, { token: partnerToken, json: { now: true } }), 400, 'validation_failed')
    const closing = await api('POST', `/needs/${draft.id}/lifecycle`, { token: partnerToken, json: { action: 'close' } })
    expectError(closing, 409, 'invalid_transition')
    expect(closing.json.error.message).toBe('Action impossible : ce besoin est au statut « Brouillon ».')
    expect(await prisma.need.findUniqueOrThrow({ where: { id: draft.id } })).toEqual(before)
  })
})

describe('the OpenAPI document', () => {
  test('is public, OpenAPI 3.1, and lists exactly the route files of app/routes/api.v1.*', async () => {
    const result = await api('GET', '/openapi.json')
    expect(result.status).toBe(200)
    const document = result.json
    expect(document.openapi).toBe('3.1.0')
    expect(document.servers).toEqual([{ url: 'http://localhost:3000/api/v1' }])
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })

    const files = readdirSync(path.resolve('app/routes')).filter((file) => file.startsWith('api.v1.'))
    // The catch-all (`api.v1.$.ts`) only answers JSON 404s for unknown addresses.
    const routePaths = files
      .filter((file) => file !== 'api.v1.$.ts')
      .map((file) =>
        `/${file
          .replace(/^api\.v1\./, '')
          .replace(/\.tsx?$/, '')
          .split(/\.(?![^[]*\])/)
          .filter((segment) => segment !== '_index')
          .map((segment) => segment.replace(/^\$(\w+)$/, '{$1}').replace(/\[\.\]/g, '.'))
          .join('/')}`,
      )
    expect(routePaths.sort()).toEqual(Object.keys(document.paths).sort())

    // Every operation: a summary, a success response, the error shape; every body from its schema.
    for (const [pathName, operations] of Object.entries(document.paths as Record<string, Record<string, Loose>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.summary, `${method} ${pathName}`).toBeTruthy()
        const statuses = Object.keys(operation.responses)
        expect(statuses.some((status) => status.startsWith('2'))).toBe(true)
        if (pathName !== '/openapi.json') {
          expect(operation.responses['401']).toEqual({ $ref: '#/components/responses/Error401' })
          expect(operation.security).toBeUndefined()
        } else {
          expect(operation.security).toEqual([])
        }
      }
    }
    const createBody = document.paths['/needs'].post.requestBody.content['application/json'].schema
    expect(createBody).toMatchObject({
      type: 'object',
      required: ['kind', 'title'],
      additionalProperties: false,
      properties: {
        title: { type: 'string', minLength: 5, maxLength: 140 },
        budgetMaxEur: { type: 'integer', minimum: 0, maximum: 100_000_000 },
        skills: { type: 'array', items: { type: 'string' } },
        remoteOk: { type: 'boolean' },
        deadline: { type: 'string', format: 'date' },
        submit: { type: 'boolean' },
      },
    })
    expect(document.paths['/needs/{needId}'].patch.requestBody.content['application/json'].schema.required).toBeUndefined()
    const decision = document.paths['/applications/{applicationId}/decision'].post.requestBody.content['application/json'].schema
    expect(decision.oneOf.map((option: Loose) => option.properties.intent.const)).toEqual(['shortlist', 'requestInfo', 'accept', 'decline'])
    expect(document.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'fields'])
    expect(document.paths['/needs'].get.parameters.map((parameter: Loose) => parameter.name)).toEqual(
      expect.arrayContaining(['q', 'kind', 'naf', 'budgetMin', 'budgetMax', 'deadlineBefore', 'distanceKm', 'hub', 'sort', 'page']),
    )
  })
})
