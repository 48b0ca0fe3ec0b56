/**
 * Membership dues for the demo (issue 15; prisma/seed-data.ts calls it after the programmes):
 * Digital Grenoble requires dues (15 days of grace, reminded 14 days before a renewal), the other
 * hubs do not. Without Stripe keys (the embedded default of `npm start`) dues are off: nobody is
 * refused and nothing here calls Stripe. With test keys, Grenoble's staff find their members in
 * every standing on /staff/dues:
 *
 * - one firm's membership ACTIVE, renewing in 10 days (the renewal reminder is due);
 * - one PAST_DUE since 5 days (in grace), one PAST_DUE since 20 days (grace over: refused);
 * - one never paid, waived by the hub's administrator ("jeune pousse, première année offerte");
 * - the demo firm and the demo partner waived too, so that the README's journeys work with keys
 *   set (the demo firm may still pay through Checkout, a waiver does not forbid it);
 * - the hub's other members never paid: with keys, they are asked to pay before posting or applying.
 *
 * The memberships "paid" here carry no Stripe ids (there is no Stripe behind the demo): their
 * billing page shows the status and no portal; Stripe's webhooks never concern them. Each waiver
 * has its audit row, as `waiveDues` writes it. Deterministic: the firms are the hub's verified ones
 * in name order, the demo firm apart; a handful of rows in one transaction.
 */
import type { RevenueBand } from '#app/generated/prisma/client'
import { prisma } from '#app/utils/db.server'
import { DEMO_EMAILS } from './demo-logins'
import { type Clock, DEMO_FIRM_SLUG, STAFF, type HubSlug, type OrgDraft, type PartnerKey } from './seed-data'

/** The demo hub whose dues are required. */
export const DUES_HUB: HubSlug = 'digital-grenoble'

export interface DuesContext {
  clock: Clock
  ids: { userId: Map<string, string>; orgId: Map<string, string>; hubId: Map<string, string> }
  firms: OrgDraft[]
  partnerByKey: Map<PartnerKey, OrgDraft>
  log: (line: string) => void
}

const WAIVERS = {
  startup: 'Jeune pousse, première année offerte',
  demoFirm: 'Lauréate de l’accélérateur : cotisation de l’année prise en charge par le programme',
  demoPartner: 'Partenaire fondateur : cotisation réglée par convention annuelle',
}

export async function seedDues({ clock, ids, firms, partnerByKey, log }: DuesContext): Promise<{ counts: Record<string, number> }> {
  const started = performance.now()
  const hubId = ids.hubId.get(DUES_HUB)!
  const admin = ids.userId.get(STAFF.find((staff) => staff.hub === DUES_HUB && staff.role === 'ADMIN')!.email)!
  const plans = await prisma.membershipPlan.findMany({ where: { hubId, archivedAt: null, interval: 'YEAR' }, select: { id: true, orgKind: true, revenueBand: true } })
  const planFor = (kind: 'FIRM' | 'PARTNER', band: RevenueBand | null) =>
    plans.find((plan) => plan.orgKind === kind && plan.revenueBand === (kind === 'FIRM' ? band : null))?.id ?? null

  const hubFirms = firms
    .filter((firm) => firm.hub === DUES_HUB && firm.status === 'VERIFIED' && firm.slug !== DEMO_FIRM_SLUG)
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
  const [active, inGrace, graceOver, waived] = hubFirms
  if (!active || !inGrace || !graceOver || !waived) throw new Error(`seed-dues: ${DUES_HUB} has too few verified firms`)
  const demoFirm = firms.find((firm) => firm.slug === DEMO_FIRM_SLUG)!
  const demoPartnerMembership = await prisma.membership.findFirst({
    where: { user: { email: DEMO_EMAILS.partner }, organisation: { kind: 'PARTNER' } },
    select: { organisation: { select: { slug: true } } },
  })
  const demoPartner = [...partnerByKey.values()].find((partner) => partner.slug === demoPartnerMembership?.organisation.slug)
  if (!demoPartner) throw new Error('seed-dues: the demo partner is missing')

  const billingEmail = (org: OrgDraft) => org.users[0]?.email ?? null
  const paid = (org: OrgDraft, fields: { status: 'ACTIVE' | 'PAST_DUE'; stripeStatus: string; currentPeriodEnd: Date; pastDueSince?: Date }) => ({
    organisationId: ids.orgId.get(org.slug)!,
    planId: planFor(org.kind, org.revenueBand),
    billingEmail: billingEmail(org),
    pastDueSince: null,
    ...fields,
  })
  const waivers = [
    { org: waived, reason: WAIVERS.startup, at: clock.at(-30, 14), until: clock.at(335) },
    { org: demoFirm, reason: WAIVERS.demoFirm, at: clock.at(-60, 11), until: clock.at(305) },
    { org: demoPartner, reason: WAIVERS.demoPartner, at: clock.at(-90, 10), until: null },
  ]

  await prisma.$transaction(async (db) => {
    await db.subscription.createMany({
      data: [
        paid(active, { status: 'ACTIVE', stripeStatus: 'active', currentPeriodEnd: clock.at(10) }),
        // A renewal whose payment failed: the new period has begun, its invoice unpaid.
        paid(inGrace, { status: 'PAST_DUE', stripeStatus: 'past_due', currentPeriodEnd: clock.at(360), pastDueSince: clock.at(-5, 6) }),
        paid(graceOver, { status: 'PAST_DUE', stripeStatus: 'past_due', currentPeriodEnd: clock.at(345), pastDueSince: clock.at(-20, 6) }),
        ...waivers.map(({ org, reason, at, until }) => ({
          organisationId: ids.orgId.get(org.slug)!,
          planId: null,
          billingEmail: null,
          waivedAt: at,
          waivedById: admin,
          waiverReason: reason,
          waivedUntil: until,
        })),
      ],
    })
    await db.auditLog.createMany({
      data: waivers.map(({ org, reason, at, until }) => ({
        actorId: admin,
        hubId: ids.hubId.get(org.hub)!,
        action: 'dues.waive',
        targetType: 'Organisation',
        targetId: ids.orgId.get(org.slug)!,
        before: { status: 'NONE' },
        after: { reason, until: until?.toISOString() ?? null },
        createdAt: at,
      })),
    })
  })

  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  log(`Cotisations : ${DUES_HUB} les exige ; 1 à jour, 2 en retard (dont 1 hors délai de grâce), ${waivers.length} exonérées, écrites en ${seconds} s.`)
  return { counts: { 'dues.ACTIVE': 1, 'dues.PAST_DUE': 2, 'dues.waived': waivers.length } }
}
