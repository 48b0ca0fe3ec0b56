import { z } from 'zod'
import { revenueBands } from '#app/modules/organisations/schema'
import { parseEuroAmount } from './money'

/**
 * The dues forms: the hub administrators' plans (/staff/dues/plans) and the organisation's pay and
 * portal buttons (/orgs/:slug/billing). Messages are i18n keys of the `billing` pair, shown next to
 * their field.
 */
export const PLAN_INTERVALS = ['YEAR', 'MONTH'] as const
export const PLAN_KINDS = ['PARTNER', 'FIRM'] as const
/** The band select's value for a firms' plan of any revenue band ("toutes tailles"). */
export const ANY_BAND = 'ANY'

const id = z.string({ error: 'validation.required' }).min(1, 'validation.required').max(40, 'validation.tooLong')

const name = z
  .string({ error: 'billing.plans.errors.name' })
  .trim()
  .min(3, 'billing.plans.errors.name')
  .max(80, 'billing.plans.errors.name')

const amount = z
  .string({ error: 'billing.plans.errors.amountFormat' })
  .transform((value, ctx) => {
    const parsed = parseEuroAmount(value)
    if ('problem' in parsed) {
      const key = { format: 'amountFormat', positive: 'amountPositive', max: 'amountMax', cents: 'amountCents' }[parsed.problem]
      ctx.addIssue({ code: 'custom', message: `billing.plans.errors.${key}` })
      return z.NEVER
    }
    return parsed.cents
  })

const interval = z.enum(PLAN_INTERVALS, { error: 'billing.plans.errors.interval' })

export const createPlanSchema = z
  .object({
    intent: z.literal('create'),
    hubId: id,
    name,
    orgKind: z.enum(PLAN_KINDS, { error: 'billing.plans.errors.orgKind' }),
    revenueBand: z.enum([ANY_BAND, ...revenueBands], { error: 'billing.plans.errors.revenueBand' }).default(ANY_BAND),
    interval,
    amount,
  })
  .superRefine((value, ctx) => {
    if (value.orgKind === 'PARTNER' && value.revenueBand !== ANY_BAND) {
      ctx.addIssue({ code: 'custom', path: ['revenueBand'], message: 'billing.plans.errors.partnerBand' })
    }
  })
  .transform(({ revenueBand, amount, ...rest }) => ({ ...rest, amountCents: amount, revenueBand: revenueBand === ANY_BAND ? null : revenueBand }))
export type CreatePlanInput = z.output<typeof createPlanSchema>

/** Editing keeps the plan's kind and band (who it is for): archive it and create another to change them. */
export const updatePlanSchema = z
  .object({ intent: z.literal('update'), planId: id, name, interval, amount })
  .transform(({ amount, ...rest }) => ({ ...rest, amountCents: amount }))
export type UpdatePlanInput = z.output<typeof updatePlanSchema>

export const archivePlanSchema = z.object({ intent: z.literal('archive'), planId: id })

export const planIntents = ['create', 'update', 'archive'] as const

export const checkoutSchema = z.object({
  intent: z.literal('checkout'),
  billingEmail: z
    .string({ error: 'billing.pay.errors.email' })
    .trim()
    .toLowerCase()
    .max(254, 'billing.pay.errors.email')
    .pipe(z.email({ error: 'billing.pay.errors.email' })),
  interval: interval.optional(),
})
export type CheckoutInput = z.output<typeof checkoutSchema>

export const portalSchema = z.object({ intent: z.literal('portal') })

export const billingIntents = ['checkout', 'portal'] as const
