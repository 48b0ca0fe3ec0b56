import { json, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Pagination } from '#app/components/pagination'
import { PitchStatusBadge } from '#app/components/pitches'
import { Button } from '#app/components/ui/button'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { FilterSelect } from '#app/components/ui/filter'
import { formatDate, onDay } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { PITCH_FILTER_STATUSES } from '#app/modules/pitches/schema'
import { listPitchesForStaff } from '#app/modules/pitches/service.server'
import { staffHubIds } from '#app/modules/policy/policy'
import { middayOf } from '#app/modules/reminders/schedule'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/** Staff: the pitches of their hubs' firms (all those under review first, the others by pages), filterable by status; CSV at `?format=csv` (every pitch of the filter). */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const status = url.searchParams.get('status')
    const csv = csvRequest(url)
    // A bad page number is the first page, never an error page; the CSV holds every pitch of the filter.
    const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10)
    const [list, t, locale] = await Promise.all([
      listPitchesForStaff(actor, { status, page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1, all: Boolean(csv) }),
      getRequestT(request),
      getRequestLocale(request),
    ])
    const { rows } = list
    if (csv) {
      type Row = (typeof rows)[number]
      const hubIds = staffHubIds(actor)
      const file = await csvResponse<Row>({
        request,
        actor,
        table: 'pitches',
        separator: csv.separator,
        hubId: hubIds.length === 1 ? hubIds[0] : null,
        requestId: context.requestId,
        rows,
        columns: [
          { header: t('pitches.staff.columns.title'), value: (row) => row.title },
          { header: t('pitches.staff.columns.firm'), value: (row) => row.firm.name },
          { header: t('pitches.staff.columns.partner'), value: (row) => row.partner.name },
          { header: t('pitches.staff.columns.hub'), value: (row) => row.hubName },
          { header: t('pitches.staff.columns.status'), value: (row) => translateKey(t, `pitches.status.${row.status}`) },
          { header: t('pitches.staff.columns.submittedAt'), value: (row) => row.submittedAt },
          { header: t('pitches.staff.columns.sentAt'), value: (row) => row.sentAt },
          { header: t('pitches.staff.columns.dueOn'), value: (row) => row.dueDay },
          { header: t('pitches.staff.columns.daysLate'), value: (row) => row.daysLate },
        ],
      })
      return file as TypedResponse<never>
    }
    return json({
      title: t('pitches.staff.title'),
      locale,
      timeZone: actor.timeZone,
      rows: rows.map((row) => ({ ...row, dueOn: row.dueDay ? onDay(middayOf(row.dueDay), locale, actor.timeZone) : null })),
      page: list.page,
      pageSize: list.pageSize,
      total: list.total,
    })
  })
}

export default function StaffPitches() {
  const { rows, locale, timeZone, page, pageSize, total } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  return (
    <div>
      <PageHeader title={t('pitches.staff.title')} description={t('pitches.staff.intro')} />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <FilterSelect
          id="pitch-status"
          name="status"
          label={t('pitches.staff.status')}
          anyLabel={t('pitches.staff.anyStatus')}
          options={PITCH_FILTER_STATUSES.map((status) => ({ value: status, label: translateKey(t, `pitches.status.${status}`) }))}
        />
        <Button type="submit" size="sm" variant="secondary">
          {t('pitches.staff.filter')}
        </Button>
      </Form>
      <CsvLinks className="mb-4 text-sm" />
      {rows.length === 0 ? (
        <EmptyState title={t('pitches.staff.empty')} />
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('pitches.staff.caption')}</caption>
            <thead className="bg-stone-50 text-stone-700">
              <tr>
                <th scope="col" className="px-4 py-2">{t('pitches.staff.columns.title')}</th>
                <th scope="col" className="px-4 py-2">{t('pitches.staff.columns.firm')}</th>
                <th scope="col" className="px-4 py-2">{t('pitches.staff.columns.partner')}</th>
                <th scope="col" className="px-4 py-2">{t('pitches.staff.columns.status')}</th>
                <th scope="col" className="px-4 py-2">{t('pitches.staff.columns.submittedAt')}</th>
                <th scope="col" className="px-4 py-2">{t('pitches.staff.columns.dueOn')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-4 py-2">
                    <Link to={`/pitches/${row.id}`} className="font-medium text-brand-700 underline">
                      {row.title}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{row.firm.name}</td>
                  <td className="px-4 py-2">{row.partner.name}</td>
                  <td className="px-4 py-2">
                    <PitchStatusBadge status={row.status} />
                  </td>
                  <td className="px-4 py-2">{formatDate(row.submittedAt, locale, { timeZone })}</td>
                  <td className={row.daysLate > 0 ? 'px-4 py-2 font-semibold text-red-800' : 'px-4 py-2'}>
                    {row.status === 'SENT' && row.dueOn ? (row.daysLate > 0 ? t('pitches.list.late', { count: row.daysLate, due: row.dueOn }) : row.dueOn) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {total > pageSize ? <p className="mt-4 text-sm text-stone-600">{t('pitches.staff.paged', { count: total })}</p> : null}
      <Pagination page={page} pageSize={pageSize} total={total} searchParams={searchParams} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
