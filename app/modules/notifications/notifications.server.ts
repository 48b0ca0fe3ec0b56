import type { Prisma } from '#app/generated/prisma/client'
import { assertFound } from '#app/modules/shared/app-error'
import { prisma, type DbClient } from '#app/utils/db.server'

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
