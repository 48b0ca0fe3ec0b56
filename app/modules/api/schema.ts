import { z } from 'zod'
import { applicationDecisionSchema, applicationFormSchema } from '#app/modules/applications/schema'
import { declineOpenSchema, needFormSchema, needLifecycleActions } from '#app/modules/needs/schema'
import { jsonInput } from './json-input'

/**
 * What the API accepts. The rules are the domain's (`needFormSchema`, `applicationFormSchema`,
 * `applicationDecisionSchema`); this file only says which of them each endpoint uses and adds
 * the few API-only fields.
 */

/** `submit`: create or save, then send to moderation at once. */
const submitFlag = z.object({ submit: z.boolean({ error: 'api.validation.expectedBoolean' }).optional() })

/** POST /needs and PATCH /needs/{id}: the need editor's fields, plus `submit`. */
export const needBody = jsonInput(needFormSchema, {
  extra: submitFlag,
  docs: {
    deadline: { format: 'date', description: 'Application deadline (YYYY-MM-DD); in the future to submit.' },
    expectedStart: { format: 'date', description: 'Expected start (YYYY-MM-DD), not before the deadline.' },
    communeInsee: { description: 'Any French commune (overseas and the municipal arrondissements of Paris, Lyon and Marseille included): its INSEE code (e.g. 38185; a code here is always an INSEE code, never a postal code: 38000 is refused, 69003 is Albigny-sur-Saône), its name, or its name and département (e.g. “Beaufort (73)”) when several communes share the name. An unknown or ambiguous commune is refused (422, `fields.communeInsee`).' },
    skills: { description: 'Skills and technologies (at most 30 tags of 40 characters). Also accepted: one comma-separated string.' },
    nafCodes: { description: 'NAF codes of the sectors (e.g. 62.01Z), at most 10. Also accepted: one comma-separated string.' },
    sharedHubIds: { description: 'Ids of other hubs to share the need with (at most 10).' },
    workingGroupId: { description: 'Id of a working group to address the need to: open to every hub, or of the partner’s home hub; not archived.' },
    reservedCohortId: { description: 'Id of an accelerator cohort of the partner’s home hub: only its firms (and invited ones) see the need for its first `reservedDays` days.' },
    reservedDays: { description: 'Days of the cohort reservation after publication (1–30); required with `reservedCohortId`, refused without it.' },
    submit: { description: 'Submit the need to moderation after saving it.', default: false },
  },
})

/** POST /needs/{id}/lifecycle. */
export const lifecycleBody = jsonInput(
  z.object({
    action: z.enum(needLifecycleActions, { error: 'validation.invalidChoice' }),
    /** Declines, in the same step, every application still waiting for a decision. */
    declineOpen: declineOpenSchema.optional(),
  }),
)

/** POST /needs/{id}/submit: nothing to send (an empty object at most). */
export const emptyBody = jsonInput(z.object({}))

/** POST /needs/{id}/applications: the proposal (`intent` defaults to `submit`). */
export const applicationBody = jsonInput(applicationFormSchema, {
  docs: {
    consortium: { description: 'Up to three partner firms, by their Sillon slug; they confirm in the web app before the application can be submitted.' },
    priceEur: { description: 'The proposed price, in euros.' },
  },
})

/** The partner's decisions that the API offers, out of the application form's intents. */
export const apiDecisionIntents = ['shortlist', 'requestInfo', 'accept', 'decline'] as const

type DecisionOption = (typeof applicationDecisionSchema.options)[number]
const decisionOptions = applicationDecisionSchema.options.filter((option: DecisionOption) =>
  (apiDecisionIntents as readonly string[]).includes(option.shape.intent.value),
) as [DecisionOption, ...DecisionOption[]]

/** POST /applications/{id}/decision: `applicationDecisionSchema`, restricted to the partner's decisions. */
export const decisionBody = jsonInput(z.discriminatedUnion('intent', decisionOptions, { error: 'validation.invalidChoice' }))
