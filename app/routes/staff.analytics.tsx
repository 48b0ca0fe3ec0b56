import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { DataTable, HorizontalBarChart, MonthBarChart, MonthLineChart } from '#app/components/charts'
import { CsvLinks, RangeForm } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { filterFieldClass } from '#app/components/ui/filter'
import { formatDate, formatEur, formatMonth, formatNumber, formatPercent } from '#app/i18n/format'
import { BREAKDOWN_LIMIT, DIMENSIONS, OTHER_PARTNERS, FUNNEL_STEPS, PLATFORM, funnelSteps, isEmptyFunnel, parseDimension, type Dimension, type FunnelCounts } from '#app/modules/analytics/funnel'
import { getAnalytics, type AnalyticsView, type BreakdownRow } from '#app/modules/analytics/funnel.server'
import { parseRange } from '#app/modules/analytics/range'
import { isStaff } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import type { CsvColumn } from '#app/modules/shared/csv'

type NeedKind = 'PILOT' | 'PROCUREMENT' | 'CO_DEVELOPMENT' | 'PROOF_OF_CONCEPT'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/** A breakdown row's name as the page and the CSV show it (kinds and months translated). */
function rowLabel(row: BreakdownRow, dimension: Dimension, t: TFunction, locale: string): string {
  if (dimension === 'kind') return t(`needKind.${row.key as NeedKind}`)
  if (dimension === 'month') return formatMonth(row.key, locale)
  if (dimension === 'cohort' && row.key === '') return t('analytics.breakdown.noCohort')
  if (dimension === 'partner' && row.key === OTHER_PARTNERS) return t('analytics.breakdown.otherPartners')
  return row.label
}

function breakdownColumns(t: TFunction, dimension: Dimension): Array<CsvColumn<BreakdownRow>> {
  const rate = (row: FunnelCounts, index: number) => funnelSteps(row)[index].rate
  return [
    { header: t(`analytics.dimensionOptions.${dimension}`), value: (row) => row.label },
    ...FUNNEL_STEPS.flatMap((step, index): Array<CsvColumn<BreakdownRow>> => [
      { header: t(`analytics.steps.${step}`), value: (row) => row[step] },
      ...(index === 0
        ? []
        : [{ header: `${t(`analytics.steps.${step}`)} / ${t(`analytics.steps.${FUNNEL_STEPS[index - 1]}`)}`, value: (row: BreakdownRow) => {
            const value = rate(row, index)
            return value === null ? null : Math.round(value * 10_000) / 10_000
          } }]),
    ]),
  ]
}

/**
 * Staff: the funnel of the needs published in the period, its breakdown, the time to a first
 * application and the contract value by month, for one of their hubs or the platform view.
 * `?format=csv` exports the breakdown table.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const csv = csvRequest(url)
    if (!isStaff(actor)) throw AppError.forbidden()
    // `?format=csv` reaches this loader as a data request (server/csv-exports.ts): the file goes out as it is.
    const range = parseRange(url.searchParams)
    const dimension = parseDimension(url.searchParams.get('by'))
    const [view, t, locale] = await Promise.all([
      getAnalytics(actor, { hubParam: url.searchParams.get('hub'), range, dimension }),
      getRequestT(request),
      getRequestLocale(request),
    ])
    const breakdown = view.breakdown.map((row) => ({ ...row, label: rowLabel(row, dimension, t, locale) }))
    if (csv) {
      return csvResponse({
        request,
        actor,
        table: t('analytics.csv.table', { dimension: t(`analytics.dimensionOptions.${dimension}`) }),
        columns: breakdownColumns(t, dimension),
        rows: breakdown,
        separator: csv.separator,
        hubId: view.scope.hubId,
        requestId: context.requestId,
      })
    }
    return pageData({ title: t('analytics.title'), locale, range: { from: range.from, to: range.to, corrected: range.corrected }, view: { ...view, breakdown } })
  })
}

/** The page's data (the loader answers it, or the CSV). */
function pageData(data: { title: string; locale: string; range: { from: string; to: string; corrected: boolean }; view: AnalyticsView }) {
  return json(data)
}

