import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { CsvLinks } from '#app/components/console'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Alert, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { ErrorList } from '#app/components/ui/field'
import { filterFieldClass } from '#app/components/ui/filter'
import { formatDate } from '#app/i18n/format'
import { parseRange } from '#app/modules/analytics/range'
import { changesOf, recordHref, whyOf } from '#app/modules/audit/present'
import { AUDIT_CSV_MAX, listAuditForActor, type AuditRow } from '#app/modules/audit/queries.server'
import { parseAuditFilters } from '#app/modules/audit/schema'
import { isStaff, staffHubIds } from '#app/modules/policy/policy'
import { AppError } from '#app/modules/shared/app-error'
import { csvRequest, csvResponse } from '#app/utils/csv.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/** One row as the page and the CSV say it: translated, in the viewer's zone. */
function present(row: AuditRow, t: TFunction, locale: string, timeZone: string) {
  const actions = t('audit.actions', { returnObjects: true }) as unknown as Record<string, string>
  const fields = t('audit.fields', { returnObjects: true }) as unknown as Record<string, string>
  const changes = changesOf(row).map((change) => {
    const word = (value: string | null) => {
      if (value === null) return '—'
      // A day in a table's field (a waiver's last one) reads as a date; other values in words.
      if (change.table && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale, { timeZone: 'UTC' })
      return change.table ? t(`${change.table}.${value}`, { defaultValue: value }) : value
    }
    const arrow = `${word(change.from)} → ${word(change.to)}`
    return change.field ? `${fields[change.field] ?? change.field}${locale === 'fr' ? '\u202f: ' : ': '}${arrow}` : arrow
  })
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    when: formatDate(row.createdAt, locale, { timeZone, withTime: true }),
    actorName: row.actorName,
    actorEmail: row.actorEmail,
    actorId: row.actorId,
    action: actions[row.action] ?? row.action,
    actionCode: row.action,
    recordType: row.targetType,
    recordId: row.targetId,
    href: recordHref(row),
    change: changes.join(' ; '),
    from: changes.length === 1 ? changes[0]!.split(' → ')[0]! : '',
    to: changes.length === 1 ? changes[0]!.split(' → ').slice(1).join(' → ') : changes.join(' ; '),
    why: whyOf(row),
    requestId: row.requestId,
  }
}

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    if (!isStaff(actor)) throw AppError.forbidden()
    const url = new URL(request.url)
    const range = parseRange(url.searchParams)
    const { filters, errors } = parseAuditFilters(url.searchParams)
    const [t, locale] = await Promise.all([getRequestT(request), getRequestLocale(request)])
    const csv = csvRequest(url)
    const result: { rows: AuditRow[]; nextBefore: string | null } = filters
      ? await listAuditForActor(actor, filters, range, csv ? { limit: AUDIT_CSV_MAX, paged: false } : {})
      : { rows: [], nextBefore: null }
    const rows = result.rows.map((row) => present(row, t, locale, actor.timeZone))
    if (csv) {
      const hubs = staffHubIds(actor)
      return csvResponse({
        request,
        actor,
        table: 'audit',
        separator: csv.separator,
        hubId: hubs.length === 1 ? hubs[0] : null,
        requestId: context.requestId,
        rows,
        columns: [
          { header: t('audit.csv.id'), value: (row) => row.id },
          { header: t('audit.csv.when'), value: (row) => row.at },
          { header: t('audit.csv.actorName'), value: (row) => row.actorName ?? t('audit.system') },
          { header: t('audit.csv.actorEmail'), value: (row) => row.actorEmail },
          { header: t('audit.csv.action'), value: (row) => row.action },
          { header: t('audit.csv.actionCode'), value: (row) => row.actionCode },
          { header: t('audit.csv.recordType'), value: (row) => row.recordType },
          { header: t('audit.csv.recordId'), value: (row) => row.recordId },
          { header: t('audit.csv.from'), value: (row) => row.from },
          { header: t('audit.csv.to'), value: (row) => row.to },
          { header: t('audit.csv.why'), value: (row) => row.why },
          { header: t('audit.csv.requestId'), value: (row) => row.requestId },
        ],
      })
    }
    const data = { title: t('audit.title'), range, errors, invalid: !filters, rows, nextBefore: result.nextBefore, paged: Boolean(filters?.before) }
    return json(data)
  })
}

interface PageData {
  range: { from: string; to: string; corrected: boolean }
  errors: Record<string, string[] | undefined>
  invalid: boolean
  rows: Array<ReturnType<typeof present>>
  nextBefore: string | null
  paged: boolean
}

