import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { isKnownNafCode } from '#app/modules/naf/naf'
import { clientTypes, profileIntents } from '#app/modules/organisations/profile-schema'
import { revenueBands } from '#app/modules/organisations/schema'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createOrganisation, createStaff, createUser } from '#tests/factories'
import { signedIn, Visitor, type FormFields } from '#tests/helpers/app'

/**
 * The organisation profile: its editor (/orgs/<slug>/edit, one form per section), its page, and
 * the resource routes of the pickers. Every refusal is a 4xx that writes nothing.
 */
const currentYear = new Date().getFullYear()

async function stateOf(organisationId: string) {
  const [organisation, references, audit] = await Promise.all([
    prisma.organisation.findUniqueOrThrow({ where: { id: organisationId } }),
    prisma.reference.findMany({ where: { organisationId }, orderBy: { id: 'asc' } }),
    prisma.auditLog.count(),
  ])
  return { organisation, references, audit }
}

async function expectRefused(visitor: Visitor, path: string, form: FormFields, organisationId: string, status: number, message?: string) {
  const before = await stateOf(organisationId)
  const response = await visitor.post(path, form)
  const body = await response.text()
  expect(response.status, `${JSON.stringify(form).slice(0, 200)} → ${body.slice(0, 200)}`).toBe(status)
  if (message) expect(body).toContain(message)
  expect(await stateOf(organisationId)).toEqual(before)
}

async function addMember(organisationId: string, role: 'OWNER' | 'ADMIN' | 'MEMBER') {
  const user = await createUser()
  await prisma.membership.create({ data: { userId: user.id, organisationId, role } })
  return user
}

const general: FormFields = {
  intent: 'general',
  name: 'Névé Robotique',
  website: 'https://neve-robotique.example',
  communeInsee: 'Meylan (38)',
  headcount: '14',
  revenueBand: 'M2_5M',
  foundedYear: '2016',
  description: 'Robots de maintenance pour les remontées mécaniques, conçus et fabriqués à Meylan.',
  offerings: 'Inspection automatisée des câbles, vision industrielle, jumeaux numériques.',
}

const expertise: FormFields = {
  intent: 'expertise',
  skills: 'Vision industrielle, ROS ; Python, python',
  nafCodes: '6201z, 28.99B',
  labels: 'French Tech, Deeptech, french tech',
}

const reference: FormFields = {
  intent: 'reference-add',
  title: 'Inspection des câbles du téléphérique de la Bastille',
  description: 'Un robot grimpeur qui filme le câble et détecte les torons cassés.',
  clientType: 'PUBLIC_AUTHORITY',
  year: '2023',
  outcome: 'Pilote transformé en contrat de trois ans.',
}

