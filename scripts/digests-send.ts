/**
 * `npm run digests:send -- [--at ISO-instant] [--user EMAIL]`: runs a digest pass by hand, as the
 * hourly scheduler would at that instant (default now), through the same code and the same queue:
 * it enqueues the pass's batch jobs on the `digests` queue, works on that queue itself with an
 * in-process worker (the same processor as `workers/digests.ts`; a running `npm start` worker takes
 * its share, the per-(user, period) claim makes that harmless), waits until every batch job is done
 * and every e-mail they stored is SENT, in the OUTBOX (no SMTP) or FAILED, and prints a JSON last line
 * `{"due":N,"sent":N,"empty":N,"alreadySent":N}`.
 *
 * `--user EMAIL` forces that person's digest for the current period whatever their hour (still once
 * per period, and never when their digest is NEVER, i.e. unsubscribed, or their address unverified).
 * Exit codes: 0 done; 1 a batch failed or e-mails still waiting after the time-out; 2 bad arguments
 * or unknown user.
 */
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { batchJobId, findUserByEmail, forcedDue, runDigestTick, type PassCounts } from '#app/modules/digests/service.server'
import { passHour } from '#app/modules/digests/period'
import { closeQueues, createWorker, enqueueJob, getQueue } from '#app/modules/jobs/queue.server'
import { disconnectPrisma, prisma } from '#app/utils/db.server'
import { getLogger, setLogService } from '#app/utils/logger.server'
import { digestsProcessor } from '#workers/digests'

const WAIT_MS = 15 * 60_000

function fail(message: string, code = 2): never {
  process.stderr.write(`digests:send: ${message}\n`)
  process.exit(code)
}

let args: { at?: string; user?: string }
try {
  args = parseArgs({ options: { at: { type: 'string' }, user: { type: 'string' } }, strict: true, allowPositionals: false }).values
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\nusage: npm run digests:send -- [--at ISO-instant] [--user EMAIL]`)
}
const at = args.at === undefined ? new Date() : new Date(args.at)
if (args.at !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(args.at) || Number.isNaN(at.getTime()))) {
  fail(`--at must be an ISO instant such as 2026-12-07T07:00:00Z (got ${JSON.stringify(args.at)})`)
}

setLogService('digests-send')
const logger = getLogger()
const runId = randomUUID().slice(0, 8)
const startedAt = new Date()

async function main(): Promise<number> {
  const jobs: Array<{ id: string; userIds: string[] }> = []
  let forcedNothing = false
  if (args.user !== undefined) {
    const user = await findUserByEmail(args.user)
    if (!user) fail(`unknown user ${JSON.stringify(args.user)}`)
    const due = await forcedDue(user.id, at)
    if (!due) {
      process.stderr.write(`digests:send: ${user.email} gets no digest (digest frequency NEVER, i.e. unsubscribed, or address not verified)\n`)
      forcedNothing = true
    } else {
      const id = `${batchJobId(at, user.id, `-user-${runId}`)}`
      await enqueueJob('digests.batch', { at: passHour(at).toISOString(), userIds: [user.id], force: true }, { jobId: id })
      jobs.push({ id, userIds: [user.id] })
    }
  } else {
    const tick = await runDigestTick(at, { jobIdSuffix: `-cli-${runId}` })
    for (const job of tick.jobs) jobs.push({ id: job.id, userIds: job.userIds })
  }

  const totals: PassCounts = { due: 0, sent: 0, empty: 0, alreadySent: 0 }
  if (jobs.length > 0 && !forcedNothing) {
    // A short blocking wait, so that closing it at the end does not wait long for the queue.
    const worker = createWorker('digests', digestsProcessor(logger), { drainDelay: 1 })
    worker.on('error', (error) => logger.error({ err: error }, 'worker error'))
    try {
      const results = await Promise.all(jobs.map((job) => waitForJob(job.id)))
      for (const result of results) {
        if (!result) return failLater(failure ?? 'a batch job did not finish in time')
        totals.due += result.due
        totals.sent += result.sent
        totals.empty += result.empty
        totals.alreadySent += result.alreadySent
      }
    } finally {
      await worker.close()
    }
    const left = await waitForEmails(jobs.flatMap((job) => job.userIds))
    if (left > 0) return failLater(`${left} e-mail(s) still waiting for SMTP after ${WAIT_MS / 60_000} min; the e-mail sweep keeps trying`)
  }
  process.stdout.write(`${JSON.stringify(totals)}\n`)
  return 0
}

let failure: string | null = null
function failLater(message: string) {
  failure = message
  return 1
}

/** A batch job's counts once completed; null when it failed for good (no attempt left). */
async function waitForJob(id: string): Promise<PassCounts | null> {
  const failed = (reason: string) => {
    failure = `batch job ${id} failed: ${reason}`
    return null
  }
  const queue = getQueue('digests')
  const deadline = Date.now() + WAIT_MS
  while (Date.now() < deadline) {
    const job = await queue.getJob(id)
    if (job) {
      const state = await job.getState()
      if (state === 'completed') return job.returnvalue as PassCounts
      if (state === 'failed' && job.attemptsMade >= (job.opts.attempts ?? 1)) return failed(job.failedReason)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return null
}

/** Waits until the digest e-mails of this run are SENT, in the OUTBOX or FAILED; returns how many still wait. */
async function waitForEmails(userIds: string[]) {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const [row] = await prisma.$queryRaw<Array<{ waiting: number }>>`
      SELECT count(*)::int AS waiting FROM "DigestDelivery" d JOIN "EmailMessage" e ON e.id = d."emailMessageId"
      WHERE d."userId" = ANY(${userIds}) AND d."createdAt" >= ${new Date(startedAt.getTime() - 60_000)}
        AND e.status NOT IN ('SENT', 'OUTBOX', 'FAILED')`
    const waiting = row?.waiting ?? 0
    if (waiting === 0 || Date.now() > deadline) return waiting
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

let code = 1
try {
  code = await main()
} catch (error) {
  failure = error instanceof Error ? error.message : String(error)
}
await closeQueues()
await disconnectPrisma()
if (failure) process.stderr.write(`digests:send: ${failure}\n`)
process.exit(failure ? 1 : code)
