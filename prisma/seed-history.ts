/**
 * Twelve months of history for the demo (prisma/seed-data.ts calls it last): for each hub, needs
 * published month by month and what followed — matches (top firms, invitations), applications and
 * their first answers (most within the charter's delay, some late, a few still unanswered), decisions
 * with their reasons, pilots and contracts, and the audit trail of every transition (the cohorts
 * that follow the winners are in seed-programmes.ts).
 * So that the console's scorecards, charts, queues and audit viewer say something on the demo.
 *
 * - Relative to the run: every date is an offset from today (`Clock`), so the charts are always recent.
 * - Deterministic: one PRNG stream per hub and section (`Rng`), the same rows on every run (ids apart).
 * - Set-based: the rows are computed in memory, then written by one INSERT … SELECT per table (`insertRows`), in one transaction.
 * - Closed needs are ranked by the same engine (`rankNeed`) as the stored matches of open ones.
 *
 * Only module-level types and functions here: seed-data.ts imports this file and this file imports it.
 */
import { randomUUID } from 'node:crypto'
import type { ApplicationStatus, DealStatus, DeclineReason, MatchStatus, NeedKind, NeedStatus, Prisma, Visibility } from '#app/generated/prisma/client'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { rankNeed } from '#app/modules/matching/engine/engine'
import { syncFirmIndex } from '#app/modules/matching/firm-index.server'
import { prisma } from '#app/utils/db.server'
import {
  APPROACHES,
  buildNeed,
  type Clock,
  DAY_MS,
  DEMO_FIRM_SLUG,
  inCommune,
  joinFrench,
  NEEDS,
  roundTo,
  Rng,
  STAFF,
  type HubSlug,
  type NeedSpec,
  type OrgDraft,
  type PartnerKey,
  type PartnerSpec,
} from './seed-data'

/** Partners added for the history: every hub has several; two wait for verification. */
export const HISTORY_PARTNERS: PartnerSpec[] = [
  {
    key: 'alpeshabitat',
    name: 'Alpes Habitat Savoie',
    hub: 'collectif-digital-savoie',
    communeInsee: '73008',
    nafCodes: ['68.20A'],
    headcount: 520,
    foundedYear: 1954,
    description:
      'Bailleur social de Savoie (14 000 logements), Alpes Habitat Savoie rénove son parc et modernise la relation avec ses locataires : demandes d’intervention en ligne, suivi énergétique des résidences et maintenance des équipements.',
    extraUsers: 1,
    resembles: ['hydrelia', 'savlog', 'bal'],
  },
  {
    key: 'rhonevercors',
    name: 'Transports Rhône-Vercors',
    hub: 'valence-numerique',
    communeInsee: '26058',
    nafCodes: ['49.41A', '52.29A'],
    headcount: 860,
    foundedYear: 1972,
    description:
      'Transporteur routier et commissionnaire de la vallée du Rhône, Transports Rhône-Vercors exploite 400 camions depuis Bourg-lès-Valence. L’entreprise numérise ses tournées, la traçabilité des marchandises et la maintenance de sa flotte.',
    extraUsers: 1,
    resembles: ['savlog', 'dauphinoise'],
  },
  {
    key: 'drome-cartonnages',
    name: 'Drôme Cartonnages',
    hub: 'valence-numerique',
    communeInsee: '26281',
    nafCodes: ['17.21A'],
    headcount: 410,
    foundedYear: 1961,
    description:
      'Fabricant d’emballages en carton ondulé pour l’agroalimentaire, Drôme Cartonnages exploite deux usines à Romans-sur-Isère. Elle automatise le contrôle qualité de ses lignes et réduit la consommation d’énergie de ses onduleuses.',
    extraUsers: 0,
    resembles: ['chartreuse', 'valentia', 'iseresc'],
  },
  {
    key: 'vercors-sante',
    name: 'Clinique du Vercors',
    hub: 'digital-grenoble',
    communeInsee: '38185',
    nafCodes: ['86.10Z'],
    headcount: 380,
    foundedYear: 1989,
    description:
      'Clinique privée de chirurgie ambulatoire à Grenoble, la Clinique du Vercors souhaite rejoindre le programme pour ouvrir ses projets numériques (parcours patient, planification des blocs) aux entreprises de la région.',
    extraUsers: 0,
    status: 'PENDING',
    resembles: ['mbsante'],
  },
]

