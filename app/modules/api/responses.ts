import { z } from 'zod'
import { applicationStatuses } from '#app/modules/applications/application-state'
import { declineReasons } from '#app/modules/applications/schema'
import { needStatuses } from '#app/modules/needs/need-state'
import { matchingModes, needKinds, needSorts, visibilities } from '#app/modules/needs/schema'
import { revenueBands } from '#app/modules/organisations/schema'

/**
 * What the API answers. Each response goes through its schema before it leaves: fields a
 * service returns for the web pages but that are not listed here never reach API clients, and
 * the OpenAPI document is generated from these very schemas. Dates are ISO 8601 strings (UTC).
 */
const dateTime = z.string().meta({ format: 'date-time' })
const id = z.string()
const money = z.number().int().nullable()

const needKind = z.enum(needKinds)
const needStatus = z.enum(needStatuses)
const applicationStatus = z.enum(applicationStatuses)

export const needSummarySchema = z.object({
  id,
  title: z.string(),
  summary: z.string(),
  kind: needKind,
  status: needStatus,
  visibility: z.enum(visibilities),
  deadline: dateTime.nullable(),
  budgetMinEur: money,
  budgetMaxEur: money,
  communeName: z.string().nullable(),
  remoteOk: z.boolean(),
  skills: z.array(z.string()),
  partnerName: z.string(),
  hubShortName: z.string(),
  score: z.number().nullable().meta({ description: 'Firms: the match score (0–100) of the need for the firm; null when not computed yet. Partners: null.' }),
  applicationCount: z.number().int().meta({ description: 'Partners: applications received (drafts and withdrawn ones excluded). Firms: 0.' }),
  revisionPending: z.boolean().meta({ description: 'Partners: an edit of the published need awaits moderation.' }),
})

export const needListSchema = z.object({
  perspective: z.enum(['firm', 'partner', 'staff']).meta({ description: 'firm: published needs the firm may see, with scores; partner: the organisation’s own needs, every status.' }),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  sort: z.enum(needSorts),
  needs: z.array(needSummarySchema),
})

const needDetailsSchema = z.object({
  summary: z.string(),
  description: z.string(),
  skills: z.array(z.string()),
  nafCodes: z.array(z.string()),
  budgetMinEur: money,
  budgetMaxEur: money,
  expectedStart: dateTime.nullable(),
  communeName: z.string().nullable(),
  communeInsee: z.string().nullable(),
  radiusKm: z.number().int().nullable(),
  remoteOk: z.boolean(),
  headcountMin: z.number().int().nullable(),
  headcountMax: z.number().int().nullable(),
  revenueBands: z.array(z.enum(revenueBands)),
  minAgeYears: z.number().int().nullable(),
  screeningRequired: z.boolean(),
  sharedWith: z.array(z.string()).meta({ description: 'Short names of the other hubs the need is shared with.' }),
  moderationComment: z.string().nullable().meta({ description: 'Partner only: the moderators’ request for changes.' }),
  publishedAt: dateTime.nullable(),
  submittedAt: dateTime.nullable(),
  closedAt: dateTime.nullable(),
})

export const needDetailSchema = z.object({
  id,
  title: z.string(),
  status: needStatus,
  kind: needKind,
  visibility: z.enum(visibilities),
  matchingMode: z.enum(matchingModes),
  partner: z.object({ id, name: z.string(), slug: z.string() }),
  hub: z.object({ id, shortName: z.string(), name: z.string() }),
  deadline: dateTime.nullable(),
  access: z.enum(['full', 'teaser']).meta({ description: 'teaser: a confidential need before its NDA was accepted in the web app; details are then null.' }),
  details: needDetailsSchema.nullable(),
  revision: z
    .object({
      state: z.enum(['SUBMITTED', 'CHANGES_REQUESTED']),
      submittedAt: z.string(),
      title: z.string(),
      summary: z.string(),
      description: z.string(),
      skills: z.array(z.string()),
      budgetMinEur: money,
      budgetMaxEur: money,
      deadline: z.string().nullable(),
    })
    .nullable()
    .meta({ description: 'Partner only: the edit of a published need awaiting moderation (firms keep seeing the approved version).' }),
  match: z
    .object({ score: z.number(), breakdown: z.unknown(), computedAt: dateTime })
    .nullable()
    .meta({ description: 'Firms: the match score and its explanation.' }),
  ownApplication: z
    .object({ id, status: applicationStatus, submittedAt: dateTime.nullable() })
    .nullable()
    .meta({ description: 'Firms: their application to this need, if any.' }),
  applicationCount: z.number().int(),
  deadlinePassed: z.boolean(),
  actions: z
    .object({
      edit: z.boolean(),
      submit: z.boolean(),
      close: z.boolean(),
      award: z.boolean(),
      notAward: z.boolean(),
      archive: z.boolean(),
      apply: z.boolean(),
      viewApplications: z.boolean(),
    })
    .meta({ description: 'What this token may do next with the need.' }),
})

