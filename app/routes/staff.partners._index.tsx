import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsvLinks, RangeForm } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ScorecardLegend, useScorecardFormat } from '#app/components/scorecard'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { FilterSelect } from '#app/components/ui/filter'
import { formatDate } from '#app/i18n/format'
import { parseRange, type DateRange } from '#app/modules/analytics/range'
import { nextDir, parseSort, type Scorecard, type SortDir, type SortKey } from '#app/modules/analytics/scorecard'
import { listPartnerScorecards } from '#app/modules/analytics/scorecard.server'
import type { CsvColumn } from '#app/modules/shared/csv'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/** Every figure of a scorecard, raw, in the CSV (shares between 0 and 1, days with one decimal). */
const CSV_FIELDS = [
  'needsPublished',
  'applicationsReceived',
  'responded',
  'responseMedianDays',
  'responseP90Days',
  'charterCounted',
  'charterOnTime',
  'charterShare',
  'lateNow',
  'invitationsSent',
  'pilotsStarted',
  'pilotsSucceeded',
  'contractsSigned',
  'contractValueEur',
  'smallFirmValueEur',
  'smallFirmShare',
  'hubFirmValueEur',
  'hubFirmShare',
] as const satisfies ReadonlyArray<keyof Scorecard>

/** Issue 14: the pitch figures (labels in the pitches locale pair), in the CSV and the table. */
const PITCH_CSV_FIELDS = ['pitchesReceived', 'pitchesAnswered', 'pitchesCharterCounted', 'pitchesOnTime', 'pitchesShare', 'pitchesLateNow'] as const satisfies ReadonlyArray<keyof Scorecard>
const PITCH_LABELS = {
  pitchesReceived: 'pitches.scorecard.pitchesReceived',
  pitchesAnswered: 'pitches.scorecard.pitchesAnswered',
  pitchesCharterCounted: 'pitches.scorecard.csvCharterCounted',
  pitchesOnTime: 'pitches.scorecard.csvOnTime',
  pitchesShare: 'pitches.scorecard.pitchesShare',
  pitchesLateNow: 'pitches.scorecard.pitchesLateNow',
} as const
const isPitchColumn = (key: SortKey): key is 'pitchesReceived' | 'pitchesShare' | 'pitchesLateNow' => key in PITCH_LABELS

/** /staff/partners: the scorecards of every partner of the actor's hubs over a period, sortable; CSV at `?format=csv`. */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    const url = new URL(request.url)
    const range = parseRange(url.searchParams)
    const { sort, dir } = parseSort(url.searchParams)
    const [result, t, locale] = await Promise.all([
      listPartnerScorecards(actor, { period: range, hubId: url.searchParams.get('hub'), sort, dir }),
      getRequestT(request),
      getRequestLocale(request),
    ])
    const csv = csvRequest(url)
    // `?format=csv` reaches this loader as a data request (server/csv-exports.ts): the file goes out as it is.
    if (csv) {
      const columns: Array<CsvColumn<Scorecard>> = [
        { header: t('scorecards.columns.name'), value: (row) => row.name },
        { header: t('scorecards.columns.hub'), value: (row) => row.hubName },
        { header: t('scorecards.columns.charterDays'), value: (row) => row.charterDays },
        ...CSV_FIELDS.map((field): CsvColumn<Scorecard> => ({ header: t(`scorecards.columns.${field}`), value: (row) => row[field] })),
        ...PITCH_CSV_FIELDS.map((field): CsvColumn<Scorecard> => ({ header: t(PITCH_LABELS[field]), value: (row) => row[field] })),
      ]
      return csvResponse({ request, actor, table: 'partners', columns, rows: result.rows, separator: csv.separator, hubId: result.hubId ?? (result.hubs.length === 1 ? result.hubs[0].id : null), requestId: context.requestId })
    }
    return page({ title: t('scorecards.list.title'), locale, range, sort, dir, result })
  })
}

/** The page's data (the CSV answers the same rows as a file). */
function page(data: {
  title: string
  locale: string
  range: DateRange
  sort: SortKey
  dir: SortDir
  result: Awaited<ReturnType<typeof listPartnerScorecards>>
}) {
  const { range, result, ...rest } = data
  return json({ ...rest, range: { from: range.from, to: range.to, corrected: range.corrected }, hubs: result.hubs, hubId: result.hubId, rows: result.rows })
}

type Row = ReturnType<typeof useLoaderData<typeof page>>['rows'][number]