/** Needs published per month and hub (before the PRNG's ±1). */
const PER_MONTH: Record<HubSlug, number> = {
  'digital-grenoble': 5,
  'collectif-annecy': 4,
  'collectif-digital-savoie': 3,
  'valence-numerique': 3,
}

const OTHER_HUBS: Record<HubSlug, HubSlug[]> = {
  'digital-grenoble': ['collectif-digital-savoie', 'collectif-annecy'],
  'collectif-annecy': ['digital-grenoble', 'collectif-digital-savoie'],
  'collectif-digital-savoie': ['digital-grenoble', 'valence-numerique'],
  'valence-numerique': ['digital-grenoble', 'collectif-digital-savoie'],
}

const TITLE_VARIANTS = ['deuxième phase', 'extension à un second site', 'lot 2', 'renouvellement', 'étude préalable', 'déploiement', 'nouvelle consultation']

const KINDS: Array<{ kind: NeedKind; weight: number }> = [
  { kind: 'PILOT', weight: 40 },
  { kind: 'PROCUREMENT', weight: 25 },
  { kind: 'PROOF_OF_CONCEPT', weight: 20 },
  { kind: 'CO_DEVELOPMENT', weight: 15 },
]

const DECLINE_REASONS: Array<{ reason: DeclineReason; weight: number; comment: string }> = [
  { reason: 'BUDGET', weight: 30, comment: 'Votre chiffrage dépasse l’enveloppe prévue pour ce projet.' },
  { reason: 'SKILLS_FIT', weight: 20, comment: 'Nous avons retenu des équipes dont les références sont plus proches de notre contexte.' },
  { reason: 'SCOPE_FIT', weight: 15, comment: 'Votre proposition ne couvre pas l’ensemble du périmètre attendu.' },
  { reason: 'CAPACITY', weight: 10, comment: 'Nous craignons une équipe trop réduite pour un déploiement sur plusieurs sites.' },
  { reason: 'OTHER', weight: 10, comment: 'Nous avons choisi de mener ce sujet en interne cette année.' },
]

const CRITERIA: Record<NeedKind, string[]> = {
  PILOT: ['Indicateurs de réussite atteints sur le site pilote', 'Adoption par les équipes terrain', 'Coût complet du déploiement chiffré'],
  PROOF_OF_CONCEPT: ['Faisabilité démontrée sur des données réelles', 'Décision de poursuite prise en comité'],
  CO_DEVELOPMENT: ['Prototype co-construit livré', 'Accord sur la propriété intellectuelle signé'],
  PROCUREMENT: ['Livraison conforme au cahier des charges', 'Recette sans réserve majeure'],
}

export interface HistoryContext {
  clock: Clock
  ids: { hubId: Map<string, string>; userId: Map<string, string>; orgId: Map<string, string> }
  partnerByKey: Map<PartnerKey, OrgDraft>
  firms: OrgDraft[]
  log: (line: string) => void
}

type NeedRow = Prisma.NeedCreateManyInput & { id: string }
type ApplicationRow = Prisma.ApplicationCreateManyInput & { id: string }
type AuditRow = Prisma.AuditLogCreateManyInput

interface HistoryNeed {
  id: string
  hub: HubSlug
  partner: OrgDraft
  partnerId: string
  spec: NeedSpec
  row: NeedRow
  sharedWith: HubSlug[]
}

