import type { DbClient } from '#app/utils/db.server'
import { currentNdaOf, type CurrentNda } from './nda'

/** The NDA that applies now to a hub's confidential needs: its newest text, or the platform's. */
export async function currentNdaFor(db: DbClient, hubId: string): Promise<CurrentNda> {
  const newest = await db.hubNdaText.findFirst({ where: { hubId }, orderBy: { version: 'desc' }, select: { id: true, version: true, text: true } })
  return currentNdaOf(newest)
}
