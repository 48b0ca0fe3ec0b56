import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { CsvLinks } from '#app/components/console'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { cn } from '#app/components/ui/cn'
import { formatDate, formatEur, formatNumber, localeTag } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { latestMatchingRun, startMatchingRefresh } from '#app/modules/matching/service.server'
import type { CsvColumn } from '#app/modules/shared/csv'
import { parseStaffQueue, STAFF_QUEUES, type StaffQueue } from '#app/modules/staff/queues'
import { getMonthFigures, getStaffHomeFrame, getStaffQueues, QUEUE_LIMIT, type QueueRow } from '#app/modules/staff/queues.server'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getEnv } from '#app/utils/env.server'
import { readFormData } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const queue = parseStaffQueue(url.searchParams.get('queue'))
    const [frame, queues, figures, matching, t, locale] = await Promise.all([
      getStaffHomeFrame(actor),
      getStaffQueues(actor),
      getMonthFigures(actor),
      latestMatchingRun(actor),
      getRequestT(request),
      getRequestLocale(request),
    ])
    const rows = queues[queue]
    const csv = csvRequest(url)
    if (csv) {
      // A download: typed as `never` so that the page's data keep their type.
      return (await csvResponse({
        request,
        actor,
        table: `queue-${queue}`,
        separator: csv.separator,
        requestId: context.requestId,
        hubId: frame.hubs.length === 1 ? frame.hubs[0]!.id : null,
        rows,
        columns: [
          { header: t('queues.columns.waitingSince'), value: (row) => row.waitingSince },
          ...(queue === 'late' ? [{ header: t('queues.columns.daysLate'), value: (row: QueueRow) => row.daysLate ?? null }] : []),
          { header: t(`queues.columns.title.${queue}`), value: (row) => row.title },
          { header: t(`queues.columns.organisation.${queue}`), value: (row) => row.organisation },
          { header: t('queues.columns.hub'), value: (row) => row.hub },
          { header: t('queues.columns.detail'), value: (row) => translateKey(t, row.detail.key, row.detail.values) },
          { header: t('queues.columns.link'), value: (row) => `${getEnv().APP_URL}${row.href}` },
        ] satisfies Array<CsvColumn<QueueRow>>,
      })) as TypedResponse<never>
    }
    return json({
      title: t('staff.title'),
      locale,
      timeZone: actor.timeZone,
      isAdmin: actor.staffRoles.some((role) => role.role === 'ADMIN'),
      hubs: frame.hubs,
      outbox: frame.outbox,
      queue,
      counts: Object.fromEntries(STAFF_QUEUES.map((name) => [name, queues[name].length])) as Record<StaffQueue, number>,
      limit: QUEUE_LIMIT,
      rows,
      figures,
      matching,
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    if (formData.getAll('intent').length !== 1 || formData.get('intent') !== 'refreshMatches') {
      const t = await getRequestT(request)
      return json({ code: 'invalid_intent', message: translateKey(t, 'validation.invalidChoice') }, { status: 400 })
    }
    await startMatchingRefresh(actor)
    return redirectWithToast('/staff', { messageKey: 'matching.refresh.started' })
  })
}

