import { createSession, readSession } from '#app/modules/auth/session.server'
import type { Actor } from '#app/modules/policy/policy'

/** The actor of a user, as the web app loads it for a signed-in request. */
export async function actorFor(userId: string): Promise<Actor> {
  const session = await createSession({ userId, userAgent: 'vitest', ip: null })
  const actor = (await readSession(session.secret))?.actor
  if (!actor) throw new Error('no actor')
  return actor
}
