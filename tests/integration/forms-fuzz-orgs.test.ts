import { createHash, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { isKnownNafCode } from '#app/modules/naf/naf'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { memberRoles, orgKinds, revenueBands } from '#app/modules/organisations/schema'
import { isValidSiren } from '#app/modules/organisations/siren'
import { staffRoleKinds } from '#app/modules/staff/schema'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createOrganisation, createStaff, createUser, randomSiren } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import {
  badForm,
  badInteger,
  blank,
  malformedId,
  maybeControls,
  MISSING,
  repeated,
  tooLong,
  tooShort,
  unknownChoice,
  unknownId,
  withJunk,
  badNafList,
  badEmail,
} from '#tests/helpers/fuzz/arbitraries'
import { assertRefused, form, RUNS, type Case } from '#tests/helpers/fuzz/check'
import { type Browser, signIn, type Fields } from '#tests/helpers/fuzz/client'

/**
 * Generated bad input on the organisation and staff forms: creating an organisation, inviting a
 * team member (organisation page), API tokens (organisation settings), accepting an invitation,
 * the staff's moderation of organisations and the hub team (grant, revoke). Every generated form
 * must be refused with a 4xx and a message, and write nothing.
 */
const TIMEOUT = { timeout: 240_000 }
const currentYear = new Date().getFullYear()


/** Nine digits whose check digit is wrong, and other shapes that are no SIREN. */
const badSiren = fc.oneof(
  fc.stringMatching(/^\d{9}$/).filter((value) => !isValidSiren(value)),
  fc.stringMatching(/^\d{1,8}$/),
  fc.stringMatching(/^\d{10,20}$/),
  fc.stringMatching(/^[A-Z]{2}\d{7}$/),
  fc.constantFrom('55210055A', '552 100 55', '５５２１００５５４', '552-100-555', 'FR552100554'),
  fc.stringMatching(/^\d{21,40}$/),
)

const badUrl = fc.oneof(
  fc.constantFrom('ftp://neve.example', 'javascript:alert(1)', 'neve.example', 'http//neve', 'mailto:a@test.example', 'https://', 'data:text/html,x', '//neve.example', 'https://neve example', 'file:///etc/passwd'),
  tooLong(300, 'https://neve.example/'),
)

const badCommune = fc.oneof(fc.constantFrom('99999', 'Atlantis', '00000', 'Atlantis (75)', '2A999', '97999', 'Grenoble (75)', '38', 'Beaufort'), tooLong(80))

