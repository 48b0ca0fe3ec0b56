import { onDay } from '#app/i18n/format'
import type { EmailTemplate } from '#app/modules/notifications/email.server'
import { notify } from '#app/modules/notifications/notifications.server'
import { localesOf } from '#app/modules/reminders/recipients.server'
import { sendOnce } from '#app/modules/reminders/service.server'
import { prisma } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { billingPath } from './gate.server'
import { graceEndsAt } from './standing'
import { duesEnabled } from './stripe.server'

/**
 * The dues reminders of the hourly `reminders.sweep` (decision 0032), each sent once (its
 * `ReminderSent` key, inserted in the same transaction as the notifications and e-mails):
 * - renewal coming: an ACTIVE subscription renewing within the hub's `duesReminderDays`, not set to
 *   cancel at the period's end — key per subscription and period end (each renewal reminded);
 * - grace ending: PAST_DUE, the grace period ends within 3 days — key per subscription and the day
 *   the payment failed;
 * - grace ended: PAST_DUE past the grace period (posting and applying closed), told within a week
 *   of the end — same key scheme.
 * Only where dues are on and the organisation's home hub requires them; not while a staff waiver
 * keeps the gate open (grace reminders). To the organisation's OWNER and ADMIN members, under the
 * BILLING category: each person's channel applies (e-mail at once, digest, app only, off).
 */
const DAY_MS = 86_400_000
export const GRACE_ENDING_DAYS = 3
/** A grace period that ended longer ago than this is not announced any more (a late first sweep). */
const GRACE_ENDED_WINDOW_DAYS = 7
const MAX_REMINDER_DAYS = 60

type Kind = 'renewal-soon' | 'grace-ending' | 'grace-ended'

interface Candidate {
  id: string
  organisation: { id: string; name: string; slug: string; hubName: string }
}

async function remindOrganisation(key: string, kind: Kind, row: Candidate, day: Date, count: number) {
  const members = await prisma.membership.findMany({
    where: { organisationId: row.organisation.id, role: { in: ['OWNER', 'ADMIN'] } },
    select: { userId: true },
  })
  const userIds = members.map((member) => member.userId)
  if (userIds.length === 0) return false
  const locales = await localesOf(userIds)
  const link = billingPath(row.organisation.slug)
  const url = `${getEnv().APP_URL}${link}`
  const template = (user: { id: string; name: string }): EmailTemplate => {
    const where = locales.get(user.id) ?? { locale: 'fr' as const, timeZone: 'Europe/Paris' }
    const dated = onDay(day, where.locale, where.timeZone)
    const base = { name: user.name, organisationName: row.organisation.name, hubName: row.organisation.hubName, link: url }
    if (kind === 'renewal-soon') return { name: 'dues.renewalSoon', data: { ...base, renewsOn: dated } }
    if (kind === 'grace-ending') return { name: 'dues.graceEnding', data: { ...base, endsOn: dated } }
    return { name: 'dues.graceEnded', data: { ...base, endedOn: dated } }
  }
  return sendOnce(key, (tx) =>
    notify(tx, {
      category: 'BILLING',
      userIds,
      kind: `dues:${kind}`,
      payload: { organisationId: row.organisation.id, organisation: row.organisation.name, hub: row.organisation.hubName, count },
      link,
      email: { about: { type: 'ORGANISATION', id: row.organisation.id }, kind: `dues-${kind}`, template },
    }),
  )
}

const daysLeft = (until: Date, now: Date) => Math.max(0, Math.ceil((until.getTime() - now.getTime()) / DAY_MS))
const dayKey = (date: Date) => date.toISOString().slice(0, 10)

export async function sendDuesReminders(now: Date) {
  if (!duesEnabled()) return 0
  const rows = await prisma.subscription.findMany({
    where: {
      organisation: { homeHub: { requiresDues: true } },
      OR: [
        { status: 'ACTIVE', cancelAtPeriodEnd: false, currentPeriodEnd: { gt: now, lte: new Date(now.getTime() + (MAX_REMINDER_DAYS + 1) * DAY_MS) } },
        { status: 'PAST_DUE', pastDueSince: { not: null } },
      ],
    },
    select: {
      id: true,
      status: true,
      currentPeriodEnd: true,
      pastDueSince: true,
      waivedAt: true,
      waivedUntil: true,
      organisation: { select: { id: true, name: true, slug: true, homeHub: { select: { name: true, duesGraceDays: true, duesReminderDays: true } } } },
    },
  })
  let sent = 0
  for (const row of rows) {
    const hub = row.organisation.homeHub
    const candidate = { id: row.id, organisation: { id: row.organisation.id, name: row.organisation.name, slug: row.organisation.slug, hubName: hub.name } }
    if (row.status === 'ACTIVE' && row.currentPeriodEnd) {
      if (row.currentPeriodEnd.getTime() - now.getTime() > hub.duesReminderDays * DAY_MS) continue
      const done = await remindOrganisation(`dues-renewal:${row.id}:${dayKey(row.currentPeriodEnd)}`, 'renewal-soon', candidate, row.currentPeriodEnd, daysLeft(row.currentPeriodEnd, now))
      if (done) sent++
      continue
    }
    if (row.status !== 'PAST_DUE' || !row.pastDueSince) continue
    // A running waiver keeps the gate open: nothing closes, nothing to announce.
    if (row.waivedAt && (!row.waivedUntil || row.waivedUntil > now)) continue
    const ends = graceEndsAt(row.pastDueSince, hub.duesGraceDays)
    const since = row.pastDueSince.toISOString()
    if (ends > now) {
      if (ends.getTime() - now.getTime() > GRACE_ENDING_DAYS * DAY_MS) continue
      if (await remindOrganisation(`dues-grace-ending:${row.id}:${since}`, 'grace-ending', candidate, ends, daysLeft(ends, now))) sent++
    } else if (now.getTime() - ends.getTime() <= GRACE_ENDED_WINDOW_DAYS * DAY_MS) {
      if (await remindOrganisation(`dues-grace-ended:${row.id}:${since}`, 'grace-ended', candidate, ends, 0)) sent++
    }
  }
  return sent
}