describe('the profile editor', () => {
  let hub: Awaited<ReturnType<typeof createHub>>
  let firm: Awaited<ReturnType<typeof createMember>>
  let partner: Awaited<ReturnType<typeof createMember>>
  let owner: Visitor
  let partnerOwner: Visitor

  beforeAll(async () => {
    hub = await createHub({ charterResponseDays: 20 })
    firm = await createMember(hub.id, 'FIRM', { organisation: { siren: '552100554', nafCodes: ['62.01Z'], skills: ['iot'] } })
    partner = await createMember(hub.id, 'PARTNER')
    owner = await signedIn(firm.user.email)
    partnerOwner = await signedIn(partner.user.email)
  })

  test('owners and admins open it; plain members get 403, outsiders and hub staff 404, visitors the log-in', async () => {
    const page = await owner.get(`/orgs/${firm.organisation.slug}/edit`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Informations générales')
    expect(html).toContain('Compétences, secteurs et labels')
    expect(html).toContain('Références')
    expect(html).toContain('Le SIREN et le type d’organisation ne se modifient pas')
    expect(html).toContain('552100554')
    expect(html).toContain('Programmation informatique') // the label of the firm's NAF code
    expect(html).not.toContain('Charte Small Business Act')

    const admin = await signedIn((await addMember(firm.organisation.id, 'ADMIN')).email)
    expect((await admin.get(`/orgs/${firm.organisation.slug}/edit`)).status).toBe(200)
    const member = await signedIn((await addMember(firm.organisation.id, 'MEMBER')).email)
    expect((await member.get(`/orgs/${firm.organisation.slug}/edit`)).status).toBe(403)
    const outsider = await signedIn((await createMember(hub.id, 'FIRM')).user.email)
    expect((await outsider.get(`/orgs/${firm.organisation.slug}/edit`)).status).toBe(404)
    const staff = await signedIn((await createStaff(hub.id)).email)
    expect((await staff.get(`/orgs/${firm.organisation.slug}/edit`)).status).toBe(404)
    expect((await owner.get('/orgs/no-such-organisation/edit')).status).toBe(404)
    const anonymous = await new Visitor().get(`/orgs/${firm.organisation.slug}/edit`)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)

    const partnerPage = await (await partnerOwner.get(`/orgs/${partner.organisation.slug}/edit`)).text()
    expect(partnerPage).toContain('Charte Small Business Act')
    expect(partnerPage).not.toContain('Compétences, secteurs et labels')
  })

  test('general information: saved, audited, the SIREN, kind and status untouched', async () => {
    const response = await owner.post(`/orgs/${firm.organisation.slug}/edit`, {
      ...general,
      // Not editable: ignored.
      siren: '356000000',
      kind: 'PARTNER',
      status: 'PENDING',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/orgs/${firm.organisation.slug}/edit#general`)
    const saved = await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })
    expect(saved).toMatchObject({
      name: 'Névé Robotique',
      website: 'https://neve-robotique.example',
      communeInsee: '38229',
      communeName: 'Meylan',
      headcount: 14,
      revenueBand: 'M2_5M',
      foundedYear: 2016,
      description: general.description,
      offerings: general.offerings,
      siren: '552100554',
      kind: 'FIRM',
      status: 'VERIFIED',
      slug: firm.organisation.slug,
    })
    const audit = await prisma.auditLog.findMany({ where: { targetId: firm.organisation.id } })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'organisation.profile.update', actorId: firm.user.id, actorOrgId: firm.organisation.id, hubId: hub.id })
    expect(audit[0]!.before).toMatchObject({ communeInsee: '38185', headcount: 12, revenueBand: 'M1_2M', foundedYear: 2015 })
    expect(audit[0]!.after).toMatchObject({ name: 'Névé Robotique', communeInsee: '38229', headcount: 14 })

    // The same values again: nothing changes, nothing is written.
    expect((await owner.post(`/orgs/${firm.organisation.slug}/edit`, general)).status).toBe(302)
    expect(await prisma.auditLog.count({ where: { targetId: firm.organisation.id } })).toBe(1)

    // Optional fields emptied become empty.
    const cleared = await owner.post(`/orgs/${firm.organisation.slug}/edit`, { ...general, website: '', headcount: '', revenueBand: '', foundedYear: '', offerings: '' })
    expect(cleared.status).toBe(302)
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })).toMatchObject({
      website: null,
      headcount: null,
      revenueBand: null,
      foundedYear: null,
      offerings: '',
    })
  })

  test('skills, NAF codes and labels: normalised, checked against the nomenclature, audited', async () => {
    const response = await owner.post(`/orgs/${firm.organisation.slug}/edit`, expertise)
    expect(response.status).toBe(302)
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })).toMatchObject({
      skills: ['vision industrielle', 'ros', 'python'],
      nafCodes: ['62.01Z', '28.99B'],
      labels: ['French Tech', 'Deeptech'],
    })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: firm.organisation.id, action: 'organisation.expertise.update' } })
    expect(audit.before).toEqual({ skills: ['iot'], nafCodes: ['62.01Z'], labels: [] })

    await expectRefused(owner, `/orgs/${firm.organisation.slug}/edit`, { ...expertise, nafCodes: '62.01Z, 99.99Z' }, firm.organisation.id, 422, 'n’existe pas dans la nomenclature')
    await expectRefused(owner, `/orgs/${firm.organisation.slug}/edit`, { ...expertise, nafCodes: '6201' }, firm.organisation.id, 400, 'Code NAF invalide')
    await expectRefused(
      owner,
      `/orgs/${firm.organisation.slug}/edit`,
      { ...expertise, labels: Array.from({ length: 11 }, (_, index) => `Label ${index}`).join(', ') },
      firm.organisation.id,
      400,
      'Trop de labels',
    )
  })

  test('references: added, edited, removed, audited; at most 20; another firm’s answer 404', async () => {
    const path = `/orgs/${firm.organisation.slug}/edit`
    const added = await owner.post(path, reference)
    expect(added.status).toBe(302)
    expect(added.headers.get('Location')).toBe(`${path}#references`)
    const created = await prisma.reference.findFirstOrThrow({ where: { organisationId: firm.organisation.id } })
    expect(created).toMatchObject({
      title: reference.title,
      description: reference.description,
      clientType: 'PUBLIC_AUTHORITY',
      year: 2023,
      outcome: reference.outcome,
    })
    expect(await prisma.auditLog.findFirst({ where: { targetId: created.id, action: 'organisation.reference.create' } })).not.toBeNull()

    const updated = await owner.post(path, { ...reference, intent: 'reference-update', referenceId: created.id, clientType: 'HEALTH_ESTABLISHMENT', year: '2024', outcome: '' })
    expect(updated.status).toBe(302)
    expect(await prisma.reference.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ clientType: 'HEALTH_ESTABLISHMENT', year: 2024, outcome: null })
    const updateAudit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: created.id, action: 'organisation.reference.update' } })
    expect(updateAudit.before).toEqual({ clientType: 'PUBLIC_AUTHORITY', year: 2023, outcome: reference.outcome })

    const page = await (await owner.get(`/orgs/${firm.organisation.slug}`)).text()
    expect(page).toContain(reference.title)
    expect(page).toContain('Établissement de santé · 2024')

    const other = await createMember(hub.id, 'FIRM')
    const foreign = await prisma.reference.create({ data: { organisationId: other.organisation.id, title: 'Référence d’une autre entreprise' } })
    await expectRefused(owner, path, { ...reference, intent: 'reference-update', referenceId: foreign.id }, firm.organisation.id, 404)
    await expectRefused(owner, path, { intent: 'reference-remove', referenceId: foreign.id }, firm.organisation.id, 404)
    expect(await prisma.reference.findUnique({ where: { id: foreign.id } })).not.toBeNull()

    const removed = await owner.post(path, { intent: 'reference-remove', referenceId: created.id })
    expect(removed.status).toBe(302)
    expect(await prisma.reference.findUnique({ where: { id: created.id } })).toBeNull()
    expect(await prisma.auditLog.findFirst({ where: { targetId: created.id, action: 'organisation.reference.delete' } })).not.toBeNull()

    await prisma.reference.createMany({
      data: Array.from({ length: 20 }, (_, index) => ({ organisationId: firm.organisation.id, title: `Projet ${index + 1}` })),
    })
    await expectRefused(owner, path, reference, firm.organisation.id, 409, 'Vous avez déjà 20 références')
    const full = await (await owner.get(path)).text()
    expect(full).toContain('Vous avez atteint le maximum de 20 références')
    await prisma.reference.deleteMany({ where: { organisationId: firm.organisation.id } })
  })

  test('the SBA charter: accepted once with its delays, the date kept; hub default delay', async () => {
    const path = `/orgs/${partner.organisation.slug}/edit`
    await expectRefused(partnerOwner, path, { intent: 'charter', responseDays: '15', paymentDays: '30' }, partner.organisation.id, 422, 'Cochez cette case')

    const accepted = await partnerOwner.post(path, { intent: 'charter', acceptCharter: 'on', responseDays: '', paymentDays: '' })
    expect(accepted.status).toBe(302)
    const saved = await prisma.organisation.findUniqueOrThrow({ where: { id: partner.organisation.id } })
    expect(saved.charterAcceptedAt).toBeInstanceOf(Date)
    // The hub's usual delay (20 days here) and 30 days for payment, when left empty.
    expect(saved).toMatchObject({ charterResponseDays: 20, charterPaymentDays: 30, status: 'VERIFIED' })
    expect(await prisma.auditLog.findFirst({ where: { targetId: partner.organisation.id, action: 'organisation.charter.accept' } })).not.toBeNull()

    const changed = await partnerOwner.post(path, { intent: 'charter', responseDays: '10', paymentDays: '45' })
    expect(changed.status).toBe(302)
    const after = await prisma.organisation.findUniqueOrThrow({ where: { id: partner.organisation.id } })
    expect(after).toMatchObject({ charterResponseDays: 10, charterPaymentDays: 45, charterAcceptedAt: saved.charterAcceptedAt })
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: partner.organisation.id, action: 'organisation.charter.update' } })
    expect(audit.before).toEqual({ charterResponseDays: 20, charterPaymentDays: 30 })

    await expectRefused(partnerOwner, path, { intent: 'charter', responseDays: '4', paymentDays: '45' }, partner.organisation.id, 400, 'Valeur trop petite.')
    await expectRefused(partnerOwner, path, { intent: 'charter', responseDays: '10', paymentDays: '61' }, partner.organisation.id, 400, 'Valeur trop grande.')

    const page = await (await partnerOwner.get(`/orgs/${partner.organisation.slug}`)).text()
    expect(page).toContain('Charte acceptée le')
    expect(page).toContain('10 jours')
    expect(page).toContain('45 jours')
  })

  test('each kind has its own sections', async () => {
    await expectRefused(owner, `/orgs/${firm.organisation.slug}/edit`, { intent: 'charter', acceptCharter: 'on' }, firm.organisation.id, 422, 'concerne les grands comptes')
    await expectRefused(partnerOwner, `/orgs/${partner.organisation.slug}/edit`, expertise, partner.organisation.id, 422, 'concerne les entreprises')
    await expectRefused(partnerOwner, `/orgs/${partner.organisation.slug}/edit`, reference, partner.organisation.id, 422)
  })

  test('plain members are refused (403), other organisations and hub staff get 404, on every form', async () => {
    const member = await signedIn((await addMember(firm.organisation.id, 'MEMBER')).email)
    const outsider = await signedIn(partner.user.email)
    const staff = await signedIn((await createStaff(hub.id, 'ADMIN')).email)
    const existing = await prisma.reference.create({ data: { organisationId: firm.organisation.id, title: 'Une référence existante' } })
    const forms: FormFields[] = [
      general,
      expertise,
      reference,
      { ...reference, intent: 'reference-update', referenceId: existing.id },
      { intent: 'reference-remove', referenceId: existing.id },
      { intent: 'charter', acceptCharter: 'on' },
      { intent: 'nonsense' },
    ]
    for (const form of forms) {
      await expectRefused(member, `/orgs/${firm.organisation.slug}/edit`, form, firm.organisation.id, 403)
      await expectRefused(outsider, `/orgs/${firm.organisation.slug}/edit`, form, firm.organisation.id, 404)
      await expectRefused(staff, `/orgs/${firm.organisation.slug}/edit`, form, firm.organisation.id, 404)
    }
    await prisma.reference.delete({ where: { id: existing.id } })
  })

  test('a pending organisation completes its profile; a suspended one only reads', async () => {
    const pending = await createMember(hub.id, 'FIRM', { organisation: { status: 'PENDING' } })
    const pendingOwner = await signedIn(pending.user.email)
    expect((await pendingOwner.post(`/orgs/${pending.organisation.slug}/edit`, expertise)).status).toBe(302)
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: pending.organisation.id } })).status).toBe('PENDING')

    const suspended = await createMember(hub.id, 'FIRM', { organisation: { status: 'SUSPENDED' } })
    const suspendedOwner = await signedIn(suspended.user.email)
    expect((await suspendedOwner.get(`/orgs/${suspended.organisation.slug}/edit`)).status).toBe(403)
    await expectRefused(suspendedOwner, `/orgs/${suspended.organisation.slug}/edit`, general, suspended.organisation.id, 403)
    const page = await (await suspendedOwner.get(`/orgs/${suspended.organisation.slug}`)).text()
    expect(page).not.toContain('Modifier le profil')
  })
})