export async function seedHistory(context: HistoryContext) {
  const { clock, ids, partnerByKey, firms, log } = context
  // Everything happened before today (midnight UTC): the same rows whatever the hour of the run.
  const now = new Date(clock.base)
  const started = performance.now()
  const index = await syncFirmIndex()
  const firmById = new Map(firms.map((firm) => [ids.orgId.get(firm.slug)!, firm]))
  const hubId = (slug: HubSlug) => ids.hubId.get(slug)!
  const userOf = (email: string) => ids.userId.get(email)!
  const moderatorOf = (hub: HubSlug) => userOf(STAFF.find((staff) => staff.hub === hub && staff.role === 'MODERATOR')!.email)
  const adminOf = (hub: HubSlug) => userOf(STAFF.find((staff) => staff.hub === hub && staff.role === 'ADMIN')!.email)
  const before = (date: Date) => date.getTime() < now.getTime()

  const needs: HistoryNeed[] = []
  const shares: Prisma.NeedShareCreateManyInput[] = []
  const matches: Prisma.MatchCreateManyInput[] = []
  const applications: ApplicationRow[] = []
  const changes: Prisma.StatusChangeCreateManyInput[] = []
  const deals: Prisma.DealCreateManyInput[] = []
  const audit: AuditRow[] = []
  const screenedHubs = new Set<HubSlug>()
  const titles = new Set(NEEDS.map((spec) => spec.title))

  // The new partners: verified by their hub's moderator, long ago (the PENDING one waits in the queue).
  for (const [key, partner] of partnerByKey) {
    if (!HISTORY_PARTNERS.some((spec) => spec.key === key) || !partner.verifiedAt) continue
    audit.push({
      actorId: moderatorOf(partner.hub),
      hubId: hubId(partner.hub),
      action: 'organisation.verify',
      targetType: 'Organisation',
      targetId: ids.orgId.get(partner.slug)!,
      before: { status: 'PENDING' },
      after: { status: 'VERIFIED' },
      createdAt: partner.verifiedAt,
    })
  }

  let needIndex = 10_000
  for (const hub of Object.keys(PER_MONTH) as HubSlug[]) {
    const rng = new Rng(`history:${hub}`)
    const hubPartners = [...partnerByKey.entries()].filter(([, partner]) => partner.hub === hub && partner.status === 'VERIFIED')
    const moderator = moderatorOf(hub)

    // One need at a time: `plan` says when it was published and where it stands today.
    const plans: Array<{ publishedDaysAgo: number | null; key: PartnerKey }> = []
    for (let month = 11; month >= 0; month--) {
      const count = PER_MONTH[hub] + rng.int(-1, 1)
      for (let n = 0; n < count; n++) plans.push({ publishedDaysAgo: Math.max(2, month * 30 + rng.int(0, 29)), key: rng.pick(hubPartners)[0] })
    }
    // Waiting for moderation, oldest first in the queue.
    for (let n = 0; n < 2; n++) plans.push({ publishedDaysAgo: null, key: rng.pick(hubPartners)[0] })

    for (const plan of plans) {
      const partner = partnerByKey.get(plan.key)!
      const partnerId = ids.orgId.get(partner.slug)!
      const resembles = HISTORY_PARTNERS.find((spec) => spec.key === plan.key)?.resembles ?? [plan.key]
      const base = rng.pick(NEEDS.filter((spec) => resembles.includes(spec.partner)))
      let title = `${base.title} : ${rng.pick(TITLE_VARIANTS)}`
      for (let n = 2; titles.has(title); n++) title = `${base.title} : ${rng.pick(TITLE_VARIANTS)} (${n})`
      titles.add(title)

      // Where the need stands: open needs were published in the last seven weeks.
      const daysAgo = plan.publishedDaysAgo
      let status: NeedStatus
      let deadline: number
      if (daysAgo === null) {
        status = 'SUBMITTED'
        deadline = rng.int(30, 60)
      } else if (daysAgo <= 45) {
        deadline = -daysAgo + rng.int(30, 40)
        status = deadline >= 2 ? 'PUBLISHED' : 'CLOSED'
        if (status === 'CLOSED') deadline = Math.min(deadline, -2)
      } else {
        deadline = -daysAgo + rng.int(30, 40)
        const awarded = rng.chance(0.5)
        status = deadline > -20 ? 'CLOSED' : awarded ? 'AWARDED' : rng.chance(0.8) ? 'NOT_AWARDED' : 'CLOSED'
      }
      const curated = rng.chance(0.2)
      const visibility: Visibility = rng.chance(0.75) ? 'PUBLIC' : 'MEMBERS'
      const sharedWith = rng.chance(0.3) ? [rng.pick(OTHER_HUBS[hub])] : []
      const scale = 0.6 + rng.float() * 0.8
      const spec: NeedSpec = {
        ...base,
        partner: plan.key,
        status,
        kind: rng.weighted(KINDS, (entry) => entry.weight).kind,
        title,
        budget: [roundTo(base.budget[0] * scale, 5000), roundTo(base.budget[1] * scale, 5000)],
        deadline,
        visibility,
        matchingMode: curated ? 'CURATED' : 'OPEN',
        shareWith: sharedWith,
        publishedDaysAgo: daysAgo ?? undefined,
        moderationComment: undefined,
        archivedFrom: undefined,
        applications: undefined,
        deal: undefined,
        bySecondUser: partner.users.length > 1 && rng.chance(0.4),
      }
      const built = buildNeed(spec, needIndex++, clock, partnerByKey)
      const id = randomUUID()
      // Published needs were published exactly `daysAgo` ago; closed ones about five weeks before their deadline.
      // Some needs ask the hub's staff to screen applications first; every hub has one in its queue.
      const screening = status === 'PUBLISHED' && (rng.chance(0.15) || (!screenedHubs.has(hub) && daysAgo !== null && daysAgo >= 4 && daysAgo <= 25))
      const creator = spec.bySecondUser ? partner.users[1] : partner.users[0]
      const row: NeedRow = {
        ...built.row,
        id,
        partnerId,
        hubId: hubId(hub),
        createdById: userOf(creator.email),
        screeningRequired: screening,
        scoredAt: built.row.publishedAt,
      }
      needs.push({ id, hub, partner, partnerId, spec, row, sharedWith })
      for (const other of sharedWith) shares.push({ needId: id, hubId: hubId(other), sharedAt: built.row.submittedAt ?? built.row.createdAt })

      const partnerUser = userOf(creator.email)
      const needAudit = (action: string, at: Date, from: NeedStatus, to: NeedStatus, actorId = partnerUser, extra: Record<string, string> = {}) =>
        audit.push({
          actorId,
          actorOrgId: actorId === partnerUser ? partnerId : null,
          hubId: hubId(hub),
          action,
          targetType: 'Need',
          targetId: id,
          before: { status: from },
          after: { status: to, ...extra },
          createdAt: at,
        })
      needAudit('need.submit', built.row.submittedAt!, 'DRAFT', 'SUBMITTED')
      if (!built.row.publishedAt) continue
      needAudit('need.publish', built.row.publishedAt, 'SUBMITTED', 'PUBLISHED', moderator)
      if (built.row.closedAt) needAudit('need.close', built.row.closedAt, 'PUBLISHED', 'CLOSED')

      // The firms the engine recommended when the need was published.
      const hubIds = [hub, ...sharedWith].map(hubId)
      const ranked = rankNeed(
        index,
        {
          ...built.row,
          id,
          hubIds: visibility === 'PUBLIC' ? [] : hubIds,
          visibility,
          eligibility: { headcountMin: built.row.headcountMin, headcountMax: built.row.headcountMax, revenueBands: built.row.revenueBands, minAgeYears: built.row.minAgeYears },
        },
        { now: built.row.publishedAt, top: 15 },
      ).filter((entry) => firmById.has(entry.firmId) && firmById.get(entry.firmId)!.slug !== DEMO_FIRM_SLUG)
      const publishedAt = built.row.publishedAt
      const invited = new Set<string>()
      ranked.forEach((entry, rank) => {
        let matchStatus: MatchStatus = 'SUGGESTED'
        let invitedAt: Date | null = null
        const matchId = randomUUID()
        if (curated && status !== 'PUBLISHED') {
          // Curated by the hub's staff before it closed: the best approved, some invited, the rest rejected.
          matchStatus = rank < 6 ? 'APPROVED' : 'REJECTED'
          audit.push({
            actorId: moderator,
            hubId: hubId(hub),
            action: rank < 6 ? 'match.approve' : 'match.reject',
            targetType: 'Match',
            targetId: matchId,
            before: { status: 'SUGGESTED' },
            after: { status: matchStatus, needId: id, firmId: entry.firmId },
            createdAt: clock.plusHours(publishedAt, 20 + rank),
          })
        }
        if (matchStatus !== 'REJECTED' && rank < 5 && !(curated && status === 'PUBLISHED') && rng.chance(0.35)) {
          const at = clock.plusHours(publishedAt, 24 * rng.int(1, 5) + rng.int(1, 8))
          if (before(at)) {
            audit.push({
              actorId: partnerUser,
              actorOrgId: partnerId,
              hubId: hubId(hub),
              action: 'match.invite',
              targetType: 'Match',
              targetId: matchId,
              before: { status: matchStatus },
              after: { status: 'INVITED', needId: id, firmId: entry.firmId },
              createdAt: at,
            })
            matchStatus = 'INVITED'
            invitedAt = at
            invited.add(entry.firmId)
          }
        }
        matches.push({
          id: matchId,
          needId: id,
          firmId: entry.firmId,
          score: entry.score,
          breakdown: { features: entry.breakdown, reasons: entry.reasons } as unknown as Prisma.InputJsonValue,
          algorithmVersion: ALGORITHM_VERSION,
          status: matchStatus,
          inNeedTop: rank < 10,
          inFirmTop: false,
          invitedAt,
          computedAt: publishedAt,
          updatedAt: invitedAt ?? publishedAt,
        })
      })

      // Applications: among the best-ranked firms (the invited ones first), arriving before the deadline.
      const wanted = Math.min(ranked.length, rng.int(2, 6))
      const pool = ranked.slice(0, Math.max(wanted + 3, 8))
      const chosen = [...pool.filter((entry) => invited.has(entry.firmId)), ...rng.shuffle(pool.filter((entry) => !invited.has(entry.firmId)))].slice(0, wanted)
      const deadlineAt = built.row.deadline!
      const lastSubmission = Math.min(deadlineAt.getTime() - DAY_MS, now.getTime() - 10 * 3_600_000)
      const span = Math.max(DAY_MS, lastSubmission - publishedAt.getTime())
      const decisionAt = clock.plusHours(deadlineAt, 24 * rng.int(6, 12))
      const winner = status === 'AWARDED' ? rng.int(0, chosen.length - 1) : -1
      chosen.forEach((entry, position) => {
        const firm = firmById.get(entry.firmId)!
        const firmUser = userOf(firm.users[0].email)
        const applicationId = randomUUID()
        const submittedAt = new Date(publishedAt.getTime() + DAY_MS / 2 + Math.floor(rng.float() * (span - DAY_MS / 2)))
        const createdAt = clock.plusHours(submittedAt, -rng.int(2, 30))
        const sharedSkills = base.skills.filter((skill) => firm.skills.includes(skill))
        const approach = rng.pick(APPROACHES)({
          firm: firm.name,
          need: title,
          skills: joinFrench(sharedSkills.length > 0 ? sharedSkills : firm.skills.slice(0, 2)),
          reference: firm.references[0]?.title ?? 'un projet comparable',
          weeks: rng.int(4, 10),
          team: Math.max(2, Math.min(firm.headcount, rng.int(2, 5))),
          where: inCommune(firm.commune.name),
        })
        const [budgetMin, budgetMax] = spec.budget
        const priceEur = roundTo(budgetMin + (budgetMax - budgetMin) * (0.2 + rng.float() * 0.9), 500)

        const steps: Array<{ to: ApplicationStatus; at: Date; actor: string; action: string; reason?: DeclineReason; comment?: string }> = []
        // The partner's first answer: most within the charter's 15 days, some late, a few never.
        const delayDays = rng.chance(0.78) ? rng.int(1, 13) + rng.float() : rng.chance(0.7) ? rng.int(16, 40) : null
        const staffFirst = screening
        const firstAt = delayDays === null ? null : new Date(submittedAt.getTime() + delayDays * DAY_MS)
        const withdrawn = rng.chance(0.04) && position !== winner
        const outcome = rng.chance(0.45) ? 'decline' : 'shortlist'
        if (staffFirst) {
          // Staff screen it first (the hub's moderator), and pass on the older ones.
          const screenAt = clock.plusHours(submittedAt, rng.int(3, 30))
          if (before(screenAt)) steps.push({ to: 'SCREENING', at: screenAt, actor: moderator, action: 'startScreening' })
          const passAt = clock.plusHours(submittedAt, 24 * rng.int(4, 8))
          if (steps.length > 0 && before(passAt) && rng.chance(0.6)) steps.push({ to: 'SHORTLISTED', at: passAt, actor: moderator, action: 'shortlist' })
        } else if (withdrawn) {
          const at = clock.plusHours(submittedAt, 24 * rng.int(2, 6))
          if (before(at)) steps.push({ to: 'WITHDRAWN', at, actor: firmUser, action: 'withdraw' })
        } else if (firstAt && before(firstAt) && (status !== 'AWARDED' || position !== winner)) {
          if (outcome === 'decline') {
            const reason = rng.weighted(DECLINE_REASONS, (item) => item.weight)
            steps.push({ to: 'DECLINED', at: firstAt, actor: partnerUser, action: 'decline', reason: reason.reason, comment: rng.chance(0.7) ? reason.comment : undefined })
          } else {
            steps.push({ to: 'SHORTLISTED', at: firstAt, actor: partnerUser, action: 'shortlist' })
          }
        } else if (status === 'AWARDED' && position === winner) {
          const at = firstAt && firstAt.getTime() < decisionAt.getTime() ? firstAt : clock.plusHours(decisionAt, -48)
          steps.push({ to: 'SHORTLISTED', at, actor: partnerUser, action: 'shortlist' })
        }
        // After the deadline: the partner decides on the shortlist (or asks a last question).
        const last = steps[steps.length - 1]
        if (last?.to === 'SHORTLISTED' && !staffFirst) {
          if (status === 'AWARDED') {
            if (position === winner) steps.push({ to: 'ACCEPTED', at: decisionAt, actor: partnerUser, action: 'accept' })
            else steps.push({ to: 'DECLINED', at: decisionAt, actor: partnerUser, action: 'decline', reason: 'OTHER_CANDIDATE', comment: 'Nous avons retenu une autre proposition, plus proche de notre calendrier.' })
          } else if (status === 'NOT_AWARDED') {
            const reason: DeclineReason = rng.chance(0.5) ? 'PROJECT_CANCELLED' : 'BUDGET'
            steps.push({ to: 'DECLINED', at: decisionAt, actor: partnerUser, action: 'decline', reason, comment: reason === 'PROJECT_CANCELLED' ? 'Le projet est reporté à l’an prochain faute de budget validé.' : undefined })
          } else if (rng.chance(0.25)) {
            const at = clock.plusHours(last.at, 24 * rng.int(1, 6))
            if (before(at)) steps.push({ to: 'INFO_REQUESTED', at, actor: partnerUser, action: 'requestInfo' })
          }
        }
        if (status === 'AWARDED' || status === 'NOT_AWARDED') {
          // A decided need leaves nothing undecided: the silent ones are declined with the decision.
          const current = steps[steps.length - 1]?.to ?? 'SUBMITTED'
          if (current === 'SUBMITTED' || current === 'SCREENING') {
            steps.push({ to: 'DECLINED', at: decisionAt, actor: partnerUser, action: 'decline', reason: status === 'AWARDED' ? 'OTHER_CANDIDATE' : 'PROJECT_CANCELLED' })
          }
        }

        const final = steps[steps.length - 1]
        const finalStatus: ApplicationStatus = final?.to ?? 'SUBMITTED'
        if (finalStatus === 'SCREENING') screenedHubs.add(hub)
        const decided = finalStatus === 'ACCEPTED' || finalStatus === 'DECLINED' ? final!.at : null
        const declineStep = finalStatus === 'DECLINED' ? final : undefined
        applications.push({
          id: applicationId,
          needId: id,
          firmId: entry.firmId,
          createdById: firmUser,
          status: finalStatus,
          approach,
          timeline: `Cadrage : ${rng.int(1, 3)} semaine(s) · Réalisation : ${rng.int(4, 12)} semaines · Recette : ${rng.int(1, 3)} semaine(s)`,
          priceEur,
          referencesText: firm.references.map((item) => `- ${item.title} (${item.clientType}, ${item.year}) : ${item.outcome}`).join('\n'),
          declineReason: declineStep?.reason ?? null,
          declineComment: declineStep?.comment ?? null,
          submittedAt,
          decidedAt: decided,
          createdAt,
          updatedAt: final?.at ?? submittedAt,
        })
        changes.push(
          { applicationId, fromStatus: null, toStatus: 'DRAFT', actorId: firmUser, at: createdAt },
          { applicationId, fromStatus: 'DRAFT', toStatus: 'SUBMITTED', actorId: firmUser, at: submittedAt },
        )
        const firmId = ids.orgId.get(firm.slug)!
        audit.push({
          actorId: firmUser,
          actorOrgId: firmId,
          hubId: hubId(hub),
          action: 'application.submit',
          targetType: 'Application',
          targetId: applicationId,
          before: { status: 'DRAFT' },
          after: { status: 'SUBMITTED' },
          createdAt: submittedAt,
        })
        let from: ApplicationStatus = 'SUBMITTED'
        for (const step of steps) {
          changes.push({ applicationId, fromStatus: from, toStatus: step.to, actorId: step.actor, at: step.at })
          audit.push({
            actorId: step.actor,
            actorOrgId: step.actor === partnerUser ? partnerId : step.actor === firmUser ? firmId : null,
            hubId: hubId(hub),
            action: `application.${step.action}`,
            targetType: 'Application',
            targetId: applicationId,
            before: { status: from },
            after: { status: step.to, ...(step.reason ? { reason: step.reason } : {}) },
            createdAt: step.at,
          })
          from = step.to
        }

        if (finalStatus === 'ACCEPTED') {
          const deal = dealFor(rng, clock, now, spec.kind, priceEur, decisionAt)
          const dealId = randomUUID()
          deals.push({ id: dealId, applicationId, ...deal.row })
          for (const event of deal.events) {
            audit.push({
              actorId: partnerUser,
              actorOrgId: partnerId,
              hubId: hubId(hub),
              action: `deal.${event.action}`,
              targetType: 'Deal',
              targetId: dealId,
              before: event.from ? { status: event.from } : undefined,
              after: { status: event.to, ...(event.value ? { contractValueEur: event.value } : {}) },
              createdAt: event.at,
            })
          }
        }
      })

      if (status === 'AWARDED' || status === 'NOT_AWARDED') {
        needAudit(status === 'AWARDED' ? 'need.award' : 'need.notAward', decisionAt, 'CLOSED', status)
        row.updatedAt = decisionAt
      }
    }
  }

  // A hub admin once set the charter's delay (the audit viewer's first hub row).
  for (const hub of ['digital-grenoble', 'collectif-annecy'] as HubSlug[]) {
    audit.push({
      actorId: adminOf(hub),
      hubId: hubId(hub),
      action: 'hub.settings',
      targetType: 'Hub',
      targetId: hubId(hub),
      before: { charterResponseDays: 21 },
      after: { charterResponseDays: 15 },
      createdAt: clock.at(-330, 10),
    })
  }

  const computed = performance.now()
  log(`Historique : ${needs.length} besoins, ${matches.length} rapprochements, ${applications.length} candidatures, ${deals.length} suites, ${audit.length} lignes de journal…`)
  audit.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime())
  await prisma.$transaction(
    async (db) => {
      await insertRows(db, 'Need', needs.map((need) => need.row))
      await insertRows(db, 'NeedShare', shares)
      await insertRows(db, 'Match', matches)
      await insertRows(db, 'Application', applications)
      await insertRows(db, 'StatusChange', changes.map((change) => ({ id: randomUUID(), ...change })))
      await insertRows(db, 'Deal', deals)
      await insertRows(db, 'AuditLog', audit)
    },
    { timeout: 60_000, maxWait: 10_000 },
  )

  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1)
  log(`Historique écrit en ${seconds(started, performance.now())} s (calcul ${seconds(started, computed)} s, écriture ${seconds(computed, performance.now())} s).`)
  const tally = <T extends string>(values: T[]) => values.reduce((acc, value) => acc.set(value, (acc.get(value) ?? 0) + 1), new Map<T, number>())
  const dealStatuses = tally(deals.map((deal) => deal.status as DealStatus))
  const counts: Record<string, number> = {
    'history.needs': needs.length,
    'history.needs.shared': shares.length,
    'history.needs.curated': needs.filter((need) => need.row.matchingMode === 'CURATED').length,
    'history.matches': matches.length,
    'history.matches.INVITED': matches.filter((match) => match.status === 'INVITED').length,
    'history.applications': applications.length,
    'history.applications.SCREENING': applications.filter((application) => application.status === 'SCREENING').length,
    'history.statusChanges': changes.length,
  }
  for (const status of ['PILOT', 'PILOT_SUCCEEDED', 'PILOT_FAILED', 'CONTRACT', 'CANCELLED'] as DealStatus[]) counts[`history.deals.${status}`] = dealStatuses.get(status) ?? 0
  counts['history.auditLogs'] = audit.length
  return { needs: needs.length, applications: applications.length, counts }
}

