/**
 * Programmes and the network for the demo (issue 14; prisma/seed-data.ts calls it after the history):
 * two accelerator cohorts (Grenoble and Annecy) of verified 1–10 M€ firms, the ones that already won
 * pilots or contracts first; three working groups across the hubs, with members from neighbouring
 * hubs; a published need addressed to a group and one reserved to a cohort; a firm hidden from the
 * directory; a staff recommendation on a need shared with another hub; and pitches in every answer
 * state (waiting for the hub, sent to the partner, a conversation, declined with a reason), and
 * what the people concerned were told in the app.
 *
 * - Relative to the run: every date is an offset from today (`Clock`), so reservations and charter
 *   delays are always current.
 * - Deterministic: members are chosen by fixed rules (deals first, then by name), never at random,
 *   from the rows the earlier sections wrote; the same rows on every run (ids apart).
 * - A handful of rows, in one transaction: it adds well under a second to `npm run db:seed`.
 *
 * Only module-level types and functions here: seed-data.ts imports this file and this file imports it.
 */
import type { DealStatus, DeclineReason, PitchStatus, Prisma, RevenueBand } from '#app/generated/prisma/client'
import { prisma } from '#app/utils/db.server'
import { DEMO_EMAILS } from './demo-logins'
import { type Clock, DAY_MS, DEMO_FIRM_SLUG, STAFF, type HubSlug, type OrgDraft, type PartnerKey } from './seed-data'

/** The revenue bands of the accelerator's growth firms (1–10 M€). */
export const GROWTH_BANDS: RevenueBand[] = ['M1_2M', 'M2_5M', 'M5_10M']

/** The firm the seed hides from the directory (its owner chose so in its settings). */
export const HIDDEN_FIRM_HUB: HubSlug = 'digital-grenoble'

interface CohortSpec {
  hub: HubSlug
  name: (year: number) => string
  programme: string
  description: string
  /** Days since its first day, and its length in days (its firms' pilots and contracts count in between). */
  startsDaysAgo: number
  lengthDays: number
  targetEur: number
  targetPilots: number
  /** The demo firm joins this one (its founder then sees a cohort on its home). */
  withDemoFirm?: boolean
}

export const COHORTS: CohortSpec[] = [
  {
    hub: 'digital-grenoble',
    name: (year) => `Accélérateur Croissance Alpes ${year}`,
    programme: 'Accélérateur Croissance Alpes',
    description:
      'Un an pour décrocher des ventes stratégiques auprès des grands comptes du sillon alpin : un binôme avec un acheteur partenaire, deux ateliers par mois (pitch, réponse aux consultations, passage du pilote au contrat) et un point d’étape trimestriel avec l’équipe de Digital Grenoble.',
    startsDaysAgo: 300,
    lengthDays: 365,
    targetEur: 300_000,
    targetPilots: 2,
    withDemoFirm: true,
  },
  {
    hub: 'collectif-annecy',
    name: (year) => `Cap Grands Comptes Annecy ${year}`,
    programme: 'Cap Grands Comptes',
    description:
      'Le programme d’accélération du Collectif numérique d’Annecy pour les entreprises de 1 à 10 M€ de chiffre d’affaires : mises en relation ciblées avec les partenaires de Haute-Savoie (santé, tourisme, banque), besoins réservés quelques jours à la promotion et accompagnement jusqu’à la signature.',
    startsDaysAgo: 240,
    lengthDays: 300,
    targetEur: 200_000,
    targetPilots: 1,
  },
]

interface GroupSpec {
  slug: string
  hub: HubSlug
  name: string
  theme: string
  description: string
  openToAllHubs: boolean
  /** The firms of these themes may be members: so many from each hub. */
  themes: Array<OrgDraft['themes'][number]>
  members: Partial<Record<HubSlug, number>>
  withDemoFirm?: boolean
  announcement: { title: string; body: string; daysAgo: number }
}

