import { prisma } from '#app/utils/db.server'

/** The public figures of the home page: the hubs and what the marketplace holds. */
export async function getPlatformOverview() {
  const [hubs, publishedNeeds, verifiedFirms, verifiedPartners] = await Promise.all([
    prisma.hub.findMany({
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        city: true,
        _count: { select: { organisations: { where: { status: 'VERIFIED' } } } },
      },
    }),
    prisma.need.count({ where: { status: 'PUBLISHED' } }),
    prisma.organisation.count({ where: { kind: 'FIRM', status: 'VERIFIED' } }),
    prisma.organisation.count({ where: { kind: 'PARTNER', status: 'VERIFIED' } }),
  ])
  return {
    hubs: hubs.map((hub) => ({ id: hub.id, name: hub.name, city: hub.city, members: hub._count.organisations })),
    publishedNeeds,
    verifiedFirms,
    verifiedPartners,
  }
}
