import { randomUUID } from 'node:crypto'
import type Stripe from 'stripe'
import { toLocale } from '#app/i18n/config'
import { formatDate, onDay } from '#app/i18n/format'
import { writeAudit } from '#app/modules/audit/audit.server'
import type { EmailTemplate } from '#app/modules/notifications/email.server'
import { notify } from '#app/modules/notifications/notifications.server'
import type { Tx } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import type { SubscriptionStatus } from '#app/generated/prisma/enums'
import { graceEndsAt } from './standing'
import { changeKind, nextMembershipState, replacesMirrored, type MembershipChangeKind } from './mirror'

/**
 * The membership mirrors Stripe (decision 0031): what the webhooks' processor fetched again from
 * Stripe is applied here, in the caller's transaction, under a lock on the organisation's
 * Subscription row. A real change of status is audited (no actor: Stripe did it) and told to the
 * organisation's owners and admins (BILLING notifications, e-mailed by default).
 */

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null))

const seconds = (value: number | null | undefined) => (value ? new Date(value * 1000) : null)

/**
 * The organisation a Stripe object belongs to: the `organisationId` of its metadata (set by the
 * Checkout session on the subscription, copied by Stripe on its invoices), else the one whose
 * Subscription row carries its Stripe customer. Null when neither is known here.
 */
export async function organisationOfStripeObject(tx: Tx, input: { metadata?: Record<string, string> | null; customer: string | null }) {
  const fromMetadata = input.metadata?.organisationId
  if (fromMetadata) {
    const organisation = await tx.db.organisation.findUnique({ where: { id: fromMetadata }, select: { id: true } })
    if (organisation) return organisation.id
  }
  if (input.customer) {
    const row = await tx.db.subscription.findUnique({ where: { stripeCustomerId: input.customer }, select: { organisationId: true } })
    if (row) return row.organisationId
  }
  return null
}

interface LockedSubscription {
  id: string
  status: SubscriptionStatus
  pastDueSince: Date | null
  stripeSubscriptionId: string | null
  stripeCustomerId: string | null
  planId: string | null
}

/** The organisation's Subscription row, created if missing, locked until the transaction ends. */
export async function lockSubscription(tx: Tx, organisationId: string): Promise<LockedSubscription> {
  await tx.db.$executeRaw`
    INSERT INTO "Subscription" (id, "organisationId", "updatedAt") VALUES (${randomUUID()}, ${organisationId}, now())
    ON CONFLICT ("organisationId") DO NOTHING`
  const [row] = await tx.db.$queryRaw<LockedSubscription[]>`
    SELECT id, status::text AS status, "pastDueSince", "stripeSubscriptionId", "stripeCustomerId", "planId"
    FROM "Subscription" WHERE "organisationId" = ${organisationId} FOR UPDATE`
  return row!
}

/** The plan of a subscription: by its item's Stripe price, else the `planId` of its metadata. */
async function planOf(tx: Tx, subscription: Stripe.Subscription) {
  const priceId = idOf(subscription.items?.data?.[0]?.price ?? null)
  if (priceId) {
    const plan = await tx.db.membershipPlan.findFirst({ where: { stripePriceId: priceId }, select: { id: true } })
    if (plan) return plan.id
  }
  const fromMetadata = subscription.metadata?.planId
  if (fromMetadata) {
    const plan = await tx.db.membershipPlan.findUnique({ where: { id: fromMetadata }, select: { id: true } })
    if (plan) return plan.id
  }
  return null
}

export type AppliedSubscription =
  | { outcome: 'unknown-organisation' }
  | { outcome: 'ignored'; organisationId: string; reason: 'older-subscription' }
  | { outcome: 'applied'; organisationId: string; from: SubscriptionStatus; to: SubscriptionStatus; changed: boolean }

/**
 * Applies a subscription as fetched from Stripe to its organisation's membership: status (mapped,
 * `mirror.ts`), Stripe's own status, pastDueSince, current period end, cancel-at-period-end, plan,
 * customer and subscription ids. Audited and notified only when the membership's status changes,
 * so the same state applied twice writes the same row and tells nobody again. `enteredAt` is when
 * Stripe's state was reached (the event's `created`, see events.server.ts), so a job processed late
 * or retried does not move the start of the grace period; the processing time when unknown.
 */