const COLUMNS: Array<{ key: SortKey; kind: 'count' | 'days' | 'share' | 'eur' }> = [
  { key: 'needsPublished', kind: 'count' },
  { key: 'applicationsReceived', kind: 'count' },
  { key: 'responseMedianDays', kind: 'days' },
  { key: 'responseP90Days', kind: 'days' },
  { key: 'charterShare', kind: 'share' },
  { key: 'lateNow', kind: 'count' },
  { key: 'invitationsSent', kind: 'count' },
  { key: 'pilotsStarted', kind: 'count' },
  { key: 'pilotsSucceeded', kind: 'count' },
  { key: 'contractsSigned', kind: 'count' },
  { key: 'contractValueEur', kind: 'eur' },
  { key: 'smallFirmShare', kind: 'share' },
  { key: 'hubFirmShare', kind: 'share' },
  { key: 'pitchesReceived', kind: 'count' },
  { key: 'pitchesShare', kind: 'share' },
  { key: 'pitchesLateNow', kind: 'count' },
]

function SortHeader({ column, label, current }: { column: SortKey; label: string; current: { sort: SortKey; dir: 'asc' | 'desc' } }) {
  const { t } = useTranslation()
  const location = useLocation()
  const [searchParams] = useSearchParams()
  const params = new URLSearchParams(searchParams)
  params.set('sort', column)
  params.set('dir', nextDir(current, column))
  const sorted = current.sort === column
  return (
    <th scope="col" className="px-3 py-2 align-bottom font-semibold" aria-sort={sorted ? (current.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Link to={`${location.pathname}?${params}`} className="text-brand-700 underline" title={t('scorecards.list.sortBy', { column: label })}>
        {label}
        {sorted ? <span aria-hidden="true">{current.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </Link>
    </th>
  )
}

export default function StaffPartners() {
  const { locale, range, sort, dir, hubs, rows } = useLoaderData<typeof page>()
  const { t } = useTranslation()
  const f = useScorecardFormat(locale)
  const current = { sort, dir }
  const cell = (row: Row, key: SortKey, kind: (typeof COLUMNS)[number]['kind']) => {
    const value = row[key] as number | null
    if (kind === 'days') return f.days(value)
    if (kind === 'share') return f.share(value)
    if (kind === 'eur') return f.eur(value ?? 0)
    return f.count(value ?? 0)
  }
  return (
    <div className="space-y-4">
      <PageHeader title={t('scorecards.list.title')} description={t('scorecards.list.intro')} />
      <RangeForm range={range}>
        {hubs.length > 1 ? (
          <FilterSelect id="partners-hub" name="hub" label={t('scorecards.list.hub')} anyLabel={t('scorecards.list.allHubs')} options={hubs.map((hub) => ({ value: hub.id, label: hub.shortName }))} />
        ) : null}
      </RangeForm>
      {rows.length === 0 ? (
        <EmptyState title={t('scorecards.list.empty')}>
          <p>{t('scorecards.list.emptyHint')}</p>
        </EmptyState>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <CsvLinks />
            <a href="#partners-legend" className="text-sm font-medium text-brand-700 underline">
              {t('scorecards.list.legendLink')}
            </a>
          </div>
          <Card className="overflow-x-auto p-0">
            <table className="min-w-full divide-y divide-stone-200 text-sm">
              <caption className="sr-only">{t('scorecards.list.caption')}</caption>
              <thead className="bg-stone-50 text-left text-stone-800">
                <tr>
                  <SortHeader column="name" label={t('scorecards.columns.name')} current={current} />
                  {COLUMNS.map((column) => (
                    <SortHeader key={column.key} column={column.key} label={isPitchColumn(column.key) ? t(PITCH_LABELS[column.key]) : t(`scorecards.short.${column.key as Exclude<SortKey, 'name' | keyof typeof PITCH_LABELS>}`)} current={current} />
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      <Link to={`/staff/partners/${row.id}?from=${range.from}&to=${range.to}`} className="text-brand-700 underline">
                        {row.name}
                      </Link>
                      {hubs.length > 1 ? <span className="block text-xs font-normal text-stone-700">{row.hubName}</span> : null}
                    </th>
                    {COLUMNS.map((column) => (
                      <td key={column.key} className={`whitespace-nowrap px-3 py-2 text-right tabular-nums${(column.key === 'lateNow' && row.lateNow > 0) || (column.key === 'pitchesLateNow' && row.pitchesLateNow > 0) ? ' font-semibold text-red-800' : ''}`}>
                        {cell(row, column.key, column.kind)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <p className="text-xs text-stone-700">{t('scorecards.list.csvNote')}</p>
        </>
      )}
      <Card>
        <ScorecardLegend id="partners-legend" from={formatDate(`${range.from}T12:00:00Z`, locale)} to={formatDate(`${range.to}T12:00:00Z`, locale)} />
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