// ───────── bad input, generated ─────────

const CONTROL_CHARS = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f']

/** Inserts NUL and other control characters, which the server strips before parsing: the value stays as bad as it was. */
function withControlChars(arbitrary: fc.Arbitrary<string>) {
  return fc
    .tuple(arbitrary, fc.array(fc.tuple(fc.nat({ max: 10_000 }), fc.constantFrom(...CONTROL_CHARS)), { minLength: 1, maxLength: 4 }))
    .map(([value, inserts]) =>
      inserts.reduce((text, [position, char]) => {
        const at = position % (text.length + 1)
        return text.slice(0, at) + char + text.slice(at)
      }, value),
    )
}

const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéèàçôABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''))
/** Text longer than `max` once trimmed. */
const tooLong = (max: number, prefix = '') =>
  fc.string({ unit: fc.oneof(letters, fc.constant(' ')), minLength: max + 1, maxLength: max + 200 }).map((middle) => `${prefix}x${middle}x`)
/** Only control characters and spaces: empty once cleaned. */
const blank = fc.array(fc.constantFrom(...CONTROL_CHARS, ' '), { minLength: 0, maxLength: 8 }).map((chars) => chars.join(''))
const notANumber = fc.stringMatching(/^[a-zA-Z]{1,12}$/)
const decimal = fc.integer({ min: 1, max: 5000 }).map((value) => `${value}.5`)
const outOfRange = (min: number, max: number) =>
  fc.oneof(fc.integer({ min: -1_000_000_000, max: min - 1 }), fc.integer({ min: max + 1, max: 999_999_999_999 })).map(String)