export async function applyStripeSubscription(tx: Tx, subscription: Stripe.Subscription, enteredAt = new Date()): Promise<AppliedSubscription> {
  const customer = idOf(subscription.customer)
  const organisationId = await organisationOfStripeObject(tx, { metadata: subscription.metadata, customer })
  if (!organisationId) return { outcome: 'unknown-organisation' }
  const row = await lockSubscription(tx, organisationId)
  if (!replacesMirrored({ mirroredId: row.stripeSubscriptionId, mirroredStatus: row.status, fetchedId: subscription.id, fetchedStatus: subscription.status })) {
    return { outcome: 'ignored', organisationId, reason: 'older-subscription' }
  }
  const next = nextMembershipState({ status: row.status, pastDueSince: row.pastDueSince }, subscription.status, enteredAt)
  const planId = (await planOf(tx, subscription)) ?? row.planId
  // A customer id another organisation already holds is never taken over (the column is unique).
  const customerFree =
    customer && !row.stripeCustomerId && !(await tx.db.subscription.findFirst({ where: { stripeCustomerId: customer, NOT: { id: row.id } }, select: { id: true } }))
  const item = subscription.items?.data?.[0]
  await tx.db.subscription.update({
    where: { id: row.id },
    data: {
      status: next.status,
      pastDueSince: next.pastDueSince,
      stripeStatus: subscription.status,
      stripeSubscriptionId: subscription.id,
      ...(customerFree ? { stripeCustomerId: customer } : {}),
      currentPeriodEnd: seconds(item?.current_period_end),
      cancelAtPeriodEnd: subscription.cancel_at_period_end ?? false,
      planId,
    },
  })
  const changed = next.status !== row.status
  if (changed) {
    const organisation = await tx.db.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { homeHubId: true } })
    await writeAudit(tx.db, {
      actorId: null,
      actorOrgId: organisationId,
      hubId: organisation.homeHubId,
      action: 'billing.status-changed',
      target: { type: 'Organisation', id: organisationId },
      before: { status: row.status, pastDueSince: row.pastDueSince?.toISOString() ?? null },
      after: { status: next.status, pastDueSince: next.pastDueSince?.toISOString() ?? null, stripeStatus: subscription.status, stripeSubscriptionId: subscription.id },
    })
    const kind = changeKind(row.status, next.status)
    if (kind) await tellOwners(tx, organisationId, kind, { pastDueSince: next.pastDueSince })
  }
  return { outcome: 'applied', organisationId, from: row.status, to: next.status, changed }
}

/** The subscription an invoice belongs to (API 2025+: under `parent.subscription_details`). */
export function subscriptionIdOfInvoice(invoice: Stripe.Invoice) {
  return idOf(invoice.parent?.subscription_details?.subscription ?? null)
}

export type UpsertedInvoice =
  | { outcome: 'unknown-organisation' }
  | { outcome: 'stored'; organisationId: string; refundedBefore: number; refundedAfter: number }

/**
 * Stores an invoice as fetched from Stripe (the billing page lists them). `amountRefundedCents`,
 * which an invoice does not carry, is given by the caller from the refunded charge that paid it
 * (`charge.refunded`); otherwise the stored amount is kept. The caller has locked the
 * organisation's Subscription row when it matters (events.server.ts).
 */
export async function upsertStripeInvoice(tx: Tx, invoice: Stripe.Invoice, options: { amountRefundedCents?: number; organisationId?: string } = {}): Promise<UpsertedInvoice> {
  const metadata = invoice.parent?.subscription_details?.metadata ?? null
  const organisationId = options.organisationId ?? (await organisationOfStripeObject(tx, { metadata, customer: idOf(invoice.customer) }))
  if (!organisationId) return { outcome: 'unknown-organisation' }
  const existing = await tx.db.billingInvoice.findUnique({ where: { id: invoice.id }, select: { amountRefundedCents: true } })
  const refundedBefore = existing?.amountRefundedCents ?? 0
  const refundedAfter = options.amountRefundedCents ?? refundedBefore
  const fields = {
    organisationId,
    stripeSubscriptionId: subscriptionIdOfInvoice(invoice),
    number: invoice.number ?? null,
    status: invoice.status ?? 'draft',
    amountDueCents: invoice.amount_due,
    amountPaidCents: invoice.amount_paid,
    amountRefundedCents: refundedAfter,
    currency: invoice.currency,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdfUrl: invoice.invoice_pdf ?? null,
    periodStart: seconds(invoice.period_start),
    periodEnd: seconds(invoice.period_end),
    issuedAt: seconds(invoice.created) ?? new Date(),
  }
  await tx.db.billingInvoice.upsert({ where: { id: invoice.id }, create: { id: invoice.id, ...fields }, update: fields })
  return { outcome: 'stored', organisationId, refundedBefore, refundedAfter }
}

