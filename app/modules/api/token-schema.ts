import { z } from 'zod'

/** The API tokens settings page's forms (organisation owners and administrators). */
export const apiTokenNameSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(2, 'validation.tooShort')
  .max(60, 'validation.tooLong')

export const createApiTokenSchema = z.object({ intent: z.literal('create'), name: apiTokenNameSchema })

export const apiTokenActionSchema = z.discriminatedUnion(
  'intent',
  [createApiTokenSchema, z.object({ intent: z.literal('revoke'), tokenId: z.string({ error: 'validation.required' }).min(1).max(64) })],
  { error: 'validation.invalidChoice' },
)
