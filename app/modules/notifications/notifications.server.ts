import type { Prisma } from '#app/generated/prisma/client'
import { assertFound } from '#app/modules/shared/app-error'
import { prisma, type DbClient, type Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { queueEmail, type EmailRecord, type EmailTemplate } from './email.server'
import { channelOf, type Category, type Channel } from './preferences'
import { unsubscribeUrl, type UnsubscribeScope } from './unsubscribe'

/** In-app notifications: a kind (translated in the UI), ids and short labels, a link. */
export async function notifyUsers(
  db: DbClient,
  userIds: string[],
  notification: { kind: string; payload: Prisma.InputJsonValue; link?: string },
) {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return
  await db.notification.createMany({
    data: unique.map((userId) => ({ userId, kind: notification.kind, payload: notification.payload, link: notification.link ?? null })),
  })
}

export async function countUnread(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } })
}

export async function listNotifications(userId: string, take = 50) {
  return prisma.notification.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, kind: true, payload: true, link: true, readAt: true, createdAt: true },
  })
}

export async function markRead(userId: string, notificationIds: string[] | 'all') {
  await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(notificationIds === 'all' ? {} : { id: { in: notificationIds } }) },
    data: { readAt: new Date() },
  })
}

/** Marks one of the user's notifications read and returns where it points (a path of this site, or the list). */
export async function openNotification(userId: string, notificationId: string) {
  const notification = await prisma.notification.findFirst({ where: { id: notificationId, userId }, select: { id: true, link: true } })
  assertFound(notification)
  await markRead(userId, [notification.id])
  const link = notification.link ?? '/notifications'
  return link.startsWith('/') && !link.startsWith('//') ? link : '/notifications'
}

/** Each user's channel for a category: their choice, else the default (preferences.ts). */
export async function channelsFor(db: DbClient, userIds: string[], category: Category): Promise<Map<string, Channel>> {
  const unique = [...new Set(userIds)]
  const chosen = unique.length
    ? await db.notificationSetting.findMany({ where: { userId: { in: unique }, category }, select: { userId: true, channel: true } })
    : []
  const byUser = new Map(chosen.map((row) => [row.userId, row.channel as Channel]))
  return new Map(unique.map((userId) => [userId, byUser.get(userId) ?? channelOf(category)]))
}

/** The one-click unsubscribe link of a user and scope (the List-Unsubscribe header, the footer). */
export function unsubscribeLink(userId: string, scope: UnsubscribeScope) {
  const env = getEnv()
  return unsubscribeUrl(env.APP_URL, env.SESSION_SECRET, userId, scope)
}

/**
 * An event some users must hear of, under their preferences for its category: nothing when OFF;
 * otherwise an in-app notification (gathered by the next digest when the channel is DIGEST), and
 * an e-mail at once when the channel is EMAIL and the event has one. The caller has already checked
 * that each recipient may open what the notification links to; the digest asks again at send time
 * (`needId`/`applicationId`/`pitchId`). Returns the users e-mailed.
 */
export async function notify(
  tx: Tx,
  input: {
    category: Category
    userIds: string[]
    kind: string
    payload: Prisma.InputJsonValue
    link?: string
    needId?: string
    applicationId?: string
    /** The pitch it is about (issue 14): the digest asks the pitch page's rule again. */
    pitchId?: string
    email?: { about: EmailRecord; kind: string; template: (user: { id: string; name: string }) => EmailTemplate }
  },
) {
  const channels = await channelsFor(tx.db, input.userIds, input.category)
  const recipients = [...channels].filter(([, channel]) => channel !== 'OFF').map(([userId]) => userId)
  if (recipients.length === 0) return []
  await tx.db.notification.createMany({
    data: recipients.map((userId) => ({
      userId,
      kind: input.kind,
      payload: input.payload,
      link: input.link ?? null,
      category: input.category,
      needId: input.needId ?? null,
      applicationId: input.applicationId ?? null,
      pitchId: input.pitchId ?? null,
    })),
  })
  const email = input.email
  if (!email) return []
  const emailed = recipients.filter((userId) => channels.get(userId) === 'EMAIL')
  // A disabled user gets no e-mail (decision 0023).
  const users = emailed.length ? await tx.db.user.findMany({ where: { id: { in: emailed }, disabledAt: null }, select: { id: true, name: true } }) : []
  for (const user of users) {
    await queueEmail(tx, {
      userId: user.id,
      about: email.about,
      kind: email.kind,
      template: email.template(user),
      listUnsubscribe: unsubscribeLink(user.id, input.category),
    })
  }
  return users.map((user) => user.id)
}
