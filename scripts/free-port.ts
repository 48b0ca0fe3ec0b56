import { createServer } from 'node:net'

/** The port bound on 127.0.0.1 when `port` is free (with 0: the one the system picked), else null. */
function tryPort(port: number) {
  return new Promise<number | null>((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(null))
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      const bound = typeof address === 'object' && address ? address.port : null
      server.close(() => resolve(bound))
    })
  })
}

/** `preferred` when nothing listens on it, otherwise a free port the system gives (never 0). */
export async function freePort(preferred = 0): Promise<{ port: number; preferredTaken: boolean }> {
  if (preferred !== 0) {
    const port = await tryPort(preferred)
    if (port !== null) return { port, preferredTaken: false }
  }
  const other = await tryPort(0)
  if (!other) throw new Error(`port ${preferred} is taken and the system gave no other free port`)
  return { port: other, preferredTaken: preferred !== 0 }
}
