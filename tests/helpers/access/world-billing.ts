import { prisma } from '#app/utils/db.server'
import type { World } from './world'

/**
 * Issue 15's billing in the access-rule world (dues off, as the embedded default): a firms' plan
 * in hub H and one in hub H2 (their names are markers), and a paid invoice of firm A (its number
 * is a marker). Planted directly: with dues off the plans make no Stripe call anyway.
 */
export async function plantBilling(w: World): Promise<Record<string, string>> {
  const m = w.markers
  const planH = await prisma.membershipPlan.create({ data: { hubId: w.hubs.h, name: `Formule ${m.planH}`, orgKind: 'FIRM', interval: 'YEAR', amountCents: 48_000 } })
  const planH2 = await prisma.membershipPlan.create({ data: { hubId: w.hubs.h2, name: `Formule ${m.planH2}`, orgKind: 'FIRM', interval: 'YEAR', amountCents: 36_000 } })
  await prisma.billingInvoice.create({
    data: {
      id: 'in_access_fa_0001',
      organisationId: w.orgs.fa.id,
      number: m.faInvoice,
      status: 'paid',
      amountDueCents: 48_000,
      amountPaidCents: 48_000,
      hostedInvoiceUrl: 'https://invoice.stripe.com/i/in_access_fa_0001',
      invoicePdfUrl: 'https://pay.stripe.com/invoice/in_access_fa_0001/pdf',
      issuedAt: new Date(),
    },
  })
  return { planH: planH.id, planH2: planH2.id }
}
