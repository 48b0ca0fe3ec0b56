import { reasonSentence } from '#app/modules/matching/engine/reasons'
import type { Reason } from '#app/modules/matching/engine/types'

/** Polls `read` until it gives a value (a worker's effect to appear), or fails naming `what`. */
export async function waitFor<T>(read: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A stored match's reasons as the French sentences the pages show. */
export function reasonsText(breakdown: unknown) {
  return ((breakdown as { reasons?: Reason[] } | null)?.reasons ?? []).map((reason) => reasonSentence(reason)).join(' ; ')
}
