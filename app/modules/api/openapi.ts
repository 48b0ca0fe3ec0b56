import { z } from 'zod'
import { needFilterFields } from '#app/modules/needs/schema'
import { jsonInputSchema } from './json-input'
import { applicationListSchema, applicationResponseSchema, errorResponseSchema, needListSchema, needResponseSchema } from './responses'
import { apiOperations, type ApiOperation } from './spec'

/**
 * The OpenAPI 3.1 document of the API, generated from the endpoint table (`spec.ts`), the
 * domain's zod schemas (request bodies, query filters) and the response schemas. Pure: the
 * server passes its public base URL.
 */
type JsonSchema = z.core.JSONSchema.BaseSchema

function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // Responses may gain fields: clients must not rely on a closed set.
    override: (ctx) => {
      if (io === 'output' && ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties
    },
  }) as JsonSchema
  return json
}

const filterDescriptions: Record<keyof typeof needFilterFields, string> = {
  q: 'Full-text search (French stemming, accents ignored), e.g. `maintenance prédictive`.',
  kind: 'Kinds of need; repeat the parameter for several (`kind=PILOT&kind=PROCUREMENT`).',
  naf: 'A NAF code or its prefix, e.g. `62` or `62.01Z`.',
  budgetMin: 'Needs whose maximum budget (euros) is at least this.',
  budgetMax: 'Needs whose minimum budget (euros) is at most this.',
  deadlineBefore: 'Needs whose application deadline is on or before this day (YYYY-MM-DD).',
  distanceKm: 'Firms: needs within this distance of the firm’s commune, or open to remote work.',
  hub: 'Needs of this hub (id), or shared with it.',
  group: 'Needs addressed to this working group (its slug).',
  status: 'Partners: needs in this status.',
  sort: 'Order: `score` (firms’ default), `deadline`, `relevance` (with `q`), `recent` (partners’ default).',
  page: 'Page number, from 1 (20 needs per page).',
}

const errorStatuses: Record<number, { description: string; example: { code: string; message: string; fields?: Record<string, string[]> } }> = {
  400: {
    description: 'Malformed JSON (`invalid_json`) or input that does not fit the schema (`validation_failed`, with `fields`).',
    example: { code: 'validation_failed', message: 'Certaines informations sont à corriger.', fields: { title: ['Trop court.'], budgetMaxEur: ['Type invalide : un nombre entier est attendu.'] } },
  },
  401: {
    description: 'No token (`token_missing`), or an unknown or revoked one (`token_invalid`).',
    example: { code: 'token_invalid', message: 'Ce jeton d’API est inconnu ou a été révoqué.' },
  },
  403: {
    description: 'The token’s organisation may not do this (`forbidden`), e.g. a firm posting a need.',
    example: { code: 'forbidden', message: 'Seuls les membres d’un grand compte vérifié peuvent publier des besoins.' },
  },
  404: {
    description: 'No such record for this token (`not_found`): records of other organisations answer 404 too.',
    example: { code: 'not_found', message: 'Cette page n’existe pas, ou vous n’y avez pas accès.' },
  },
  409: {
    description: 'The record’s state does not allow it (`invalid_transition`, `not_editable`, `already_applied`, `cannot_apply`, `concurrent_change`, …), with a sentence.',
    example: { code: 'invalid_transition', message: 'Action impossible : ce besoin est au statut « Brouillon ».' },
  },
  413: { description: 'The body exceeds 1 MiB (`payload_too_large`).', example: { code: 'payload_too_large', message: 'Le corps de la requête dépasse la taille maximale de 1024 Ko.' } },
  415: {
    description: 'The body is not sent as `application/json` (`unsupported_media_type`).',
    example: { code: 'unsupported_media_type', message: 'Le corps de la requête doit être envoyé en JSON (Content-Type: application/json).' },
  },
  422: {
    description: 'Well-formed input that the rules refuse (`invalid_input`, with `fields`): an incomplete need submitted, an unknown commune, a too short approach.',
    example: { code: 'invalid_input', message: 'Le besoin n’est pas complet : corrigez les champs signalés avant de le soumettre.', fields: { deadline: ['Ce champ est obligatoire.'] } },
  },
  429: {
    description: 'More than 600 calls in a minute with this token (`rate_limited`); the `Retry-After` header gives the seconds to wait.',
    example: { code: 'rate_limited', message: 'Trop d’appels avec ce jeton : 600 par minute au plus. Réessayez dans 42 s.' },
  },
  500: { description: 'An unexpected error (`internal_error`); it is logged with the request id.', example: { code: 'internal_error', message: 'Une erreur inattendue est survenue.' } },
}

