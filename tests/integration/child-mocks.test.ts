import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHILD_MOCKS, productNodeArgs } from '#tests/helpers/server'
import { createStripeFake, TEST_STRIPE_ENV } from '#tests/mocks/stripe'

/**
 * The tests' third-party doubles inside the product's own processes (what browser journeys pass
 * to `startProduct` as `{ preload: [CHILD_MOCKS] }`): a process started with the product's command
 * line and the preload has its Stripe calls answered by the Stripe double, whose state it shares
 * with the test through STRIPE_FAKE_STATE; its local traffic passes, any other host fails.
 */
const FIXTURE = 'tests/fixtures/child-third-parties.ts'

function runChild(args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, productNodeArgs(FIXTURE, [CHILD_MOCKS]).concat(args), {
    env: { ...process.env, ...TEST_STRIPE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise<{ code: number | null; answer: Record<string, unknown> | null; stderr: string }>((resolve) =>
    child.once('close', (code) => {
      const last = stdout.trim().split('\n').at(-1)
      resolve({ code, answer: code === 0 && last ? (JSON.parse(last) as Record<string, unknown>) : null, stderr })
    }),
  )
}

describe('the product’s processes with the tests’ doubles preloaded', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sillon-stripe-'))
  const stateFile = path.join(dir, 'stripe.json')
  const stripe = createStripeFake(stateFile)
  const local = createServer((_request, response) => response.end('ici Sillon'))
  let localUrl = ''

  beforeAll(async () => {
    stripe.reset()
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve))
    const address = local.address()
    localUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
  })

  afterAll(async () => {
    await new Promise((resolve) => local.close(resolve))
    rmSync(dir, { recursive: true, force: true })
  })

  test('a child’s Stripe call is answered by the double, and the test and the child see one Stripe', async () => {
    const created = await runChild(['create-customer', 'Alpiva Énergie'], { STRIPE_FAKE_STATE: stateFile })
    expect(created.code, created.stderr).toBe(0)
    const id = String(created.answer?.id)
    expect(id).toMatch(/^cus_test_/)
    // The object the child made is in the test's Stripe…
    expect(stripe.get(id)).toMatchObject({ object: 'customer', name: 'Alpiva Énergie', metadata: { from: 'child' } })

    // …and what happens on Stripe's side in the test is what the next child reads.
    stripe.update(id, { email: 'facturation@alpiva.example' })
    const retrieved = await runChild(['retrieve-customer', id], { STRIPE_FAKE_STATE: stateFile })
    expect(retrieved.answer).toMatchObject({ id, email: 'facturation@alpiva.example' })
  })

  test('local traffic passes; another host without a handler fails', async () => {
    expect((await runChild(['fetch', localUrl], { STRIPE_FAKE_STATE: stateFile })).answer).toEqual({ status: 200, text: 'ici Sillon' })
    const outside = await runChild(['fetch', 'https://example.com/'], { STRIPE_FAKE_STATE: stateFile })
    expect(outside.answer).toHaveProperty('failed')
    expect(outside.stderr).toContain('intercepted a request without a matching request handler')
  })

  test('without STRIPE_FAKE_STATE the preload refuses to start, naming it', async () => {
    const child = await runChild(['create-customer', 'Alpiva Énergie'], { STRIPE_FAKE_STATE: undefined })
    expect(child.code).not.toBe(0)
    expect(child.stderr).toContain('needs STRIPE_FAKE_STATE')
  })
})
