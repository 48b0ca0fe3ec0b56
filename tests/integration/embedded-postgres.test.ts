import { fork } from 'node:child_process'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

test("a failing embedded PostgreSQL reports PostgreSQL's own reason, not 'undefined'", async () => {
  // A data directory PostgreSQL refuses: it names a version but holds no cluster.
  const dir = await mkdtemp(path.join(tmpdir(), 'sillon-pg-broken-'))
  dirs.push(dir)
  await chmod(dir, 0o777)
  await writeFile(path.join(dir, 'PG_VERSION'), '18\n')
  const child = fork(path.join(root, 'scripts/embedded-postgres.ts'), [dir, '54999', 'secret'], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  })
  const messages: Array<{ type: string; text?: string }> = []
  child.on('message', (message: { type: string; text?: string }) => messages.push(message))
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)))
  const failure = messages.find((message) => message.type === 'failed')
  expect(code).toBe(1)
  // PostgreSQL's own FATAL line; or, in a checkout the system user "postgres" cannot enter (a 0700
  // temporary folder, as root), why its binaries could not be started.
  expect(failure?.text).toMatch(/FATAL|could not|No such file|cannot reach/i)
  expect(failure?.text).not.toMatch(/^undefined$/)
})
