import { getQueue } from '#app/modules/jobs/queue.server'

/**
 * Repeating jobs. Upserting is idempotent, so every worker process may call it at boot:
 * there is still one scheduler per name.
 */
export async function upsertSchedulers() {
  await getQueue('emails').upsertJobScheduler('emails.sweep', { every: 60_000 }, { name: 'emails.sweep', data: {} })
  await getQueue('matching').upsertJobScheduler('matching.sweep', { every: 5 * 60_000 }, { name: 'matching.sweep', data: {} })
  // Every night at 3:00, Paris time: every match recomputed from a freshly built index.
  // Every hour on the hour (UTC): the digest pass for the users whose local digest time has come.
  await getQueue('digests').upsertJobScheduler('digests.tick', { pattern: '0 0 * * * *' }, { name: 'digests.tick', data: {} })
  // Every hour: the reminders due (each sent once, whatever the number of passes).
  await getQueue('reminders').upsertJobScheduler('reminders.sweep', { pattern: '0 5 * * * *', tz: 'Europe/Paris' }, { name: 'reminders.sweep', data: {} })
  await getQueue('matching').upsertJobScheduler('matching.nightly', { pattern: '0 0 3 * * *', tz: 'Europe/Paris' }, { name: 'matching.nightly', data: {} })
}