/** A refund of an organisation's dues: audited and told to its owners and admins. */
export async function recordRefund(tx: Tx, input: { organisationId: string; invoiceId: string; refundedBefore: number; refundedAfter: number; currency: string }) {
  const organisation = await tx.db.organisation.findUniqueOrThrow({ where: { id: input.organisationId }, select: { homeHubId: true } })
  await writeAudit(tx.db, {
    actorId: null,
    actorOrgId: input.organisationId,
    hubId: organisation.homeHubId,
    action: 'billing.refunded',
    target: { type: 'Organisation', id: input.organisationId },
    before: { invoiceId: input.invoiceId, amountRefundedCents: input.refundedBefore },
    after: { invoiceId: input.invoiceId, amountRefundedCents: input.refundedAfter },
  })
  await tellOwners(tx, input.organisationId, 'refunded', { amountCents: input.refundedAfter - input.refundedBefore, currency: input.currency })
}

const TEMPLATE_NAMES = {
  activated: 'payments.activated',
  'payment-failed': 'payments.paymentFailed',
  canceled: 'payments.canceled',
  refunded: 'payments.refunded',
} as const

function formatAmount(cents: number, currency: string, locale: string) {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100)
}

/**
 * The organisation's owners and admins hear of a change of their membership (category BILLING):
 * in the app, and by e-mail unless they chose otherwise, with a link to the billing page.
 */
async function tellOwners(
  tx: Tx,
  organisationId: string,
  kind: MembershipChangeKind | 'refunded',
  facts: { pastDueSince?: Date | null; amountCents?: number; currency?: string },
) {
  const organisation = await tx.db.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: {
      name: true,
      slug: true,
      homeHub: { select: { duesGraceDays: true } },
      memberships: { where: { role: { in: ['OWNER', 'ADMIN'] } }, select: { user: { select: { id: true, locale: true, timeZone: true } } } },
    },
  })
  const users = organisation.memberships.map((membership) => membership.user)
  if (users.length === 0) return
  const path = `/orgs/${organisation.slug}/billing`
  const link = new URL(path, getEnv().APP_URL).toString()
  const graceEnd = kind === 'payment-failed' && facts.pastDueSince ? graceEndsAt(facts.pastDueSince, organisation.homeHub.duesGraceDays) : null
  const byId = new Map(users.map((user) => [user.id, { locale: toLocale(user.locale), timeZone: user.timeZone || 'Europe/Paris' }]))
  // organisationId: the digest keeps a BILLING notice only while its reader still manages that organisation.
  const payload: Record<string, string | number> = { organisationId, organisation: organisation.name }
  if (graceEnd) payload.graceEndsAt = graceEnd.toISOString()
  if (facts.amountCents !== undefined) payload.amountCents = facts.amountCents
  if (facts.currency) payload.currency = facts.currency
  await notify(tx, {
    category: 'BILLING',
    userIds: users.map((user) => user.id),
    kind: `payments:${kind}`,
    payload,
    link: path,
    email: {
      about: { type: 'ORGANISATION', id: organisationId },
      kind: `payments-${kind}`,
      template: (user): EmailTemplate => {
        const where = byId.get(user.id) ?? { locale: 'fr' as const, timeZone: 'Europe/Paris' }
        const base = { name: user.name, organisationName: organisation.name, link }
        switch (kind) {
          case 'payment-failed':
            return { name: TEMPLATE_NAMES[kind], data: { ...base, graceEndsOn: graceEnd ? onDay(graceEnd, where.locale, where.timeZone) : formatDate(new Date(), where.locale) } }
          case 'refunded':
            return { name: TEMPLATE_NAMES[kind], data: { ...base, amount: formatAmount(facts.amountCents ?? 0, facts.currency ?? 'eur', where.locale) } }
          default:
            return { name: TEMPLATE_NAMES[kind], data: base }
        }
      },
    },
  })
}
