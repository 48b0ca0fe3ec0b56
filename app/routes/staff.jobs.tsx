import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Alert, Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate, formatNumber } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { isJobId, JOB_STATES } from '#app/modules/jobs/dashboard'
import { getJobsDashboard, retryAllFailedJobs, retryFailedJob, type QueueView } from '#app/modules/jobs/dashboard.server'
import { isAppError } from '#app/modules/shared/app-error'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { readFormData } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

/** Hub administrators: the platform's background jobs, per queue (both queue backends). */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const [dashboard, t, locale] = await Promise.all([getJobsDashboard(actor), getRequestT(request), getRequestLocale(request)])
    const csv = csvRequest(new URL(request.url))
    if (csv) {
      // The failed jobs the page lists, queue by queue (an unreachable queue lists none).
      const rows = dashboard.queues.flatMap((queue) => (queue.reachable ? queue.failed.map((job) => ({ queue: queue.name, ...job })) : []))
      const date = (value: number | null) => (value ? new Date(value) : null)
      // The file, not the page: typed `never` so that the page's data keeps its type.
      const file = await csvResponse<(typeof rows)[number]>({
        request,
        actor,
        table: 'failed-jobs',
        separator: csv.separator,
        requestId: context.requestId,
        rows,
        columns: [
          { header: t('console.csvColumns.jobs.queue'), value: (row) => row.queue },
          { header: t('console.csvColumns.jobs.name'), value: (row) => row.name },
          { header: t('console.csvColumns.jobs.id'), value: (row) => row.id },
          { header: t('console.csvColumns.jobs.error'), value: (row) => row.failedReason },
          { header: t('console.csvColumns.jobs.attempts'), value: (row) => row.attemptsMade },
          { header: t('console.csvColumns.jobs.createdAt'), value: (row) => date(row.createdAt) },
          { header: t('console.csvColumns.jobs.processedAt'), value: (row) => date(row.processedAt) },
          { header: t('console.csvColumns.jobs.failedAt'), value: (row) => date(row.failedAt) },
        ],
      })
      return file as TypedResponse<never>
    }
    return json({ title: t('queues.jobs.title'), locale, timeZone: actor.timeZone, ...dashboard }, { headers: { 'Cache-Control': 'private, no-store' } })
  })
}

const jobActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('retry'), queue: z.string().min(1).max(40), jobId: z.string().refine(isJobId) }),
  z.object({ intent: z.literal('retryAll'), queue: z.string().min(1).max(40) }),
])

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    const t = await getRequestT(request)
    const single = ['intent', 'queue', 'jobId'].every((name) => formData.getAll(name).length <= 1)
    const parsed = jobActionSchema.safeParse(Object.fromEntries(formData))
    if (!single || !parsed.success) {
      return json({ code: 'invalid_input', message: translateKey(t, 'validation.invalidChoice') }, { status: 400 })
    }
    try {
      if (parsed.data.intent === 'retry') {
        const { name } = await retryFailedJob(actor, parsed.data, context.requestId)
        return redirectWithToast('/staff/jobs', { messageKey: 'queues.jobs.retried', values: { name } })
      }
      const { count } = await retryAllFailedJobs(actor, parsed.data, context.requestId)
      return redirectWithToast('/staff/jobs', { messageKey: 'queues.jobs.retriedAll', values: { count } })
    } catch (error) {
      // A job retried meanwhile (or by a worker): said on the page rather than on an error page.
      if (isAppError(error) && error.status === 409) {
        return json({ code: error.code, message: translateKey(t, error.messageKey, error.params) }, { status: 409 })
      }
      throw error
    }
  })
}

function when(value: number | null, locale: string, timeZone: string) {
  return value ? formatDate(new Date(value), locale, { withTime: true, timeZone }) : '—'
}

