import { readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Where tests/helpers/server.ts lists the product processes it started during a run. */
export function productPidDir(runId: string) {
  return path.join(tmpdir(), 'sillon-test-products', runId)
}

/** Kills the product processes a test file left running (its process was killed before it could). */
export function killLeftoverProducts(runId: string) {
  const dir = productPidDir(runId)
  let pids: string[] = []
  try {
    pids = readdirSync(dir)
  } catch {
    return
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL')
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true })
}
