import type { z } from 'zod'
import type { JsonInput } from './json-input'
import {
  applicationListSchema,
  applicationResponseSchema,
  needListSchema,
  needResponseSchema,
} from './responses'
import { applicationBody, decisionBody, emptyBody, lifecycleBody, needBody } from './schema'

/**
 * The endpoints of the API, once: the dispatcher routes and validates with this table, and the
 * OpenAPI document is generated from it. A route file `app/routes/api.v1.<path>.ts` serves one
 * path (a test checks that files and paths agree).
 */
export const apiPaths = [
  '/needs',
  '/needs/{needId}',
  '/needs/{needId}/submit',
  '/needs/{needId}/lifecycle',
  '/needs/{needId}/applications',
  '/applications/{applicationId}',
  '/applications/{applicationId}/decision',
  '/openapi.json',
] as const
export type ApiPath = (typeof apiPaths)[number]

export type OperationId =
  | 'listNeeds'
  | 'createNeed'
  | 'getNeed'
  | 'updateNeed'
  | 'submitNeed'
  | 'changeNeedLifecycle'
  | 'listNeedApplications'
  | 'applyToNeed'
  | 'getApplication'
  | 'decideOnApplication'
  | 'getOpenApiDocument'

export type HttpMethod = 'GET' | 'POST' | 'PATCH'

export interface ApiOperation {
  operationId: OperationId
  method: HttpMethod
  path: ApiPath
  tag: 'Needs' | 'Applications' | 'Documentation'
  /** Who may call it: a partner's token, a firm's, either, or anyone (no token). */
  audience: 'partner' | 'firm' | 'any' | 'public'
  summary: string
  description: string
  /** Query parameters: the needs list's filters, or the `submit` flag. */
  query?: 'needFilters' | 'submit'
  body?: { input: JsonInput; required: boolean; partial?: boolean; examples: Record<string, { summary: string; value: unknown }> }
  response: { status: 200 | 201; schema: z.ZodType | null; description: string; example?: unknown }
  /** Statuses of the errors this endpoint may answer (besides 401 and 500 for all but public ones). */
  errors: number[]
}

const inDays = (days: number) => new Date(Date.UTC(2030, 0, 1) + days * 86_400_000).toISOString().slice(0, 10)

const needExample = {
  kind: 'PILOT',
  title: 'Maintenance prédictive des télésièges',
  summary: 'Capteurs IoT et modèles de prédiction des pannes sur trois télésièges de la station.',
  description: 'Nous cherchons une PME capable de poser des capteurs, collecter les données et prédire les pannes avant la saison d’hiver.',
  skills: ['iot', 'maintenance prédictive', 'edge computing'],
  nafCodes: ['62.01Z'],
  budgetMinEur: 20000,
  budgetMaxEur: 80000,
  deadline: inDays(30),
  expectedStart: inDays(60),
  communeInsee: '38185',
  radiusKm: 80,
  remoteOk: false,
  visibility: 'PUBLIC',
  matchingMode: 'OPEN',
}