function DimensionLinks({ current }: { current: Dimension }) {
  const { t } = useTranslation()
  const location = useLocation()
  const [searchParams] = useSearchParams()
  const href = (dimension: Dimension) => {
    const params = new URLSearchParams(searchParams)
    params.set('by', dimension)
    return `${location.pathname}?${params}`
  }
  return (
    <nav aria-label={t('analytics.filters.dimension')} className="mb-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium text-stone-800">{t('analytics.filters.dimensionLead')}</span>
      {DIMENSIONS.map((dimension) => (
        <Link
          key={dimension}
          to={href(dimension)}
          aria-current={dimension === current ? 'page' : undefined}
          className={dimension === current ? 'rounded-full bg-brand-700 px-3 py-1 font-semibold text-white' : 'rounded-full px-3 py-1 text-brand-700 underline ring-1 ring-stone-300'}
        >
          {t(`analytics.dimensionOptions.${dimension}`)}
        </Link>
      ))}
    </nav>
  )
}

export default function StaffAnalyticsPage() {
  const { range, view, locale } = useLoaderData<typeof pageData>()
  const { t } = useTranslation()
  const number = (value: number) => formatNumber(value, locale)
  const percent = (value: number | null) => (value === null ? '—' : formatPercent(value, locale))
  const days = (value: number | null) => (value === null ? t('analytics.firstApplication.none') : t('analytics.firstApplication.days', { count: value, value: formatNumber(value, locale, 1) }))
  const steps = funnelSteps(view.total)
  const isEmpty = isEmptyFunnel(view.total) && view.contractValue.every((row) => row.contracts === 0)
  const dimensionName = t(`analytics.dimensions.${view.dimension}`)

  const scopeText =
    view.scope.kind === 'platform'
      ? view.scope.hubs.length > 0
        ? t('analytics.scope.platform', { hubs: view.scope.hubs.map((hub) => hub.name).join(', ') })
        : t('analytics.scope.platformNone')
      : t('analytics.scope.hub', { hub: view.scope.hubs[0]?.name ?? '' })

  return (
    <div className="space-y-6">
      <PageHeader title={t('analytics.title')} description={t('analytics.intro')} />
      <RangeForm range={range}>
        <div>
          <label htmlFor="analytics-hub" className="block text-sm font-medium text-stone-800">
            {t('analytics.filters.scope')}
          </label>
          <select id="analytics-hub" name="hub" defaultValue={view.scope.kind === 'platform' ? PLATFORM : (view.scope.hubId ?? '')} className={filterFieldClass}>
            {view.choices.hubs.map((hub) => (
              <option key={hub.id} value={hub.id}>
                {hub.name}
              </option>
            ))}
            {view.choices.platform ? <option value={PLATFORM}>{t('analytics.filters.platform')}</option> : null}
          </select>
        </div>
      </RangeForm>
      <p className="rounded-md bg-stone-100 px-4 py-2 text-sm text-stone-800" data-testid="analytics-scope">
        {scopeText} {t('analytics.computedAt', { time: formatDate(view.computedAt, locale, { withTime: true }) })}
      </p>

      {isEmpty ? (
        <EmptyState title={t('analytics.empty.title')}>{t('analytics.empty.body')}</EmptyState>
      ) : (
        <>
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">{t('analytics.funnel.heading')}</h2>
            <HorizontalBarChart
              id="funnel-chart"
              title={t('analytics.funnel.title')}
              description={t('analytics.funnel.description', {
                summary: steps
                  .map((s) =>
                    s.rate === null
                      ? t('analytics.funnel.stepSummary', { step: t(`analytics.steps.${s.step}`), value: number(s.count ?? 0) })
                      : t('analytics.funnel.stepSummaryRate', { step: t(`analytics.steps.${s.step}`), value: number(s.count ?? 0), rate: percent(s.rate) }),
                  )
                  .join(t('analytics.separator')),
              })}
              data={steps.map((s) => ({
                label: t(`analytics.steps.${s.step}`),
                value: s.count ?? 0,
                valueLabel: s.rate === null ? number(s.count ?? 0) : t('analytics.funnel.barLabel', { value: number(s.count ?? 0), rate: percent(s.rate) }),
              }))}
            />
            <DataTable
              caption={t('analytics.funnel.caption')}
              columns={[{ header: t('analytics.funnel.step') }, { header: t('analytics.funnel.count'), numeric: true }, { header: t('analytics.funnel.rate'), numeric: true }]}
              rows={steps.map((s) => ({ key: s.step, cells: [t(`analytics.steps.${s.step}`), number(s.count ?? 0), percent(s.rate)] }))}
            />
            <p className="text-sm text-stone-700">{t('analytics.funnel.note')}</p>
          </Card>

          <Card className="space-y-3">
            <h2 className="text-lg font-semibold">{t('analytics.breakdown.heading', { dimension: dimensionName })}</h2>
            <DimensionLinks current={view.dimension} />
            {view.dimension === 'cohort' ? <p className="text-sm text-stone-700">{t('analytics.breakdown.cohortNote')}</p> : null}
            {view.dimension === 'hub' ? <p className="text-sm text-stone-700">{t('analytics.breakdown.hubNote')}</p> : null}
            {view.breakdown.length === 0 ? (
              <p className="text-sm text-stone-700">{t('analytics.breakdown.empty')}</p>
            ) : (
              <DataTable
                caption={t('analytics.breakdown.caption', { dimension: dimensionName })}
                columns={[{ header: t(`analytics.dimensionOptions.${view.dimension}`) }, ...FUNNEL_STEPS.map((step) => ({ header: t(`analytics.steps.${step}`), numeric: true }))]}
                rows={view.breakdown.map((row) => ({
                  key: row.key || 'none',
                  cells: [
                    row.label,
                    ...funnelSteps(row).map((s) =>
                      s.count === null ? (
                        '—'
                      ) : (
                        <>
                          {number(s.count)}
                          {s.rate !== null ? <span className="block text-xs text-stone-600">{percent(s.rate)}</span> : null}
                        </>
                      ),
                    ),
                  ],
                }))}
              />
            )}
            <CsvLinks />
            <p className="text-xs text-stone-600">
              {t('analytics.csv.note', { dimension: dimensionName, limit: number(BREAKDOWN_LIMIT) })}
            </p>
          </Card>

          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">{t('analytics.firstApplication.heading')}</h2>
            <MonthLineChart
              id="first-application-chart"
              title={t('analytics.firstApplication.title')}
              description={t('analytics.firstApplication.description', {
                summary: view.firstApplication
                  .map((row) =>
                    t('analytics.firstApplication.monthSummary', { month: formatMonth(row.month, locale), median: days(row.medianDays), p90: days(row.p90Days) }),
                  )
                  .join(t('analytics.separator')),
              })}
              labels={view.firstApplication.map((row) => formatMonth(row.month, locale, 'short'))}
              series={[
                { name: t('analytics.firstApplication.median'), values: view.firstApplication.map((row) => row.medianDays) },
                { name: t('analytics.firstApplication.p90'), values: view.firstApplication.map((row) => row.p90Days), dashed: true },
              ]}
              formatTick={(value) => formatNumber(value, locale)}
            />
            <DataTable
              caption={t('analytics.firstApplication.caption')}
              columns={[
                { header: t('analytics.firstApplication.month') },
                { header: t('analytics.firstApplication.needs'), numeric: true },
                { header: t('analytics.firstApplication.median'), numeric: true },
                { header: t('analytics.firstApplication.p90'), numeric: true },
              ]}
              rows={view.firstApplication.map((row) => ({
                key: row.month,
                cells: [formatMonth(row.month, locale), number(row.needs), days(row.medianDays), days(row.p90Days)],
              }))}
            />
          </Card>

          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">{t('analytics.contractValue.heading')}</h2>
            <MonthBarChart
              id="contract-value-chart"
              title={t('analytics.contractValue.title')}
              description={t('analytics.contractValue.description', {
                summary: view.contractValue.map((row) => t('analytics.contractValue.monthSummary', { month: formatMonth(row.month, locale), value: formatEur(row.valueEur, locale) })).join(t('analytics.separator')),
              })}
              data={view.contractValue.map((row) => ({ label: formatMonth(row.month, locale, 'short'), value: row.valueEur }))}
              formatTick={(value) => formatEur(value, locale)}
            />
            <DataTable
              caption={t('analytics.contractValue.caption')}
              columns={[
                { header: t('analytics.contractValue.month') },
                { header: t('analytics.contractValue.contracts'), numeric: true },
                { header: t('analytics.contractValue.value'), numeric: true },
              ]}
              rows={view.contractValue.map((row) => ({ key: row.month, cells: [formatMonth(row.month, locale), number(row.contracts), formatEur(row.valueEur, locale)] }))}
            />
          </Card>
        </>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
