import { recordId } from '../shared/fields'
import { z } from '../shared/zod'

/** The API tokens settings page's forms (organisation owners and administrators). */
export const apiTokenNameSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(2, 'validation.tooShort')
  .max(60, 'validation.tooLong')

export const createApiTokenSchema = z.object({ intent: z.literal('create'), name: apiTokenNameSchema })

export const apiTokenActionSchema = z.discriminatedUnion(
  'intent',
  [createApiTokenSchema, z.object({ intent: z.literal('revoke'), tokenId: recordId })],
  { error: 'validation.invalidChoice' },
)
