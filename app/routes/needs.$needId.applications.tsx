import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ScoreBadge } from '#app/components/match-score'
import { ApplicationStatusBadge } from '#app/components/status-badges'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate, formatEur } from '#app/i18n/format'
import { listApplicationsForNeed } from '#app/modules/applications/service.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const result = await listApplicationsForNeed(actor, requireParam(params, 'needId'))
    const [t, locale] = await Promise.all([getRequestT(request), getRequestLocale(request)])
    return json({ title: t('applications.forNeedTitle', { title: result.need.title }), locale, ...result })
  })
}

export default function NeedApplicationsPage() {
  const { need, applications, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div>
      <PageHeader
        title={t('applications.forNeedHeading')}
        description={
          <Link to={`/needs/${need.id}`} className="text-brand-700 underline">
            {need.title}
          </Link>
        }
      />
      {applications.length === 0 ? (
        <EmptyState title={t('applications.noneForNeed')} />
      ) : (
        <ul className="space-y-3">
          {applications.map((application) => (
            <li key={application.id}>
              <Card className="space-y-2">
                <div className="flex flex-wrap items-center gap-3">
                  <ScoreBadge score={application.score} />
                  <h2 className="text-lg font-semibold">
                    <Link to={`/orgs/${application.firm.slug}`} className="hover:underline">
                      {application.firm.name}
                    </Link>
                  </h2>
                  <ApplicationStatusBadge status={application.status} />
                </div>
                <p className="text-sm text-stone-700">
                  {application.firm.communeName}
                  {application.submittedAt ? ` · ${t('applications.submittedOn', { date: formatDate(application.submittedAt, locale) })}` : ''}
                  {application.priceEur !== null ? ` · ${t('applications.price')} : ${formatEur(application.priceEur, locale)}` : ''}
                </p>
                <div>
                  <h3 className="text-sm font-medium text-stone-600">{t('applications.approach')}</h3>
                  <p className="whitespace-pre-line text-stone-800">{application.approach}</p>
                </div>
                {application.timeline ? (
                  <div>
                    <h3 className="text-sm font-medium text-stone-600">{t('applications.timeline')}</h3>
                    <p className="whitespace-pre-line text-stone-800">{application.timeline}</p>
                  </div>
                ) : null}
                {application.referencesText ? (
                  <div>
                    <h3 className="text-sm font-medium text-stone-600">{t('applications.references')}</h3>
                    <p className="whitespace-pre-line text-stone-800">{application.referencesText}</p>
                  </div>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
