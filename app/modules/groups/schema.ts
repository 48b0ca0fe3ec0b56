import { recordId } from '../shared/fields'
import { z } from '../shared/zod'

/** A group's settings, as staff create and edit it (decision 0026). */
export const groupFormSchema = z.object({
  name: z.string({ error: 'validation.required' }).trim().min(3, 'validation.tooShort').max(80, 'validation.tooLong'),
  theme: z.string({ error: 'validation.required' }).trim().min(2, 'validation.tooShort').max(80, 'validation.tooLong'),
  hubId: recordId,
  description: z.string().trim().max(5_000, 'validation.tooLong').optional().transform((value) => value ?? ''),
  /** "all": open to the members of every hub; "hub": to the hub's own. */
  audience: z.enum(['all', 'hub'], { error: 'validation.invalidChoice' }),
})
export type GroupFormInput = z.output<typeof groupFormSchema>

export const createGroupIntentSchema = z.literal('create', { error: 'validation.invalidChoice' })

export const groupActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('join'), organisationId: recordId }),
    z.object({ intent: z.literal('leave'), organisationId: recordId }),
    z.object({
      intent: z.literal('announce'),
      title: z.string({ error: 'validation.required' }).trim().min(3, 'validation.tooShort').max(140, 'validation.tooLong'),
      body: z.string({ error: 'validation.required' }).trim().min(10, 'validation.tooShort').max(5_000, 'validation.tooLong'),
    }),
    groupFormSchema.omit({ hubId: true }).extend({ intent: z.literal('update') }),
    z.object({ intent: z.literal('archive') }),
  ],
  { error: 'validation.invalidChoice' },
)
export type GroupActionInput = z.output<typeof groupActionSchema>

/** A group's slug in a URL. */
export const groupSlugSchema = z.string().min(1).max(80).regex(/^[a-z0-9-]+$/)