const unknownChoice = (choices: readonly string[]) =>
  fc.oneof(
    fc.stringMatching(/^[A-Z_]{1,15}$/).filter((value) => !choices.includes(value)),
    fc.constantFrom(...choices.map((choice) => choice.toLowerCase())).filter((value) => !choices.includes(value)),
  )
/** A field posted twice: an array where one text is expected. */
const twice = (value: string): fc.Arbitrary<string[]> => fc.constant([value, value])
const distinctWords = (count: { min: number; max: number }, length = 8) =>
  fc.uniqueArray(fc.stringMatching(new RegExp(`^[a-z]{${length}}$`)), { minLength: count.min, maxLength: count.max })

type Mutations = Record<string, fc.Arbitrary<string | string[]>>

/**
 * A valid form with one to three of its fields replaced by a bad value (each arbitrary generates
 * only values that must be refused), some of them sprinkled with control characters.
 */
function badForm(valid: FormFields, mutations: Mutations) {
  const entries = Object.entries(mutations).map(([field, arbitrary]) =>
    fc
      .tuple(
        fc.constant(field),
        fc.oneof(
          arbitrary,
          arbitrary.chain<string | string[]>((value) => (typeof value === 'string' ? withControlChars(fc.constant(value)) : fc.constant(value))),
        ),
      )
      .map(([name, value]) => [name, value] as const),
  )
  return fc
    .uniqueArray(fc.oneof(...entries), { minLength: 1, maxLength: 3, selector: ([name]) => name })
    .map((changes) => ({ ...valid, ...Object.fromEntries(changes) }) as FormFields)
}

