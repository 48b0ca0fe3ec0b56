import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CohortPhaseBadge, cohortDates } from '#app/components/cohorts'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { listOwnCohorts } from '#app/modules/cohorts/service.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/** The cohorts the actor's firms are in (none: an empty state, for anyone signed in). */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [cohorts, t, locale] = await Promise.all([listOwnCohorts(actor), getRequestT(request), getRequestLocale(request)])
    return json({ title: t('cohorts.own.title'), locale, cohorts })
  })
}

export default function OwnCohortsPage() {
  const { cohorts, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader title={t('cohorts.own.title')} description={t('cohorts.own.intro')} />
      {cohorts.length === 0 ? (
        <EmptyState title={t('cohorts.own.empty')}>{t('cohorts.own.emptyHint')}</EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {cohorts.map((cohort) => (
            <li key={cohort.id}>
              <Card className="space-y-1">
                <div className="flex items-start justify-between gap-3">
                  <h2 className="text-lg font-semibold">
                    <Link to={`/cohorts/${cohort.id}`} className="text-brand-700 underline">
                      {cohort.name}
                    </Link>
                  </h2>
                  <CohortPhaseBadge phase={cohort.phase} />
                </div>
                {cohort.programme ? <p className="text-sm text-stone-800">{cohort.programme}</p> : null}
                <p className="text-sm text-stone-700">{cohortDates(t, locale, cohort)}</p>
                <p className="text-sm text-stone-700">{t('cohorts.own.hub', { name: cohort.hubName })}</p>
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
