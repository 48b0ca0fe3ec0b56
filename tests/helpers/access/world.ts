import { applicationFormSchema } from '#app/modules/applications/schema'
import { actOnApplication, applyToNeed } from '#app/modules/applications/service.server'
import { addAttachment } from '#app/modules/attachments/service.server'
import { startPilot } from '#app/modules/deals/service.server'
import { actOnMatch } from '#app/modules/matching/invitations.server'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { answerQuestion, askQuestion } from '#app/modules/needs/questions.server'
import { saveSearch } from '#app/modules/needs/saved-searches.server'
import { needFormSchema } from '#app/modules/needs/schema'
import { changeNeedLifecycle, moderateNeed, saveNeed } from '#app/modules/needs/service.server'
import { createApiToken } from '#app/modules/organisations/api-tokens.server'
import { inviteMember } from '#app/modules/organisations/service.server'
import type { Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'
import { createHub, createOrganisation, createUser } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { makeMarkers, type Markers, type OrgPersona, type Persona } from './markers'
import { plantCohorts } from './world-cohorts'
import { plantCooperation } from './world-cooperation'
import { plantFirms } from './world-firms'
import { plantGroups } from './world-groups'
import { plantPitches } from './world-pitches'
import { plantBilling } from './world-billing'
import { plantDues } from './world-dues'
import { plantPayments } from './world-payments'
import { plantCompanies } from './world-companies'

/**
 * The world the access-rule table walks: hub H with its moderator and administrator, hub H2 with
 * its moderator, partners A and B and firms A and B (verified, in H, each with an owner and an API
 * token), a pending firm, and partner A's needs in every state — each piece of data carrying its
 * own marker. Built through the services (the same rows, e-mails, notifications and audit as the
 * app writes), with Prisma only for suggested matches, notifications and e-mails of the outbox.
 */
export type NeedName =
  | 'draft'
  | 'submitted'
  | 'changes'
  | 'public'
  | 'invite'
  | 'curated'
  | 'closed'
  | 'archived'
  | 'revision'
  | 'shared'
  | 'screened'
  | 'pbPublic'
  | 'pbDraft'

export type ApplicationName = 'faApp' | 'fbApp' | 'faDraft' | 'fbScreen' | 'fbPb' | 'fsApp'

export interface World {
  markers: Markers
  hubs: { h: string; h2: string }
  orgs: Record<'pa' | 'pb' | 'fa' | 'fb' | 'pending' | 'fs' | 'fh', { id: string; slug: string }>
  users: Record<Exclude<Persona, 'anon'>, { id: string; email: string }>
  needs: Record<NeedName, string>
  applications: Record<ApplicationName, string>
  attachments: { faAttach: string; faDraftAttach: string; fbScreenAttach: string }
  questions: { fa: string; fb: string }
  matches: { faCurated: string; fbCurated: string; faInvite: string }
  savedSearches: { fa: string; fb: string }
  notifications: { fa: string }
  emails: { h: string; h2: string; noHub: string; invitation: string }
  staffRoles: { mod: string; mod2: string }
  apiTokens: Record<OrgPersona, { id: string; secret: string }>
  invitationToken: string
  /** Strings no response may ever carry: the API tokens' secrets. */
  secrets: string[]
  /** Issue 14, planted last by world-<feature>.ts: name → id of what each feature's rows need. */
  cohorts: Record<string, string>
  groups: Record<string, string>
  firmsDirectory: Record<string, string>
  pitches: Record<string, string>
  cooperation: Record<string, string>
  /** Issue 15, planted after issue 14's: dues and the company directory. */
  billing: Record<string, string>
  dues: Record<string, string>
  payments: Record<string, string>
  companies: Record<string, string>
}

const day = 86_400_000
const isoDay = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10)

/** A one-page PDF carrying a marker in its content and its name. */
export function pdfWith(text: string) {
  return new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
}

