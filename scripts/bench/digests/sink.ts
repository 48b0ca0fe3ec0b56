/**
 * The digest benchmark's SMTP sink: a real SMTP server (smtp-server) in its own process, started by
 * scripts/bench/digests.ts with an IPC channel. It does not parse bodies (mailparser would cost
 * more than the sender): it reads the Message-ID, To and List-Unsubscribe headers from the head of
 * each message's stream, drains the rest and counts. A message is a duplicate when its Message-ID
 * or its recipient was seen before.
 *
 * IPC: sends { type: 'ready', port } once listening; answers { type: 'stats' } with the counts and
 * { type: 'report' } with the counts plus every recipient address.
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

const HEAD_LIMIT = 16 * 1024

const messageIds = new Set<string>()
const recipients = new Set<string>()
let received = 0
let duplicates = 0
let withoutMessageId = 0
let withUnsubscribe = 0
let firstAt = 0
let lastAt = 0
let bytes = 0

function headerValue(head: string, name: string): string | null {
  // Unfold continuation lines, then find the header (case-insensitive, at a line start).
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ')
  const match = unfolded.match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'im'))
  return match ? match[1]!.trim() : null
}

function address(value: string | null): string | null {
  if (!value) return null
  const angle = value.match(/<([^>]+)>/)
  return (angle ? angle[1]! : value).trim().toLowerCase()
}

function record(head: string) {
  const now = Date.now()
  received++
  firstAt ||= now
  lastAt = now
  const messageId = headerValue(head, 'Message-ID')
  const to = address(headerValue(head, 'To'))
  if (headerValue(head, 'List-Unsubscribe') && headerValue(head, 'List-Unsubscribe-Post')) withUnsubscribe++
  let duplicate = false
  if (messageId) {
    if (messageIds.has(messageId)) duplicate = true
    else messageIds.add(messageId)
  } else {
    withoutMessageId++
  }
  if (to) {
    if (recipients.has(to)) duplicate = true
    else recipients.add(to)
  }
  if (duplicate) duplicates++
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 1000,
  // A local sink: no reverse DNS lookup of the client.
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    let head = ''
    let done = false
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      if (done) return
      head += chunk.toString('latin1')
      const end = head.search(/\r?\n\r?\n/)
      if (end >= 0 || head.length > HEAD_LIMIT) {
        head = end >= 0 ? head.slice(0, end) : head
        done = true
      }
    })
    stream.on('end', () => {
      record(head)
      callback()
    })
    stream.on('error', callback)
  },
})

function stats() {
  return { received, duplicates, unique: recipients.size, withoutMessageId, withUnsubscribe, firstAt, lastAt, bytes }
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') process.send!({ type: 'stats', ...stats() })
  if (message.type === 'report') process.send!({ type: 'report', ...stats(), recipients: [...recipients] })
  if (message.type === 'close') process.exit(0)
})
process.on('disconnect', () => process.exit(0))

server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', port: (server.server.address() as AddressInfo).port })
})
