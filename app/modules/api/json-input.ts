import { z } from 'zod'
import { nafListSchema, tagsSchema } from '#app/modules/organisations/schema'
import { apiErrors } from './errors'

/**
 * The JSON side of the domain's form schemas. Forms post text, so `needFormSchema` and its
 * siblings read numbers and lists as strings; JSON clients send integers, booleans and arrays.
 * Rather than a second copy of the rules, a JSON body is brought to the form's shape (integers
 * → their decimal text, arrays of strings → a comma-separated list) and validated by the very
 * same schema. Which fields are integers or lists is derived from the schema itself.
 *
 * Decisions: unknown top-level fields are refused (a misspelt field would otherwise be dropped
 * without a word); `null` means "not given" (and, in a PATCH, "clear this field").
 */
type JsonSchema = z.core.JSONSchema.BaseSchema
type FieldKind = 'integer' | 'list' | 'boolean' | 'string' | 'choice' | 'other'

/** The comma-separated list inputs of the form schemas. */
const commaLists: ReadonlySet<unknown> = new Set([tagsSchema, nafListSchema])

export interface JsonInput<S extends z.ZodType = z.ZodType, E extends z.ZodObject = z.ZodObject> {
  schema: S
  /** API-only fields beside the schema's (e.g. `submit`), validated on their own. */
  extra: E | null
  /** Every accepted top-level field. */
  fields: readonly string[]
  kinds: ReadonlyMap<string, FieldKind>
  /** What the schema cannot say (formats, descriptions), for the OpenAPI document. */
  docs: Readonly<Record<string, JsonSchema>>
}

function shapesOf(schema: z.ZodType): Array<Record<string, z.ZodType>> {
  if (schema instanceof z.ZodObject) return [schema.shape as Record<string, z.ZodType>]
  if (schema instanceof z.ZodDiscriminatedUnion) return (schema.options as z.ZodType[]).flatMap(shapesOf)
  throw new Error('A JSON body is an object or a discriminated union of objects')
}

function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema
  return json
}

function kindOf(field: z.ZodType): FieldKind {
  if (commaLists.has(field)) return 'list'
  const input = toJson(field, 'input')
  const output = toJson(field, 'output')
  if (input.type === 'string' && output.type === 'integer') return 'integer'
  if (input.type === 'boolean' || (input.anyOf ?? []).some((option) => typeof option === 'object' && option.type === 'boolean')) return 'boolean'
  if (input.type === 'string') return input.enum || input.const !== undefined ? 'choice' : 'string'
  return 'other'
}

/** Describes a JSON body validated by a form schema (an object or a discriminated union). */
export function jsonInput<S extends z.ZodType, E extends z.ZodObject = z.ZodObject>(
  schema: S,
  options: { extra?: E; docs?: Record<string, JsonSchema> } = {},
): JsonInput<S, E> {
  const kinds = new Map<string, FieldKind>()
  for (const shape of [...shapesOf(schema), ...(options.extra ? [options.extra.shape as Record<string, z.ZodType>] : [])]) {
    for (const [name, field] of Object.entries(shape)) if (!kinds.has(name)) kinds.set(name, kindOf(field))
  }
  return { schema, extra: options.extra ?? null, fields: [...kinds.keys()], kinds, docs: options.docs ?? {} }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** JSON values in the form's shape; `null` is dropped (not given). */
function toFormShape(input: JsonInput, body: Record<string, unknown>) {
  const entries: Array<[string, unknown]> = []
  for (const [name, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue
    const kind = input.kinds.get(name)
    if (kind === 'integer' && typeof value === 'number') entries.push([name, Number.isFinite(value) ? String(value) : 'NaN'])
    else if (kind === 'list' && Array.isArray(value) && value.every((item) => typeof item === 'string')) entries.push([name, value.join(', ')])
    else entries.push([name, value])
  }
  return Object.fromEntries(entries)
}

const I18N_KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9_]+)+$/

const expectedByKind: Partial<Record<FieldKind, string>> = {
  integer: 'api.validation.expectedInteger',
  list: 'api.validation.expectedList',
  boolean: 'api.validation.expectedBoolean',
  string: 'api.validation.expectedString',
}
const expectedByType: Record<string, string> = {
  string: 'api.validation.expectedString',
  number: 'api.validation.expectedNumber',
  int: 'api.validation.expectedInteger',
  boolean: 'api.validation.expectedBoolean',
  array: 'api.validation.expectedArray',
  object: 'api.validation.expectedObject',
}

function valueAt(value: unknown, path: readonly PropertyKey[]) {
  let node = value
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node
}