export const apiOperations: ApiOperation[] = [
  {
    operationId: 'listNeeds',
    method: 'GET',
    path: '/needs',
    tag: 'Needs',
    audience: 'any',
    summary: 'List needs',
    description:
      'A firm’s token: the published needs the firm may see, ranked by its match score by default (or by deadline, relevance to `q`, recency), with the score. A partner’s token: the organisation’s own needs, every status (filter with `status`). 20 needs per page. A malformed filter answers 400 with the field concerned; unknown parameters are ignored.',
    query: 'needFilters',
    response: { status: 200, schema: needListSchema, description: 'One page of needs.' },
    errors: [400],
  },
  {
    operationId: 'createNeed',
    method: 'POST',
    path: '/needs',
    tag: 'Needs',
    audience: 'partner',
    summary: 'Create a need (draft), or create and submit it',
    description:
      'Creates a draft with the need editor’s rules (types and sizes). With `submit: true` (in the body or as `?submit=true`) the need is also sent to the hub’s moderators, which requires a complete need (summary, description, skills, deadline in the future, place or remote, maximum budget): an incomplete one answers 422 with the fields to complete and nothing is created. Where the organisation’s hub requires dues, a submission answers 403 `dues_required` (with `reason` and `billingUrl`) unless the dues are paid, waived or in their grace period; a draft is always saved.',
    query: 'submit',
    body: {
      input: needBody,
      required: true,
      examples: {
        draft: { summary: 'A draft', value: { kind: 'PROOF_OF_CONCEPT', title: 'Jumeau numérique d’une ligne de production' } },
        submitted: { summary: 'A complete need, submitted at once', value: { ...needExample, submit: true } },
      },
    },
    response: { status: 201, schema: needResponseSchema, description: 'The need as created (its address is in the Location header).' },
    errors: [400, 403, 413, 415, 422],
  },
  {
    operationId: 'getNeed',
    method: 'GET',
    path: '/needs/{needId}',
    tag: 'Needs',
    audience: 'any',
    summary: 'Read a need',
    description:
      'The need as the token’s organisation may see it: the partner sees its own needs in every status (with a pending revision); a firm sees published needs open to it, with its match score. Any other need answers 404, whether it exists or not.',
    response: { status: 200, schema: needResponseSchema, description: 'The need.' },
    errors: [404],
  },
  {
    operationId: 'updateNeed',
    method: 'PATCH',
    path: '/needs/{needId}',
    tag: 'Needs',
    audience: 'partner',
    summary: 'Edit a need',
    description:
      'Merge patch: the fields given replace the current ones, `null` clears an optional field, the others stay. A draft (or a need whose changes were requested) is saved, and submitted with `submit: true`. A published need’s edit becomes a revision that moderators approve before firms see it (it must then be complete). Other statuses answer 409. Where the organisation’s hub requires dues, a submission answers 403 `dues_required` (with `reason` and `billingUrl`) unless the dues are paid, waived or in their grace period; a draft is always saved.',
    body: {
      input: needBody,
      required: true,
      partial: true,
      examples: {
        budget: { summary: 'Raise the budget', value: { budgetMaxEur: 120000 } },
        submit: { summary: 'Complete and submit a draft', value: { summary: needExample.summary, deadline: inDays(30), submit: true } },
      },
    },
    response: { status: 200, schema: needResponseSchema, description: 'The need after the edit.' },
    errors: [400, 403, 404, 409, 413, 415, 422],
  },
  {
    operationId: 'submitNeed',
    method: 'POST',
    path: '/needs/{needId}/submit',
    tag: 'Needs',
    audience: 'partner',
    summary: 'Submit a draft to moderation',
    description: 'DRAFT or CHANGES_REQUESTED → SUBMITTED. An incomplete need answers 422 with the fields to complete; another status answers 409. No body (or `{}`). Where the organisation’s hub requires dues, 403 `dues_required` (with `reason` and `billingUrl`) unless the dues are paid, waived or in their grace period.',
    body: { input: emptyBody, required: false, examples: {} },
    response: { status: 200, schema: needResponseSchema, description: 'The need, now SUBMITTED.' },
    errors: [400, 403, 404, 409, 413, 415, 422],
  },
  {
    operationId: 'changeNeedLifecycle',
    method: 'POST',
    path: '/needs/{needId}/lifecycle',
    tag: 'Needs',
    audience: 'partner',
    summary: 'Close, award, not award or archive a need',
    description:
      '`close`: PUBLISHED → CLOSED (no more applications). `award`: CLOSED → AWARDED (needs an accepted application). `notAward`: CLOSED → NOT_AWARDED. `archive`: a draft or a finished need → ARCHIVED. A transition the need’s status does not allow answers 409 with a sentence. `close`, `award` and `notAward` decide every application still waiting (SUBMITTED, SCREENING, SHORTLISTED, INFO_REQUESTED): refused with 409 `undecided_applications` (listing them in `error.undecided`) unless `declineOpen` declines them in the same step, with one reason and a comment; each firm is told. While the hub staff still screen an application, 409 `applications_in_screening`.',
    body: {
      input: lifecycleBody,
      required: true,
      examples: {
        close: { summary: 'Close the need', value: { action: 'close' } },
        closeDeclining: {
          summary: 'Close the need and decline the applications still waiting, with one reason',
          value: { action: 'close', declineOpen: { reason: 'OTHER_CANDIDATE', comment: 'Une autre proposition a été retenue pour ce pilote.' } },
        },
      },
    },
    response: { status: 200, schema: needResponseSchema, description: 'The need after the transition.' },
    errors: [400, 404, 409, 413, 415],
  },
  {
    operationId: 'listNeedApplications',
    method: 'GET',
    path: '/needs/{needId}/applications',
    tag: 'Applications',
    audience: 'partner',
    summary: 'List the applications to a need',
    description:
      'The partner’s pipeline: submitted applications (drafts and withdrawn ones excluded; on needs screened by the hub, those still being screened too), oldest first, with the firm’s match score, the time in the current stage and whether the answer is overdue.',
    response: { status: 200, schema: applicationListSchema, description: 'The need’s applications.' },
    errors: [404],
  },
  {
    operationId: 'applyToNeed',
    method: 'POST',
    path: '/needs/{needId}/applications',
    tag: 'Applications',
    audience: 'firm',
    summary: 'Apply to a need',
    description:
      'The firm’s proposal. `intent` is `submit` by default (the approach must then be at least 30 characters) or `save` for a draft; `consortium` lists up to three partner firms by their Sillon slug, who must confirm in the web app before the application can be submitted. One application per firm and need: a second answers 409. Where the firm’s hub requires dues, submitting answers 403 `dues_required` (with `reason` and `billingUrl`) unless the dues are paid, waived or in their grace period; a draft is always saved.',
    body: {
      input: applicationBody,
      required: true,
      examples: {
        submit: {
          summary: 'Apply',
          value: {
            approach: 'Capteurs vibratoires sur les poulies, modèle de détection d’anomalies entraîné sur deux saisons, tableau de bord pour l’exploitant.',
            timeline: 'Pose en octobre, premiers modèles en décembre.',
            priceEur: 45000,
            referencesText: 'Télésièges de deux stations de Belledonne.',
          },
        },
      },
    },
    response: { status: 201, schema: applicationResponseSchema, description: 'The application (its address is in the Location header).' },
    errors: [400, 403, 404, 409, 413, 415, 422],
  },
  {
    operationId: 'getApplication',
    method: 'GET',
    path: '/applications/{applicationId}',
    tag: 'Applications',
    audience: 'any',
    summary: 'Read an application',
    description:
      'For the partner: an application to one of its needs, with the conversation and the time spent in each stage. For the firm: its own application, including the reason and comment of a decline.',
    response: { status: 200, schema: applicationResponseSchema, description: 'The application.' },
    errors: [404],
  },
  {
    operationId: 'decideOnApplication',
    method: 'POST',
    path: '/applications/{applicationId}/decision',
    tag: 'Applications',
    audience: 'partner',
    summary: 'Shortlist, ask for information, accept or decline an application',
    description:
      '`shortlist`, `requestInfo` (with a `message` to the firm), `accept`, or `decline` (with a `reason` from the fixed list and a `comment` of at least 10 characters, which the firm reads). A decision the application’s status does not allow answers 409; a firm’s token answers 403.',
    body: {
      input: decisionBody,
      required: true,
      examples: {
        decline: { summary: 'Decline with a reason', value: { intent: 'decline', reason: 'BUDGET', comment: 'Le prix proposé dépasse notre enveloppe pour ce pilote.' } },
        requestInfo: { summary: 'Ask a question', value: { intent: 'requestInfo', message: 'Pouvez-vous préciser le calendrier de pose des capteurs ?' } },
        shortlist: { summary: 'Shortlist', value: { intent: 'shortlist' } },
      },
    },
    response: { status: 200, schema: applicationResponseSchema, description: 'The application after the decision.' },
    errors: [400, 403, 404, 409, 413, 415],
  },
  {
    operationId: 'getOpenApiDocument',
    method: 'GET',
    path: '/openapi.json',
    tag: 'Documentation',
    audience: 'public',
    summary: 'This document',
    description: 'The OpenAPI 3.1 description of the API. No token needed.',
    response: { status: 200, schema: null, description: 'An OpenAPI 3.1 document.' },
    errors: [],
  },
]

export function operationsFor(path: ApiPath) {
  return apiOperations.filter((operation) => operation.path === path)
}
