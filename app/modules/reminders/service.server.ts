import { sendPitchCharterReminders } from '#app/modules/pitches/reminders.server'
import { sendDuesReminders } from '#app/modules/billing/reminders.server'
import { Prisma } from '#app/generated/prisma/client'
import { onDay } from '#app/i18n/format'
import { UNDECIDED } from '#app/modules/applications/service.server'
import type { EmailTemplate } from '#app/modules/notifications/email.server'
import { notify } from '#app/modules/notifications/notifications.server'
import type { Category } from '#app/modules/notifications/preferences'
import { needVisibilitySql } from '#app/modules/needs/visibility.server'
import { isBeingScreened, isMemberOf, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma, transaction, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { localesOf, whoMayOpenNeed } from './recipients.server'
import {
  charterDueDay,
  charterReminder,
  CHARTER_SOON_DAYS,
  dayIn,
  daysLate,
  daysLeftWithin,
  DRAFT_DEADLINE_DAYS,
  middayOf,
  PILOT_END_DAYS,
} from './schedule'

/**
 * The reminders of the Small Business Act charter and of the calendar, each sent once: its
 * `ReminderSent` key is inserted in the same transaction as its notifications and e-mails, so a
 * second pass, a retried job or a concurrent worker finds the key and sends nothing. The key names
 * the date reminded of (the delay, the deadline's day, the pilot's end): once moved, it is reminded again.
 */
export async function sendOnce(key: string, work: (tx: Tx) => Promise<unknown>) {
  return transaction(async (tx) => {
    const claimed = await tx.db.$executeRaw`INSERT INTO "ReminderSent" (key) VALUES (${key}) ON CONFLICT (key) DO NOTHING`
    if (claimed === 0) return false
    await work(tx)
    return true
  })
}

/** A reminder to some users of one category, with its e-mail dated in each recipient's language and zone. */
async function remind(
  tx: Tx,
  input: {
    category: Category
    userIds: string[]
    kind: string
    payload: Record<string, string | number>
    link: string
    needId: string
    applicationId?: string
    about: { type: 'APPLICATION' | 'NEED'; id: string }
    template: (user: { id: string; name: string }, onDayFor: (day: string) => string) => EmailTemplate
  },
) {
  if (input.userIds.length === 0) return []
  const locales = await localesOf(input.userIds)
  return notify(tx, {
    category: input.category,
    userIds: input.userIds,
    kind: input.kind,
    payload: input.payload,
    link: input.link,
    needId: input.needId,
    ...(input.applicationId ? { applicationId: input.applicationId } : {}),
    email: {
      about: input.about,
      kind: input.kind.replace('reminders:', 'reminder-'),
      template: (user) => {
        const where = locales.get(user.id) ?? { locale: 'fr' as const, timeZone: 'Europe/Paris' }
        return input.template(user, (day) => onDay(middayOf(day), where.locale, where.timeZone))
      },
    },
  })
}

// ───────── the charter: partners answer within their delay ─────────

interface UndecidedRow {
  id: string
  status: string
  submittedAt: Date
  needId: string
  needTitle: string
  partnerId: string
  partnerName: string
  hubId: string
  screeningRequired: boolean
  firmId: string
  firmName: string
  charterDays: number
}

/** Undecided applications (submitted, not decided nor withdrawn) with their need, partner, firm and charter delay. */
function undecidedSql(where: Prisma.Sql) {
  return Prisma.sql`
    SELECT a.id, a.status, a."submittedAt", n.id AS "needId", n.title AS "needTitle", n."partnerId", p.name AS "partnerName", n."hubId",
      n."screeningRequired", a."firmId", f.name AS "firmName", COALESCE(p."charterResponseDays", h."charterResponseDays") AS "charterDays"
    FROM "Application" a
    JOIN "Need" n ON n.id = a."needId"
    JOIN "Organisation" p ON p.id = n."partnerId"
    JOIN "Organisation" f ON f.id = a."firmId"
    JOIN "Hub" h ON h.id = n."hubId"
    WHERE a.status::text IN (${Prisma.join([...UNDECIDED])}) AND a."submittedAt" IS NOT NULL AND ${where}`
}

/**
 * To the partner's members: each application still undecided, two days before the charter's
 * delay ends and on the day. The delay is the partner's own, else its hub's, counted in calendar
 * days from the submission. An application staff still screen is not the partner's to answer yet.
 */
export async function sendCharterReminders(now: Date) {
  const due = Prisma.sql`COALESCE(p."charterResponseDays", h."charterResponseDays")`
  const rows = await prisma.$queryRaw<UndecidedRow[]>(
    undecidedSql(Prisma.sql`a."submittedAt" + make_interval(days => ${due} + 2) > ${now} AND a."submittedAt" + make_interval(days => ${due} - ${CHARTER_SOON_DAYS} - 2) < ${now}`),
  )
  const appUrl = getEnv().APP_URL
  let sent = 0
  for (const row of rows) {
    const reminder = charterReminder(row.submittedAt, row.charterDays, now)
    if (!reminder) continue
    if (isBeingScreened({ status: row.status, need: { partnerId: row.partnerId, hubId: row.hubId, sharedHubIds: [], screeningRequired: row.screeningRequired } })) continue
    const members = await prisma.membership.findMany({ where: { organisationId: row.partnerId }, select: { userId: true } })
    const link = `/applications/${row.id}`
    const done = await sendOnce(`charter-${reminder.stage}:${row.id}:${row.charterDays}d`, (tx) =>
      remind(tx, {
        category: 'MY_NEEDS',
        userIds: members.map((member) => member.userId),
        kind: reminder.stage === 'soon' ? 'reminders:charter-soon' : 'reminders:charter-due',
        payload: { applicationId: row.id, needId: row.needId, title: row.needTitle, firm: row.firmName, count: reminder.daysLeft },
        link,
        needId: row.needId,
        applicationId: row.id,
        about: { type: 'APPLICATION', id: row.id },
        template: (user, dated) =>
          reminder.stage === 'soon'
            ? { name: 'reminders.charterSoon', data: { name: user.name, needTitle: row.needTitle, firmName: row.firmName, dueOn: dated(reminder.dueDay), link: `${appUrl}${link}` } }
            : { name: 'reminders.charterDue', data: { name: user.name, needTitle: row.needTitle, firmName: row.firmName, link: `${appUrl}${link}` } },
      }),
    )
    if (done) sent++
  }
  return sent
}

// ───────── firms: the deadline of a need they hold a draft for ─────────

export async function sendDraftDeadlineReminders(now: Date) {
  const drafts = await prisma.application.findMany({
    where: {
      status: 'DRAFT',
      need: { status: 'PUBLISHED', deadline: { gt: now, lt: new Date(now.getTime() + (DRAFT_DEADLINE_DAYS + 1) * 86_400_000) } },
    },
    select: { id: true, firm: { select: { memberships: { select: { userId: true } } } }, need: { select: { id: true, title: true, deadline: true } } },
  })
  const appUrl = getEnv().APP_URL
  let sent = 0
  for (const draft of drafts) {
    const left = daysLeftWithin(draft.need.deadline!, DRAFT_DEADLINE_DAYS, now)
    if (left === null) continue
    // Only the firm's members who may still open the need (a revision may have narrowed it).
    const readers = await whoMayOpenNeed(draft.firm.memberships.map((member) => member.userId), draft.need.id, 'visible')
    if (readers.length === 0) continue
    const deadlineDay = dayIn(draft.need.deadline!)
    const link = `/needs/${draft.need.id}/apply`
    const done = await sendOnce(`draft-deadline:${draft.id}:${deadlineDay}`, (tx) =>
      remind(tx, {
        category: 'MY_APPLICATIONS',
        userIds: readers,
        kind: 'reminders:draft-deadline',
        payload: { needId: draft.need.id, title: draft.need.title, count: left },
        link,
        needId: draft.need.id,
        about: { type: 'NEED', id: draft.need.id },
        template: (user, dated) => ({ name: 'reminders.draftDeadline', data: { name: user.name, needTitle: draft.need.title, deadlineOn: dated(deadlineDay), link: `${appUrl}${link}` } }),
      }),
    )
    if (done) sent++
  }
  return sent
}

// ───────── both sides: a pilot's end ─────────

export async function sendPilotEndReminders(now: Date) {
  const deals = await prisma.deal.findMany({
    where: { status: 'PILOT', pilotEndsOn: { gt: new Date(now.getTime() - 86_400_000), lt: new Date(now.getTime() + (PILOT_END_DAYS + 1) * 86_400_000) } },
    select: {
      id: true,
      pilotEndsOn: true,
      application: {
        select: {
          id: true,
          firm: { select: { name: true, memberships: { select: { userId: true } } } },
          need: { select: { id: true, title: true, partner: { select: { name: true, memberships: { select: { userId: true } } } } } },
        },
      },
    },
  })
  const appUrl = getEnv().APP_URL
  let sent = 0
  for (const deal of deals) {
    const left = daysLeftWithin(deal.pilotEndsOn!, PILOT_END_DAYS, now)
    if (left === null) continue
    const { application } = deal
    const endDay = dayIn(deal.pilotEndsOn!)
    const link = `/applications/${application.id}`
    const payload = { applicationId: application.id, needId: application.need.id, title: application.need.title, count: left }
    const done = await sendOnce(`pilot-end:${deal.id}:${endDay}`, async (tx) => {
      for (const side of [
        { category: 'MY_APPLICATIONS' as const, members: application.firm.memberships, other: application.need.partner.name },
        { category: 'MY_NEEDS' as const, members: application.need.partner.memberships, other: application.firm.name },
      ]) {
        await remind(tx, {
          category: side.category,
          userIds: side.members.map((member) => member.userId),
          kind: 'reminders:pilot-ending',
          payload,
          link,
          needId: application.need.id,
          applicationId: application.id,
          about: { type: 'APPLICATION', id: application.id },
          template: (user, dated) => ({ name: 'reminders.pilotEnding', data: { name: user.name, needTitle: application.need.title, otherName: side.other, endsOn: dated(endDay), link: `${appUrl}${link}` } }),
        })
      }
    })
    if (done) sent++
  }
  return sent
}

/** The hourly pass (`reminders.sweep`): every reminder due at `now`, each once. */
export async function sweepReminders(now = new Date()) {
  const charter = await sendCharterReminders(now)
  const drafts = await sendDraftDeadlineReminders(now)
  const pilots = await sendPilotEndReminders(now)
  // Issue 14: the charter's reminders for pitches sent to partners (decision 0028).
  const pitches = await sendPitchCharterReminders(now)
  // Issue 15: dues renewal and grace reminders (decision 0032).
  const dues = await sendDuesReminders(now)
  return { charter, drafts, pilots, pitches, dues }
}

// ───────── staff: late answers ─────────

/**
 * Applications past the charter's delay without a decision, in the hubs the actor staffs: needs
 * of those hubs whose page the actor may open (the need page's rule in SQL), never those of a
 * partner the actor belongs to (staff never read their own organisation's applications). Most
 * late first.
 */
export async function listLateApplications(actor: Actor, now = new Date()) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  const visibility = needVisibilitySql(actor, 'n')
  const rows = await findLateApplications(Prisma.sql`n."hubId" = ANY(${hubIds}) AND ${visibility.visible}`, now)
  return rows
    .filter((row) => !isMemberOf(actor, row.partnerId))
    .map((row) => ({
      id: row.id,
      status: row.status,
      submittedAt: row.submittedAt,
      dueDay: charterDueDay(row.submittedAt, row.charterDays),
      daysLate: row.daysLate,
      need: { id: row.needId, title: row.needTitle },
      partner: row.partnerName,
      firm: row.firmName,
    }))
    .sort((a, b) => b.daysLate - a.daysLate || a.need.title.localeCompare(b.need.title))
}

/**
 * The rule of "late" itself, for every reader (the staff's late answers, the partners'
 * scorecards): undecided applications (submitted, not decided nor withdrawn) past the charter's
 * due day (`daysLate` > 0, calendar days in Europe/Paris), among the rows `where` keeps (aliases
 * `a` application, `n` need, `p` partner, `h` the need's hub; a constant of the code, never input).
 */
export async function findLateApplications(where: Prisma.Sql, now = new Date()) {
  const due = Prisma.sql`COALESCE(p."charterResponseDays", h."charterResponseDays")`
  const rows = await prisma.$queryRaw<UndecidedRow[]>(undecidedSql(Prisma.sql`${where} AND a."submittedAt" + make_interval(days => ${due} - 1) < ${now}`))
  return rows.map((row) => ({ ...row, daysLate: daysLate(row.submittedAt, row.charterDays, now) })).filter((row) => row.daysLate > 0)
}

export async function countLateApplications(actor: Actor, now = new Date()) {
  return (await listLateApplications(actor, now)).length
}