export const GROUPS: GroupSpec[] = [
  {
    slug: 'ia-industrielle',
    hub: 'digital-grenoble',
    name: 'IA industrielle',
    theme: 'Intelligence artificielle et données pour l’industrie',
    description:
      'Le groupe réunit les entreprises qui mettent l’apprentissage automatique, la vision et l’IoT au service des usines et des exploitants d’ouvrages : retours d’expérience de pilotes, veille sur l’AI Act et rencontres avec les directions industrielles des partenaires. Ouvert aux adhérents des quatre associations du sillon alpin.',
    openToAllHubs: true,
    themes: ['industrialAi', 'data', 'embedded'],
    members: { 'digital-grenoble': 3, 'collectif-annecy': 1, 'collectif-digital-savoie': 1 },
    withDemoFirm: true,
    announcement: {
      title: 'Atelier « Du pilote au contrat » : inscriptions ouvertes',
      body: 'Prochaine rencontre du groupe un matin à 9 h 30 chez Digital Grenoble (Minatec) : trois entreprises racontent comment leur pilote est devenu un contrat, puis les acheteurs d’Alpiva Énergie et de Chartreuse Industries répondent à vos questions. Inscription auprès de l’équipe de l’association.',
      daysAgo: 6,
    },
  },
  {
    slug: 'cybersecurite-des-pme',
    hub: 'collectif-digital-savoie',
    name: 'Cybersécurité des PME',
    theme: 'Sécurité des systèmes d’information et des automates',
    description:
      'Mutualiser les bonnes pratiques de cybersécurité des PME du sillon alpin : exercices de crise, modèles de plans de continuité, préparation à NIS 2 et partage des alertes entre adhérents. Ouvert aux membres de toutes les associations.',
    openToAllHubs: true,
    themes: ['cyber'],
    members: { 'collectif-digital-savoie': 2, 'digital-grenoble': 1, 'valence-numerique': 1 },
    announcement: {
      title: 'Exercice de crise « rançongiciel » en février',
      body: 'Le Collectif Digital Savoie organise un exercice de crise sur table à Chambéry dans les prochaines semaines : scénario de rançongiciel dans une PME industrielle, avec un juriste et un assureur. Places limitées à douze entreprises ; les membres des autres associations sont les bienvenus.',
      daysAgo: 12,
    },
  },
  {
    slug: 'tourisme-de-montagne-numerique',
    hub: 'collectif-annecy',
    name: 'Tourisme de montagne numérique',
    theme: 'Stations, loisirs et mobilité en montagne',
    description:
      'Les entreprises haut-savoyardes qui conçoivent la billetterie, la réservation et l’information des visiteurs des stations échangent avec les exploitants de remontées et les offices de tourisme. Réservé aux adhérents du Collectif numérique d’Annecy.',
    openToAllHubs: false,
    themes: ['tourism'],
    members: { 'collectif-annecy': 3 },
    announcement: {
      title: 'Bilan de la saison d’hiver avec les Remontées du Grand Massif',
      body: 'Les Remontées du Grand Massif présenteront au groupe, à sa prochaine rencontre à Annecy, le bilan de leur billetterie mobile et leurs projets pour l’été : une bonne occasion de préparer les prochaines consultations.',
      daysAgo: 3,
    },
  },
]

/** Published needs of the demo that the seed addresses to a group or reserves to a cohort. */
export const GROUP_NEED = { title: 'Prévision de production photovoltaïque à l’heure près', group: 'ia-industrielle' }
export const RESERVED_NEED = { title: 'Maintenance prédictive des télésièges du domaine', cohortHub: 'collectif-annecy' as HubSlug, reservedDays: 21 }
/** A need of Annecy shared with Grenoble: Grenoble's staff recommend one of their firms. */
export const RECOMMENDED_NEED = {
  title: 'Détection de fraude sur les virements instantanés',
  staffEmail: DEMO_EMAILS.moderator,
  note: 'Nous suivons cette équipe depuis deux ans : elle a conçu la détection d’anomalies des paiements d’une mutuelle grenobloise et connaît les contraintes de l’instantané. Nous vous la recommandons au-delà de son score : ses références en détection d’anomalies valent mieux que ce que dit son profil.',
}

interface PitchSpec {
  /** The firm: the demo firm, or the first member of a cohort working on this theme (else its first winner). */
  firm: 'demo' | { cohortHub: HubSlug; theme: OrgDraft['themes'][number] }
  partner: PartnerKey
  status: PitchStatus
  title: string
  problem: string
  offer: string
  referencesText: string
  submittedDaysAgo: number
  sentDaysAgo?: number
  answeredDaysAgo?: number
  declineReason?: DeclineReason
  declineComment?: string
  /** The conversation, partner first. */
  messages?: string[]
}

