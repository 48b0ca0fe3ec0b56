import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed } from '#tests/factories'
import { startSmtpServer } from '#tests/helpers/smtp'

/**
 * `npm run digests:send` as a person runs it: its own process, the same database, queue and SMTP
 * server as the rest (no worker running: it works on the queue itself), a JSON last line.
 */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>

beforeAll(async () => {
  smtp = await startSmtpServer()
})

afterAll(async () => {
  await smtp.close()
})

function run(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/digests-send.ts', ...args], {
      env: { ...process.env, SMTP_URL: smtp.url, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

const lastLine = (output: string) => JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, number>

describe('npm run digests:send', () => {
  test('a pass at an instant, then one user forced again, then bad input', { timeout: 120_000 }, async () => {
    const hub = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    const firm = await createMember(hub.id, 'FIRM')
    await createMember(hub.id, 'FIRM')
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { status: 'PUBLISHED', publishedAt: new Date() })
    await prisma.match.create({ data: { needId: need.id, firmId: firm.organisation.id, score: 90, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION } })
    const unsubscribed = await createMember(hub.id, 'FIRM')
    await prisma.notificationPreference.update({ where: { userId: unsubscribed.user.id }, data: { digestFrequency: 'NEVER' } })

    // 08:00 in Paris: the partner, the firm with a match and the other firm are due; one e-mail.
    const first = await run(['--at', '2026-12-16T07:00:00Z'])
    expect(first.code, first.stderr + first.stdout).toBe(0)
    expect(lastLine(first.stdout)).toEqual({ due: 3, sent: 1, empty: 2, alreadySent: 0 })
    // It waited for the e-mail: already at the SMTP server when the command ends.
    expect(smtp.messages.filter((mail) => JSON.stringify(mail.to).includes(firm.user.email))).toHaveLength(1)

    // Forced for the current period: once per period still.
    const forced = await run(['--user', firm.user.email.toUpperCase(), '--at', '2026-12-16T15:00:00Z'])
    expect(forced.code, forced.stderr).toBe(0)
    expect(lastLine(forced.stdout)).toEqual({ due: 1, sent: 0, empty: 0, alreadySent: 1 })
    // Never to someone unsubscribed.
    const never = await run(['--user', unsubscribed.user.email])
    expect(never.code).toBe(0)
    expect(lastLine(never.stdout)).toEqual({ due: 0, sent: 0, empty: 0, alreadySent: 0 })
    expect(never.stderr).toContain('gets no digest')

    const unknown = await run(['--user', 'nobody@test.example'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown user "nobody@test.example"')
    const badInstant = await run(['--at', 'tomorrow'])
    expect(badInstant.code).toBe(2)
    expect(badInstant.stderr).toContain('--at must be an ISO instant')
    const badOption = await run(['--when', 'now'])
    expect(badOption.code).toBe(2)
    expect(badOption.stderr).toContain('usage: npm run digests:send')
    expect(smtp.messages).toHaveLength(1)
  })
})
