import type { Logger } from 'pino'
import { scoreNeed } from '#app/modules/matching/service.server'
import { createProcessor } from './run-job'

/** The `matching` queue: keeps match scores fresh. */
export function matchingProcessor(logger: Logger) {
  return createProcessor(
    {
      'matching.score-need': async ({ needId }) => scoreNeed(needId),
    },
    logger,
  )
}