/** An i18n key for an issue: the schema's own message, or what the JSON type should have been. */
function messageFor(issue: z.core.$ZodIssue, given: unknown, kind: FieldKind | undefined) {
  const wrongType = given !== undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')
  if (wrongType && issue.path.length <= 1 && kind && expectedByKind[kind]) return expectedByKind[kind]
  if (issue.code === 'invalid_type' && given !== undefined) return expectedByType[issue.expected] ?? 'api.validation.invalid'
  if (I18N_KEY.test(issue.message)) return issue.message
  if (issue.code === 'too_big') return issue.origin === 'number' ? 'validation.tooLarge' : issue.origin === 'array' ? 'validation.tooMany' : 'validation.tooLong'
  if (issue.code === 'too_small') return issue.origin === 'number' ? 'validation.tooSmall' : 'validation.tooShort'
  if (issue.code === 'invalid_value' || issue.code === 'invalid_union') return 'validation.invalidChoice'
  return 'api.validation.invalid'
}

function collect(errors: Record<string, string[]>, issues: readonly z.core.$ZodIssue[], input: JsonInput, value: unknown) {
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'body'
    const message = messageFor(issue, valueAt(value, issue.path), input.kinds.get(field))
    errors[field] = [...new Set([...(errors[field] ?? []), message])]
  }
}

/**
 * Validates a JSON body (already cleaned of control characters) with its form schema. `base`
 * holds current values that the body's fields replace (a PATCH). Throws a 400
 * `validation_failed` with every field's messages (i18n keys), or returns the schema's output.
 */
export function parseJsonInput<S extends z.ZodType, E extends z.ZodObject>(
  input: JsonInput<S, E>,
  body: unknown,
  options: { base?: Record<string, unknown> } = {},
): { value: z.output<S>; extra: z.output<E> | Record<string, never>; given: string[] } {
  const raw = body === undefined ? {} : body
  if (!isPlainObject(raw)) throw apiErrors.bodyNotObject()
  // No prototype: a field named `__proto__` is reported like any other unknown field.
  const errors: Record<string, string[]> = Object.create(null) as Record<string, string[]>
  const extraNames = new Set(input.extra ? Object.keys(input.extra.shape) : [])
  const own: Record<string, unknown> = {}
  const extra: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (!input.fields.includes(name)) errors[name] = ['api.validation.unknownField']
    else if (extraNames.has(name)) extra[name] = value
    else own[name] = value
  }
  // A PATCH: the body's fields replace the current ones; null clears one.
  const merged = toFormShape(input, { ...options.base, ...own })
  const parsed = input.schema.safeParse(merged)
  if (!parsed.success) collect(errors, parsed.error.issues, input, merged)
  const parsedExtra = input.extra ? input.extra.safeParse(toFormShape(input, extra)) : null
  if (parsedExtra && !parsedExtra.success) collect(errors, parsedExtra.error.issues, input, extra)
  if (Object.keys(errors).length > 0 || !parsed.success) throw apiErrors.validationFailed(errors)
  return { value: parsed.data, extra: parsedExtra?.success ? parsedExtra.data : {}, given: Object.keys(own) }
}

// ───────── documentation ─────────

function integerSchema(field: z.ZodType): JsonSchema {
  const { minimum, maximum } = toJson(field, 'output')
  return { type: 'integer', ...(minimum !== undefined ? { minimum } : {}), ...(maximum !== undefined ? { maximum } : {}) }
}

function documentObject(shape: Record<string, z.ZodType>, input: JsonInput, object: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  for (const [name, property] of Object.entries((object.properties ?? {}) as Record<string, JsonSchema>)) {
    const kind = input.kinds.get(name)
    const field = shape[name]!
    if (kind === 'integer') properties[name] = integerSchema(field)
    else if (kind === 'list') {
      properties[name] = {
        type: 'array',
        items: { type: 'string' },
        description: `Also accepted: one comma-separated string (at most ${String(property.maxLength)} characters in all).`,
      }
    } else if (kind === 'boolean') properties[name] = { type: 'boolean', ...(property.default !== undefined ? { default: property.default } : {}) }
    else properties[name] = property
    if (input.docs[name]) properties[name] = { ...properties[name], ...input.docs[name] }
  }
  return { ...object, properties }
}

/**
 * The JSON Schema of a JSON body, from the form schema's input side with the JSON types it
 * accepts (integers, arrays of strings, booleans). `partial`: every field optional (PATCH).
 */
export function jsonInputSchema(input: JsonInput, options: { partial?: boolean } = {}): JsonSchema {
  const shapes = shapesOf(input.schema)
  const base = toJson(input.schema, 'input')
  let schema: JsonSchema
  if (input.schema instanceof z.ZodObject) {
    schema = documentObject(shapes[0]!, input, base)
  } else {
    const options = (base.oneOf ?? base.anyOf ?? []) as JsonSchema[]
    schema = { oneOf: options.map((option, index) => documentObject(shapes[index]!, input, option)) }
  }
  if (input.extra) {
    const extra = toJson(input.extra, 'input')
    if (schema.properties) schema.properties = { ...schema.properties, ...(extra.properties as Record<string, JsonSchema>) }
  }
  if (schema.properties) {
    schema.additionalProperties = false
    if (options.partial) delete schema.required
  }
  return schema
}
