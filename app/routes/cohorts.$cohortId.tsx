import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CohortHeader, pilotsText, ProgressBar, valueText } from '#app/components/cohorts'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Card } from '#app/components/ui/card'
import { formatDate, formatEur } from '#app/i18n/format'
import { getOwnCohortView } from '#app/modules/cohorts/service.server'
import { getRequestLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/**
 * A cohort as one of its firms reads it: the cohort, the other firms' names, and the figures of the
 * actor's own firm only. Anyone else (another firm, hub staff, partners): 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const cohortId = requireParam(params, 'cohortId')
    const [view, locale] = await Promise.all([getOwnCohortView(actor, cohortId), getRequestLocale(request)])
    return json({ title: view.cohort.name, locale, timeZone: actor.timeZone, ...view })
  })
}

export default function OwnCohortPage() {
  const { cohort, own, others, locale, timeZone } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <CohortHeader cohort={cohort} locale={locale} back={{ to: '/cohorts', label: t('cohorts.own.back') }} />
      {own.map((firm) => (
        <Card key={firm.id} className="space-y-4">
          <div>
            <h2 className="text-lg font-semibold">{t('cohorts.own.progressTitle', { name: firm.name })}</h2>
            <p className="text-sm text-stone-700">{t('cohorts.own.progressIntro')}</p>
            <p className="text-sm text-stone-700">
              {t('cohorts.detail.targetPerFirm', { value: formatEur(cohort.targetEur, locale), pilots: t('cohorts.detail.pilotsTarget', { count: cohort.targetPilots }) })}
            </p>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <h3 className="text-sm font-medium">{t('cohorts.detail.overallValue')}</h3>
              <ProgressBar progress={firm.value} label={t('cohorts.progress.valueLabel', { name: firm.name })} text={valueText(t, locale, firm.value)} />
            </div>
            <div>
              <h3 className="text-sm font-medium">{t('cohorts.detail.overallPilots')}</h3>
              <ProgressBar progress={firm.pilotsProgress} label={t('cohorts.progress.pilotsLabel', { name: firm.name })} text={pilotsText(t, firm.pilotsProgress)} />
            </div>
          </div>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
            {(['applications', 'shortlisted', 'pilots', 'contracts'] as const).map((key) => (
              <div key={key}>
                <dt className="text-stone-700">{t(`cohorts.detail.columns.${key}`)}</dt>
                <dd className="text-lg font-semibold">{firm[key]}</dd>
              </div>
            ))}
            <div>
              <dt className="text-stone-700">{t('cohorts.detail.columns.lastActivity')}</dt>
              <dd className="font-semibold">{firm.lastActivity ? formatDate(firm.lastActivity, locale, { timeZone }) : t('cohorts.detail.noActivity')}</dd>
            </div>
          </dl>
        </Card>
      ))}
      <Card className="space-y-2">
        <h2 className="text-lg font-semibold">{t('cohorts.own.othersTitle')}</h2>
        {others.length === 0 ? (
          <p className="text-sm text-stone-700">{t('cohorts.own.noOthers')}</p>
        ) : (
          <>
            <p className="text-sm text-stone-700">{t('cohorts.own.othersHint')}</p>
            <ul className="list-inside list-disc text-sm">
              {others.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </>
        )}
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
