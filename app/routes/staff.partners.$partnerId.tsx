import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks, RangeForm } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ScorecardFigures, ScorecardLegend, useScorecardFormat } from '#app/components/scorecard'
import { NeedStatusBadge } from '#app/components/status-badges'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate } from '#app/i18n/format'
import { parseRange, type DateRange } from '#app/modules/analytics/range'
import { getPartnerScorecard, type NeedScore } from '#app/modules/analytics/scorecard.server'
import type { CsvColumn } from '#app/modules/shared/csv'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/**
 * One partner's scorecard for its home hub's staff: the figures with their definitions, and its
 * needs of the period with their applications and first responses (CSV at `?format=csv`).
 * Non-staff: 403; staff of another hub: 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const range = parseRange(url.searchParams)
    const [result, t, locale] = await Promise.all([
      getPartnerScorecard(actor, requireParam(params, 'partnerId'), range),
      getRequestT(request),
      getRequestLocale(request),
    ])
    const csv = csvRequest(url)
    // `?format=csv` reaches this loader as a data request (server/csv-exports.ts): the file goes out as it is.
    if (csv) {
      const columns: Array<CsvColumn<NeedScore>> = [
        { header: t('scorecards.columns.need'), value: (need) => need.title },
        { header: t('scorecards.columns.needStatus'), value: (need) => need.status },
        { header: t('scorecards.columns.publishedAt'), value: (need) => need.publishedAt },
        { header: t('scorecards.columns.applicationsReceived'), value: (need) => need.applicationsReceived },
        { header: t('scorecards.columns.responded'), value: (need) => need.responded },
        { header: t('scorecards.columns.responseMedianDays'), value: (need) => need.responseMedianDays },
        { header: t('scorecards.columns.responseP90Days'), value: (need) => need.responseP90Days },
        { header: t('scorecards.columns.charterCounted'), value: (need) => need.charterCounted },
        { header: t('scorecards.columns.charterOnTime'), value: (need) => need.charterOnTime },
        { header: t('scorecards.columns.charterShare'), value: (need) => need.charterShare },
      ]
      return csvResponse({
        request,
        actor,
        table: `partner-${result.scorecard.slug}`,
        columns,
        rows: result.needs,
        separator: csv.separator,
        hubId: result.scorecard.homeHubId,
        requestId: context.requestId,
      })
    }
    return page({ title: result.scorecard.name, locale, range, ...result })
  })
}

function page(data: { title: string; locale: string; range: DateRange } & Awaited<ReturnType<typeof getPartnerScorecard>>) {
  const { range, ...rest } = data
  return json({ ...rest, range: { from: range.from, to: range.to, corrected: range.corrected } })
}

export default function StaffPartner() {
  const { locale, range, scorecard, needs } = useLoaderData<typeof page>()
  const { t } = useTranslation()
  const f = useScorecardFormat(locale)
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/staff/partners?from=${range.from}&to=${range.to}`} className="font-medium text-brand-700 underline">
          {t('scorecards.detail.back')}
        </Link>
      </p>
      <PageHeader
        title={scorecard.name}
        description={t('scorecards.detail.intro', { name: scorecard.name, hub: scorecard.hubName, days: t('scorecards.days', { count: scorecard.charterDays, value: f.count(scorecard.charterDays) }) })}
        actions={
          <Link to={`/orgs/${scorecard.slug}`} className="text-sm font-medium text-brand-700 underline">
            {t('scorecards.detail.profile')}
          </Link>
        }
      />
      <RangeForm range={range} />
      <section aria-labelledby="partner-figures" className="space-y-3">
        <h2 id="partner-figures" className="text-lg font-semibold">
          {t('scorecards.detail.figures')}
        </h2>
        <ScorecardFigures scorecard={scorecard} locale={locale} />
      </section>
      <section aria-labelledby="partner-needs" className="space-y-3">
        <h2 id="partner-needs" className="text-lg font-semibold">
          {t('scorecards.detail.needsTitle')}
        </h2>
        {needs.length === 0 ? (
          <EmptyState title={t('scorecards.detail.needsEmpty')} />
        ) : (
          <>
            <CsvLinks />
            <Card className="overflow-x-auto p-0">
              <table className="min-w-full divide-y divide-stone-200 text-sm">
                <caption className="sr-only">{t('scorecards.detail.needsCaption')}</caption>
                <thead className="bg-stone-50 text-left text-stone-800">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-semibold">{t('scorecards.columns.need')}</th>
                    <th scope="col" className="px-3 py-2 font-semibold">{t('scorecards.columns.needStatus')}</th>
                    <th scope="col" className="px-3 py-2 font-semibold">{t('scorecards.columns.publishedAt')}</th>
                    <th scope="col" className="px-3 py-2 text-right font-semibold">{t('scorecards.short.applicationsReceived')}</th>
                    <th scope="col" className="px-3 py-2 text-right font-semibold">{t('scorecards.short.responseMedianDays')}</th>
                    <th scope="col" className="px-3 py-2 text-right font-semibold">{t('scorecards.short.responseP90Days')}</th>
                    <th scope="col" className="px-3 py-2 text-right font-semibold">{t('scorecards.short.charterShare')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {needs.map((need) => (
                    <tr key={need.id}>
                      <th scope="row" className="px-3 py-2 text-left font-medium">
                        <Link to={`/needs/${need.id}`} className="text-brand-700 underline">
                          {need.title}
                        </Link>
                      </th>
                      <td className="px-3 py-2">
                        <NeedStatusBadge status={need.status} />
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">{need.publishedAt ? formatDate(need.publishedAt, locale) : t('scorecards.none')}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{f.count(need.applicationsReceived)}</td>
                      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{f.days(need.responseMedianDays)}</td>
                      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{f.days(need.responseP90Days)}</td>
                      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                        {f.share(need.charterShare)}
                        {need.charterCounted > 0 ? <span className="block text-xs text-stone-700">{t('scorecards.ofCount', { part: f.count(need.charterOnTime), whole: f.count(need.charterCounted) })}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </>
        )}
      </section>
      <Card>
        <ScorecardLegend id="partner-legend" from={formatDate(`${range.from}T12:00:00Z`, locale)} to={formatDate(`${range.to}T12:00:00Z`, locale)} />
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
