import type { Logger } from 'pino'
import { enqueueJob } from '#app/modules/jobs/queue.server'
import { deliverEmail, findStrandedEmails } from '#app/modules/notifications/email.server'
import { createProcessor } from './run-job'

/** The `emails` queue: delivers stored e-mails (SMTP or outbox) and re-enqueues stranded ones. */
export function emailsProcessor(logger: Logger) {
  return createProcessor(
    {
      'emails.send': async ({ emailId }) => ({ outcome: await deliverEmail(emailId) }),
      'emails.sweep': async () => {
        const stranded = await findStrandedEmails()
        // A fresh job id: the e-mail's first job may be done or failed and still remembered.
        for (const emailId of stranded) await enqueueJob('emails.send', { emailId }, { jobId: `email-${emailId}-sweep-${Date.now()}` })
        return { requeued: stranded.length }
      },
    },
    logger,
  )
}