/** The full recomputation of the matches: its progress while it runs (refreshed every 2 s), or how the last one ended. */
function MatchingRefresh() {
  const { matching, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const revalidator = useRevalidator()
  const navigation = useNavigation()
  const { run, algorithmVersion, canStart } = matching
  const running = run?.status === 'RUNNING'
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 2_000)
    return () => clearInterval(timer)
  }, [running, revalidator])
  const percent = run && run.total > 0 ? Math.floor((100 * run.done) / run.total) : 0
  return (
    <Card className="mt-6 space-y-3">
      <h2 className="text-lg font-semibold">{t('matching.refresh.title')}</h2>
      <p className="text-sm text-stone-700">{t('matching.refresh.schedule', { version: algorithmVersion })}</p>
      {running ? (
        <div className="space-y-1">
          <label htmlFor="matching-progress" className="block text-sm font-medium text-stone-800">
            {t('matching.refresh.running', { done: formatNumber(run.done, locale), total: formatNumber(run.total, locale) })} ({percent} %)
          </label>
          <progress id="matching-progress" value={run.done} max={Math.max(1, run.total)} aria-label={t('matching.refresh.progressLabel')} className="h-3 w-full accent-brand-700">
            {percent} %
          </progress>
        </div>
      ) : run?.status === 'COMPLETED' ? (
        <p className="text-sm text-stone-800">
          {t('matching.refresh.completed', {
            date: formatDate(run.finishedAt ?? run.startedAt, locale, { withTime: true }),
            needs: formatNumber(run.needs, locale),
            firms: formatNumber(run.firms, locale),
            matches: formatNumber(run.matchesWritten, locale),
          })}
        </p>
      ) : run?.status === 'FAILED' ? (
        <p className="text-sm font-medium text-red-800">{t('matching.refresh.failed', { date: formatDate(run.startedAt, locale, { withTime: true }) })}</p>
      ) : (
        <p className="text-sm text-stone-700">{t('matching.refresh.never')}</p>
      )}
      {canStart && !running ? (
        <Form method="post">
          <input type="hidden" name="intent" value="refreshMatches" />
          <Button type="submit" size="sm" variant="secondary" pending={navigation.formData?.get('intent') === 'refreshMatches'}>
            {t('matching.refresh.start')}
          </Button>
        </Form>
      ) : null}
    </Card>
  )
}

const QUEUE_LINKS: Record<StaffQueue, string> = {
  moderation: '/staff/moderation/needs',
  verification: '/staff/organisations?status=PENDING',
  curation: '/needs',
  screening: '/needs',
  late: '/staff/late',
}

