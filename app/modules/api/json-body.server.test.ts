import { describe, expect, test } from 'vitest'
import { cleanJson, isJsonMediaType, MAX_DEPTH, readJsonBody } from './json-body.server'

function request(body: BodyInit | null, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  return new Request('http://localhost/api/v1/needs', { method: 'POST', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit)
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error as { status: number; code: string }
  }
  throw new Error('expected a refusal')
}

describe('reading a JSON body', () => {
  test('media types', () => {
    expect(isJsonMediaType('application/json')).toBe(true)
    expect(isJsonMediaType('Application/JSON; charset=utf-8')).toBe(true)
    expect(isJsonMediaType('application/merge-patch+json')).toBe(true)
    expect(isJsonMediaType('text/json')).toBe(false)
    expect(isJsonMediaType('application/x-www-form-urlencoded')).toBe(false)
  })

  test('parses JSON, and an empty body is no body', async () => {
    expect(await readJsonBody(request('{"a": [1, "b"]}'))).toEqual({ a: [1, 'b'] })
    expect(await readJsonBody(request(null, {}))).toBeUndefined()
    expect(await readJsonBody(request('  \n'))).toBeUndefined()
  })

  test('refuses other media types (415), bad JSON or bad UTF-8 (400), and big bodies (413)', async () => {
    expect(await refusal(readJsonBody(request('a=1', { 'Content-Type': 'application/x-www-form-urlencoded' })))).toMatchObject({ status: 415 })
    expect(await refusal(readJsonBody(request('{"a":1}', {})))).toMatchObject({ status: 415 })
    expect(await refusal(readJsonBody(request('{"a":')))).toMatchObject({ status: 400, code: 'invalid_json' })
    expect(await refusal(readJsonBody(request(new Uint8Array([0x22, 0xff, 0x22]))))).toMatchObject({ status: 400, code: 'invalid_json' })
    expect(await refusal(readJsonBody(request('"12345"'), 4))).toMatchObject({ status: 413 })
    // A stream without Content-Length is counted as it arrives.
    const chunks = Array.from({ length: 10 }, () => new TextEncoder().encode('"xxxxxxxxxx"'))
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift()
        if (chunk) controller.enqueue(chunk)
        else controller.close()
      },
    })
    expect(await refusal(readJsonBody(request(stream), 50))).toMatchObject({ status: 413 })
  })

  test('strings and keys lose NUL and control characters; __proto__ stays a plain key', async () => {
    expect(cleanJson({ 'ti\u0000tle': 'a\u0000b\u0007c\nd\te', list: ['\u001bx'], n: 1, ok: true, nothing: null })).toEqual({
      title: 'abc\nd\te',
      list: ['x'],
      n: 1,
      ok: true,
      nothing: null,
    })
    const parsed = (await readJsonBody(request('{"__proto__": {"polluted": true}}'))) as Record<string, unknown>
    expect(Object.keys(parsed)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
  })

  test('nesting is bounded', async () => {
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
    expect(await readJsonBody(request(deep(MAX_DEPTH)))).toBeDefined()
    expect(await refusal(readJsonBody(request(deep(MAX_DEPTH + 1))))).toMatchObject({ status: 400, code: 'validation_failed' })
    expect(await refusal(readJsonBody(request(deep(200_000))))).toMatchObject({ status: 400 })
  })
})
