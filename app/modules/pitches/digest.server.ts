import { pitchViewFor, type Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'
import { accessOf } from './service.server'

/**
 * The digest asks each notification's page rule again at send time (app/modules/digests/build.server.ts):
 * among `notificationIds`, those about a pitch (`Notification.pitchId`) the person may no longer
 * open — `pitchViewFor`, the pitch page's own rule — or about a pitch that is gone.
 */
export async function pitchNotificationsRefused(actor: Actor, notificationIds: string[]) {
  if (notificationIds.length === 0) return []
  const rows = await prisma.notification.findMany({ where: { id: { in: notificationIds }, pitchId: { not: null } }, select: { id: true, pitchId: true } })
  if (rows.length === 0) return []
  const pitches = await prisma.pitch.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.pitchId!))] } },
    select: { id: true, firmId: true, partnerId: true, hubId: true, status: true, sentAt: true },
  })
  const byId = new Map(pitches.map((pitch) => [pitch.id, pitch]))
  return rows.filter((row) => {
    const pitch = byId.get(row.pitchId!)
    return !pitch || pitchViewFor(actor, accessOf(pitch)) === 'none'
  }).map((row) => row.id)
}
