import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export function Pagination({
  page,
  pageSize,
  total,
  searchParams,
}: {
  page: number
  pageSize: number
  total: number
  searchParams: URLSearchParams
}) {
  const { t } = useTranslation()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(searchParams)
    params.set('page', String(target))
    return `?${params}`
  }
  return (
    <nav aria-label={t('pagination.label')} className="mt-6 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="font-semibold text-brand-700 underline" rel="prev">
          {t('pagination.previous')}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{t('pagination.status', { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className="font-semibold text-brand-700 underline" rel="next">
          {t('pagination.next')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
