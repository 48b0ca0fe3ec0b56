import type { TFunction } from 'i18next'
import { toLocale } from '#app/i18n/config'
import { getT } from '#app/i18n/translate'
import { authenticateApiToken } from '#app/modules/organisations/api-tokens.server'
import { AppError, isAppError } from '#app/modules/shared/app-error'
import { getEnv } from '#app/utils/env.server'
import { getLogger } from '#app/utils/logger.server'
import { rateLimit } from '#app/utils/rate-limit.server'
import { apiErrors, bearerChallenge, errorBody } from './errors'
import { handlers, cleanQuery, type ApiContext } from './handlers.server'
import { readJsonBody } from './json-body.server'
import { operationsFor, type ApiOperation, type ApiPath } from './spec'

/**
 * The API's one dispatcher: each route file `app/routes/api.v1.*.ts` hands its request here with
 * its path. It finds the operation (405 otherwise), authenticates the bearer token (401), checks
 * the path's ids (404), counts the call against the token's 600 a minute (429 with Retry-After), reads the JSON body (413, 415, 400), runs the operation's handler, shapes
 * the answer with the operation's response schema, and turns every error into the JSON error
 * shape with its status — an unexpected one into a logged 500, never an HTML page.
 */
export interface ApiRouteArgs {
  request: Request
  params: Record<string, string | undefined>
  context: { requestId?: string }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/

function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  })
}

/** Without a token, messages follow Accept-Language among the supported languages, French by default. */
function requestLocale(request: Request) {
  const accepted = (request.headers.get('accept-language') ?? '').split(',').map((part) => part.split(';')[0]!.trim().slice(0, 2).toLowerCase())
  return toLocale(accepted.find((tag) => tag === 'fr' || tag === 'en'))
}

function errorResponse(t: TFunction, error: AppError, headers: Record<string, string> = {}) {
  const extra = { ...headers }
  if (error.status === 401) extra['WWW-Authenticate'] = bearerChallenge(error.code)
  if (error.status === 429 && typeof error.params.retryAfterSeconds === 'number') extra['Retry-After'] = String(error.params.retryAfterSeconds)
  return jsonResponse(errorBody(t, error), error.status, extra)
}

async function authenticate(request: Request) {
  const header = request.headers.get('authorization')
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null
  if (!match) throw apiErrors.tokenMissing()
  const authenticated = await authenticateApiToken(match[1]!)
  if (!authenticated) throw apiErrors.tokenInvalid()
  return authenticated
}

function pathParams(operation: ApiOperation, params: ApiRouteArgs['params']) {
  const values: Record<string, string> = {}
  for (const placeholder of operation.path.match(/\{(\w+)\}/g) ?? []) {
    const name = placeholder.slice(1, -1)
    const value = params[name]
    if (!value || !ID.test(value)) throw AppError.notFound()
    values[name] = value
  }
  return values
}

export function apiBaseUrl() {
  return `${getEnv().APP_URL.replace(/\/+$/, '')}/api/v1`
}

async function run(operation: ApiOperation, args: ApiRouteArgs, t: { current: TFunction }) {
  const { request } = args
  const authenticated = operation.audience === 'public' ? null : await authenticate(request)
  const actor = authenticated?.actor ?? null
  if (actor) t.current = getT(actor.locale)
  if (authenticated) await rateLimit('api', authenticated.tokenId, 'edge.apiRateLimited')
  const context: ApiContext = {
    actor,
    params: pathParams(operation, args.params),
    query: cleanQuery(new URL(request.url).searchParams),
    body: operation.body ? await readJsonBody(request) : undefined,
    requestId: args.context.requestId,
    baseUrl: apiBaseUrl(),
  }
  const result = await handlers[operation.operationId](context)
  // Only what the response schema lists leaves the server (dates as ISO strings).
  const body = operation.response.schema ? operation.response.schema.parse(JSON.parse(JSON.stringify(result.body))) : result.body
  return jsonResponse(body, result.status ?? operation.response.status, result.headers)
}

/** Serves one path of the API (every method). */
export async function serveApi(path: ApiPath, args: ApiRouteArgs): Promise<Response> {
  const t = { current: getT(requestLocale(args.request)) }
  const operations = operationsFor(path)
  const method = args.request.method.toUpperCase()
  const allowed = [...new Set(operations.map((operation) => operation.method)), 'HEAD', 'OPTIONS'].join(', ')
  if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { Allow: allowed } })
  const operation = operations.find((candidate) => candidate.method === (method === 'HEAD' ? 'GET' : method))
  if (!operation) {
    return jsonResponse(
      errorBody(t.current, { code: 'method_not_allowed', messageKey: 'api.errors.methodNotAllowed', params: { method: args.request.method.slice(0, 20), allowed } }),
      405,
      { Allow: allowed },
    )
  }
  try {
    return await run(operation, args, t)
  } catch (error) {
    if (isAppError(error)) return errorResponse(t.current, error)
    getLogger().error({ err: error, requestId: args.context.requestId, operationId: operation.operationId }, 'api request failed')
    return jsonResponse(
      errorBody(t.current, { code: 'internal_error', messageKey: 'api.errors.internal', params: { requestId: args.context.requestId ?? '-' } }),
      500,
    )
  }
}

/** Any other address under /api/v1: a JSON 404. */
export function apiNotFound(args: ApiRouteArgs) {
  return errorResponse(getT(requestLocale(args.request)), apiErrors.notFound())
}
