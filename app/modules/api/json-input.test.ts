import { describe, expect, test } from 'vitest'
import { AppError } from '#app/modules/shared/app-error'
import { jsonInputSchema, parseJsonInput } from './json-input'
import { applicationBody, decisionBody, emptyBody, lifecycleBody, needBody } from './schema'

function fieldsOf(run: () => unknown) {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    const appError = error as AppError
    expect(appError).toMatchObject({ status: 400, code: 'validation_failed' })
    return appError.fields
  }
  throw new Error('expected a validation error')
}

describe('the JSON side of the form schemas', () => {
  test('field kinds are derived from the schemas themselves', () => {
    expect(Object.fromEntries(needBody.kinds)).toMatchObject({
      kind: 'choice',
      title: 'string',
      skills: 'list',
      nafCodes: 'list',
      budgetMinEur: 'integer',
      radiusKm: 'integer',
      minAgeYears: 'integer',
      remoteOk: 'boolean',
      screeningRequired: 'boolean',
      submit: 'boolean',
    })
    expect(applicationBody.kinds.get('priceEur')).toBe('integer')
    expect([...decisionBody.kinds.keys()]).toEqual(['intent', 'message', 'reason', 'comment'])
  })

  test('JSON integers, booleans and arrays reach the form schema as it expects them', () => {
    const { value, extra, given } = parseJsonInput(needBody, {
      kind: 'PILOT',
      title: '  Vision industrielle  ',
      skills: ['Vision', 'Python', 'vision'],
      nafCodes: ['62.01z', '72.19Z'],
      budgetMinEur: 1000,
      budgetMaxEur: '5000',
      remoteOk: true,
      deadline: '2030-05-01',
      summary: null,
      submit: true,
    })
    expect(value).toMatchObject({
      title: 'Vision industrielle',
      skills: ['vision', 'python'],
      nafCodes: ['62.01Z', '72.19Z'],
      budgetMinEur: 1000,
      budgetMaxEur: 5000,
      remoteOk: true,
      summary: '',
      visibility: 'PUBLIC',
    })
    expect(value.deadline).toEqual(new Date('2030-05-01T00:00:00.000Z'))
    expect(extra).toEqual({ submit: true })
    expect(given).toEqual(['kind', 'title', 'skills', 'nafCodes', 'budgetMinEur', 'budgetMaxEur', 'remoteOk', 'deadline', 'summary'])
  })

  test('wrong types, unknown fields and enums: one i18n key per field', () => {
    expect(
      fieldsOf(() =>
        parseJsonInput(needBody, { kind: 'GRANT', title: 7, budgetMinEur: 2.5, budgetMaxEur: 1e400, skills: [1], remoteOk: 'no', colour: 'red', submit: 'true' }),
      ),
    ).toEqual({
      kind: ['validation.invalidChoice'],
      title: ['api.validation.expectedString'],
      budgetMinEur: ['api.validation.expectedInteger'],
      budgetMaxEur: ['api.validation.expectedInteger'],
      skills: ['api.validation.expectedList'],
      remoteOk: ['api.validation.expectedBoolean'],
      colour: ['api.validation.unknownField'],
      submit: ['api.validation.expectedBoolean'],
    })
    expect(fieldsOf(() => parseJsonInput(needBody, {}))).toEqual({ kind: ['validation.invalidChoice'], title: ['validation.required'] })
    expect(fieldsOf(() => parseJsonInput(needBody, { kind: 'PILOT', title: 'Assez long', budgetMinEur: 10, budgetMaxEur: 5 }))).toEqual({
      budgetMaxEur: ['validation.budgetOrder'],
    })
  })

  test('a body that is not an object is refused as a whole', () => {
    for (const body of [[], 'x', 3, null, true]) {
      expect(() => parseJsonInput(lifecycleBody, body)).toThrow(expect.objectContaining({ status: 400, messageKey: 'api.errors.bodyNotObject' }))
    }
    expect(parseJsonInput(emptyBody, undefined).value).toEqual({})
    expect(fieldsOf(() => parseJsonInput(emptyBody, { now: true }))).toEqual({ now: ['api.validation.unknownField'] })
  })

  test('a field named __proto__ (as JSON.parse keeps it) is refused like any unknown field', () => {
    const body = JSON.parse('{"kind": "PILOT", "title": "Assez long", "__proto__": {}}') as unknown
    expect(() => parseJsonInput(needBody, body)).toThrow(expect.objectContaining({ status: 400 }))
    expect(Object.entries(fieldsOf(() => parseJsonInput(needBody, body)))).toEqual([['__proto__', ['api.validation.unknownField']]])
  })

  test('a merge patch: given fields replace the base, null clears an optional one, the rest stays', () => {
    const base = { kind: 'PILOT', title: 'Titre actuel', summary: 'Résumé actuel', budgetMaxEur: 1000 }
    const { value, given } = parseJsonInput(needBody, { title: 'Nouveau titre', summary: null }, { base })
    expect(value).toMatchObject({ kind: 'PILOT', title: 'Nouveau titre', summary: '', budgetMaxEur: 1000 })
    expect(given).toEqual(['title', 'summary'])
    expect(fieldsOf(() => parseJsonInput(needBody, { title: null }, { base }))).toEqual({ title: ['validation.required'] })
  })

  test('decisions: the four partner intents only, with their own rules', () => {
    expect(parseJsonInput(decisionBody, { intent: 'decline', reason: 'BUDGET', comment: 'Trop cher pour ce pilote.' }).value).toEqual({
      intent: 'decline',
      reason: 'BUDGET',
      comment: 'Trop cher pour ce pilote.',
    })
    for (const intent of ['withdraw', 'message', 'startScreening', 'confirmConsortium', 'save']) {
      expect(fieldsOf(() => parseJsonInput(decisionBody, { intent, message: 'Bonjour à vous' }))).toEqual({ intent: ['validation.invalidChoice'] })
    }
    expect(fieldsOf(() => parseJsonInput(decisionBody, { intent: 'decline', reason: 'PRICE', comment: 'court' }))).toEqual({
      reason: ['validation.invalidChoice'],
      comment: ['validation.declineCommentTooShort'],
    })
  })

  test('the documented JSON Schema has the JSON types and refuses other properties', () => {
    const schema = jsonInputSchema(needBody)
    expect(schema).toMatchObject({ type: 'object', required: ['kind', 'title'], additionalProperties: false })
    expect(schema.properties).toMatchObject({
      budgetMinEur: { type: 'integer', minimum: 0, maximum: 100_000_000 },
      skills: { type: 'array', items: { type: 'string' } },
      remoteOk: { type: 'boolean' },
      visibility: { type: 'string', enum: ['PUBLIC', 'MEMBERS', 'INVITE_ONLY'], default: 'PUBLIC' },
      deadline: { type: 'string', format: 'date' },
      submit: { type: 'boolean' },
    })
    expect(jsonInputSchema(needBody, { partial: true }).required).toBeUndefined()
    expect(jsonInputSchema(decisionBody).oneOf).toHaveLength(4)
  })
})
