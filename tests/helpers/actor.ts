import { createSession, getSessionActor } from '#app/modules/auth/service.server'
import type { Actor } from '#app/modules/policy/policy'

/** The actor of a user, as the web app loads it for a signed-in request. */
export async function actorFor(userId: string): Promise<Actor> {
  const session = await createSession(userId, 'vitest')
  const actor = await getSessionActor(session.id)
  if (!actor) throw new Error('no actor')
  return actor
}
