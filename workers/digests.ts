import type { Logger } from 'pino'
import { alertNeedPublished, runDigestBatch, runDigestTick, tickInstant } from '#app/modules/digests/service.server'
import { notifyGroupOfPublishedNeed } from '#app/modules/groups/service.server'
import { createProcessor } from './run-job'

/** The `digests` queue: the hourly pass (tick → batches) and the instant saved-search alerts. */
export function digestsProcessor(logger: Logger) {
  return createProcessor(
    {
      'digests.tick': async ({ at }, job) => {
        const { jobs: _jobs, ...result } = await runDigestTick(tickInstant(job, at))
        return result
      },
      'digests.batch': async ({ at, userIds, force }) => {
        const { emailIds: _ids, ...counts } = await runDigestBatch({ at: new Date(at), userIds, force })
        return counts
      },
      // A need published, or opened to all at the end of its cohort reservation: instant
      // saved-search alerts, and its working group's members (each told once).
      'digests.need-published': async ({ needId }) => ({ ...(await alertNeedPublished(needId)), group: (await notifyGroupOfPublishedNeed(needId)).told }),
    },
    logger,
  )
}
