import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ScoreBadge } from '#app/components/match-score'
import { ApplicationStatusBadge } from '#app/components/status-badges'
import { Button } from '#app/components/ui/button'
import { Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { ErrorList, FormErrors } from '#app/components/ui/field'
import { formatDate, formatEur } from '#app/i18n/format'
import { applicationStatuses } from '#app/modules/applications/application-state'
import { bulkDeclineSchema, declineReasons } from '#app/modules/applications/schema'
import { bulkDecline, listApplicationsForNeed } from '#app/modules/applications/service.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, invalidFormResult, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

const BOARD_COLUMNS = ['SUBMITTED', 'SCREENING', 'SHORTLISTED', 'INFO_REQUESTED', 'ACCEPTED', 'DECLINED'] as const

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const result = await listApplicationsForNeed(actor, requireParam(params, 'needId'))
    const [t, locale] = await Promise.all([getRequestT(request), getRequestLocale(request)])
    return json({ title: t('applications.forNeedTitle', { title: result.need.title }), locale, now: new Date().toISOString(), ...result })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const needId = requireParam(params, 'needId')
    const formData = await readFormData(request)
    if (singleValue(formData, 'intent') !== 'bulkDecline') return json({ result: invalidFormResult() }, { status: 400 })
    const submission = parseWithZod(formData, { schema: bulkDeclineSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      const { declined } = await bulkDecline(actor, needId, submission.value, context.requestId)
      return redirectWithToast(`/needs/${needId}/applications`, { messageKey: 'pipeline.bulkDeclined', values: { count: declined } })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

function daysSince(date: string | null, now: string) {
  if (!date) return null
  return Math.floor((new Date(now).getTime() - new Date(date).getTime()) / 86_400_000)
}

export default function NeedPipelinePage() {
  const { need, applications, locale, now, charterDays, view } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams, setSearchParams] = useSearchParams()
  const { t } = useTranslation()
  const layout = searchParams.get('view') === 'table' ? 'table' : 'board'
  const statusFilter = searchParams.get('status')
  const overdueOnly = searchParams.get('overdue') === '1'
  const visible = applications.filter((application) => (!statusFilter || application.status === statusFilter) && (!overdueOnly || application.overdue))
  const overdueCount = applications.filter((application) => application.overdue).length
  const errors = actionData?.result?.error as Record<string, string[]> | undefined
  const decidable = visible.filter((application) => application.decidable)
  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(searchParams)
    if (value) next.set(name, value)
    else next.delete(name)
    setSearchParams(next, { preventScrollReset: true })
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('applications.forNeedHeading')}
        description={
          <Link to={`/needs/${need.id}`} className="text-brand-700 underline">
            {need.title}
          </Link>
        }
      />
      <p className="text-sm text-stone-700">
        {t('pipeline.charter', { days: charterDays })}
        {overdueCount > 0 ? <strong className="ml-2 text-red-800">{t('pipeline.overdueCount', { count: overdueCount })}</strong> : null}
      </p>

      <div className="flex flex-wrap items-end gap-3">
        <div role="group" aria-label={t('pipeline.layout')} className="inline-flex rounded-md ring-1 ring-stone-300">
          {(['board', 'table'] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={layout === value}
              onClick={() => setParam('view', value === 'board' ? null : value)}
              className="px-3 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md aria-pressed:bg-brand-700 aria-pressed:text-white"
            >
              {t(`pipeline.layouts.${value}`)}
            </button>
          ))}
        </div>
        <div>
          <label htmlFor="pipeline-status" className="block text-sm font-medium">
            {t('pipeline.filterStatus')}
          </label>
          <select id="pipeline-status" value={statusFilter ?? ''} onChange={(event) => setParam('status', event.currentTarget.value || null)} className="mt-1 rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-stone-300">
            <option value="">{t('search.anyStatus')}</option>
            {applicationStatuses
              .filter((status) => status !== 'DRAFT' && status !== 'WITHDRAWN')
              .map((status) => (
                <option key={status} value={status}>
                  {t(`applicationStatus.${status}` as 'applicationStatus.DRAFT')}
                </option>
              ))}
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={overdueOnly} onChange={(event) => setParam('overdue', event.currentTarget.checked ? '1' : null)} className="size-4 rounded border-stone-400" />
          {t('pipeline.overdueOnly')}
        </label>
      </div>

      {applications.length === 0 ? (
        <EmptyState title={t('applications.noneForNeed')}>{need.screeningRequired && view === 'partner' ? t('pipeline.screeningNote') : null}</EmptyState>
      ) : layout === 'board' ? (
        <div className="grid gap-4 overflow-x-auto md:grid-cols-3 xl:grid-cols-6">
          {BOARD_COLUMNS.map((status) => {
            const column = visible.filter((application) => application.status === status)
            return (
              <section key={status} aria-labelledby={`column-${status}`} className="min-w-48 rounded-lg bg-stone-100 p-3">
                <h2 id={`column-${status}`} className="mb-2 flex items-center justify-between text-sm font-semibold text-stone-800">
                  {t(`applicationStatus.${status}`)} <span className="rounded-full bg-white px-2 text-xs">{column.length}</span>
                </h2>
                <ul className="space-y-2">
                  {column.map((application) => (
                    <li key={application.id}>
                      <Link to={`/applications/${application.id}`} className="block rounded-md bg-white p-3 shadow-sm ring-1 ring-stone-200 hover:ring-brand-500">
                        <p className="font-medium">{application.firm.name}</p>
                        <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-stone-700">
                          <ScoreBadge score={application.score} className="min-w-0 px-1 py-0 text-xs" />
                          {t('pipeline.inStage', { count: daysSince(application.inStageSince, now) ?? 0 })}
                        </p>
                        {application.overdue ? <Badge tone="danger" className="mt-1">{t('pipeline.overdue')}</Badge> : null}
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            )
          })}
        </div>
      ) : (
        <Form method="post" className="space-y-4">
          <input type="hidden" name="intent" value="bulkDecline" />
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
            <table className="min-w-full divide-y divide-stone-200 text-sm">
              <caption className="sr-only">{t('applications.forNeedHeading')}</caption>
              <thead className="bg-stone-50 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">{t('pipeline.select')}</span>
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t('pipeline.firm')}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t('pipeline.score')}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t('outbox.status')}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t('pipeline.submitted')}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t('pipeline.inStageHeader')}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t('applications.price')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {visible.map((application) => (
                  <tr key={application.id} className={application.overdue ? 'bg-red-50' : undefined}>
                    <td className="px-3 py-2">
                      {application.decidable ? (
                        <input type="checkbox" name="applicationIds" value={application.id} aria-label={t('pipeline.selectFirm', { firm: application.firm.name })} className="size-4 rounded border-stone-400" />
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <Link to={`/applications/${application.id}`} className="font-medium text-brand-700 underline">
                        {application.firm.name}
                      </Link>
                      {application.consortium.length > 0 ? <span className="block text-xs text-stone-600">{t('pipeline.withConsortium', { firms: application.consortium.join(', ') })}</span> : null}
                    </td>
                    <td className="px-3 py-2">
                      <ScoreBadge score={application.score} />
                    </td>
                    <td className="px-3 py-2">
                      <ApplicationStatusBadge status={application.status} /> {application.overdue ? <Badge tone="danger">{t('pipeline.overdue')}</Badge> : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{formatDate(application.submittedAt, locale)}</td>
                    <td className="px-3 py-2">{t('pipeline.inStage', { count: daysSince(application.inStageSince, now) ?? 0 })}</td>
                    <td className="px-3 py-2">{application.priceEur !== null ? formatEur(application.priceEur, locale) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {decidable.length > 0 && view === 'partner' ? (
            <Card className="space-y-3">
              <h2 className="font-semibold">{t('pipeline.bulkTitle')}</h2>
              <FormErrors errors={[...(errors?.[''] ?? []), ...(errors?.applicationIds ?? [])]} />
              <div className="grid gap-3 sm:grid-cols-2">
                <div>
                  <label htmlFor="bulk-reason" className="block text-sm font-medium">
                    {t('decision.reason')}
                  </label>
                  <select id="bulk-reason" name="reason" required className="mt-1 block w-full rounded-md border-0 py-2 pl-2 pr-8 text-sm ring-1 ring-inset ring-stone-300">
                    <option value="">{t('needForm.choose')}</option>
                    {declineReasons.map((reason) => (
                      <option key={reason} value={reason}>
                        {t(`declineReason.${reason}`)}
                      </option>
                    ))}
                  </select>
                  <ErrorList errors={errors?.reason} />
                </div>
                <div>
                  <label htmlFor="bulk-comment" className="block text-sm font-medium">
                    {t('decision.comment')}
                  </label>
                  <textarea id="bulk-comment" name="comment" rows={2} required minLength={10} maxLength={2000} className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300" />
                  <ErrorList errors={errors?.comment} />
                </div>
              </div>
              <Button type="submit" variant="danger" pending={navigation.state === 'submitting'}>
                {t('pipeline.bulkDecline')}
              </Button>
            </Card>
          ) : null}
        </Form>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
