import { describe, expect, test } from 'vitest'
import { parseJsonInput } from './json-input'
import { buildOpenApiDocument } from './openapi'
import { apiOperations, apiPaths } from './spec'

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument({ serverUrl: 'https://sillon.example/api/v1' })

  test('one path per entry of the table, one operation per row, unique operation ids', () => {
    expect(Object.keys(document.paths).sort()).toEqual([...apiPaths].sort())
    const ids = apiOperations.map((operation) => operation.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const operation of apiOperations) {
      expect(document.paths[operation.path]?.[operation.method.toLowerCase()]).toMatchObject({ operationId: operation.operationId })
    }
  })

  test('every reference resolves', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)]
    expect(refs.length).toBeGreaterThan(20)
    for (const [, section, name] of refs) {
      expect((document.components as Record<string, Record<string, unknown>>)[section!]?.[name!], `${section}/${name}`).toBeDefined()
    }
  })

  test('the request examples are valid bodies', () => {
    for (const operation of apiOperations) {
      for (const [name, example] of Object.entries(operation.body?.examples ?? {})) {
        const base = operation.body?.partial ? { kind: 'PILOT', title: 'Un besoin existant' } : undefined
        expect(() => parseJsonInput(operation.body!.input, example.value, { base }), `${operation.operationId} ${name}`).not.toThrow()
      }
    }
  })

  test('is JSON all the way (no functions, no undefined)', () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document)
  })
})
