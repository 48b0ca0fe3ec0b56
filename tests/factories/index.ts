import { randomBytes } from 'node:crypto'
import { hash } from '@node-rs/argon2'
import type { Prisma } from '#app/generated/prisma/client'
import { needSearchText } from '#app/modules/needs/search-text'
import { withSirenCheckDigit } from '#app/modules/organisations/siren'
import { prisma } from '#app/utils/db.server'

/** Test data builders: real rows in the test file's own database. */
export const PASSWORD = 'correct-horse-battery'
let passwordHash: Promise<string> | undefined
const unique = () => randomBytes(4).toString('hex')

export async function createHub(overrides: Partial<Prisma.HubCreateInput> = {}) {
  const id = unique()
  return prisma.hub.create({
    data: { slug: `hub-${id}`, name: `Association ${id}`, shortName: `Hub ${id}`, city: 'Grenoble', ...overrides },
  })
}

export async function createUser(overrides: Partial<Prisma.UserCreateInput> = {}) {
  passwordHash ??= hash(PASSWORD)
  const id = unique()
  return prisma.user.create({
    data: {
      email: `user-${id}@test.example`,
      name: `Utilisatrice ${id}`,
      passwordHash: await passwordHash,
      // Verified, as an account that opened its sign-up link (`emailVerifiedAt: null` for one that did not).
      emailVerifiedAt: new Date(),
      notificationPreference: { create: {} },
      ...overrides,
    },
  })
}

export function randomSiren() {
  const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)).join('')
  return withSirenCheckDigit(digits)
}

export async function createOrganisation(
  hubId: string,
  kind: 'PARTNER' | 'FIRM',
  overrides: Partial<Prisma.OrganisationUncheckedCreateInput> = {},
) {
  const id = unique()
  return prisma.organisation.create({
    data: {
      slug: `${kind.toLowerCase()}-${id}`,
      kind,
      name: `${kind === 'PARTNER' ? 'Grand Compte' : 'Startup'} ${id}`,
      siren: randomSiren(),
      status: 'VERIFIED',
      homeHubId: hubId,
      communeInsee: '38185',
      communeName: 'Grenoble',
      headcount: kind === 'PARTNER' ? 5000 : 12,
      revenueBand: kind === 'PARTNER' ? 'GT_50M' : 'M1_2M',
      foundedYear: 2015,
      skills: [],
      nafCodes: ['62.01Z'],
      ...overrides,
    },
  })
}

/** A user who belongs to a new organisation (owner by default). */
export async function createMember(
  hubId: string,
  kind: 'PARTNER' | 'FIRM',
  options: { organisation?: Partial<Prisma.OrganisationUncheckedCreateInput>; role?: 'OWNER' | 'ADMIN' | 'MEMBER' } = {},
) {
  const organisation = await createOrganisation(hubId, kind, options.organisation)
  const user = await createUser()
  await prisma.membership.create({ data: { userId: user.id, organisationId: organisation.id, role: options.role ?? 'OWNER' } })
  return { user, organisation }
}

export async function createStaff(hubId: string, role: 'MODERATOR' | 'ADMIN' = 'MODERATOR') {
  const user = await createUser()
  await prisma.staffRole.create({ data: { userId: user.id, hubId, role } })
  return user
}

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000)

export async function createNeed(
  partnerId: string,
  hubId: string,
  createdById: string,
  overrides: Partial<Prisma.NeedUncheckedCreateInput> = {},
) {
  const data = {
    kind: 'PILOT' as const,
    status: 'DRAFT' as const,
    title: 'Maintenance prédictive des télésièges',
    summary: 'Capteurs IoT et modèles de prédiction des pannes sur trois télésièges.',
    description: 'Nous cherchons une PME capable de poser des capteurs, collecter les données et prédire les pannes avant la saison.',
    skills: ['iot', 'maintenance prédictive', 'edge computing'],
    nafCodes: ['62.01Z'],
    budgetMinEur: 20_000,
    budgetMaxEur: 80_000,
    deadline: inDays(30),
    expectedStart: inDays(45),
    communeInsee: '38185',
    communeName: 'Grenoble',
    radiusKm: 80,
    ...overrides,
  }
  // Searchable as the service makes it.
  const searchText = needSearchText({ ...data, skills: data.skills as string[] })
  return prisma.need.create({ data: { partnerId, hubId, createdById, ...searchText, ...data } })
}

/** A hub with a moderator, a verified partner and a verified, well-matching firm. */
/**
 * The need editor's fields for a complete public need of the Alps (predictive maintenance of chair
 * lifts, near Grenoble), as a browser posts them; `needFormSchema.parse` turns them into a need.
 */
export function needFormFields(overrides: Record<string, string | string[]> = {}) {
  const day = (days: number) => inDays(days).toISOString().slice(0, 10)
  return {
    kind: 'PILOT',
    title: 'Maintenance prédictive des télésièges',
    summary: 'Capteurs IoT et prédiction des pannes sur trois télésièges avant la saison.',
    description: 'Nous cherchons une PME capable de poser des capteurs vibratoires, collecter les données en edge et prédire les pannes des remontées mécaniques.',
    skills: 'IoT, edge computing, maintenance prédictive',
    nafCodes: '62.01Z',
    budgetMinEur: '20000',
    budgetMaxEur: '80000',
    deadline: day(30),
    expectedStart: day(45),
    communeInsee: '38185',
    radiusKm: '60',
    visibility: 'PUBLIC',
    matchingMode: 'OPEN',
    ...overrides,
  }
}

export async function createMarketplace() {
  const hub = await createHub()
  const moderator = await createStaff(hub.id, 'MODERATOR')
  const partner = await createMember(hub.id, 'PARTNER')
  const firm = await createMember(hub.id, 'FIRM', {
    organisation: { skills: ['iot', 'edge computing', 'python'], communeInsee: '38421', communeName: "Saint-Martin-d'Hères" },
  })
  return { hub, moderator, partner, firm }
}
