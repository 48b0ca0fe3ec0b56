import { randomBytes } from 'node:crypto'
import type Stripe from 'stripe'
import { writeAudit } from '#app/modules/audit/audit.server'
import { isStaff, isStaffOf, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma, transaction, type DbClient } from '#app/utils/db.server'
import { samePlanSlot } from './plan-choice'
import { canEditPlans } from './policy'
import type { CreatePlanInput, UpdatePlanInput } from './schema'
import { callStripe, compensate } from './stripe-errors.server'
import { duesEnabled, getStripe } from './stripe.server'

/**
 * Membership plans per hub (/staff/dues/plans; decision 0030). Hub administrators create, edit and
 * archive their hub's plans; the hub's other staff read them. With dues on, each plan is mirrored
 * at Stripe: a Product (name, metadata hubId/planId) and a recurring EUR Price (metadata planId).
 * A new amount or interval is a new Price, the former one deactivated; archiving deactivates the
 * Product. Stripe answers first, the database is written after (with the audit row), and a later
 * failure undoes the Stripe side (`compensate`): the database never names a Stripe object that
 * does not match it. With dues off, plans are kept here only; their Stripe objects are created at
 * the first edit with dues on, or at their first Checkout (`ensurePlanPrice`).
 */
const PLAN_SELECT = {
  id: true,
  hubId: true,
  name: true,
  orgKind: true,
  revenueBand: true,
  interval: true,
  amountCents: true,
  stripeProductId: true,
  stripePriceId: true,
  archivedAt: true,
  createdAt: true,
} as const

type PlanRow = {
  id: string
  hubId: string
  name: string
  orgKind: 'PARTNER' | 'FIRM'
  revenueBand: string | null
  interval: 'YEAR' | 'MONTH'
  amountCents: number
  stripeProductId: string | null
  stripePriceId: string | null
  archivedAt: Date | null
}

const STRIPE_INTERVAL = { YEAR: 'year', MONTH: 'month' } as const

function newPlanId() {
  return `c${randomBytes(12).toString('hex')}`
}

/** The hub whose plans the page shows: `?hub=` among the actor's staff hubs, else the first. Non-staff: 403; another hub: 404. */
export function choosePlansHub(actor: Actor, requested: string | null) {
  if (!isStaff(actor)) throw AppError.forbidden()
  const hubIds = staffHubIds(actor)
  if (!requested) return hubIds[0]!
  if (isStaffOf(actor, requested)) return requested
  throw AppError.notFound()
}