const unknownIntent = fc.oneof(
  fc.stringMatching(/^[a-z-]{1,20}$/).filter((value) => !(profileIntents as readonly string[]).includes(value)),
  fc.constant(''),
  twice('general'),
)

const referenceMutations: Mutations = {
  title: fc.oneof(blank, fc.constant('ab'), tooLong(160), twice('Un titre valable')),
  description: fc.oneof(tooLong(2000), twice('Une description')),
  clientType: fc.oneof(unknownChoice(clientTypes), twice('PME')),
  year: fc.oneof(outOfRange(1950, currentYear), notANumber, decimal, twice('2020')),
  outcome: fc.oneof(tooLong(1000), twice('Un résultat')),
  intent: unknownIntent,
}

function badReferenceId(foreignId: string) {
  return fc.oneof(
    fc.constant(foreignId),
    fc.stringMatching(/^[a-z0-9]{1,30}$/),
    fc.constantFrom('../etc', 'a b', 'x;DROP TABLE', '%00', 'é'),
    blank,
    tooLong(64),
    twice(foreignId),
  )
}

const RUNS = 120

describe('bad input on every form: 4xx, never 5xx, nothing written', () => {
  let firm: Awaited<ReturnType<typeof createMember>>
  let partner: Awaited<ReturnType<typeof createMember>>
  let owner: Visitor
  let partnerOwner: Visitor
  let referenceId: string
  let foreignReferenceId: string

  beforeAll(async () => {
    const hub = await createHub()
    firm = await createMember(hub.id, 'FIRM')
    partner = await createMember(hub.id, 'PARTNER')
    owner = await signedIn(firm.user.email)
    partnerOwner = await signedIn(partner.user.email)
    referenceId = (await prisma.reference.create({ data: { organisationId: firm.organisation.id, title: 'Référence de départ', year: 2020 } })).id
    const other = await createMember(hub.id, 'FIRM')
    foreignReferenceId = (await prisma.reference.create({ data: { organisationId: other.organisation.id, title: 'Ailleurs' } })).id
  })

  async function check(visitor: Visitor, slug: string, organisationId: string, form: FormFields) {
    const before = await stateOf(organisationId)
    const response = await visitor.post(`/orgs/${slug}/edit`, form)
    const status = response.status
    if (status < 400 || status >= 500) {
      throw new Error(`${status} for ${JSON.stringify(form).slice(0, 400)}: ${(await response.text()).slice(0, 300)}`)
    }
    await response.arrayBuffer()
    expect(await stateOf(organisationId)).toEqual(before)
  }

  test('general information', { timeout: 180_000 }, async () => {
    const arbitrary = badForm(general, {
      name: fc.oneof(blank, fc.constant('x'), tooLong(120), twice('Nom')),
      website: fc.oneof(
        fc.constantFrom('ftp://neve.example', 'javascript:alert(1)', 'neve.example', 'http//neve', 'mailto:a@b.example', 'https://'),
        tooLong(300, 'https://'),
        twice('https://neve.example'),
      ),
      communeInsee: fc.oneof(fc.constantFrom('99999', 'Atlantis', '00000', 'Atlantis (75)', '2A999', 'Beaufort'), blank, tooLong(80), twice('38185')),
      headcount: fc.oneof(notANumber, decimal, outOfRange(1, 1_000_000), fc.constant('1'.repeat(21)), twice('12')),
      revenueBand: fc.oneof(unknownChoice(revenueBands), twice('M1_2M')),
      foundedYear: fc.oneof(outOfRange(1800, currentYear), notANumber, decimal, twice('2010')),
      description: fc.oneof(tooLong(5000), twice('Présentation')),
      offerings: fc.oneof(tooLong(5000), twice('Offre')),
      intent: unknownIntent,
    })
    await fc.assert(
      fc.asyncProperty(arbitrary, (form) => check(owner, firm.organisation.slug, firm.organisation.id, form)),
      { numRuns: RUNS },
    )
  })

  test('skills, NAF codes and labels', { timeout: 180_000 }, async () => {
    const unknownCode = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')))
      .map(([a, b, letter]) => `${String(a).padStart(2, '0')}.${String(b).padStart(2, '0')}${letter}`)
      .filter((code) => !isKnownNafCode(code))
    const knownCodes = ['62.01Z', '62.02A', '62.02B', '62.03Z', '62.09Z', '58.29A', '58.29B', '58.29C', '71.12B', '72.19Z', '63.11Z', '28.99B', '26.51B']
    const arbitrary = badForm(expertise, {
      skills: fc.oneof(
        distinctWords({ min: 31, max: 40 }).map((words) => words.join(', ')),
        fc.stringMatching(/^[a-z0-9]{41,60}$/),
        tooLong(2000),
        twice('python'),
      ),
      nafCodes: fc.oneof(
        fc.constantFrom('6201', 'AB.CDE', '62.01ZZ', 'programmation', '62-01-Z', '1.2.3'),
        fc.stringMatching(/^[A-Z]{2,6}$/),
        unknownCode,
        fc.shuffledSubarray(knownCodes, { minLength: 11, maxLength: 13 }).map((codes) => codes.join(', ')),
        tooLong(500),
        twice('62.01Z'),
      ),
      labels: fc.oneof(
        distinctWords({ min: 11, max: 15 }).map((words) => words.join(', ')),
        fc.stringMatching(/^[A-Za-z]{61,80}$/),
        twice('French Tech'),
      ),
      intent: unknownIntent,
    })
    await fc.assert(
      fc.asyncProperty(arbitrary, (form) => check(owner, firm.organisation.slug, firm.organisation.id, form)),
      { numRuns: RUNS },
    )
  })

  test('adding a reference', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(badForm(reference, referenceMutations), (form) => check(owner, firm.organisation.slug, firm.organisation.id, form)),
      { numRuns: RUNS },
    )
  })

  test('editing a reference', { timeout: 180_000 }, async () => {
    const valid = { ...reference, intent: 'reference-update', referenceId }
    const arbitrary = badForm(valid, { ...referenceMutations, referenceId: badReferenceId(foreignReferenceId) })
    await fc.assert(
      fc.asyncProperty(arbitrary, (form) => check(owner, firm.organisation.slug, firm.organisation.id, form)),
      { numRuns: RUNS },
    )
  })

  test('removing a reference', { timeout: 180_000 }, async () => {
    const arbitrary = badForm({ intent: 'reference-remove', referenceId }, { referenceId: badReferenceId(foreignReferenceId), intent: unknownIntent })
    await fc.assert(
      fc.asyncProperty(arbitrary, (form) => check(owner, firm.organisation.slug, firm.organisation.id, form)),
      { numRuns: RUNS },
    )
    expect(await prisma.reference.count({ where: { id: { in: [referenceId, foreignReferenceId] } } })).toBe(2)
  })

  test('the SBA charter', { timeout: 180_000 }, async () => {
    const arbitrary = badForm(
      { intent: 'charter', acceptCharter: 'on', responseDays: '15', paymentDays: '30' },
      {
        // Not accepted yet: leaving the box unticked is refused too.
        acceptCharter: fc.oneof(fc.constantFrom('yes', '1', 'false', 'off', 'ON', ''), blank, twice('on')),
        responseDays: fc.oneof(outOfRange(5, 60), notANumber, decimal, twice('15')),
        paymentDays: fc.oneof(outOfRange(15, 60), notANumber, decimal, twice('30')),
        intent: unknownIntent,
      },
    )
    await fc.assert(
      fc.asyncProperty(arbitrary, (form) => check(partnerOwner, partner.organisation.slug, partner.organisation.id, form)),
      { numRuns: RUNS },
    )
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: partner.organisation.id } })).charterAcceptedAt).toBeNull()
  })
})

