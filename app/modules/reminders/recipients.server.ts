import { toLocale } from '#app/i18n/config'
import { loadActors } from '#app/modules/auth/actors.server'
import { getNeedForActor } from '#app/modules/needs/queries.server'
import { isAppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'

/**
 * The users among `userIds` whose need page opens now: with its details (`full`: what shows the
 * questions and their answers) or at least its teaser (`visible`). The need page's own rule
 * (`getNeedForActor`), asked for each user.
 */
export async function whoMayOpenNeed(userIds: string[], needId: string, level: 'full' | 'visible' = 'full') {
  const actors = await loadActors(userIds)
  const allowed: string[] = []
  for (const actor of actors.values()) {
    try {
      const view = await getNeedForActor(actor, needId)
      if (level === 'visible' || view.visibility === 'full') allowed.push(actor.userId)
    } catch (error) {
      if (!isAppError(error)) throw error
    }
  }
  return allowed
}

/** Each user's language and time zone, for dates written in an e-mail. */
export async function localesOf(userIds: string[]) {
  const users = userIds.length
    ? await prisma.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, locale: true, timeZone: true } })
    : []
  return new Map(users.map((user) => [user.id, { locale: toLocale(user.locale), timeZone: user.timeZone || 'Europe/Paris' }]))
}