export async function loadPlansPage(actor: Actor, requested: string | null) {
  const hubId = choosePlansHub(actor, requested)
  const [hub, hubs, plans, subscribers] = await Promise.all([
    prisma.hub.findUniqueOrThrow({ where: { id: hubId }, select: { id: true, name: true } }),
    prisma.hub.findMany({ where: { id: { in: staffHubIds(actor) } }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    prisma.membershipPlan.findMany({
      where: { hubId },
      orderBy: [{ archivedAt: { sort: 'asc', nulls: 'first' } }, { orgKind: 'desc' }, { revenueBand: { sort: 'asc', nulls: 'first' } }, { interval: 'desc' }, { createdAt: 'asc' }],
      select: PLAN_SELECT,
    }),
    prisma.subscription.groupBy({ by: ['planId'], where: { plan: { hubId }, status: { in: ['ACTIVE', 'PAST_DUE'] } }, _count: { _all: true } }),
  ])
  const counts = new Map(subscribers.map((row) => [row.planId, row._count._all]))
  return {
    hub,
    hubs,
    canEdit: canEditPlans(actor, hubId),
    duesEnabled: duesEnabled(),
    plans: plans.map((plan) => ({ ...plan, subscribers: counts.get(plan.id) ?? 0, mirrored: Boolean(plan.stripeProductId && plan.stripePriceId) })),
  }
}

/** Refuses a plan the actor may not change: another hub's (404), a hub they only moderate (403). */
function assertMayEdit(actor: Actor, hubId: string) {
  if (canEditPlans(actor, hubId)) return
  throw isStaffOf(actor, hubId) || !isStaff(actor) ? AppError.forbidden() : AppError.notFound()
}

/** Serialises the plan changes of one hub (two administrators at once) and re-checks the slot. */
async function lockHubAndCheckSlot(db: DbClient, slot: Pick<PlanRow, 'hubId' | 'orgKind' | 'revenueBand' | 'interval'>, exceptId?: string) {
  await db.$queryRaw`SELECT id FROM "Hub" WHERE id = ${slot.hubId} FOR UPDATE`
  const active = await db.membershipPlan.findMany({ where: { hubId: slot.hubId, archivedAt: null, id: exceptId ? { not: exceptId } : undefined }, select: PLAN_SELECT })
  const clash = active.find((plan) => samePlanSlot(plan, slot))
  if (clash) throw new AppError(409, 'duplicate_plan', 'billing.plans.errors.duplicate', { name: clash.name }, { interval: ['billing.plans.errors.duplicateField'] })
}

async function assertSlotFree(slot: Pick<PlanRow, 'hubId' | 'orgKind' | 'revenueBand' | 'interval'>, exceptId?: string) {
  const active = await prisma.membershipPlan.findMany({ where: { hubId: slot.hubId, archivedAt: null, id: exceptId ? { not: exceptId } : undefined }, select: PLAN_SELECT })
  const clash = active.find((plan) => samePlanSlot(plan, slot))
  if (clash) throw new AppError(409, 'duplicate_plan', 'billing.plans.errors.duplicate', { name: clash.name }, { interval: ['billing.plans.errors.duplicateField'] })
}

function auditView(plan: Pick<PlanRow, 'name' | 'orgKind' | 'revenueBand' | 'interval' | 'amountCents'> & Partial<Pick<PlanRow, 'stripePriceId' | 'stripeProductId'>>) {
  return {
    name: plan.name,
    orgKind: plan.orgKind,
    revenueBand: plan.revenueBand,
    interval: plan.interval,
    amountCents: plan.amountCents,
    ...(plan.stripeProductId !== undefined ? { stripeProductId: plan.stripeProductId } : {}),
    ...(plan.stripePriceId !== undefined ? { stripePriceId: plan.stripePriceId } : {}),
  }
}

async function createProduct(stripe: Stripe, plan: Pick<PlanRow, 'id' | 'hubId' | 'name'>) {
  return callStripe('products.create', () => stripe.products.create({ name: plan.name, metadata: { hubId: plan.hubId, planId: plan.id } }))
}

async function createPrice(stripe: Stripe, productId: string, plan: Pick<PlanRow, 'id' | 'interval' | 'amountCents'>) {
  return callStripe('prices.create', () =>
    stripe.prices.create({
      product: productId,
      currency: 'eur',
      unit_amount: plan.amountCents,
      recurring: { interval: STRIPE_INTERVAL[plan.interval] },
      metadata: { planId: plan.id },
    }),
  )
}

export async function createPlan(actor: Actor, input: CreatePlanInput, requestId?: string) {
  assertMayEdit(actor, input.hubId)
  const plan = { id: newPlanId(), hubId: input.hubId, name: input.name, orgKind: input.orgKind, revenueBand: input.revenueBand, interval: input.interval, amountCents: input.amountCents }
  // Checked before calling Stripe (the common case), and again under the hub's lock.
  await assertSlotFree(plan)
  let stripeIds: { stripeProductId: string | null; stripePriceId: string | null } = { stripeProductId: null, stripePriceId: null }
  if (duesEnabled()) {
    const stripe = getStripe()
    const product = await createProduct(stripe, plan)
    try {
      const price = await createPrice(stripe, product.id, plan)
      stripeIds = { stripeProductId: product.id, stripePriceId: price.id }
    } catch (error) {
      await compensate('products.update(active:false)', () => stripe.products.update(product.id, { active: false }))
      throw error
    }
  }
  try {
    return await transaction(async ({ db }) => {
      await lockHubAndCheckSlot(db, plan)
      const created = await db.membershipPlan.create({ data: { ...plan, ...stripeIds }, select: PLAN_SELECT })
      await writeAudit(db, { actorId: actor.userId, hubId: plan.hubId, action: 'billing.plan-create', target: { type: 'MembershipPlan', id: created.id }, after: auditView(created), requestId })
      return created
    })
  } catch (error) {
    if (stripeIds.stripeProductId) {
      const stripe = getStripe()
      await compensate('prices.update(active:false)', () => stripe.prices.update(stripeIds.stripePriceId!, { active: false }))
      await compensate('products.update(active:false)', () => stripe.products.update(stripeIds.stripeProductId!, { active: false }))
    }
    throw error
  }
}

async function planForEdit(actor: Actor, planId: string) {
  const plan = await prisma.membershipPlan.findUnique({ where: { id: planId }, select: PLAN_SELECT })
  assertFound(plan && isStaffOf(actor, plan.hubId))
  assertMayEdit(actor, plan.hubId)
  if (plan.archivedAt) throw AppError.conflict('plan_archived', 'billing.plans.errors.archived')
  return plan
}

export async function updatePlan(actor: Actor, input: UpdatePlanInput, requestId?: string) {
  const before = await planForEdit(actor, input.planId)
  const after = { ...before, name: input.name, interval: input.interval, amountCents: input.amountCents }
  const priceChanged = before.amountCents !== after.amountCents || before.interval !== after.interval
  if (!priceChanged && before.name === after.name && (!duesEnabled() || (before.stripeProductId && before.stripePriceId))) return before
  if (before.interval !== after.interval) await assertSlotFree(after, before.id)

  // Stripe first: a product if the plan has none yet, its new name, a new price for a new amount or interval.
  const undo: Array<() => Promise<unknown>> = []
  let stripeIds = { stripeProductId: before.stripeProductId, stripePriceId: before.stripePriceId }
  let formerPrice: string | null = null
  // Dues off: a new amount or interval forgets the former price; a new one is made at the next Checkout.
  if (!duesEnabled() && priceChanged) stripeIds = { ...stripeIds, stripePriceId: null }
  if (duesEnabled()) {
    const stripe = getStripe()
    try {
      if (!stripeIds.stripeProductId) {
        const product = await createProduct(stripe, after)
        stripeIds = { stripeProductId: product.id, stripePriceId: null }
        undo.push(() => stripe.products.update(product.id, { active: false }))
      } else if (before.name !== after.name) {
        await callStripe('products.update', () => stripe.products.update(stripeIds.stripeProductId!, { name: after.name }))
        undo.push(() => stripe.products.update(stripeIds.stripeProductId!, { name: before.name }))
      }
      if (priceChanged || !stripeIds.stripePriceId) {
        const price = await createPrice(stripe, stripeIds.stripeProductId!, after)
        undo.push(() => stripe.prices.update(price.id, { active: false }))
        formerPrice = stripeIds.stripePriceId
        stripeIds = { ...stripeIds, stripePriceId: price.id }
        if (formerPrice) {
          const former = formerPrice
          await callStripe('prices.update(active:false)', () => stripe.prices.update(former, { active: false }))
          undo.push(() => stripe.prices.update(former, { active: true }))
        }
      }
    } catch (error) {
      for (const step of undo.reverse()) await compensate('undo plan update', step)
      throw error
    }
  }
  try {
    return await transaction(async ({ db }) => {
      if (before.interval !== after.interval) await lockHubAndCheckSlot(db, after, before.id)
      const updated = await db.membershipPlan.updateMany({
        // Unchanged since read: a concurrent edit would otherwise be overwritten with other Stripe ids.
        where: { id: before.id, archivedAt: null, stripePriceId: before.stripePriceId, amountCents: before.amountCents, interval: before.interval },
        data: { name: after.name, interval: after.interval, amountCents: after.amountCents, ...stripeIds },
      })
      if (updated.count !== 1) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
      await writeAudit(db, {
        actorId: actor.userId,
        hubId: before.hubId,
        action: 'billing.plan-update',
        target: { type: 'MembershipPlan', id: before.id },
        before: auditView(before),
        after: auditView({ ...after, ...stripeIds }),
        requestId,
      })
      return { ...after, ...stripeIds }
    })
  } catch (error) {
    for (const step of undo.reverse()) await compensate('undo plan update', step)
    throw error
  }
}

export async function archivePlan(actor: Actor, planId: string, requestId?: string) {
  const plan = await planForEdit(actor, planId)
  if (duesEnabled() && plan.stripeProductId) {
    const stripe = getStripe()
    await callStripe('products.update(active:false)', () => stripe.products.update(plan.stripeProductId!, { active: false }))
  }
  try {
    return await transaction(async ({ db }) => {
      const archived = await db.membershipPlan.updateMany({ where: { id: plan.id, archivedAt: null }, data: { archivedAt: new Date() } })
      if (archived.count !== 1) throw AppError.conflict('plan_archived', 'billing.plans.errors.archived')
      await writeAudit(db, { actorId: actor.userId, hubId: plan.hubId, action: 'billing.plan-archive', target: { type: 'MembershipPlan', id: plan.id }, before: auditView(plan), requestId })
      return plan
    })
  } catch (error) {
    if (duesEnabled() && plan.stripeProductId) await compensate('products.update(active:true)', () => getStripe().products.update(plan.stripeProductId!, { active: true }))
    throw error
  }
}

/**
 * The plan's Stripe Price, created at its first Checkout when the plan was made while dues were
 * off (or its Product was never created). Two Checkouts at once: the first stored wins, the other
 * deactivates its own Price (and Product) and uses the stored one.
 */
export async function ensurePlanPrice(plan: PlanRow, context: { actorId: string; requestId?: string }): Promise<string> {
  if (plan.stripePriceId && plan.stripeProductId) return plan.stripePriceId
  const stripe = getStripe()
  const createdProduct = plan.stripeProductId ? null : await createProduct(stripe, plan)
  const productId = plan.stripeProductId ?? createdProduct!.id
  let price: Stripe.Price
  try {
    price = await createPrice(stripe, productId, plan)
  } catch (error) {
    if (createdProduct) await compensate('products.update(active:false)', () => stripe.products.update(createdProduct.id, { active: false }))
    throw error
  }
  const stored = await transaction(async ({ db }) => {
    const updated = await db.membershipPlan.updateMany({
      where: { id: plan.id, stripePriceId: null, stripeProductId: plan.stripeProductId, amountCents: plan.amountCents, interval: plan.interval },
      data: { stripeProductId: productId, stripePriceId: price.id },
    })
    if (updated.count === 1) {
      await writeAudit(db, {
        actorId: context.actorId,
        hubId: plan.hubId,
        action: 'billing.plan-mirror',
        target: { type: 'MembershipPlan', id: plan.id },
        after: { stripeProductId: productId, stripePriceId: price.id },
        requestId: context.requestId,
      })
      return price.id
    }
    return null
  })
  if (stored) return stored
  await compensate('prices.update(active:false)', () => stripe.prices.update(price.id, { active: false }))
  if (createdProduct) await compensate('products.update(active:false)', () => stripe.products.update(createdProduct.id, { active: false }))
  const current = await prisma.membershipPlan.findUniqueOrThrow({ where: { id: plan.id }, select: { stripePriceId: true } })
  if (!current.stripePriceId) throw AppError.conflict('concurrent_change', 'errors.concurrentChange')
  return current.stripePriceId
}

export { PLAN_SELECT }
export type { PlanRow }
