import { json, type LoaderFunctionArgs, type TypedResponse } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate, formatList } from '#app/i18n/format'
import { parseSharedDirection, SHARED_DIRECTIONS, type SharedDirection } from '#app/modules/cooperation/schema'
import { listSharedNeeds } from '#app/modules/cooperation/shared.server'
import { staffHubIds } from '#app/modules/policy/policy'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getEnv } from '#app/utils/env.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/**
 * Staff: the needs other hubs share with theirs (to recommend firms of their own hub to the
 * partner), or, with `?direction=sent`, their hubs' needs shared with others (decision 0029).
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const direction = parseSharedDirection(url.searchParams.get('direction'))
    const [needs, t, locale] = await Promise.all([listSharedNeeds(actor, direction), getRequestT(request), getRequestLocale(request)])
    const csv = csvRequest(url)
    if (csv) {
      type Row = (typeof needs)[number]
      const hubIds = staffHubIds(actor)
      const origin = getEnv().APP_URL.replace(/\/$/, '')
      // The file, not the page: typed `never` so that the page's data keeps its type.
      const file = await csvResponse<Row>({
        request,
        actor,
        table: `shared-needs-${direction}`,
        separator: csv.separator,
        hubId: hubIds.length === 1 ? hubIds[0] : null,
        requestId: context.requestId,
        rows: needs,
        columns: [
          { header: t('cooperation.shared.csvColumns.direction'), value: () => t(`cooperation.shared.${direction}`) },
          { header: t('cooperation.shared.csvColumns.need'), value: (row) => row.title },
          { header: t('cooperation.shared.csvColumns.partner'), value: (row) => row.partnerName },
          { header: t('cooperation.shared.csvColumns.hub'), value: (row) => row.hubName },
          { header: t('cooperation.shared.csvColumns.sharedWith'), value: (row) => formatList(row.sharedWith, locale) },
          { header: t('cooperation.shared.csvColumns.deadline'), value: (row) => row.deadline },
          { header: t('cooperation.shared.csvColumns.publishedAt'), value: (row) => row.publishedAt },
          { header: t('cooperation.shared.csvColumns.recommendations'), value: (row) => row.recommendations },
          { header: t('cooperation.shared.csvColumns.ourRecommendations'), value: (row) => row.ourRecommendations },
          { header: t('cooperation.shared.csvColumns.link'), value: (row) => `${origin}/needs/${row.id}` },
        ],
      })
      return file as TypedResponse<never>
    }
    return json({ title: t('cooperation.shared.title'), locale, direction, needs })
  })
}

function DirectionFilter({ current }: { current: SharedDirection }) {
  const { t } = useTranslation()
  const location = useLocation()
  return (
    <nav aria-label={t('cooperation.shared.filterLabel')} className="mb-3 flex flex-wrap items-center gap-2 text-sm">
      {SHARED_DIRECTIONS.map((direction) => (
        <Link
          key={direction}
          to={`${location.pathname}?direction=${direction}`}
          aria-current={direction === current ? 'page' : undefined}
          className={direction === current ? 'rounded-full bg-brand-700 px-3 py-1 font-semibold text-white' : 'rounded-full px-3 py-1 text-brand-700 underline ring-1 ring-stone-300'}
        >
          {t(`cooperation.shared.${direction}`)}
        </Link>
      ))}
    </nav>
  )
}

export default function StaffSharedNeeds() {
  const { needs, direction, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const received = direction === 'received'
  return (
    <div>
      <PageHeader title={t('cooperation.shared.title')} description={t('cooperation.shared.intro')} />
      <DirectionFilter current={direction} />
      <CsvLinks className="mb-4 text-sm" />
      {needs.length === 0 ? (
        <EmptyState title={t(received ? 'cooperation.shared.emptyReceived' : 'cooperation.shared.emptySent')}>
          {t(received ? 'cooperation.shared.emptyReceivedHint' : 'cooperation.shared.emptySentHint')}
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t(received ? 'cooperation.shared.captionReceived' : 'cooperation.shared.captionSent')}</caption>
            <thead className="bg-stone-50 text-stone-700">
              <tr>
                <th scope="col" className="px-4 py-2">{t('cooperation.shared.columns.need')}</th>
                <th scope="col" className="px-4 py-2">{t('cooperation.shared.columns.partner')}</th>
                <th scope="col" className="px-4 py-2">{t(received ? 'cooperation.shared.columns.hub' : 'cooperation.shared.columns.sharedWith')}</th>
                <th scope="col" className="px-4 py-2">{t('cooperation.shared.columns.deadline')}</th>
                <th scope="col" className="px-4 py-2">{t('cooperation.shared.columns.recommendations')}</th>
                {received ? <th scope="col" className="px-4 py-2">{t('cooperation.shared.columns.actions')}</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {needs.map((need) => (
                <tr key={need.id}>
                  <th scope="row" className="px-4 py-2 font-normal">
                    <Link to={`/needs/${need.id}`} className="font-medium text-brand-700 underline">
                      {need.title}
                    </Link>
                  </th>
                  <td className="px-4 py-2">{need.partnerName}</td>
                  <td className="px-4 py-2">{received ? need.hubName : formatList(need.sharedWith, locale)}</td>
                  <td className="px-4 py-2">{need.deadline ? formatDate(need.deadline, locale) : t('cooperation.shared.noDeadline')}</td>
                  <td className="px-4 py-2">
                    {t('cooperation.shared.recommendations', { count: need.recommendations })}
                    {received && need.ourRecommendations > 0 ? (
                      <span className="block text-stone-600">{t('cooperation.shared.ourRecommendations', { count: need.ourRecommendations })}</span>
                    ) : null}
                  </td>
                  {received ? (
                    <td className="px-4 py-2">
                      <Link
                        to={`/firms?for=${encodeURIComponent(need.id)}`}
                        aria-label={t('cooperation.shared.recommendLabel', { title: need.title })}
                        className="font-semibold text-brand-700 underline"
                      >
                        {t('cooperation.shared.recommend')}
                      </Link>
                    </td>
                  ) : null}
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
