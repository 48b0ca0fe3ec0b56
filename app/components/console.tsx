import { Form, Link, useLocation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from './ui/button'
import { Alert } from './ui/card'
import { filterFieldClass } from './ui/filter'

/**
 * Pieces shared by the staff console's pages: the links to a table's CSV export (the page's own
 * URL and filters, plus `format=csv`) and the period filter read from and written to the URL.
 */
export function CsvLinks({ className }: { className?: string }) {
  const { t } = useTranslation()
  const location = useLocation()
  const [searchParams] = useSearchParams()
  const href = (separator?: 'semicolon') => {
    const params = new URLSearchParams(searchParams)
    params.delete('page')
    params.set('format', 'csv')
    if (separator) params.set('separator', separator)
    else params.delete('separator')
    return `${location.pathname}?${params}`
  }
  return (
    <p className={className ?? 'text-sm'}>
      <span className="text-stone-700">{t('console.csv.label')} </span>
      {/* A download, not a page: no client-side navigation. */}
      <Link to={href()} reloadDocument className="font-medium text-brand-700 underline">
        {t('console.csv.comma')}
      </Link>
      {' · '}
      <Link to={href('semicolon')} reloadDocument className="font-medium text-brand-700 underline">
        {t('console.csv.semicolon')}
      </Link>
    </p>
  )
}

/**
 * The period (`from`, `to`) of a page, with the page's other filters kept as hidden fields.
 * `range` is what the server used (its default when the URL had none).
 */
export function RangeForm({ range, children }: { range: { from: string; to: string; corrected: boolean }; children?: React.ReactNode }) {
  const { t } = useTranslation()
  const [searchParams] = useSearchParams()
  const kept = [...searchParams].filter(([name]) => !['from', 'to', 'page', 'format', 'separator'].includes(name) && !(children && name === 'hub'))
  return (
    <div className="mb-4 space-y-2">
      {range.corrected ? <Alert tone="warning">{t('console.range.corrected')}</Alert> : null}
      <Form method="get" className="flex flex-wrap items-end gap-3">
        {kept.map(([name, value]) => (
          <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
        ))}
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="sr-only">{t('console.range.legend')}</legend>
          <div>
            <label htmlFor="range-from" className="block text-sm font-medium text-stone-800">
              {t('console.range.from')}
            </label>
            <input id="range-from" type="date" name="from" defaultValue={range.from} className={filterFieldClass} />
          </div>
          <div>
            <label htmlFor="range-to" className="block text-sm font-medium text-stone-800">
              {t('console.range.to')}
            </label>
            <input id="range-to" type="date" name="to" defaultValue={range.to} className={filterFieldClass} />
          </div>
        </fieldset>
        {children}
        <Button type="submit" size="sm" variant="secondary">
          {t('console.range.apply')}
        </Button>
      </Form>
    </div>
  )
}