const description = `The JSON API of Sillon, the Small Business Act marketplace of the French Alps: corporate partners post needs and process applications from their procurement tools; digital firms read the needs ranked by their match score and apply.

**Authentication.** Every endpoint but this document needs an API token of an organisation, created by its owners or administrators on the organisation's settings page (\`/orgs/{slug}/settings\`), sent as \`Authorization: Bearer sil_…\`. A token acts for that one organisation, with the rights of the member who created it; revoked, or once its creator has left the organisation, it answers 401. Cookies are ignored. Each token may make 600 calls a minute; the next ones answer 429 (\`rate_limited\`) with a \`Retry-After\` header until the minute is over.

**Requests.** Bodies are JSON objects (\`Content-Type: application/json\`, at most 1 MiB, nested at most 16 levels). Unknown fields are refused (400, \`validation_failed\`, the field named in \`fields\`); \`null\` means "not given". Integers are JSON numbers (numeric strings are accepted); lists of tags are arrays of strings (a comma-separated string is accepted); calendar dates are \`YYYY-MM-DD\`. NUL and other control characters are removed from every string.

**Responses.** JSON; dates are ISO 8601 date-times in UTC. Errors all have the shape \`{ "error": { "code", "message", "fields" } }\`: \`code\` is stable (\`invalid_json\`, \`validation_failed\`, \`token_missing\`, \`token_invalid\`, \`forbidden\`, \`not_found\`, \`method_not_allowed\`, \`invalid_transition\`, \`not_editable\`, \`concurrent_change\`, \`already_applied\`, \`cannot_apply\`, \`consortium_pending\`, \`no_accepted_application\`, \`undecided_applications\` (with \`undecided\`, the applications still waiting for a decision), \`applications_in_screening\` (applications the hub staff still screen: closing or awarding waits for them), \`revision_pending\`, \`payload_too_large\`, \`rate_limited\`, \`unsupported_media_type\`, \`invalid_input\`, \`internal_error\`); \`message\` and the \`fields\` messages are sentences in the language of the token's creator (French by default).`

function parameters(operation: ApiOperation) {
  const list: Array<Record<string, unknown>> = []
  for (const name of operation.path.match(/\{(\w+)\}/g) ?? []) {
    const param = name.slice(1, -1)
    list.push({ name: param, in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } })
  }
  if (operation.query === 'needFilters') {
    for (const [name, schema] of Object.entries(needFilterFields)) {
      const json = toJson(schema as z.ZodType, 'input')
      list.push({
        name,
        in: 'query',
        required: false,
        description: filterDescriptions[name as keyof typeof needFilterFields],
        schema: json,
        ...(json.type === 'array' ? { style: 'form', explode: true } : {}),
      })
    }
  }
  if (operation.query === 'submit') {
    list.push({ name: 'submit', in: 'query', required: false, description: 'Submit the need to moderation at once (same as `"submit": true` in the body).', schema: { type: 'string', enum: ['true', 'false'] } })
  }
  return list
}

function responses(operation: ApiOperation, successSchemaNames: ReadonlyMap<z.ZodType, string>) {
  const result: Record<string, unknown> = {}
  const schemaName = operation.response.schema ? successSchemaNames.get(operation.response.schema) : undefined
  result[String(operation.response.status)] = {
    description: operation.response.description,
    ...(operation.response.status === 201 ? { headers: { Location: { description: 'The address of the new record.', schema: { type: 'string' } } } } : {}),
    content: { 'application/json': { schema: schemaName ? { $ref: `#/components/schemas/${schemaName}` } : { type: 'object' } } },
  }
  const statuses = operation.audience === 'public' ? operation.errors : [...new Set([...operation.errors, 401, 429, 500])]
  for (const status of statuses.sort()) result[String(status)] = { $ref: `#/components/responses/Error${status}` }
  return result
}

export function buildOpenApiDocument(options: { serverUrl: string; version?: string }) {
  const schemas: Record<string, JsonSchema> = { Error: toJson(errorResponseSchema, 'output') }
  const successSchemaNames = new Map<z.ZodType, string>([
    [needListSchema, 'NeedList'],
    [needResponseSchema, 'NeedResponse'],
    [applicationListSchema, 'ApplicationList'],
    [applicationResponseSchema, 'ApplicationResponse'],
  ])
  for (const operation of apiOperations) {
    const schema = operation.response.schema
    if (!schema || successSchemaNames.has(schema)) continue
    const name = `${operation.operationId.charAt(0).toUpperCase()}${operation.operationId.slice(1)}Response`
    successSchemaNames.set(schema, name)
  }
  for (const [schema, name] of successSchemaNames) schemas[name] = toJson(schema, 'output')

  const paths: Record<string, Record<string, unknown>> = {}
  for (const operation of apiOperations) {
    const body = operation.body
    paths[operation.path] ??= {}
    paths[operation.path]![operation.method.toLowerCase()] = {
      operationId: operation.operationId,
      tags: [operation.tag],
      summary: operation.summary,
      description: `${operation.description}${operation.audience === 'partner' ? '\n\nFor partners’ tokens.' : operation.audience === 'firm' ? '\n\nFor firms’ tokens.' : ''}`,
      ...(operation.audience === 'public' ? { security: [] } : {}),
      parameters: parameters(operation),
      ...(body
        ? {
            requestBody: {
              required: body.required,
              content: {
                'application/json': {
                  schema: jsonInputSchema(body.input, { partial: body.partial }),
                  ...(Object.keys(body.examples).length > 0 ? { examples: body.examples } : {}),
                },
              },
            },
          }
        : {}),
      responses: responses(operation, successSchemaNames),
    }
  }

  const errorResponses: Record<string, unknown> = {}
  for (const [status, { description: text, example }] of Object.entries(errorStatuses)) {
    errorResponses[`Error${status}`] = {
      description: text,
      ...(status === '429' ? { headers: { 'Retry-After': { description: 'Seconds to wait before the next call.', schema: { type: 'integer' } } } } : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: { fields: {}, ...example } } } },
    }
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: { title: 'Sillon API', version: options.version ?? '1.0.0', description },
    servers: [{ url: options.serverUrl }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Needs', description: 'Needs posted by partners, read by firms.' },
      { name: 'Applications', description: 'Firms’ applications and partners’ decisions.' },
      { name: 'Documentation', description: 'This document.' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'sil_<8 hex>_<32 base64url>', description: 'An organisation’s API token.' },
      },
      schemas,
      responses: errorResponses,
    },
  }
}
