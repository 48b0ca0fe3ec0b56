import { format } from 'node:util'
import { afterEach, beforeEach, vi } from 'vitest'

/** A console.error during a test fails it: errors must be handled or asserted, never just printed. */
let calls: string[] = []

beforeEach(() => {
  calls = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    calls.push(format(...args))
  })
})

afterEach(() => {
  vi.mocked(console.error).mockRestore()
  if (calls.length > 0) {
    const printed = calls.join('\n---\n')
    calls = []
    throw new Error(`console.error was called during the test:\n${printed}`)
  }
})