// ───────── the organisation page ─────────

describe('the organisation page', () => {
  test('shows the profile, references and links to those who manage it; the team’s e-mails to members only', async () => {
    const hub = await createHub()
    const firm = await createMember(hub.id, 'FIRM', {
      organisation: {
        description: 'Nous concevons des robots d’inspection.',
        offerings: 'Inspection de câbles par drone.',
        skills: ['robotique', 'vision industrielle'],
        nafCodes: ['62.01Z', '28.99B'],
        labels: ['French Tech', 'Deeptech'],
        website: 'https://neve.example',
      },
    })
    await prisma.reference.create({
      data: { organisationId: firm.organisation.id, title: 'Télécabine de Chamrousse', clientType: 'LARGE_ACCOUNT', year: 2022, outcome: 'Contrat signé.' },
    })
    const ownerPage = await (await signedIn(firm.user.email)).get(`/orgs/${firm.organisation.slug}`)
    expect(ownerPage.status).toBe(200)
    const html = await ownerPage.text()
    for (const text of [
      'Nous concevons des robots d’inspection.',
      'Inspection de câbles par drone.',
      'vision industrielle',
      'Programmation informatique',
      'autres machines spécialisées',
      'French Tech',
      'Deeptech',
      'Grenoble',
      'Télécabine de Chamrousse',
      'Grand compte · 2022',
      'Contrat signé.',
      'https://neve.example',
      `/orgs/${firm.organisation.slug}/edit`,
      `/orgs/${firm.organisation.slug}/settings`,
      firm.user.email,
    ]) {
      expect(html, text).toContain(text)
    }

    const member = await addMember(firm.organisation.id, 'MEMBER')
    const memberPage = await (await signedIn(member.email)).get(`/orgs/${firm.organisation.slug}`)
    const memberHtml = await memberPage.text()
    expect(memberHtml).toContain('Télécabine de Chamrousse')
    expect(memberHtml).not.toContain(`/orgs/${firm.organisation.slug}/edit`)
    expect(memberHtml).not.toContain(`/orgs/${firm.organisation.slug}/settings`)

    const outsider = await createMember(hub.id, 'PARTNER')
    const outsiderHtml = await (await signedIn(outsider.user.email)).get(`/orgs/${firm.organisation.slug}`).then((response) => response.text())
    expect(outsiderHtml).toContain('Télécabine de Chamrousse')
    expect(outsiderHtml).not.toContain(firm.user.email)
    expect(outsiderHtml).not.toContain(`/orgs/${firm.organisation.slug}/edit`)
  })

  test('a partner’s page shows its charter commitments, or that it has not signed', async () => {
    const hub = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    const viewer = await signedIn((await createMember(hub.id, 'FIRM')).user.email)
    expect(await (await viewer.get(`/orgs/${partner.organisation.slug}`)).text()).toContain('n’a pas encore accepté la charte')
    await prisma.organisation.update({
      where: { id: partner.organisation.id },
      data: { charterAcceptedAt: new Date('2026-03-02T10:00:00Z'), charterResponseDays: 15, charterPaymentDays: 30 },
    })
    const html = await (await viewer.get(`/orgs/${partner.organisation.slug}`)).text()
    expect(html).toContain('Charte acceptée le 2 mars 2026.')
    expect(html).toContain('15 jours')
    expect(html).toContain('30 jours')
    expect(html).not.toContain('Références')
  })
})