describe('organisation and staff forms: generated bad input is refused with a message and writes nothing', () => {
  let hubA: Awaited<ReturnType<typeof createHub>>
  let hubB: Awaited<ReturnType<typeof createHub>>
  let firm: Awaited<ReturnType<typeof createMember>>
  let adminA: Awaited<ReturnType<typeof createUser>>
  let moderatorA: Awaited<ReturnType<typeof createUser>>
  let owner: Browser
  let member: Browser
  let outsider: Browser
  let staffA: Browser
  let staffAdmin: Browser
  let newcomer: Browser
  let takenSiren: string

  beforeAll(async () => {
    hubA = await createHub()
    hubB = await createHub()
    adminA = await createStaff(hubA.id, 'ADMIN')
    moderatorA = await createStaff(hubA.id, 'MODERATOR')
    await createStaff(hubB.id, 'ADMIN')
    firm = await createMember(hubA.id, 'FIRM')
    takenSiren = firm.organisation.siren!
    const plain = await createUser()
    await prisma.membership.create({ data: { userId: plain.id, organisationId: firm.organisation.id, role: 'MEMBER' } })
    const other = await createMember(hubA.id, 'PARTNER')
    const fresh = await createUser()
    ;[owner, member, outsider, staffA, staffAdmin, newcomer] = await Promise.all([
      signIn(firm.user.email),
      signIn(plain.email),
      signIn(other.user.email),
      signIn(moderatorA.email),
      signIn(adminA.email),
      signIn(fresh.email),
    ])
  })

  // ───────── creating an organisation ─────────

  const organisation = (): Fields => ({
    kind: 'FIRM',
    name: 'Névé Robotique',
    siren: randomSiren(),
    homeHubId: hubA.id,
    communeInsee: 'Meylan (38)',
    headcount: '14',
    revenueBand: 'M2_5M',
    foundedYear: '2016',
    website: 'https://neve-robotique.example',
    description: 'Robots de maintenance pour les remontées mécaniques.',
    skills: 'robotique, vision industrielle',
    nafCodes: '62.01Z, 28.99B',
  })

  test('create organisation: a valid form creates it, pending, its creator owner', async () => {
    const valid = organisation()
    const answer = await newcomer.post('/orgs/new', valid)
    expect(answer.status).toBe(302)
    const created = await prisma.organisation.findUniqueOrThrow({ where: { siren: valid.siren as string }, include: { memberships: true } })
    expect(answer.location).toBe(`/orgs/${created.slug}`)
    expect(created).toMatchObject({ status: 'PENDING', communeInsee: '38229', nafCodes: ['62.01Z', '28.99B'] })
  })

  test(`create organisation: ${RUNS} bad forms`, TIMEOUT, async () => {
    const valid = organisation()
    const forms = badForm(valid, {
      kind: fc.oneof(unknownChoice(orgKinds), MISSING, blank, repeated('FIRM')),
      name: fc.oneof(blank, tooShort(2), tooLong(120), repeated('Névé Robotique'), MISSING),
      siren: fc.oneof(maybeControls(badSiren), blank, MISSING, repeated(valid.siren as string), fc.constantFrom(takenSiren, `${takenSiren.slice(0, 3)} ${takenSiren.slice(3, 6)} ${takenSiren.slice(6)}`)),
      homeHubId: fc.oneof(unknownId, blank, MISSING, fc.stringMatching(/^[a-z0-9]{65,100}$/), repeated(hubA.id)),
      communeInsee: fc.oneof(badCommune, blank, MISSING, repeated('38185')),
      headcount: fc.oneof(badInteger(1, 1_000_000), repeated('14')),
      revenueBand: fc.oneof(unknownChoice(revenueBands), repeated('M2_5M')),
      foundedYear: fc.oneof(badInteger(1800, currentYear), repeated('2016')),
      website: fc.oneof(badUrl, repeated('https://neve.example')),
      description: fc.oneof(tooLong(5000), repeated('Présentation')),
      skills: fc.oneof(tooLong(2000), repeated('iot')),
      nafCodes: fc.oneof(badNafList, repeated('62.01Z')),
    })
    await assertRefused(withJunk(forms, Object.keys(valid)).map(form(newcomer, '/orgs/new')))
  })

  test(`create organisation: ${RUNS} NAF codes of the right shape that are not in the nomenclature (refused by the profile editor)`, TIMEOUT, async () => {
    const unknownCode = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')))
      .map(([a, b, letter]) => `${String(a).padStart(2, '0')}.${String(b).padStart(2, '0')}${letter}`)
      .filter((code) => !isKnownNafCode(code))
    const forms = fc.tuple(unknownCode, fc.boolean()).map(([code, withKnown]): Fields => ({ ...organisation(), nafCodes: withKnown ? `62.01Z, ${code}` : code }))
    await assertRefused(forms.map(form(newcomer, '/orgs/new')))
  })

  // ───────── inviting a team member ─────────

  test('team invitation: a valid form invites (invitation, e-mail, audit)', async () => {
    const email = `recrue-${randomBytes(3).toString('hex')}@test.example`
    const answer = await owner.post(`/orgs/${firm.organisation.slug}`, { email, role: 'ADMIN' })
    expect(answer.status).toBe(200)
    expect(await prisma.invitation.count({ where: { email, organisationId: firm.organisation.id } })).toBe(1)
  })

  test(`team invitation: ${RUNS} bad forms, other people's organisations, bad addresses`, TIMEOUT, async () => {
    const path = `/orgs/${firm.organisation.slug}`
    const valid = { email: 'nouvelle-recrue@test.example', role: 'MEMBER' }
    const bad = badForm(valid, {
      email: fc.oneof(badEmail, fc.constantFrom(firm.user.email, firm.user.email.toUpperCase())),
      role: fc.oneof(unknownChoice(memberRoles), fc.constant('OWNER'), repeated('MEMBER')),
    })
    const cases = fc.oneof(
      { arbitrary: withJunk(bad, ['email', 'role']).map(form(owner, path)), weight: 6 },
      // A valid form, from those who may not invite: a plain member (403), another organisation, hub staff (404).
      { arbitrary: fc.constantFrom(member, outsider, staffA).map((as): Case => ({ as, path, body: { kind: 'form', fields: valid } })), weight: 2 },
      // Organisations that do not exist, addresses that are no slug.
      { arbitrary: fc.oneof(unknownId, malformedId).map((slug): Case => ({ as: owner, path: `/orgs/${encodeURIComponent(slug)}`, body: { kind: 'form', fields: valid } })), weight: 2 },
    )
    await assertRefused(cases)
  })

  // ───────── API tokens (organisation settings) ─────────

  test('API tokens: a valid name creates a token, shown once', async () => {
    const answer = await owner.post(`/orgs/${firm.organisation.slug}/settings`, { intent: 'create', name: 'Outil CRM' })
    expect(answer.status).toBe(200)
    expect(answer.text).toMatch(/sil_[0-9a-f]{8}_/)
    expect(await prisma.apiToken.count({ where: { organisationId: firm.organisation.id, name: 'Outil CRM' } })).toBe(1)
  })

  test(`API tokens: ${RUNS} bad forms (create, revoke, intents)`, TIMEOUT, async () => {
    const path = `/orgs/${firm.organisation.slug}/settings`
    const other = await createMember(hubA.id, 'FIRM')
    const foreign = await createApiToken(await actorFor(other.user.id), other.organisation.id, { name: 'Ailleurs' })
    const intent = fc.oneof(unknownChoice(['create', 'revoke']), MISSING, blank, repeated('create'))
    const create = badForm({ intent: 'create', name: 'Outil achats' }, { intent, name: fc.oneof(blank, tooShort(2), tooLong(60), repeated('Outil'), MISSING) })
    const revoke = badForm(
      { intent: 'revoke', tokenId: foreign.id },
      { intent, tokenId: fc.oneof(unknownId, malformedId, blank, MISSING, repeated(foreign.id), fc.constant(foreign.id)) },
    )
    const cases = fc.oneof(
      withJunk(create, ['intent', 'name']).map(form(owner, path)),
      withJunk(revoke, ['intent', 'tokenId']).map(form(owner, path)),
      fc.constantFrom(member, outsider, staffA).map((as): Case => ({ as, path, body: { kind: 'form', fields: { intent: 'create', name: 'Outil achats' } } })),
    )
    await assertRefused(cases)
    expect(await prisma.apiToken.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ revokedAt: null })
  })

  // ───────── accepting an invitation ─────────

  async function invitation(email: string, overrides: { expiresAt?: Date; acceptedAt?: Date } = {}) {
    const token = randomBytes(32).toString('base64url')
    await prisma.invitation.create({
      data: {
        organisationId: firm.organisation.id,
        email,
        role: 'MEMBER',
        tokenHash: createHash('sha256').update(token).digest('hex'),
        invitedById: firm.user.id,
        expiresAt: overrides.expiresAt ?? new Date(Date.now() + 86_400_000),
        acceptedAt: overrides.acceptedAt ?? null,
      },
    })
    return token
  }

  test('invitation: the invited person joins', async () => {
    const invited = await createUser()
    const token = await invitation(invited.email)
    const answer = await (await signIn(invited.email)).post(`/invitations/${token}`, {})
    expect(answer.status).toBe(302)
    expect(answer.location).toBe(`/orgs/${firm.organisation.slug}`)
    expect(await prisma.membership.count({ where: { userId: invited.id, organisationId: firm.organisation.id } })).toBe(1)
  })

  test(`invitation: ${RUNS} unknown, used, expired or someone else's links`, TIMEOUT, async () => {
    const invitee = await createUser()
    const visitor = await signIn(invitee.email)
    const forSomeoneElse = await invitation('quelquun-d-autre@test.example')
    const expired = await invitation(invitee.email, { expiresAt: new Date(Date.now() - 1000) })
    const used = await invitation(invitee.email, { acceptedAt: new Date() })
    const tokens = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{1,120}$/),
      fc.constantFrom(forSomeoneElse, expired, used, forSomeoneElse.toUpperCase(), `${used}x`),
      malformedId,
      fc.string({ minLength: 1, maxLength: 60 }),
    )
    const bodies = fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string({ maxLength: 20 }), repeated('x')), { maxKeys: 3 })
    const cases = fc.tuple(tokens, bodies).map(([token, fields]): Case => ({ as: visitor, path: `/invitations/${encodeURIComponent(token)}`, body: { kind: 'form', fields } }))
    await assertRefused(cases)
  })

  // ───────── staff: moderating organisations ─────────

  test('staff moderation: a moderator verifies a pending organisation', async () => {
    const pending = await createOrganisation(hubA.id, 'FIRM', { status: 'PENDING' })
    const answer = await staffA.post('/staff/organisations', { organisationId: pending.id, action: 'verify', reason: '' })
    expect(answer.status).toBe(302)
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('VERIFIED')
  })

  test(`staff moderation: ${RUNS} bad forms (unknown or other hubs' organisations, actions, transitions, reasons)`, TIMEOUT, async () => {
    const pending = await createOrganisation(hubA.id, 'FIRM', { status: 'PENDING' })
    const verified = await createOrganisation(hubA.id, 'FIRM', { status: 'VERIFIED' })
    const elsewhere = await createOrganisation(hubB.id, 'FIRM', { status: 'PENDING' })
    const valid = { organisationId: pending.id, action: 'verify', reason: '' }
    const forms = badForm(valid, {
      organisationId: fc.oneof(unknownId, malformedId, blank, MISSING, repeated(pending.id), fc.constantFrom(elsewhere.id, verified.id)),
      // A pending organisation cannot be suspended or reinstated; rejecting needs a reason.
      action: fc.oneof(unknownChoice(['verify', 'reject', 'suspend', 'reinstate']), MISSING, blank, repeated('verify'), fc.constantFrom('suspend', 'reinstate', 'reject')),
      reason: fc.oneof(tooLong(1000), repeated('Motif')),
    })
    const cases = fc.oneof(
      { arbitrary: withJunk(forms, Object.keys(valid)).map(form(staffA, '/staff/organisations')), weight: 8 },
      // Not staff: a firm owner.
      { arbitrary: fc.constant<Case>({ as: owner, path: '/staff/organisations', body: { kind: 'form', fields: valid } }), weight: 1 },
    )
    await assertRefused(cases)
  })

  // ───────── staff: the hub team ─────────

  test('staff team: an admin grants a role, then revokes it', async () => {
    const candidate = await createUser()
    const granted = await staffAdmin.post('/staff/team', { intent: 'grant', hubId: hubA.id, email: candidate.email, role: 'MODERATOR' })
    expect(granted.status).toBe(302)
    const role = await prisma.staffRole.findUniqueOrThrow({ where: { userId_hubId: { userId: candidate.id, hubId: hubA.id } } })
    const revoked = await staffAdmin.post('/staff/team', { intent: 'revoke', staffRoleId: role.id })
    expect(revoked.status).toBe(302)
    expect(await prisma.staffRole.count({ where: { id: role.id } })).toBe(0)
  })

  test(`staff team: ${RUNS} bad grant and revoke forms (other hubs, unknown accounts, the last admin)`, TIMEOUT, async () => {
    const candidate = await createUser()
    const moderatorRole = await prisma.staffRole.findUniqueOrThrow({ where: { userId_hubId: { userId: moderatorA.id, hubId: hubA.id } } })
    const adminRole = await prisma.staffRole.findUniqueOrThrow({ where: { userId_hubId: { userId: adminA.id, hubId: hubA.id } } })
    const elsewhereRole = await prisma.staffRole.findFirstOrThrow({ where: { hubId: hubB.id } })
    const intent = fc.oneof(unknownChoice(['grant', 'revoke']), MISSING, blank, repeated('grant'), repeated('revoke'))
    const grant = badForm(
      { intent: 'grant', hubId: hubA.id, email: candidate.email, role: 'MODERATOR' },
      {
        intent: fc.oneof(intent, fc.constant('revoke')),
        hubId: fc.oneof(unknownId, blank, MISSING, fc.stringMatching(/^[a-z0-9]{65,100}$/), repeated(hubA.id), fc.constant(hubB.id)),
        // An address without an account; the hub's only admin made a moderator (409).
        email: fc.oneof(badEmail, fc.constantFrom('personne@inconnu.example', adminA.email)),
        role: fc.oneof(unknownChoice(staffRoleKinds), MISSING, blank, repeated('MODERATOR')),
      },
    )
    const revoke = badForm(
      { intent: 'revoke', staffRoleId: moderatorRole.id },
      {
        intent: fc.oneof(intent, fc.constant('grant')),
        // Another hub's role (404); the last admin's own role (409).
        staffRoleId: fc.oneof(unknownId, malformedId, blank, MISSING, repeated(moderatorRole.id), fc.constantFrom(elsewhereRole.id, adminRole.id)),
      },
    )
    const cases = fc.oneof(
      { arbitrary: withJunk(grant, ['intent', 'hubId', 'email', 'role']).map(form(staffAdmin, '/staff/team')), weight: 4 },
      { arbitrary: withJunk(revoke, ['intent', 'staffRoleId']).map(form(staffAdmin, '/staff/team')), weight: 3 },
      // A moderator is not an admin: every team form is refused.
      { arbitrary: fc.constant<Case>({ as: staffA, path: '/staff/team', body: { kind: 'form', fields: { intent: 'grant', hubId: hubA.id, email: candidate.email, role: 'MODERATOR' } } }), weight: 1 },
    )
    await assertRefused(cases)
  })
})
