import { addFirmToCohort, archiveCohort, createCohort } from '#app/modules/cohorts/service.server'
import { actorFor } from '#tests/helpers/actor'
import type { World } from './world'

const isoDay = (days: number) => new Date(`${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T00:00:00.000Z`)

/**
 * Issue 14's cohorts in the access-rule world: planted after the rest (through the services), with
 * the ids the rows of table-cohorts.ts need.
 * - `h`: hub H's running cohort, firm A in it (its description carries `cohortHDescription`);
 * - `archived`: an archived cohort of hub H, without firms;
 * - `h2`: hub H2's cohort, the H2 firm in it.
 */
export async function plantCohorts(world: World): Promise<Record<string, string>> {
  const [mod, mod2] = await Promise.all([actorFor(world.users.mod.id), actorFor(world.users.mod2.id)])
  const fields = (name: string, description: string) => ({
    name,
    programme: 'Accélérateur Croissance Alpes',
    description,
    year: 2026,
    startsOn: isoDay(-90),
    endsOn: isoDay(270),
    targetEur: 300_000,
    targetPilots: 2,
  })
  const h = await createCohort(mod, { hubId: world.hubs.h, ...fields('Promotion Grenoble', `Cohorte de contrôle ${world.markers.cohortHDescription}`) })
  await addFirmToCohort(mod, h.id, world.orgs.fa.id)
  const archived = await createCohort(mod, { hubId: world.hubs.h, ...fields('Promotion close', `Cohorte archivée ${world.markers.cohortArchivedDescription}`) })
  await archiveCohort(mod, archived.id)
  const h2 = await createCohort(mod2, { hubId: world.hubs.h2, ...fields('Promotion Chambéry', `Cohorte voisine ${world.markers.cohortH2Description}`) })
  await addFirmToCohort(mod2, h2.id, world.orgs.fh.id)
  return { h: h.id, archived: archived.id, h2: h2.id }
}