function FilterInput({ name, label, hint, errors }: { name: string; label: string; hint: string; errors?: string[] }) {
  const [searchParams] = useSearchParams()
  const id = `audit-${name}`
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={searchParams.get(name) ?? ''}
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ''}`}
        aria-invalid={errors?.length ? true : undefined}
        className={filterFieldClass}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-stone-600">
        {hint}
      </p>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  )
}

export default function StaffAuditPage() {
  // The loader answers either this page's data or a CSV file (a plain Response).
  const { range, errors, invalid, rows, nextBefore, paged } = useLoaderData<typeof loader>() as unknown as PageData
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const older = () => {
    const params = new URLSearchParams(searchParams)
    params.set('before', nextBefore!)
    return `?${params}`
  }
  const newest = () => {
    const params = new URLSearchParams(searchParams)
    params.delete('before')
    return `?${params}`
  }
  return (
    <div className="space-y-4">
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      {range.corrected ? <Alert tone="warning">{t('console.range.corrected')}</Alert> : null}
      <Form method="get" className="space-y-3">
        <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <legend className="sr-only">{t('audit.filters.legend')}</legend>
          <FilterInput name="actor" label={t('audit.filters.actor')} hint={t('audit.filters.actorHint')} errors={errors.actor} />
          <FilterInput name="organisation" label={t('audit.filters.organisation')} hint={t('audit.filters.organisationHint')} errors={errors.organisation} />
          <FilterInput name="record" label={t('audit.filters.record')} hint={t('audit.filters.recordHint')} errors={errors.record} />
          <FilterInput name="action" label={t('audit.filters.action')} hint={t('audit.filters.actionHint')} errors={errors.action} />
          <div>
            <label htmlFor="audit-from" className="block text-sm font-medium text-stone-800">
              {t('console.range.from')}
            </label>
            <input id="audit-from" type="date" name="from" defaultValue={range.from} className={filterFieldClass} />
          </div>
          <div>
            <label htmlFor="audit-to" className="block text-sm font-medium text-stone-800">
              {t('console.range.to')}
            </label>
            <input id="audit-to" type="date" name="to" defaultValue={range.to} className={filterFieldClass} />
          </div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" size="sm" variant="secondary">
            {t('console.range.apply')}
          </Button>
          <Link to="/staff/audit" className="text-sm font-medium text-brand-700 underline">
            {t('audit.filters.reset')}
          </Link>
        </div>
      </Form>
      {errors.before ? <Alert tone="warning">{t('audit.errors.cursor')}</Alert> : null}
      {invalid ? (
        <Alert tone="warning">{t('audit.invalidFilters')}</Alert>
      ) : (
        <div className="space-y-1">
          <CsvLinks />
          <p className="text-xs text-stone-600">{t('audit.csvNote')}</p>
        </div>
      )}
      {rows.length === 0 ? (
        invalid ? null : <EmptyState title={t('audit.empty')} />
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('audit.caption')}</caption>
            <thead className="bg-stone-50 text-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('audit.columns.when')}</th>
                <th scope="col" className="px-3 py-2">{t('audit.columns.who')}</th>
                <th scope="col" className="px-3 py-2">{t('audit.columns.action')}</th>
                <th scope="col" className="px-3 py-2">{t('audit.columns.record')}</th>
                <th scope="col" className="px-3 py-2">{t('audit.columns.change')}</th>
                <th scope="col" className="px-3 py-2">{t('audit.columns.why')}</th>
                <th scope="col" className="px-3 py-2">{t('audit.columns.requestId')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {rows.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className="whitespace-nowrap px-3 py-2">
                    <time dateTime={row.at}>{row.when}</time>
                  </td>
                  <td className="px-3 py-2">
                    {row.actorId ? (
                      <>
                        <Link to={`/staff/audit?actor=${encodeURIComponent(row.actorId)}`} className="font-medium text-brand-700 underline">
                          {row.actorName}
                        </Link>
                        <span className="block text-xs text-stone-600">{row.actorEmail}</span>
                      </>
                    ) : (
                      <span className="italic text-stone-700">{t('audit.system')}</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {row.action}
                    {row.action !== row.actionCode ? <span className="block font-mono text-xs text-stone-600">{row.actionCode}</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    {row.href ? (
                      <Link to={row.href} className="text-brand-700 underline">
                        {row.recordType}
                      </Link>
                    ) : (
                      row.recordType
                    )}
                    <span className="block font-mono text-xs text-stone-600">{row.recordId}</span>
                  </td>
                  <td className="px-3 py-2">{row.change}</td>
                  <td className="max-w-xs px-3 py-2">{row.why}</td>
                  <td className="px-3 py-2 font-mono text-xs">{row.requestId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <nav aria-label={t('audit.caption')} className="flex gap-4 text-sm">
        {paged ? (
          <Link to={newest()} className="font-medium text-brand-700 underline">
            {t('audit.newest')}
          </Link>
        ) : null}
        {nextBefore ? (
          <Link to={older()} className="font-medium text-brand-700 underline">
            {t('audit.older')}
          </Link>
        ) : null}
      </nav>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