async function member(
  hubId: string,
  kind: 'PARTNER' | 'FIRM',
  description: string,
  emailLocal: string,
  options: { status?: 'VERIFIED' | 'PENDING'; name?: string } = {},
) {
  const organisation = await createOrganisation(hubId, kind, {
    description: `Présentation de l’organisation ${description}.`,
    status: options.status ?? 'VERIFIED',
    ...(options.name ? { name: options.name } : {}),
    skills: kind === 'FIRM' ? ['iot', 'python', 'edge computing'] : [],
  })
  const user = await createUser({ email: `${emailLocal}@test.example` })
  await prisma.membership.create({ data: { userId: user.id, organisationId: organisation.id, role: 'OWNER' } })
  return { organisation, user }
}

async function staff(hubId: string, role: 'MODERATOR' | 'ADMIN', emailLocal: string) {
  const user = await createUser({ email: `${emailLocal}@test.example` })
  const staffRole = await prisma.staffRole.create({ data: { userId: user.id, hubId, role } })
  return { user, staffRole }
}

/** The need editor's fields, as the form posts them, with the need's markers. */
function needForm(title: string, body: string, skill: string | null, overrides: Record<string, string | string[]> = {}) {
  return needFormSchema.parse({
    kind: 'PILOT',
    title: `Besoin ${title} pilote`,
    summary: `Résumé du besoin ${body} pour un pilote industriel.`,
    description: `Description détaillée ${body} : capteurs, collecte des données et prédiction des pannes avant la saison.`,
    skills: ['iot', ...(skill ? [skill] : [])].join(', '),
    nafCodes: '62.01Z',
    budgetMinEur: '20000',
    budgetMaxEur: '80000',
    deadline: isoDay(30),
    expectedStart: isoDay(45),
    communeInsee: '38185',
    radiusKm: '80',
    visibility: 'PUBLIC',
    matchingMode: 'OPEN',
    ...overrides,
  })
}

async function suggestedMatch(needId: string, firmId: string) {
  const match = await prisma.match.create({
    data: { needId, firmId, score: 72, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION },
    select: { id: true },
  })
  return match.id
}

