import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server on a free local port (or the given one, to bring a stopped server back) that
 * keeps what it receives; recipients in `refuse` are refused with a permanent 550 reply.
 */
export async function startSmtpServer(options: { port?: number; refuse?: string[] } = {}) {
  const messages: ParsedMail[] = []
  const waiters: Array<() => void> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.refuse?.includes(address.address)) return callback()
      callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }))
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail)
          for (const wake of waiters.splice(0)) wake()
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo

  /** Waits until a received message matches (the worker sends asynchronously). */
  async function waitFor(predicate: (mail: ParsedMail) => boolean, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = messages.find(predicate)
      if (found) return found
      if (Date.now() > deadline) {
        throw new Error(`no matching e-mail within ${timeoutMs} ms; received: ${messages.map((m) => m.subject).join(' | ') || 'none'}`)
      }
      await new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, 200)
      })
    }
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export function firstLink(mail: ParsedMail, pattern: RegExp) {
  const match = (mail.text ?? '').match(pattern)
  if (!match) throw new Error(`no link matching ${pattern} in:\n${mail.text}`)
  return match[0]
}