export const needResponseSchema = z.object({ need: needDetailSchema })

const firmSchema = z.object({ id, name: z.string(), slug: z.string(), communeName: z.string().nullable() })

export const applicationListSchema = z.object({
  need: z.object({ id, title: z.string(), status: needStatus, screeningRequired: z.boolean() }),
  charterDays: z.number().int().meta({ description: 'The delay (days) within which the partner committed to answer.' }),
  applications: z.array(
    z.object({
      id,
      status: applicationStatus,
      approach: z.string(),
      priceEur: money,
      submittedAt: dateTime.nullable(),
      declineReason: z.enum(declineReasons).nullable(),
      firm: firmSchema.extend({ headcount: z.number().int().nullable() }),
      consortium: z.array(z.string()).meta({ description: 'Names of the confirmed consortium partners.' }),
      score: z.number().nullable(),
      inStageSince: dateTime.nullable(),
      overdue: z.boolean().meta({ description: 'The answer is later than the charter’s delay.' }),
      decidable: z.boolean(),
    }),
  ),
})

export const applicationDetailSchema = z.object({
  id,
  view: z.enum(['firm', 'partner', 'staff']),
  status: applicationStatus,
  approach: z.string(),
  timeline: z.string(),
  priceEur: money,
  referencesText: z.string(),
  declineReason: z.enum(declineReasons).nullable(),
  declineComment: z.string().nullable(),
  submittedAt: dateTime.nullable(),
  decidedAt: dateTime.nullable(),
  overdue: z.boolean(),
  charterDays: z.number().int(),
  firm: firmSchema,
  need: z.object({ id, title: z.string(), status: needStatus, partner: z.string() }),
  consortium: z.array(z.object({ id, name: z.string(), slug: z.string(), status: z.enum(['PENDING', 'CONFIRMED', 'DECLINED']) })),
  messages: z.array(
    z.object({ id, body: z.string(), createdAt: dateTime, author: z.object({ name: z.string() }), authorOrg: z.object({ name: z.string() }).nullable() }),
  ),
  stages: z.array(z.object({ status: applicationStatus, since: dateTime, until: dateTime.nullable(), durationMs: z.number() })),
  attachments: z.array(z.object({ id, filename: z.string(), sizeBytes: z.number().int(), createdAt: dateTime })),
  match: z.object({ score: z.number(), breakdown: z.unknown() }).nullable(),
  actions: z
    .object({
      shortlist: z.boolean(),
      requestInfo: z.boolean(),
      accept: z.boolean(),
      decline: z.boolean(),
    })
    .meta({ description: 'The decisions this token may take now (POST /applications/{applicationId}/decision).' }),
})

export const applicationResponseSchema = z.object({ application: applicationDetailSchema })

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable, for programs: see the list in the description of the API.' }),
    message: z.string().meta({ description: 'A sentence for people, in the language of the token’s creator (French by default).' }),
    fields: z
      .record(z.string(), z.array(z.string()))
      .meta({ description: 'Messages per top-level field of the body or query string; empty when the error concerns no field.' }),
    undecided: z
      .array(z.object({ id: z.string(), firm: z.string(), status: z.string() }))
      .optional()
      .meta({ description: '`undecided_applications`: the applications still waiting for a decision that the partner reads (closing or awarding needs a decision for each, or `declineOpen`).' }),
  }),
})
