import { actOnApplication, applyToNeed, getApplicationForActor, listApplicationsForNeed } from '#app/modules/applications/service.server'
import { getNeedForActor, getNeedForEditing, listNeedsForActor } from '#app/modules/needs/queries.server'
import { parseNeedFilters } from '#app/modules/needs/schema'
import { changeNeedLifecycle, saveNeed, submitNeed } from '#app/modules/needs/service.server'
import { organisationReadOnly } from '#app/modules/policy/acting'
import { readOnlyStatusOf, type Actor } from '#app/modules/policy/policy'
import { cleanText } from '#app/utils/form.server'
import { strictInseeInput } from '#app/modules/organisations/commune-input'
import { apiErrors } from './errors'
import { parseJsonInput } from './json-input'
import { buildOpenApiDocument } from './openapi'
import { applicationBody, decisionBody, emptyBody, lifecycleBody, needBody } from './schema'
import { apiOperations, type OperationId } from './spec'

/**
 * One function per operation of `spec.ts`: parse the body with its schema, call one service,
 * shape the answer. Authentication, reading the body and errors are the dispatcher's.
 */
export interface ApiContext {
  actor: Actor | null
  params: Record<string, string>
  query: URLSearchParams
  /** The parsed JSON body (cleaned), or undefined when there is none. */
  body: unknown
  requestId?: string
  /** The API's public base URL, e.g. https://sillon.example/api/v1. */
  baseUrl: string
}

export interface ApiResult {
  status?: number
  body: unknown
  headers?: Record<string, string>
}

function actorOf(context: ApiContext) {
  if (!context.actor) throw apiErrors.tokenMissing()
  return context.actor
}

async function needResponse(actor: Actor, needId: string) {
  const view = await getNeedForActor(actor, needId)
  return {
    need: {
      ...view.need,
      access: view.visibility,
      details: view.details,
      revision: view.revision,
      match: view.match,
      ownApplication: view.application,
      applicationCount: view.applicationCount,
      deadlinePassed: view.deadlinePassed,
      actions: view.actions,
    },
  }
}

async function applicationResponse(actor: Actor, applicationId: string) {
  const { application, view, consortium, messages, stages, attachments, match, actions } = await getApplicationForActor(actor, applicationId)
  return { application: { ...application, view, consortium, messages, stages, attachments, match, actions } }
}

/** `?submit=true|false`; anything else is a field error. */
function submitQuery(query: URLSearchParams) {
  const value = query.get('submit')
  if (value === null || value === '') return false
  if (value === 'true' || value === 'false') return value === 'true'
  throw apiErrors.validationFailed({ submit: ['api.validation.expectedBoolean'] })
}

/** A stored need as the JSON body that would recreate it: the base of a PATCH. */
function storedNeedInput(need: Record<string, unknown> & { sharedWith: Array<{ hubId: string }> }) {
  const input: Record<string, unknown> = {}
  for (const field of needBody.fields) {
    if (field === 'submit') continue
    const value = field === 'sharedHubIds' ? need.sharedWith.map((share) => share.hubId) : need[field]
    // Calendar dates are stored at midnight UTC (and as ISO strings in a revision).
    if (value instanceof Date) input[field] = value.toISOString().slice(0, 10)
    else if ((field === 'deadline' || field === 'expectedStart') && typeof value === 'string') input[field] = value.slice(0, 10)
    else input[field] = value
  }
  return input
}

