import { createServer, type Server } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { freePort } from './free-port.ts'

let holder: Server | null = null
afterEach(() => new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve())))

function hold(): Promise<number> {
  return new Promise((resolve) => {
    holder = createServer().listen(0, '127.0.0.1', () => {
      const address = holder!.address()
      resolve(typeof address === 'object' && address ? address.port : 0)
    })
  })
}

test('a taken port gives another free, non-zero port and says so', async () => {
  const taken = await hold()
  const result = await freePort(taken)
  expect(result.preferredTaken).toBe(true)
  expect(result.port).toBeGreaterThan(0)
  expect(result.port).not.toBe(taken)
  // The port given is really free: something can listen on it.
  await new Promise<void>((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(result.port, '127.0.0.1', () => probe.close(() => resolve()))
  })
})

test('a free preferred port is kept', async () => {
  const port = await hold()
  await new Promise<void>((resolve) => holder!.close(() => resolve()))
  holder = null
  expect(await freePort(port)).toEqual({ port, preferredTaken: false })
})
