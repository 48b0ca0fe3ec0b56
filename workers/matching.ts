import type { Logger } from 'pino'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { findStaleFirms, findUnscoredNeeds, refreshAllMatches, scoreFirm, scoreNeed } from '#app/modules/matching/service.server'
import { createProcessor } from './run-job'

/** The `matching` queue: keeps match scores fresh. */
export function matchingProcessor(logger: Logger) {
  return createProcessor(
    {
      'matching.score-need': async ({ needId }) => scoreNeed(needId),
      'matching.score-firm': async ({ firmId }) => scoreFirm(firmId),
      'matching.refresh': async ({ startedById }, job) =>
        refreshAllMatches({
          startedById,
          report: (progress) => job.updateProgress({ done: progress.done, total: progress.total, percent: Math.floor((100 * progress.done) / Math.max(1, progress.total)) }),
        }),
      'matching.nightly': async () => enqueueJob('matching.refresh', {}).then((job) => ({ refreshJobId: job.id })),
      'matching.sweep': async () => {
        const needIds = await findUnscoredNeeds()
        for (const needId of needIds) await enqueueJob('matching.score-need', { needId })
        const firmIds = await findStaleFirms()
        for (const firmId of firmIds) await enqueueJob('matching.score-firm', { firmId }, { delay: 0 })
        return { needs: needIds.length, firms: firmIds.length }
      },
    },
    logger,
  )
}