// ───────── resource routes of the pickers ─────────

describe('picker resources', () => {
  test('/resources/naf: codes and labels, accents ignored, at most 15, labels of chosen codes', async () => {
    const visitor = new Visitor()
    const search = await visitor.get('/resources/naf?q=programmation')
    expect(search.status).toBe(200)
    const body = (await search.json()) as { codes: Array<{ code: string; label: string }>; selected: unknown[] }
    expect(body.codes).toContainEqual({ code: '62.01Z', label: 'Programmation informatique' })
    expect(body.selected).toEqual([])

    const byCode = (await (await visitor.get('/resources/naf?q=6201')).json()) as { codes: Array<{ code: string }> }
    expect(byCode.codes[0]?.code).toBe('62.01Z')
    const unaccented = (await (await visitor.get('/resources/naf?q=edition%20logiciels%20systeme')).json()) as { codes: Array<{ code: string }> }
    expect(unaccented.codes.map((code) => code.code)).toEqual(['58.29A'])
    const many = (await (await visitor.get('/resources/naf?q=a')).json()) as { codes: unknown[] }
    expect(many.codes).toHaveLength(15)

    const chosen = (await (await visitor.get('/resources/naf?codes=6201z,99.99Z')).json()) as { selected: unknown[] }
    expect(chosen.selected).toEqual([
      { code: '62.01Z', label: 'Programmation informatique' },
      { code: '99.99Z', label: null },
    ])
    const huge = await visitor.get(`/resources/naf?q=${'x'.repeat(5000)}&codes=${'1'.repeat(5000)}`)
    expect(huge.status).toBe(200)
    expect(await huge.json()).toEqual({ codes: [], selected: [] })
  })

  test('/resources/skills: signed-in users; the most used skills of verified firms and public needs', async () => {
    const hub = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    for (let index = 0; index < 3; index++) {
      await createOrganisation(hub.id, 'FIRM', { skills: ['kappa populaire', 'kappa moyen'] })
    }
    await createOrganisation(hub.id, 'FIRM', {
      skills: Array.from({ length: 12 }, (_, index) => `kappa ${String(index).padStart(2, '0')}`),
    })
    await createOrganisation(hub.id, 'FIRM', { status: 'PENDING', skills: ['kappa en attente'] })
    await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', skills: ['kappa besoin publié', 'kappa moyen'] })
    await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'DRAFT', skills: ['kappa brouillon'] })
    await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', visibility: 'INVITE_ONLY', skills: ['kappa confidentiel'] })
    // A members-only need is seen by its hubs' firms only: its tags are not suggested to everyone.
    await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', visibility: 'MEMBERS', skills: ['kappa membres'] })

    const anonymous = await new Visitor().get('/resources/skills?q=kappa')
    expect(anonymous.status).toBe(401)

    const visitor = await signedIn(partner.user.email)
    const response = await visitor.get('/resources/skills?q=KAPPA')
    expect(response.status).toBe(200)
    const { skills } = (await response.json()) as { skills: string[] }
    expect(skills).toHaveLength(10)
    expect(skills.slice(0, 2)).toEqual(['kappa moyen', 'kappa populaire']) // 4 and 3 uses
    const all = (await (await visitor.get('/resources/skills?q=kappa%20b')).json()) as { skills: string[] }
    expect(all.skills).toEqual(['kappa besoin publié'])
    for (const hidden of ['kappa en attente', 'kappa brouillon', 'kappa confidentiel', 'kappa membres']) {
      const answer = (await (await visitor.get(`/resources/skills?q=${encodeURIComponent(hidden)}`)).json()) as { skills: string[] }
      expect(answer.skills, hidden).toEqual([])
    }
    const accents = (await (await visitor.get('/resources/skills?q=publie')).json()) as { skills: string[] }
    expect(accents.skills).toContain('kappa besoin publié')
  })

  test('/resources/firms: signed-in users; verified firms by name, accents ignored, at most 10', async () => {
    const hub = await createHub()
    const otherHub = await createHub()
    for (let index = 0; index < 12; index++) {
      await createOrganisation(index % 2 ? hub.id : otherHub.id, 'FIRM', { name: `Névé Lambda ${String(index).padStart(2, '0')}`, communeName: 'Meylan' })
    }
    const pending = await createOrganisation(hub.id, 'FIRM', { name: 'Névé Lambda en attente', status: 'PENDING' })
    const partnerOrg = await createOrganisation(hub.id, 'PARTNER', { name: 'Névé Lambda Industries' })
    const viewer = await createMember(hub.id, 'FIRM')

    expect((await new Visitor().get('/resources/firms?q=neve')).status).toBe(401)

    const visitor = await signedIn(viewer.user.email)
    const response = await visitor.get('/resources/firms?q=neve%20LAMBDA')
    expect(response.status).toBe(200)
    const { firms } = (await response.json()) as { firms: Array<{ slug: string; name: string; commune: string | null }> }
    expect(firms).toHaveLength(10)
    expect(firms[0]).toEqual({ slug: expect.any(String), name: 'Névé Lambda 00', commune: 'Meylan' })
    expect(firms.map((firm) => firm.name)).not.toContain(pending.name)
    expect(firms.map((firm) => firm.name)).not.toContain(partnerOrg.name)

    const bySlug = (await (await visitor.get(`/resources/firms?q=${firms[3]!.slug}`)).json()) as { firms: Array<{ slug: string }> }
    expect(bySlug.firms.map((firm) => firm.slug)).toContain(firms[3]!.slug)
    expect(await (await visitor.get('/resources/firms?q=n')).json()).toEqual({ firms: [] })
    expect(await (await visitor.get('/resources/firms?q=%25%25')).json()).toEqual({ firms: [] })
    expect((await visitor.get(`/resources/firms?q=${'é'.repeat(3000)}`)).status).toBe(200)

    // Someone whose only organisation is pending sees no other firm (canViewOrganisation);
    // hub staff see the firms of their hub.
    const pendingMember = await createMember(hub.id, 'FIRM', { organisation: { status: 'PENDING' } })
    const pendingVisitor = await signedIn(pendingMember.user.email)
    expect(await (await pendingVisitor.get('/resources/firms?q=lambda')).json()).toEqual({ firms: [] })
    const staff = await signedIn((await createStaff(hub.id)).email)
    const staffFirms = (await (await staff.get('/resources/firms?q=lambda')).json()) as { firms: Array<{ name: string }> }
    expect(staffFirms.firms.map((firm) => firm.name)).toEqual(['Névé Lambda 01', 'Névé Lambda 03', 'Névé Lambda 05', 'Névé Lambda 07', 'Névé Lambda 09', 'Névé Lambda 11'])
  })
})
