import { z } from '../shared/zod'
import { emailSchema } from '../auth/schema'
import { recordId } from '../shared/fields'

export const staffRoleKinds = ['MODERATOR', 'ADMIN'] as const

export const grantStaffSchema = z.object({
  intent: z.literal('grant'),
  hubId: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(64, 'validation.invalidChoice'),
  email: emailSchema,
  role: z.enum(staffRoleKinds, { error: 'validation.invalidChoice' }),
})

export const revokeStaffSchema = z.object({
  intent: z.literal('revoke'),
  staffRoleId: recordId,
})

export const staffTeamActionSchema = z.discriminatedUnion('intent', [grantStaffSchema, revokeStaffSchema])
