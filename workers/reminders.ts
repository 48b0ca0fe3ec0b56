import type { Logger } from 'pino'
import { sweepReminders } from '#app/modules/reminders/service.server'
import { createProcessor } from './run-job'

/** The `reminders` queue: the hourly pass of reminders (app/modules/reminders/service.server.ts). */
export function remindersProcessor(logger: Logger) {
  return createProcessor(
    {
      'reminders.sweep': async ({ at }) => sweepReminders(at ? new Date(at) : new Date()),
    },
    logger,
  )
}
