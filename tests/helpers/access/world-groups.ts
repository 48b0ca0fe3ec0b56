import { prisma } from '#app/utils/db.server'
import type { World } from './world'

/**
 * Issue 14's groups in the access-rule world: planted after the rest, with the ids the rows of
 * table-groups.ts need (decision 0026).
 * - `open`: hub H, open to every hub; members firm B and the firm of H2. Partner A's public,
 *   confidential and draft needs are addressed to it (its page lists only what its reader may open).
 * - `hubOnly`: hub H, its own organisations only; member firm A.
 * - `archived`: hub H, archived; member firm A.
 * - `h2Only`: hub H2, its own organisations only; no member.
 */
export async function plantGroups(world: World): Promise<Record<string, string>> {
  const plant = async (slug: string, data: { hubId: string; openToAllHubs: boolean; archivedAt?: Date; members: string[] }) => {
    const group = await prisma.workingGroup.create({
      data: {
        slug,
        name: `Groupe ${slug}`,
        theme: 'Industrie',
        description: 'Un groupe de travail du monde des règles d’accès.',
        hubId: data.hubId,
        openToAllHubs: data.openToAllHubs,
        archivedAt: data.archivedAt ?? null,
        members: { create: data.members.map((organisationId) => ({ organisationId })) },
      },
      select: { id: true, slug: true },
    })
    return group
  }
  const open = await plant('groupe-ouvert', { hubId: world.hubs.h, openToAllHubs: true, members: [world.orgs.fb.id, world.orgs.fh.id] })
  const hubOnly = await plant('groupe-reserve', { hubId: world.hubs.h, openToAllHubs: false, members: [world.orgs.fa.id] })
  const archived = await plant('groupe-archive', { hubId: world.hubs.h, openToAllHubs: true, archivedAt: new Date(), members: [world.orgs.fa.id] })
  const h2Only = await plant('groupe-h2', { hubId: world.hubs.h2, openToAllHubs: false, members: [] })
  await prisma.need.updateMany({ where: { id: { in: [world.needs.public, world.needs.invite, world.needs.draft] } }, data: { workingGroupId: open.id } })
  return {
    open: open.id,
    openSlug: open.slug,
    hubOnly: hubOnly.id,
    hubOnlySlug: hubOnly.slug,
    archived: archived.id,
    archivedSlug: archived.slug,
    h2Only: h2Only.id,
    h2OnlySlug: h2Only.slug,
  }
}
