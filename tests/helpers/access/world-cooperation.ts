import { prisma } from '#app/utils/db.server'
import { createNeed } from '#tests/factories'
import type { World } from './world'

const day = 86_400_000

/**
 * Issue 14's cooperation in the access-rule world: planted after the rest (with Prisma, as the
 * need form of the groups' helper would store them), with the ids the rows of
 * table-cooperation.ts need:
 * - a working group of hub H whose member is firm H2, and partner A's MEMBERS need addressed to it
 *   (`groupNeed`): firm H2 reads it though it is of hub H2;
 * - a cohort of hub H with firm A, and partner A's PUBLIC needs reserved to it: `reservedNeed`
 *   (running: firm A only among the firms), `openedNeed` (ended: every firm).
 */
export async function plantCooperation(world: World): Promise<Record<string, string>> {
  const m = world.markers
  const partnerA = world.users.partnerA.id
  const group = await prisma.workingGroup.create({
    data: { hubId: world.hubs.h, slug: 'groupe-cooperation-acces', name: 'Groupe coopération (accès)', theme: 'Industrie 4.0' },
  })
  await prisma.workingGroupMember.create({ data: { workingGroupId: group.id, organisationId: world.orgs.fh.id } })
  const cohort = await prisma.cohort.create({ data: { hubId: world.hubs.h, name: 'Cohorte coopération (accès)', year: 2026, targetEur: 150_000 } })
  await prisma.cohortMember.create({ data: { cohortId: cohort.id, organisationId: world.orgs.fa.id } })

  const published = { status: 'PUBLISHED' as const, submittedAt: new Date(Date.now() - 4 * day), publishedAt: new Date(Date.now() - 3 * day) }
  const need = (title: string, body: string, overrides: Parameters<typeof createNeed>[3]) =>
    createNeed(world.orgs.pa.id, world.hubs.h, partnerA, {
      ...published,
      title: `Besoin ${title}`,
      summary: `Résumé ${body}.`,
      description: `Description ${body} : une ligne pilote à instrumenter.`,
      ...overrides,
    })
  const groupNeed = await need(m.coopGroupTitle, m.coopGroupBody, { visibility: 'MEMBERS', workingGroupId: group.id })
  const reservedNeed = await need(m.coopReservedTitle, m.coopReservedBody, {
    visibility: 'PUBLIC',
    reservedCohortId: cohort.id,
    reservedDays: 10,
    reservedUntil: new Date(Date.now() + 7 * day),
  })
  const openedNeed = await need(m.coopOpenedTitle, m.coopOpenedBody, {
    visibility: 'PUBLIC',
    reservedCohortId: cohort.id,
    reservedDays: 2,
    reservedUntil: new Date(Date.now() - day),
  })
  return { group: group.id, groupSlug: group.slug, cohort: cohort.id, groupNeed: groupNeed.id, reservedNeed: reservedNeed.id, openedNeed: openedNeed.id }
}