export const PITCHES: PitchSpec[] = [
  {
    firm: 'demo',
    partner: 'alpiva',
    status: 'INTERESTED',
    title: 'Inspection des grilles de prise d’eau par caméra embarquée',
    problem:
      'Les grilles des prises d’eau de vos centrales de l’Oisans se colmatent à chaque crue : feuilles et branchages font chuter le débit et imposent des nettoyages d’urgence décidés à vue.',
    offer:
      'Une caméra durcie et un modèle de vision estiment en continu le taux de colmatage de chaque grille et préviennent le centre de conduite avant la perte de production. Pilote proposé sur deux prises d’eau pendant une saison de crues.',
    referencesText:
      '- Contrôle visuel des soudures pour un chaudronnier de Voiron (2024) : 92 % des défauts détectés en ligne\n- Surveillance des convoyeurs d’une carrière de Chartreuse (2023)',
    submittedDaysAgo: 16,
    sentDaysAgo: 14,
    answeredDaysAgo: 9,
    messages: [
      'Bonjour, votre proposition nous intéresse : nos équipes de Livet-et-Gavet ont eu trois nettoyages d’urgence cet automne. Pourriez-vous nous dire quelles données il vous faudrait pour chiffrer un pilote sur deux prises d’eau ?',
      'Merci pour votre retour ! Il nous faudrait l’historique des débits sur deux saisons et un accès au site pour poser les caméras. Nous pouvons venir sur place la semaine prochaine si cela vous convient.',
    ],
  },
  {
    firm: { cohortHub: 'digital-grenoble', theme: 'energy' },
    partner: 'alpiva',
    status: 'SENT',
    title: 'Pilotage des flexibilités électriques de vos bâtiments tertiaires',
    problem:
      'Vos sièges et agences consomment aux heures de pointe alors que la production de vos centrales pourrait être mieux valorisée : les effacements sont aujourd’hui décidés à la main.',
    offer:
      'Notre plateforme pilote le chauffage, la ventilation et les bornes de recharge de vos bâtiments pour décaler les consommations selon les prix et votre production, avec un engagement sur le confort des occupants.',
    referencesText: '- Effacement de consommation de six collèges de l’Isère (2025) : 11 % d’économies sur la facture',
    submittedDaysAgo: 6,
    sentDaysAgo: 4,
  },
  {
    firm: { cohortHub: 'digital-grenoble', theme: 'embedded' },
    partner: 'chartreuse',
    status: 'SUBMITTED',
    title: 'Réglage automatique des thermoscelleuses par apprentissage',
    problem:
      'À chaque changement de film, vos lignes de conditionnement perdent du temps en réglages de température et de pression, et les défauts de scellage ne sont vus qu’en fin de ligne.',
    offer:
      'Un modèle appris sur les données de vos automates propose les bons réglages au changement de série et alerte l’opérateur dès qu’une soudure dérive. Installation sans arrêt de ligne.',
    referencesText: '- Réduction des rebuts d’une ligne d’emballage alimentaire en Savoie (2024) : −35 % de rebuts',
    submittedDaysAgo: 2,
  },
  {
    firm: { cohortHub: 'collectif-annecy', theme: 'energy' },
    partner: 'remontees',
    status: 'DECLINED',
    title: 'Capteurs d’enneigement connectés sur les pistes',
    problem: 'La production de neige de culture est décidée à partir de relevés manuels de hauteur de neige, piste par piste.',
    offer: 'Des capteurs autonomes mesurent l’enneigement en continu et alimentent un tableau de bord pour les nivoculteurs.',
    referencesText: '- Réseau de capteurs de niveau pour un syndicat des eaux du Chablais (2023)',
    submittedDaysAgo: 30,
    sentDaysAgo: 28,
    answeredDaysAgo: 20,
    declineReason: 'TIMING',
    declineComment:
      'Merci pour cette proposition claire. Nous venons de renouveler notre contrat de mesure d’enneigement pour trois saisons ; revenez vers nous dans deux ans.',
  },
]

export interface ProgrammesContext {
  clock: Clock
  ids: { userId: Map<string, string>; orgId: Map<string, string>; hubId: Map<string, string> }
  firms: OrgDraft[]
  partnerByKey: Map<PartnerKey, OrgDraft>
  log: (line: string) => void
}

