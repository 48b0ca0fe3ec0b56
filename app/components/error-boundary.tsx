import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * The one error boundary: every route with params re-exports it. 4xx responses thrown by loaders
 * (not found, forbidden, conflicts) show their translated message; anything else a generic apology.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  let title = t('errors.unexpectedTitle')
  let message = t('errors.unexpected')
  if (isRouteErrorResponse(error)) {
    const data = error.data as { message?: string } | string | null
    if (error.status === 404) {
      title = t('errors.notFoundTitle')
      message = t('errors.notFound')
    } else if (error.status === 403) {
      title = t('errors.forbiddenTitle')
      message = t('errors.forbidden')
    } else if (error.status < 500) {
      title = t('errors.requestRefused')
      message = typeof data === 'object' && data?.message ? data.message : message
    }
  }
  return (
    <div className="rounded-lg bg-white p-8 shadow-sm ring-1 ring-stone-200">
      <h1 className="text-2xl font-bold text-stone-900">{title}</h1>
      <p className="mt-2 text-stone-700">{message}</p>
      <Link to="/" className="mt-6 inline-block font-semibold text-brand-700 underline">
        {t('errors.backHome')}
      </Link>
    </div>
  )
}