const operationHandlers: Record<OperationId, (context: ApiContext) => Promise<ApiResult>> = {
  async listNeeds(context) {
    const actor = actorOf(context)
    const { filters, errors } = parseNeedFilters(context.query)
    if (Object.keys(errors).length > 0) throw apiErrors.validationFailed(errors)
    return { body: await listNeedsForActor(actor, filters) }
  },

  async createNeed(context) {
    const actor = actorOf(context)
    const fromQuery = submitQuery(context.query)
    const { value, extra } = parseJsonInput(needBody, context.body)
    const submit = fromQuery || extra.submit === true
    const { id } = await saveNeed(actor, null, { ...value, communeInsee: strictInseeInput(value.communeInsee) }, { submit, requestId: context.requestId })
    return { status: 201, body: await needResponse(actor, id), headers: { Location: `${context.baseUrl}/needs/${id}` } }
  },

  async getNeed(context) {
    return { body: await needResponse(actorOf(context), context.params.needId!) }
  },

  async updateNeed(context) {
    const actor = actorOf(context)
    const needId = context.params.needId!
    // 404 for another organisation's need, 409 when its status allows no edit.
    const current = await getNeedForEditing(actor, needId)
    const { value, extra, given } = parseJsonInput(needBody, context.body, { base: storedNeedInput(current) })
    const submit = extra.submit === true
    if (given.length === 0 && !submit) return { body: await needResponse(actor, needId) }
    await saveNeed(actor, needId, { ...value, communeInsee: strictInseeInput(value.communeInsee) }, { submit, requestId: context.requestId })
    return { body: await needResponse(actor, needId) }
  },

  async submitNeed(context) {
    const actor = actorOf(context)
    parseJsonInput(emptyBody, context.body)
    await submitNeed(actor, context.params.needId!, context.requestId)
    return { body: await needResponse(actor, context.params.needId!) }
  },

  async changeNeedLifecycle(context) {
    const actor = actorOf(context)
    const { value } = parseJsonInput(lifecycleBody, context.body)
    await changeNeedLifecycle(actor, context.params.needId!, value.action, context.requestId, { declineOpen: value.declineOpen })
    return { body: await needResponse(actor, context.params.needId!) }
  },

  async listNeedApplications(context) {
    return { body: await listApplicationsForNeed(actorOf(context), context.params.needId!) }
  },

  async applyToNeed(context) {
    const actor = actorOf(context)
    const { value } = parseJsonInput(applicationBody, context.body)
    const { id } = await applyToNeed(actor, context.params.needId!, value, context.requestId)
    return { status: 201, body: await applicationResponse(actor, id), headers: { Location: `${context.baseUrl}/applications/${id}` } }
  },

  async getApplication(context) {
    return { body: await applicationResponse(actorOf(context), context.params.applicationId!) }
  },

  async decideOnApplication(context) {
    const actor = actorOf(context)
    const { value } = parseJsonInput(decisionBody, context.body)
    await actOnApplication(actor, context.params.applicationId!, value, context.requestId)
    return { body: await applicationResponse(actor, context.params.applicationId!) }
  },

  async getOpenApiDocument(context) {
    return {
      body: buildOpenApiDocument({ serverUrl: context.baseUrl }),
      headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
    }
  },
}

/**
 * A token acts for one organisation (its only membership). While that organisation is not
 * verified (pending, rejected, suspended) the token reads what the organisation may read, and
 * every write answers 403 `organisation_not_verified` before the operation runs
 * (decision 0012). Derived from the spec's methods: a new write operation is guarded too.
 */
function guardWrites(table: typeof operationHandlers): typeof operationHandlers {
  const writes = new Set(apiOperations.filter((operation) => operation.method !== 'GET').map((operation) => operation.operationId))
  return Object.fromEntries(
    Object.entries(table).map(([operationId, handler]) => [
      operationId,
      async (context: ApiContext) => {
        if (writes.has(operationId as OperationId) && context.actor) {
          for (const membership of context.actor.memberships) {
            const status = readOnlyStatusOf(context.actor, membership.organisationId)
            if (status) throw organisationReadOnly(status)
          }
        }
        return handler(context)
      },
    ]),
  ) as typeof operationHandlers
}

export const handlers = guardWrites(operationHandlers)

/** Query parameters cleaned like form fields (PostgreSQL refuses NUL in text). */
export function cleanQuery(params: URLSearchParams) {
  const clean = new URLSearchParams()
  for (const [name, value] of params) clean.append(cleanText(name), cleanText(value))
  return clean
}