export async function seedProgrammes({ clock, ids, firms, partnerByKey, log }: ProgrammesContext): Promise<{ counts: Record<string, number> }> {
  const started = performance.now()
  const orgId = (slug: string) => ids.orgId.get(slug)!
  const userId = (email: string) => ids.userId.get(email)!
  const hubId = (hub: HubSlug) => ids.hubId.get(hub)!
  const staffOf = (hub: HubSlug, role: 'ADMIN' | 'MODERATOR') => userId(STAFF.find((staff) => staff.hub === hub && staff.role === role)!.email)
  const day = (offset: number) => new Date(clock.base + offset * DAY_MS)
  const verified = firms.filter((firm) => firm.status === 'VERIFIED')
  const bySlug = new Map(firms.map((firm) => [firm.slug, firm]))
  const byName = (a: OrgDraft, b: OrgDraft) => a.name.localeCompare(b.name, 'fr')

  // What each firm won, and when: a cohort counts the pilots started and contracts signed between its dates.
  const deals = await prisma.deal.findMany({
    where: { status: { in: ['CONTRACT', 'PILOT_SUCCEEDED', 'PILOT'] } },
    select: { status: true, createdAt: true, contractSignedAt: true, application: { select: { firmId: true } } },
  })
  /** 0: a contract signed since `start`; 1: a pilot since then that succeeded; 2: one running. */
  const wonSince = (firmId: string, start: Date) => {
    let best: number | undefined
    for (const deal of deals) {
      if (deal.application.firmId !== firmId) continue
      const rank: Partial<Record<DealStatus, number>> = { CONTRACT: 0, PILOT_SUCCEEDED: 1, PILOT: 2 }
      const at = deal.status === 'CONTRACT' ? deal.contractSignedAt : deal.createdAt
      if (at && at.getTime() >= start.getTime()) best = Math.min(best ?? 9, rank[deal.status]!)
    }
    return best
  }

  // ── cohorts: three winners of the hub (contracts and a pilot) and one firm still to win, 1–10 M€.
  const taken = new Set<string>([DEMO_FIRM_SLUG])
  const cohorts = COHORTS.map((spec) => {
    const growth = verified.filter((firm) => firm.hub === spec.hub && GROWTH_BANDS.includes(firm.revenueBand) && firm.slug !== DEMO_FIRM_SLUG)
    const won = (firm: OrgDraft) => wonSince(orgId(firm.slug), day(-spec.startsDaysAgo))
    const contracts = growth.filter((firm) => won(firm) === 0).sort(byName)
    const pilots = growth.filter((firm) => won(firm) !== undefined && won(firm)! > 0).sort((a, b) => won(a)! - won(b)! || byName(a, b))
    // Two contracts and a pilot when the hub has them (else more of the other kind).
    const winners = [...contracts.slice(0, 2), ...pilots.slice(0, 1)]
    for (const firm of [...contracts, ...pilots]) if (winners.length < 3 && !winners.includes(firm)) winners.push(firm)
    const newcomer = growth.filter((firm) => !winners.includes(firm)).sort(byName)[0]
    const members = [...(spec.withDemoFirm ? [bySlug.get(DEMO_FIRM_SLUG)!] : []), ...winners, ...(newcomer ? [newcomer] : [])]
    if (members.length < 3) throw new Error(`only ${members.length} growth firms for the cohort of ${spec.hub}`)
    for (const firm of members) taken.add(firm.slug)
    return { spec, members, winners }
  })

  // ── working groups: firms of the group's themes, by name, from each hub as many as asked.
  const groupMembers = GROUPS.map((spec) => {
    const members: OrgDraft[] = spec.withDemoFirm ? [bySlug.get(DEMO_FIRM_SLUG)!] : []
    for (const [hub, count] of Object.entries(spec.members) as Array<[HubSlug, number]>) {
      const pool = verified
        .filter((firm) => firm.hub === hub && firm.slug !== DEMO_FIRM_SLUG && firm.themes.some((theme) => spec.themes.includes(theme)))
        // Firms whose main theme it is first.
        .sort((a, b) => Number(!spec.themes.includes(a.themes[0])) - Number(!spec.themes.includes(b.themes[0])) || byName(a, b))
      if (pool.length < count) throw new Error(`only ${pool.length} firms of ${hub} for the group ${spec.slug}`)
      members.push(...pool.slice(0, count))
    }
    return { spec, members }
  })
  const inGroups = new Set(groupMembers.flatMap((group) => group.members.map((firm) => firm.slug)))

  // ── the firm hidden from the directory: a small Grenoble firm in no cohort and no group.
  const hidden = verified.filter((firm) => firm.hub === HIDDEN_FIRM_HUB && firm.revenueBand === 'LT_1M' && !taken.has(firm.slug) && !inGroups.has(firm.slug)).sort(byName)[0]

  // ── the needs addressed to a group, reserved to a cohort and recommended by staff.
  const needOf = async (title: string) => {
    const need = await prisma.need.findFirst({ where: { title, status: 'PUBLISHED' }, select: { id: true, publishedAt: true, hubId: true, partnerId: true } })
    if (!need) throw new Error(`the published need "${title}" is missing from the demo data`)
    return need
  }
  const [groupNeed, reservedNeed, recommendedNeed] = await Promise.all([needOf(GROUP_NEED.title), needOf(RESERVED_NEED.title), needOf(RECOMMENDED_NEED.title)])
  const reservedUntil = new Date(reservedNeed.publishedAt!.getTime() + RESERVED_NEED.reservedDays * DAY_MS)
  if (reservedUntil.getTime() <= clock.base) throw new Error(`"${RESERVED_NEED.title}" was published too long ago to be still reserved`)

  // Grenoble's staff recommend a Grenoble firm of data or AI that the engine ranked below the hub's best.
  const recommendedHub: HubSlug = 'digital-grenoble'
  const candidates = verified.filter((firm) => firm.hub === recommendedHub && firm.themes.some((theme) => theme === 'data' || theme === 'industrialAi') && firm.slug !== DEMO_FIRM_SLUG)
  const engineMatches = await prisma.match.findMany({
    where: { needId: recommendedNeed.id, firmId: { in: candidates.map((firm) => orgId(firm.slug)) }, status: 'SUGGESTED' },
    select: { id: true, firmId: true, score: true },
    orderBy: [{ score: 'desc' }, { firmId: 'asc' }],
  })
  const recommended = engineMatches[1] ?? engineMatches[0]
  if (!recommended) throw new Error(`no Grenoble firm to recommend for "${RECOMMENDED_NEED.title}"`)
  const recommendedFirm = candidates.find((firm) => orgId(firm.slug) === recommended.firmId)!
  const recommendedPartner = [...partnerByKey.values()].find((partner) => orgId(partner.slug) === recommendedNeed.partnerId)!

  // ── pitches: the firms named, or the cohorts' winners in order.
  const cohortOf = (hub: HubSlug) => cohorts.find((cohort) => cohort.spec.hub === hub)!
  const pitches = PITCHES.map((spec) => {
    let firm: OrgDraft | undefined
    if (spec.firm === 'demo') firm = bySlug.get(DEMO_FIRM_SLUG)
    else {
      const { theme } = spec.firm
      const cohort = cohortOf(spec.firm.cohortHub)
      const others = cohort.members.filter((member) => member.slug !== DEMO_FIRM_SLUG)
      firm = others.find((member) => member.themes[0] === theme) ?? others.find((member) => member.themes.includes(theme)) ?? cohort.winners[0]
    }
    if (!firm) throw new Error(`no firm for the pitch "${spec.title}"`)
    const partner = partnerByKey.get(spec.partner)!
    return { spec, firm, partner }
  })

  // What the people were told in the app, as the services word it (kinds and payloads of
  // app/modules/{groups,pitches,firms}); older ones already read.
  const notifications: Prisma.NotificationCreateManyInput[] = []
  const tell = (emails: string[], row: Omit<Prisma.NotificationCreateManyInput, 'userId'>, readAfterHours?: number) => {
    for (const email of emails) {
      const createdAt = row.createdAt as Date
      notifications.push({ ...row, userId: userId(email), readAt: readAfterHours === undefined ? null : clock.plusHours(createdAt, readAfterHours) })
    }
  }
  const usersOf = (org: OrgDraft) => org.users.map((user) => user.email)
  const staffEmails = (hub: HubSlug) => STAFF.filter((staff) => staff.hub === hub).map((staff) => staff.email)

  log(`Programmes : ${cohorts.length} cohortes, ${groupMembers.length} groupes de travail, ${pitches.length} pitchs…`)
  await prisma.$transaction(
    async (db) => {
      for (const { spec, members } of cohorts) {
        // Named after the year it started.
        const year = day(-spec.startsDaysAgo).getUTCFullYear()
        const cohort = await db.cohort.create({
          data: {
            hubId: hubId(spec.hub),
            name: spec.name(year),
            programme: spec.programme,
            description: spec.description,
            year,
            startsOn: day(-spec.startsDaysAgo),
            endsOn: day(spec.lengthDays - spec.startsDaysAgo),
            targetEur: spec.targetEur,
            targetPilots: spec.targetPilots,
            createdById: staffOf(spec.hub, 'ADMIN'),
            createdAt: clock.at(-spec.startsDaysAgo - 20, 10),
          },
          select: { id: true },
        })
        await db.cohortMember.createMany({
          data: members.map((firm, index) => ({
            cohortId: cohort.id,
            organisationId: orgId(firm.slug),
            addedById: staffOf(spec.hub, 'MODERATOR'),
            addedAt: clock.at(-spec.startsDaysAgo - 10, 11, index * 5),
          })),
        })
        if (spec.hub === RESERVED_NEED.cohortHub) {
          await db.need.update({
            where: { id: reservedNeed.id },
            data: { reservedCohortId: cohort.id, reservedDays: RESERVED_NEED.reservedDays, reservedUntil },
          })
        }
      }

      for (const { spec, members } of groupMembers) {
        const group = await db.workingGroup.create({
          data: {
            hubId: hubId(spec.hub),
            slug: spec.slug,
            name: spec.name,
            theme: spec.theme,
            description: spec.description,
            openToAllHubs: spec.openToAllHubs,
            createdById: staffOf(spec.hub, 'ADMIN'),
            createdAt: clock.at(-200, 10),
          },
          select: { id: true },
        })
        await db.workingGroupMember.createMany({
          data: members.map((firm, index) => ({
            workingGroupId: group.id,
            organisationId: orgId(firm.slug),
            joinedById: userId(firm.users[0].email),
            joinedAt: clock.at(-180 + index * 9, 14),
          })),
        })
        const announcedAt = clock.at(-spec.announcement.daysAgo, 10)
        await db.workingGroupAnnouncement.create({
          data: {
            workingGroupId: group.id,
            authorId: staffOf(spec.hub, 'MODERATOR'),
            title: spec.announcement.title,
            body: spec.announcement.body,
            createdAt: announcedAt,
          },
        })
        const memberEmails = members.flatMap(usersOf)
        tell(
          memberEmails,
          { kind: 'groups:announcement', category: 'GROUP_NEEDS', payload: { group: spec.name, title: spec.announcement.title }, link: `/groups/${spec.slug}`, createdAt: announcedAt },
          spec.announcement.daysAgo > 4 ? 20 : undefined,
        )
        if (spec.slug === GROUP_NEED.group) {
          await db.need.update({ where: { id: groupNeed.id }, data: { workingGroupId: group.id } })
          // Told once (the key `notifyGroupOfPublishedNeed` claims): the published-need job tells nobody twice.
          await db.reminderSent.createMany({
            data: memberEmails.map((email) => ({ key: `group-need:${groupNeed.id}:${group.id}:${userId(email)}` })),
            skipDuplicates: true,
          })
          tell(memberEmails, {
            kind: 'groups:need-addressed',
            category: 'GROUP_NEEDS',
            payload: { needId: groupNeed.id, title: GROUP_NEED.title, group: spec.name },
            link: `/needs/${groupNeed.id}`,
            needId: groupNeed.id,
            createdAt: clock.plusHours(groupNeed.publishedAt!, 1),
          })
        }
      }

      if (hidden) await db.organisation.update({ where: { id: orgId(hidden.slug) }, data: { directoryHidden: true } })

      tell(usersOf(recommendedPartner), {
        kind: 'firms:recommended',
        category: 'MY_NEEDS',
        payload: { needId: recommendedNeed.id, title: RECOMMENDED_NEED.title, firm: recommendedFirm.name, hub: 'Grenoble' },
        link: `/needs/${recommendedNeed.id}/recommendations`,
        needId: recommendedNeed.id,
        createdAt: clock.at(-1, 15),
      })
      // As `recommendFirm` does: an engine match keeps its source and gains the recommendation,
      // with its audit row.
      await db.match.update({
        where: { id: recommended.id },
        data: {
          recommendedById: userId(RECOMMENDED_NEED.staffEmail),
          recommendedHubId: hubId(recommendedHub),
          recommendationNote: RECOMMENDED_NEED.note,
          recommendedAt: clock.at(-1, 15),
        },
      })
      await db.auditLog.create({
        data: {
          actorId: userId(RECOMMENDED_NEED.staffEmail),
          hubId: hubId(recommendedHub),
          action: 'match.recommend',
          targetType: 'Match',
          targetId: recommended.id,
          before: { status: 'SUGGESTED', source: 'ENGINE' },
          after: { status: 'SUGGESTED', needId: recommendedNeed.id, firmId: recommended.firmId, source: 'ENGINE', note: RECOMMENDED_NEED.note },
          createdAt: clock.at(-1, 15),
        },
      })

      for (const { spec, firm, partner } of pitches) {
        const author = userId(firm.users[0].email)
        const partnerUser = userId(partner.users[0].email)
        const lastAt = spec.answeredDaysAgo ?? spec.sentDaysAgo ?? spec.submittedDaysAgo
        const pitch = await db.pitch.create({
          data: {
            firmId: orgId(firm.slug),
            partnerId: orgId(partner.slug),
            hubId: hubId(firm.hub),
            createdById: author,
            status: spec.status,
            title: spec.title,
            problem: spec.problem,
            offer: spec.offer,
            referencesText: spec.referencesText,
            declineReason: spec.declineReason ?? null,
            declineComment: spec.declineComment ?? null,
            createdAt: clock.at(-spec.submittedDaysAgo - 1, 17),
            submittedAt: clock.at(-spec.submittedDaysAgo, 9, 30),
            sentAt: spec.sentDaysAgo === undefined ? null : clock.at(-spec.sentDaysAgo, 11),
            answeredAt: spec.answeredDaysAgo === undefined ? null : clock.at(-spec.answeredDaysAgo, 15),
            updatedAt: clock.at(-lastAt, 15),
          },
          select: { id: true },
        })
        const about = (kind: string, other: string, at: Date) => ({ kind: `pitches:${kind}`, payload: { pitchId: pitch.id, title: spec.title, other }, link: `/pitches/${pitch.id}`, pitchId: pitch.id, createdAt: at })
        if (spec.status === 'SUBMITTED') tell(staffEmails(firm.hub), { ...about('submitted', firm.name, clock.at(-spec.submittedDaysAgo, 9, 30)), category: 'STAFF_QUEUES' })
        if (spec.sentDaysAgo !== undefined) {
          const sentAt = clock.at(-spec.sentDaysAgo, 11)
          tell(usersOf(firm), { ...about('approved', partner.name, sentAt), category: 'MY_APPLICATIONS' }, 3)
          tell(usersOf(partner), { ...about('received', firm.name, sentAt), category: 'MY_NEEDS' }, spec.status === 'SENT' ? undefined : 4)
        }
        if (spec.answeredDaysAgo !== undefined) {
          const kind = spec.status === 'DECLINED' ? 'declined' : 'interested'
          tell(usersOf(firm), { ...about(kind, partner.name, clock.at(-spec.answeredDaysAgo, 15)), category: 'MY_APPLICATIONS' }, 2)
        }
        // The firm's reply to the partner's first message: the partner has not read it yet.
        if (spec.messages && spec.messages.length > 1) {
          tell(usersOf(partner), { ...about('message', firm.name, clock.at(-(spec.answeredDaysAgo ?? 0) + 1, 15, 5)), category: 'MY_NEEDS' })
        }
        if (spec.messages) {
          await db.pitchMessage.createMany({
            data: spec.messages.map((body, index) => {
              const fromPartner = index % 2 === 0
              return {
                pitchId: pitch.id,
                authorId: fromPartner ? partnerUser : author,
                authorOrgId: orgId(fromPartner ? partner.slug : firm.slug),
                body,
                createdAt: clock.at(-(spec.answeredDaysAgo ?? 0) + index, 15, 5),
              }
            }),
          })
        }
      }

      await db.notification.createMany({ data: notifications })
    },
    { timeout: 30_000, maxWait: 10_000 },
  )
  log(`Programmes écrits en ${((performance.now() - started) / 1000).toFixed(1)} s.`)

  return {
    counts: {
      'programmes.cohorts': cohorts.length,
      'programmes.cohortMembers': cohorts.reduce((sum, cohort) => sum + cohort.members.length, 0),
      'programmes.groups': groupMembers.length,
      'programmes.groupMembers': groupMembers.reduce((sum, group) => sum + group.members.length, 0),
      'programmes.pitches': pitches.length,
      'programmes.directoryHidden': hidden ? 1 : 0,
      'programmes.staffRecommendations': 1,
      'programmes.notifications': notifications.length,
    },
  }
}
