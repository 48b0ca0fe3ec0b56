import { json, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ApplicationStatusBadge } from '#app/components/status-badges'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { onDay } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { listLateApplications } from '#app/modules/reminders/service.server'
import { middayOf } from '#app/modules/reminders/schedule'
import { staffHubIds } from '#app/modules/policy/policy'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/** Staff: the applications of their hubs past the charter's answer delay, most late first. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const [late, t, locale] = await Promise.all([listLateApplications(actor), getRequestT(request), getRequestLocale(request)])
    const csv = csvRequest(new URL(request.url))
    if (csv) {
      type Row = (typeof late)[number]
      const hubIds = staffHubIds(actor)
      // The file, not the page: typed `never` so that the page's data keeps its type.
      const file = await csvResponse<Row>({
        request,
        actor,
        table: 'late-answers',
        separator: csv.separator,
        hubId: hubIds.length === 1 ? hubIds[0] : null,
        requestId: context.requestId,
        rows: late,
        columns: [
          { header: t('console.csvColumns.late.daysLate'), value: (row) => row.daysLate },
          { header: t('console.csvColumns.late.partner'), value: (row) => row.partner },
          { header: t('console.csvColumns.late.need'), value: (row) => row.need.title },
          { header: t('console.csvColumns.late.firm'), value: (row) => row.firm },
          { header: t('console.csvColumns.late.status'), value: (row) => translateKey(t, `applicationStatus.${row.status}`) },
          { header: t('console.csvColumns.late.submittedAt'), value: (row) => row.submittedAt },
          { header: t('console.csvColumns.late.dueOn'), value: (row) => row.dueDay },
        ],
      })
      return file as TypedResponse<never>
    }
    return json({
      title: t('reminders.late.title'),
      locale,
      timeZone: actor.timeZone,
      late: late.map((row) => ({ ...row, dueOn: onDay(middayOf(row.dueDay), locale, actor.timeZone) })),
    })
  })
}

export default function StaffLateAnswers() {
  const { late } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div>
      <PageHeader title={t('reminders.late.title')} description={t('reminders.late.intro')} />
      <CsvLinks className="mb-4 text-sm" />
      {late.length === 0 ? (
        <EmptyState title={t('reminders.late.empty')} />
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('reminders.late.caption')}</caption>
            <thead className="bg-stone-50 text-stone-700">
              <tr>
                <th scope="col" className="px-4 py-2">{t('reminders.late.columns.late')}</th>
                <th scope="col" className="px-4 py-2">{t('reminders.late.columns.partner')}</th>
                <th scope="col" className="px-4 py-2">{t('reminders.late.columns.need')}</th>
                <th scope="col" className="px-4 py-2">{t('reminders.late.columns.firm')}</th>
                <th scope="col" className="px-4 py-2">{t('reminders.late.columns.status')}</th>
                <th scope="col" className="px-4 py-2">{t('reminders.late.columns.dueOn')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {late.map((row) => (
                <tr key={row.id}>
                  <td className="px-4 py-2 font-semibold text-red-800">{t('reminders.late.daysLate', { count: row.daysLate })}</td>
                  <td className="px-4 py-2">{row.partner}</td>
                  <td className="px-4 py-2">
                    <Link to={`/needs/${row.need.id}`} className="font-medium text-brand-700 underline">
                      {row.need.title}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <Link to={`/applications/${row.id}`} className="text-brand-700 underline">
                      {row.firm}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <ApplicationStatusBadge status={row.status} />
                  </td>
                  <td className="px-4 py-2">{row.dueOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
