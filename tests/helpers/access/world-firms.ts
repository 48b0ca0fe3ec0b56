import { prisma } from '#app/utils/db.server'
import { createOrganisation } from '#tests/factories'
import type { World } from './world'

/**
 * Issue 14's firms in the access-rule world: planted after the rest (through the services), with
 * the ids the rows of table-firms.ts need. A verified firm of hub H that hid itself from the firm
 * directory (its name and description carry `fdHiddenOrg`).
 */
export async function plantFirms(world: World): Promise<Record<string, string>> {
  const m = world.markers
  const hidden = await createOrganisation(world.hubs.h, 'FIRM', {
    name: `Entreprise discrète ${m.fdHiddenOrg}`,
    description: `Présentation de l’organisation ${m.fdHiddenOrg}.`,
    skills: ['iot', 'python', 'edge computing'],
    directoryHidden: true,
  })
  const check = await prisma.organisation.findUniqueOrThrow({ where: { id: hidden.id }, select: { directoryHidden: true, status: true } })
  if (!check.directoryHidden || check.status !== 'VERIFIED') throw new Error('the hidden firm of the access world is not as planted')
  return { hiddenId: hidden.id, hiddenSlug: hidden.slug }
}