/** What became of an accepted application: a pilot (running, succeeded, failed) and maybe a contract. */
function dealFor(rng: Rng, clock: Clock, now: Date, kind: NeedKind, priceEur: number, decidedAt: Date) {
  const day = (date: Date, offset: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) + offset * DAY_MS)
  const events: Array<{ action: string; from: DealStatus | null; to: DealStatus; at: Date; value?: number }> = []
  const contractValueEur = roundTo(priceEur * (1.8 + rng.float() * 3), 1000)
  const purchaseOrder = `BC-${decidedAt.getUTCFullYear()}-${String(rng.int(100, 9999)).padStart(4, '0')}`
  if (kind === 'PROCUREMENT') {
    // A purchase: the contract follows the award.
    const signedAt = clock.plusHours(decidedAt, 24 * rng.int(2, 9))
    const at = signedAt.getTime() < now.getTime() ? signedAt : clock.plusHours(decidedAt, 2)
    events.push({ action: 'signContract', from: null, to: 'CONTRACT', at, value: priceEur })
    return {
      row: { status: 'CONTRACT' as DealStatus, successCriteria: CRITERIA[kind], pilotValueEur: null, purchaseOrder, contractValueEur: priceEur, contractSignedAt: at, createdAt: decidedAt, updatedAt: at },
      events,
    }
  }
  const startsOn = day(decidedAt, rng.int(10, 21))
  const endsOn = day(startsOn, rng.int(45, 90))
  events.push({ action: 'start-pilot', from: null, to: 'PILOT', at: decidedAt })
  const base = { successCriteria: CRITERIA[kind], pilotStartsOn: startsOn, pilotEndsOn: endsOn, pilotValueEur: priceEur, createdAt: decidedAt }
  const ended = new Date(endsOn.getTime() + 10 * 3_600_000)
  if (ended.getTime() > now.getTime()) return { row: { ...base, status: 'PILOT' as DealStatus, updatedAt: decidedAt }, events }
  const roll = rng.float()
  if (roll < 0.2) {
    events.push({ action: 'pilotFailed', from: 'PILOT', to: 'PILOT_FAILED', at: ended })
    return { row: { ...base, status: 'PILOT_FAILED' as DealStatus, updatedAt: ended }, events }
  }
  if (roll < 0.25) {
    events.push({ action: 'cancel', from: 'PILOT', to: 'CANCELLED', at: ended })
    return { row: { ...base, status: 'CANCELLED' as DealStatus, updatedAt: ended }, events }
  }
  events.push({ action: 'pilotSucceeded', from: 'PILOT', to: 'PILOT_SUCCEEDED', at: ended })
  const signedAt = clock.plusHours(ended, 24 * rng.int(5, 25))
  if (roll < 0.45 || signedAt.getTime() > now.getTime() - 3_600_000) return { row: { ...base, status: 'PILOT_SUCCEEDED' as DealStatus, updatedAt: ended }, events }
  events.push({ action: 'signContract', from: 'PILOT_SUCCEEDED', to: 'CONTRACT', at: signedAt, value: contractValueEur })
  return { row: { ...base, status: 'CONTRACT' as DealStatus, purchaseOrder, contractValueEur, contractSignedAt: signedAt, updatedAt: signedAt }, events }
}

/**
 * Set-based insert: all rows as one JSON parameter, expanded by PostgreSQL (`jsonb_to_recordset`) with
 * each column's own type read from the catalogue. Much faster than `createMany` for thousands of rows
 * with JSON columns (the matches' breakdowns). Columns absent from the rows keep their defaults.
 */
async function insertRows(db: Prisma.TransactionClient, table: string, rows: object[]) {
  if (rows.length === 0) return
  const types = new Map(
    (
      await db.$queryRaw<Array<{ name: string; type: string }>>`
        SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = ${`"${table}"`}::regclass AND attnum > 0 AND NOT attisdropped`
    ).map((column) => [column.name, column.type]),
  )
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  for (const column of columns) if (!types.has(column)) throw new Error(`${table} has no column ${column}`)
  const list = columns.map((column) => `"${column}"`).join(', ')
  const definitions = columns.map((column) => `"${column}" ${types.get(column)}`).join(', ')
  await db.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS x(${definitions})`, JSON.stringify(rows))
}
