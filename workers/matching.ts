import type { Logger } from 'pino'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { findUnscoredNeeds, scoreNeed } from '#app/modules/matching/service.server'
import { createProcessor } from './run-job'

/** The `matching` queue: keeps match scores fresh. */
export function matchingProcessor(logger: Logger) {
  return createProcessor(
    {
      'matching.score-need': async ({ needId }) => scoreNeed(needId),
      'matching.sweep': async () => {
        const needIds = await findUnscoredNeeds()
        for (const needId of needIds) await enqueueJob('matching.score-need', { needId })
        return { requeued: needIds.length }
      },
    },
    logger,
  )
}
