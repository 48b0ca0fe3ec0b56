import { getNeedForActor } from '#app/modules/needs/queries.server'
import { isMemberOf, type Actor } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'

/**
 * Following a need: its answers to questions come to the follower (category FOLLOWED_NEEDS), as
 * long as they may still read its questions. Who may follow: whoever reads the need's full page
 * (where questions and answers are), its partner's members aside (its questions are theirs).
 */
async function followable(actor: Actor, needId: string) {
  const view = await getNeedForActor(actor, needId)
  return view.visibility === 'full' && !isMemberOf(actor, view.need.partner.id)
}

/** Whether the actor may follow the need, and whether they do (for the need page). */
export async function followStateFor(actor: Actor, needId: string) {
  if (!(await followable(actor, needId))) return { canFollow: false, following: false }
  const follow = await prisma.needFollow.findUnique({ where: { userId_needId: { userId: actor.userId, needId } }, select: { needId: true } })
  return { canFollow: true, following: follow !== null }
}

/** Follows or stops following the need (idempotent). */
export async function setFollow(actor: Actor, needId: string, follow: boolean) {
  // A need the actor may not read at all answers 404 (getNeedForActor); its partner, or a reader
  // of its teaser only, is refused (403).
  if (!(await followable(actor, needId))) throw AppError.forbidden()
  if (follow) await prisma.needFollow.createMany({ data: [{ userId: actor.userId, needId }], skipDuplicates: true })
  else await prisma.needFollow.deleteMany({ where: { userId: actor.userId, needId } })
  return { following: follow }
}