function QueueSection({ queue }: { queue: QueueView }) {
  const { locale, timeZone } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const pending = (intent: string, id: string) => navigation.formData?.get('intent') === intent && (navigation.formData?.get('jobId') ?? navigation.formData?.get('queue')) === id
  const headingId = `queue-${queue.name}`
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-queue={queue.name}>
      <h2 id={headingId} className="text-xl font-semibold">
        {t(`queues.jobs.queueNames.${queue.name}`)} <span className="font-mono text-sm font-normal text-stone-600">{queue.name}</span>
      </h2>
      {!queue.reachable ? (
        <Alert tone="danger" title={t('queues.jobs.unreachable')}>
          {queue.error}
        </Alert>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
            {JOB_STATES.map((state) => (
              <Card key={state} className="p-3">
                <dt className="text-sm text-stone-700">{t(`queues.jobs.states.${state}`)}</dt>
                <dd className={state === 'failed' && queue.counts.failed > 0 ? 'text-2xl font-bold text-red-800' : 'text-2xl font-bold text-stone-900'} data-count={state}>
                  {formatNumber(queue.counts[state], locale)}
                </dd>
              </Card>
            ))}
          </dl>

          <div className="flex flex-wrap items-end justify-between gap-2">
            <h3 className="text-lg font-semibold">{t('queues.jobs.failedTitle')}</h3>
            {queue.counts.failed > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="retryAll" />
                <input type="hidden" name="queue" value={queue.name} />
                <Button type="submit" size="sm" variant="secondary" pending={pending('retryAll', queue.name)}>
                  {t('queues.jobs.retryAll', { count: queue.counts.failed })}
                </Button>
              </Form>
            ) : null}
          </div>
          {queue.failed.length === 0 ? (
            <EmptyState title={t('queues.jobs.noFailed')} />
          ) : (
            <Card className="overflow-x-auto p-0">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t('queues.jobs.failedCaption', { queue: queue.name })}</caption>
                <thead className="bg-stone-50 text-stone-700">
                  <tr>
                    <th scope="col" className="px-3 py-2">{t('queues.jobs.columns.job')}</th>
                    <th scope="col" className="px-3 py-2">{t('queues.jobs.columns.data')}</th>
                    <th scope="col" className="px-3 py-2">{t('queues.jobs.columns.error')}</th>
                    <th scope="col" className="px-3 py-2">{t('queues.jobs.columns.attempts')}</th>
                    <th scope="col" className="px-3 py-2">{t('queues.jobs.columns.dates')}</th>
                    <th scope="col" className="px-3 py-2">
                      <span className="sr-only">{t('queues.jobs.columns.action')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-200">
                  {queue.failed.map((job) => (
                    <tr key={job.id} data-failed-job={job.id}>
                      <td className="px-3 py-2">
                        <p className="font-mono font-medium">{job.name}</p>
                        <p className="font-mono text-xs text-stone-600">{job.id}</p>
                      </td>
                      <td className="px-3 py-2 font-mono text-xs">
                        {job.data.length === 0
                          ? '—'
                          : job.data.map((field) => (
                              <p key={field.name}>
                                {field.kind === 'id' ? `${field.name} = ${field.value}` : field.kind === 'ids' ? `${field.name} : ${t('queues.jobs.idCount', { count: field.count })}` : `${field.name} : ${t('queues.jobs.hiddenField')}`}
                              </p>
                            ))}
                      </td>
                      <td className="max-w-md break-words px-3 py-2 text-red-900">{job.failedReason}</td>
                      <td className="px-3 py-2 tabular-nums">{formatNumber(job.attemptsMade, locale)}</td>
                      <td className="whitespace-nowrap px-3 py-2 text-xs">
                        <p>{t('queues.jobs.createdAt', { date: when(job.createdAt, locale, timeZone) })}</p>
                        <p>{t('queues.jobs.processedAt', { date: when(job.processedAt, locale, timeZone) })}</p>
                        <p>{t('queues.jobs.failedAt', { date: when(job.failedAt, locale, timeZone) })}</p>
                      </td>
                      <td className="px-3 py-2">
                        <Form method="post">
                          <input type="hidden" name="intent" value="retry" />
                          <input type="hidden" name="queue" value={queue.name} />
                          <input type="hidden" name="jobId" value={job.id} />
                          <Button type="submit" size="sm" variant="secondary" pending={pending('retry', job.id)}>
                            {t('queues.jobs.retry')}
                            <span className="sr-only"> : {job.name} {job.id}</span>
                          </Button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          )}
          {queue.counts.failed > queue.failed.length ? <p className="text-sm text-stone-700">{t('queues.jobs.failedMore', { count: queue.failed.length })}</p> : null}

          <h3 className="text-lg font-semibold">{t('queues.jobs.schedulersTitle')}</h3>
          {queue.schedulers.length === 0 ? (
            <EmptyState title={t('queues.jobs.noSchedulers')} />
          ) : (
            <Card className="overflow-x-auto p-0">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t('queues.jobs.schedulersCaption', { queue: queue.name })}</caption>
                <thead className="bg-stone-50 text-stone-700">
                  <tr>
                    <th scope="col" className="px-3 py-2">{t('queues.jobs.columns.scheduler')}</th>
                    <th scope="col" className="px-3 py-2">{t('queues.jobs.columns.rhythm')}</th>
                    <th scope="col" className="px-3 py-2">{t('queues.jobs.columns.next')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-200">
                  {queue.schedulers.map((scheduler) => (
                    <tr key={scheduler.id} data-scheduler={scheduler.id}>
                      <td className="px-3 py-2 font-mono">{scheduler.id}</td>
                      <td className="px-3 py-2">
                        {scheduler.pattern ? (
                          <>
                            <code>{scheduler.pattern}</code>
                            {scheduler.tz ? <Badge className="ml-2">{scheduler.tz}</Badge> : null}
                          </>
                        ) : scheduler.every ? (
                          t('queues.jobs.every', { seconds: formatNumber(scheduler.every / 1000, locale) })
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="px-3 py-2">{when(scheduler.next, locale, timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          )}
        </>
      )}
    </section>
  )
}

export default function StaffJobs() {
  const { queues, backend } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-8">
      <PageHeader title={t('queues.jobs.title')} description={t('queues.jobs.intro')} />
      <p className="text-sm text-stone-700">{t('queues.jobs.backend', { backend: t(`queues.jobs.backends.${backend}`) })}</p>
      <CsvLinks />
      {actionData && 'message' in actionData ? <Alert tone="warning">{actionData.message}</Alert> : null}
      {queues.map((queue) => (
        <QueueSection key={queue.name} queue={queue} />
      ))}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