/** The queues as tabs: links with their counts, the current one marked for assistive technologies. */
function QueueTabs() {
  const { queue, counts, locale, limit } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <nav aria-label={t('queues.tabs.label')}>
      <ul className="flex flex-wrap gap-2">
        {STAFF_QUEUES.map((name) => {
          const current = name === queue
          return (
            <li key={name}>
              <Link
                to={`/staff?queue=${name}`}
                aria-current={current ? 'page' : undefined}
                preventScrollReset
                className={cn(
                  'inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium ring-1 ring-inset focus-visible:outline-2',
                  current ? 'bg-brand-700 text-white ring-brand-700' : 'bg-white text-stone-800 ring-stone-300 hover:bg-stone-50',
                )}
              >
                {t(`queues.tabs.${name}`)}
                <span className={cn('rounded-full px-2 text-xs font-bold', current ? 'bg-white text-brand-800' : 'bg-stone-100 text-stone-800')}>
                  {counts[name] >= limit ? `${formatNumber(limit, locale)}+` : formatNumber(counts[name], locale)}
                </span>
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

/** The current queue's table, oldest first, each row with its link to act. */
function QueueTable() {
  const { queue, rows, locale, counts, limit } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section aria-labelledby="queue-title" className="mt-4 space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id="queue-title" className="text-lg font-semibold">
            {t(`queues.titles.${queue}`)}
          </h2>
          <p className="text-sm text-stone-700">{t(`queues.intros.${queue}`)}</p>
        </div>
        <Link to={QUEUE_LINKS[queue]} className="text-sm font-semibold text-brand-700 underline">
          {t(`queues.pageLinks.${queue}`)}
        </Link>
      </div>
      {rows.length === 0 ? (
        <EmptyState title={t(`queues.empty.${queue}`)} />
      ) : (
        <>
          {counts[queue] >= limit ? <p className="text-sm text-stone-700">{t('queues.capped', { count: limit })}</p> : null}
          <Card className="overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('queues.caption', { queue: t(`queues.tabs.${queue}`) })}</caption>
              <thead className="bg-stone-50 text-stone-700">
                <tr>
                  <th scope="col" className="px-4 py-2">{t('queues.columns.waitingSince')}</th>
                  {queue === 'late' ? <th scope="col" className="px-4 py-2">{t('queues.columns.daysLate')}</th> : null}
                  <th scope="col" className="px-4 py-2">{t(`queues.columns.title.${queue}`)}</th>
                  <th scope="col" className="px-4 py-2">{t(`queues.columns.organisation.${queue}`)}</th>
                  {queue === 'late' ? null : <th scope="col" className="px-4 py-2">{t('queues.columns.hub')}</th>}
                  <th scope="col" className="px-4 py-2">{t('queues.columns.detail')}</th>
                  <th scope="col" className="px-4 py-2">
                    <span className="sr-only">{t('queues.columns.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-200">
                {rows.map((row) => (
                  <tr key={row.id} data-queue-row={row.id}>
                    <td className="whitespace-nowrap px-4 py-2">{row.waitingSince ? formatDate(row.waitingSince, locale) : '—'}</td>
                    {queue === 'late' ? <td className="px-4 py-2 font-semibold text-red-800">{t('reminders.late.daysLate', { count: row.daysLate ?? 0 })}</td> : null}
                    <td className="px-4 py-2 font-medium">{row.title}</td>
                    <td className="px-4 py-2">{row.organisation}</td>
                    {queue === 'late' ? null : <td className="px-4 py-2">{row.hub}</td>}
                    <td className="px-4 py-2">{translateKey(t, row.detail.key, row.detail.values)}</td>
                    <td className="whitespace-nowrap px-4 py-2">
                      <Link to={row.href} className="font-semibold text-brand-700 underline">
                        {t(`queues.act.${queue}`)}
                        <span className="sr-only"> : {row.title}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <CsvLinks />
        </>
      )}
    </section>
  )
}

const FIGURES = ['needsPublished', 'applications', 'decided', 'withinCharterPercent', 'contracts', 'contractValueEur'] as const

/** The month's key figures of the actor's hubs, next to last month's. */
function MonthFigures() {
  const { figures, locale, timeZone } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const monthName = (start: string) => new Intl.DateTimeFormat(localeTag(locale), { month: 'long', year: 'numeric', timeZone }).format(new Date(start))
  const show = (name: (typeof FIGURES)[number], value: MonthFiguresData) =>
    name === 'contractValueEur'
      ? formatEur(value.contractValueEur, locale)
      : name === 'withinCharterPercent'
        ? value.withinCharterPercent === null
          ? '—'
          : `${formatNumber(value.withinCharterPercent, locale)} %`
        : formatNumber(value[name], locale)
  return (
    <section aria-labelledby="figures-title" className="mt-8">
      <h2 id="figures-title" className="text-lg font-semibold">
        {t('queues.figures.title')}
      </h2>
      <p className="text-sm text-stone-700">{t('queues.figures.intro')}</p>
      <Card className="mt-3 overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('queues.figures.title')}</caption>
          <thead className="bg-stone-50 text-stone-700">
            <tr>
              <th scope="col" className="px-4 py-2">{t('queues.figures.figure')}</th>
              <th scope="col" className="px-4 py-2 text-right">{monthName(figures.current.start)}</th>
              <th scope="col" className="px-4 py-2 text-right">{monthName(figures.previous.start)}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {FIGURES.map((name) => (
              <tr key={name}>
                <th scope="row" className="px-4 py-2 font-medium">
                  {t(`queues.figures.${name}`)}
                </th>
                <td className="px-4 py-2 text-right tabular-nums" data-figure={`current-${name}`}>{show(name, figures.current.figures)}</td>
                <td className="px-4 py-2 text-right tabular-nums" data-figure={`previous-${name}`}>{show(name, figures.previous.figures)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </section>
  )
}

type MonthFiguresData = ReturnType<typeof useLoaderData<typeof loader>>['figures']['current']['figures']

export default function StaffHome() {
  const { hubs, locale, isAdmin, outbox } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div>
      <PageHeader title={t('staff.title')} description={hubs.map((hub) => hub.name).join(' · ')} />
      <QueueTabs />
      <QueueTable />
      <MonthFigures />
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <li>
          <Link to="/staff/outbox" className="block rounded-lg focus-visible:outline-2">
            <Card className="hover:ring-brand-500">
              <p className="text-3xl font-bold text-brand-700">{formatNumber(outbox, locale)}</p>
              <p className="mt-1 text-stone-800">{t('staff.tiles.outbox')}</p>
            </Card>
          </Link>
        </li>
        {isAdmin ? (
          <li>
            <Link to="/staff/jobs" className="block rounded-lg focus-visible:outline-2">
              <Card className="hover:ring-brand-500">
                <p className="text-lg font-semibold text-brand-700">{t('queues.jobsTile.title')}</p>
                <p className="mt-1 text-stone-800">{t('queues.jobsTile.text')}</p>
              </Card>
            </Link>
          </li>
        ) : null}
      </ul>
      <MatchingRefresh />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
