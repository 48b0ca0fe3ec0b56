import { recordId } from '../shared/fields'
import { z } from '../shared/zod'
import { TEAM_ROLES } from './members'

/** The team forms of the organisation settings page and the leave page (an `intent` per form). */
export const teamIntents = ['remove-member', 'change-role', 'transfer-ownership', 'cancel-invitation'] as const

export const teamActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('remove-member'), membershipId: recordId }),
    z.object({ intent: z.literal('change-role'), membershipId: recordId, role: z.enum(TEAM_ROLES, { error: 'validation.invalidChoice' }) }),
    z.object({ intent: z.literal('transfer-ownership'), membershipId: recordId }),
    z.object({ intent: z.literal('cancel-invitation'), invitationId: recordId }),
  ],
  { error: 'validation.invalidChoice' },
)
export type TeamAction = z.output<typeof teamActionSchema>

export const leaveSchema = z.object({ intent: z.literal('leave', { error: 'validation.invalidChoice' }) })