export async function buildWorld(): Promise<World> {
  const m = makeMarkers()
  const hubH = await createHub({ name: 'Association H (contrôle d’accès)', shortName: 'Hub H' })
  const hubH2 = await createHub({ name: 'Association H2 (contrôle d’accès)', shortName: 'Hub H2' })

  const pa = await member(hubH.id, 'PARTNER', m.paOrg, m.paOwnerEmail)
  const pb = await member(hubH.id, 'PARTNER', m.pbOrg, m.pbOwnerEmail)
  const fa = await member(hubH.id, 'FIRM', m.faOrg, m.faOwnerEmail)
  const fb = await member(hubH.id, 'FIRM', m.fbOrg, m.fbOwnerEmail)
  // Named like the verified firms ("Startup …"), so that a search for them would find it too.
  // Verified while its token is created below, then back to pending.
  const pending = await member(hubH.id, 'FIRM', m.pcOrg, m.pcOwnerEmail, { name: `Startup en attente ${m.pcName}` })
  // Suspended once it applied and got its token (below).
  const fs = await member(hubH.id, 'FIRM', m.fsOrg, m.fsOwnerEmail)
  const fh = await member(hubH2.id, 'FIRM', m.fhOrg, m.fhOwnerEmail)
  const memberA = await createUser({ email: `${m.maEmail}@test.example` })
  await prisma.membership.create({ data: { userId: memberA.id, organisationId: fa.organisation.id, role: 'MEMBER' } })
  const noOrg = await createUser({ email: `${m.noOrgEmail}@test.example` })
  const mod = await staff(hubH.id, 'MODERATOR', m.modEmail)
  const admin = await staff(hubH.id, 'ADMIN', m.adminEmail)
  const mod2 = await staff(hubH2.id, 'MODERATOR', m.mod2Email)

  const [partnerA, partnerB, firmA, firmB, moderator, firmS, firmH2, pendingOwner] = await Promise.all(
    [pa.user.id, pb.user.id, fa.user.id, fb.user.id, mod.user.id, fs.user.id, fh.user.id, pending.user.id].map((id) => actorFor(id)),
  )

  // ── partner A's needs, one per state ──
  const draft = (await saveNeed(partnerA, null, needForm(m.paDraftTitle, m.paDraftBody, m.paDraftSkill), { submit: false })).id
  const submitted = (await saveNeed(partnerA, null, needForm(m.paSubmittedTitle, m.paSubmittedBody, m.paSubmittedSkill), { submit: true })).id
  const changes = (await saveNeed(partnerA, null, needForm(m.paChangesTitle, m.paChangesBody, null), { submit: true })).id
  await moderateNeed(moderator, { needId: changes, intent: 'requestChanges', comment: `Merci de préciser ${m.paChangesComment} avant publication.` })

  async function published(actor: Actor, form: ReturnType<typeof needForm>) {
    const { id } = await saveNeed(actor, null, form, { submit: true })
    await moderateNeed(moderator, { needId: id, intent: 'publish' })
    return id
  }
  const publicNeed = await published(partnerA, needForm(m.paPublicTitle, m.paPublicBody, m.paPublicSkill))
  const invite = await published(partnerA, needForm(m.paInviteTitle, m.paInviteBody, m.paInviteSkill, { visibility: 'INVITE_ONLY' }))
  const curated = await published(partnerA, needForm(m.paCuratedTitle, m.paCuratedBody, null, { matchingMode: 'CURATED' }))
  const closed = await published(partnerA, needForm(m.paClosedTitle, m.paClosedBody, m.paClosedSkill))
  await changeNeedLifecycle(partnerA, closed, 'close')
  const archived = await published(partnerA, needForm(m.paArchivedTitle, m.paArchivedBody, m.paArchivedSkill))
  await changeNeedLifecycle(partnerA, archived, 'close')
  await changeNeedLifecycle(partnerA, archived, 'archive')
  const revision = await published(partnerA, needForm(m.paRevisionTitle, m.paRevisionBody, null))
  await saveNeed(partnerA, revision, needForm(m.paRevisionPending, m.paRevisionPending, m.paRevisionPending), { submit: false })
  const shared = await published(partnerA, needForm(m.paSharedTitle, m.paSharedBody, m.paSharedSkill, { visibility: 'MEMBERS', sharedHubIds: [hubH2.id] }))
  const screened = await published(partnerA, needForm(m.paScreenedTitle, m.paScreenedBody, null, { screeningRequired: 'on' }))

  // ── partner B's needs ──
  const pbPublic = await published(partnerB, needForm(m.pbPublicTitle, m.pbPublicBody, null))
  const pbDraft = (await saveNeed(partnerB, null, needForm(m.pbDraftTitle, m.pbDraftBody, null), { submit: false })).id

  // ── matches: firm A invited to the confidential need (no NDA yet) and, through staff, to the curated one ──
  const faInvite = await suggestedMatch(invite, fa.organisation.id)
  await actOnMatch(partnerA, faInvite, 'invite')
  const faCurated = await suggestedMatch(curated, fa.organisation.id)
  const fbCurated = await suggestedMatch(curated, fb.organisation.id)
  await actOnMatch(moderator, faCurated, 'approve')
  await actOnMatch(partnerA, faCurated, 'invite')

  // ── questions on the public need ──
  const faQuestion = await askQuestion(firmA, publicNeed, `Question anonyme ${m.faQuestion} sur les capteurs ?`)
  await answerQuestion(partnerA, publicNeed, faQuestion.id, `Réponse publique ${m.paAnswer}.`)
  const fbQuestion = await askQuestion(firmB, publicNeed, `Question sans réponse ${m.fbQuestion} sur le budget ?`)

  // ── applications ──
  const proposal = (marker: string, intent: 'save' | 'submit' = 'submit') =>
    applicationFormSchema.parse({
      intent,
      approach: `Notre approche ${marker} : capteurs vibratoires, modèle d’anomalies et tableau de bord.`,
      timeline: 'Dix semaines',
      priceEur: '45000',
      referencesText: 'Deux stations de Belledonne.',
    })
  const faApp = (await applyToNeed(firmA, publicNeed, proposal(m.faAppProposal))).id
  const faAttach = await addAttachment(firmA, faApp, { name: `${m.faAttach}.pdf`, bytes: pdfWith(m.faAttach) })
  await actOnApplication(partnerA, faApp, { intent: 'shortlist' })
  await actOnApplication(partnerA, faApp, { intent: 'requestInfo', message: `Pouvez-vous préciser ${m.paMessage} ?` })
  await actOnApplication(firmA, faApp, { intent: 'answerInfo', message: `Voici la précision ${m.faMessage}.` })
  await actOnApplication(partnerA, faApp, { intent: 'accept' })
  await startPilot(partnerA, faApp, { successCriteria: [`Critère de succès ${m.faDeal}`], pilotStartsOn: new Date(Date.now() + 60 * day), pilotEndsOn: new Date(Date.now() + 120 * day), pilotValueEur: 15000 })
  const fbApp = (await applyToNeed(firmB, publicNeed, proposal(m.fbAppProposal))).id
  const faDraft = (await applyToNeed(firmA, shared, proposal(m.faDraftProposal, 'save'))).id
  const faDraftAttach = await addAttachment(firmA, faDraft, { name: `${m.faDraftAttach}.pdf`, bytes: pdfWith(m.faDraftAttach) })
  const fbScreen = (await applyToNeed(firmB, screened, proposal(m.fbScreenProposal))).id
  const fbScreenAttach = await addAttachment(firmB, fbScreen, { name: `${m.fbScreenAttach}.pdf`, bytes: pdfWith(m.fbScreenAttach) })
  const fbPb = (await applyToNeed(firmB, pbPublic, proposal(m.fbPbProposal))).id
  const fsApp = (await applyToNeed(firmS, publicNeed, proposal(m.fsAppProposal))).id

  // ── saved searches, notifications, e-mails of the outbox ──
  const faSearch = await saveSearch(firmA, { name: `Recherche ${m.faSearch}`, query: 'q=capteurs', alert: true })
  const fbSearch = await saveSearch(firmB, { name: `Recherche ${m.fbSearch}`, query: 'q=capteurs', alert: false })
  const notify = (userId: string, marker: string) =>
    prisma.notification.create({
      data: { userId, kind: 'application.message', payload: { title: `Fil ${marker}`, firm: 'Contrôle' }, link: '/applications' },
      select: { id: true },
    })
  const faNotif = await notify(fa.user.id, m.faNotif)
  await notify(fb.user.id, m.fbNotif)
  await notify(pa.user.id, m.paNotif)
  await notify(pb.user.id, m.pbNotif)
  const email = (hubId: string | null, marker: string) =>
    prisma.emailMessage.create({
      data: {
        hubId,
        toAddress: 'bureau@test.example',
        subject: `Rapport ${marker}`,
        textBody: `Corps du message ${marker}.`,
        htmlBody: `<p>Corps du message ${marker}.</p>`,
        kind: 'report',
        status: 'OUTBOX',
      },
      select: { id: true },
    })
  const emailH = await email(hubH.id, m.emailH)
  const emailH2 = await email(hubH2.id, m.emailH2)
  const emailNoHub = await email(null, m.emailNoHub)

  // ── a pending invitation to partner A (its link is a secret held by the invitee) ──
  await inviteMember(partnerA, pa.organisation.id, { email: `${m.paInvitee}@test.example`, role: 'MEMBER' })
  const invitationEmail = await prisma.emailMessage.findFirstOrThrow({ where: { kind: 'invitation', toAddress: `${m.paInvitee}@test.example` } })
  const invitationToken = /\/invitations\/([A-Za-z0-9_-]{20,})/.exec(invitationEmail.textBody)?.[1]
  if (!invitationToken) throw new Error(`no invitation link in ${invitationEmail.textBody}`)

  // ── API tokens, one per organisation, named with the organisation's marker ──
  const token = async (actor: Actor, organisationId: string, marker: string) => {
    const created = await createApiToken(actor, organisationId, { name: `Jeton ${marker}` })
    return { id: created.id, secret: created.token }
  }
  const apiTokens = {
    partnerA: await token(partnerA, pa.organisation.id, m.paToken),
    partnerB: await token(partnerB, pb.organisation.id, m.pbToken),
    firmA: await token(firmA, fa.organisation.id, m.faToken),
    firmB: await token(firmB, fb.organisation.id, m.fbToken),
    firmH2: await token(firmH2, fh.organisation.id, m.fhToken),
    pending: await token(pendingOwner, pending.organisation.id, m.pcToken),
    suspended: await token(firmS, fs.organisation.id, m.fsToken),
  }
  await prisma.organisation.update({ where: { id: pending.organisation.id }, data: { status: 'PENDING' } })
  await prisma.organisation.update({ where: { id: fs.organisation.id }, data: { status: 'SUSPENDED' } })

  const org = (entry: { organisation: { id: string; slug: string } }) => ({ id: entry.organisation.id, slug: entry.organisation.slug })
  const user = (entry: { user: { id: string; email: string } }) => ({ id: entry.user.id, email: entry.user.email })
  const world: World = {
    markers: m,
    hubs: { h: hubH.id, h2: hubH2.id },
    orgs: { pa: org(pa), pb: org(pb), fa: org(fa), fb: org(fb), pending: org(pending), fs: org(fs), fh: org(fh) },
    users: {
      partnerA: user(pa),
      partnerB: user(pb),
      firmA: user(fa),
      firmB: user(fb),
      mod: user(mod),
      admin: user(admin),
      mod2: user(mod2),
      memberA: { id: memberA.id, email: memberA.email },
      noOrg: { id: noOrg.id, email: noOrg.email },
      firmH2: user(fh),
      pending: user(pending),
      suspended: user(fs),
    },
    needs: { draft, submitted, changes, public: publicNeed, invite, curated, closed, archived, revision, shared, screened, pbPublic, pbDraft },
    applications: { faApp, fbApp, faDraft, fbScreen, fbPb, fsApp },
    attachments: { faAttach: faAttach.id, faDraftAttach: faDraftAttach.id, fbScreenAttach: fbScreenAttach.id },
    questions: { fa: faQuestion.id, fb: fbQuestion.id },
    matches: { faCurated, fbCurated, faInvite },
    savedSearches: { fa: faSearch.id, fb: fbSearch.id },
    notifications: { fa: faNotif.id },
    emails: { h: emailH.id, h2: emailH2.id, noHub: emailNoHub.id, invitation: invitationEmail.id },
    staffRoles: { mod: mod.staffRole.id, mod2: mod2.staffRole.id },
    apiTokens,
    invitationToken,
    secrets: Object.values(apiTokens).map((entry) => entry.secret),
    cohorts: {},
    groups: {},
    firmsDirectory: {},
    pitches: {},
    cooperation: {},
    billing: {},
    dues: {},
    payments: {},
    companies: {},
  }
  // Issue 14's features, each in its own file (cohorts and groups first: the others may use them).
  world.cohorts = await plantCohorts(world)
  world.groups = await plantGroups(world)
  world.firmsDirectory = await plantFirms(world)
  world.pitches = await plantPitches(world)
  world.cooperation = await plantCooperation(world)
  world.billing = await plantBilling(world)
  world.dues = await plantDues(world)
  world.payments = await plantPayments(world)
  world.companies = await plantCompanies(world)
  return world
}
