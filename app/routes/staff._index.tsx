import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Card, PageHeader } from '#app/components/ui/card'
import { formatDate, formatNumber } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { latestMatchingRun, startMatchingRefresh } from '#app/modules/matching/service.server'
import { countLateApplications } from '#app/modules/reminders/service.server'
import { getStaffOverview } from '#app/modules/staff/service.server'
import { readFormData } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [overview, matching, lateAnswers, t, locale] = await Promise.all([
      getStaffOverview(actor),
      latestMatchingRun(actor),
      countLateApplications(actor),
      getRequestT(request),
      getRequestLocale(request),
    ])
    return json({ title: t('staff.title'), locale, ...overview, lateAnswers, matching })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    if (formData.getAll('intent').length !== 1 || formData.get('intent') !== 'refreshMatches') {
      const t = await getRequestT(request)
      return json({ code: 'invalid_intent', message: translateKey(t, 'validation.invalidChoice') }, { status: 400 })
    }
    await startMatchingRefresh(actor)
    return redirectWithToast('/staff', { messageKey: 'matching.refresh.started' })
  })
}

/** The full recomputation of the matches: its progress while it runs (refreshed every 2 s), or how the last one ended. */
function MatchingRefresh() {
  const { matching, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const revalidator = useRevalidator()
  const navigation = useNavigation()
  const { run, algorithmVersion, canStart } = matching
  const running = run?.status === 'RUNNING'
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 2_000)
    return () => clearInterval(timer)
  }, [running, revalidator])
  const percent = run && run.total > 0 ? Math.floor((100 * run.done) / run.total) : 0
  return (
    <Card className="mt-6 space-y-3">
      <h2 className="text-lg font-semibold">{t('matching.refresh.title')}</h2>
      <p className="text-sm text-stone-700">{t('matching.refresh.schedule', { version: algorithmVersion })}</p>
      {running ? (
        <div className="space-y-1">
          <label htmlFor="matching-progress" className="block text-sm font-medium text-stone-800">
            {t('matching.refresh.running', { done: formatNumber(run.done, locale), total: formatNumber(run.total, locale) })} ({percent} %)
          </label>
          <progress id="matching-progress" value={run.done} max={Math.max(1, run.total)} aria-label={t('matching.refresh.progressLabel')} className="h-3 w-full accent-brand-700">
            {percent} %
          </progress>
        </div>
      ) : run?.status === 'COMPLETED' ? (
        <p className="text-sm text-stone-800">
          {t('matching.refresh.completed', {
            date: formatDate(run.finishedAt ?? run.startedAt, locale, { withTime: true }),
            needs: formatNumber(run.needs, locale),
            firms: formatNumber(run.firms, locale),
            matches: formatNumber(run.matchesWritten, locale),
          })}
        </p>
      ) : run?.status === 'FAILED' ? (
        <p className="text-sm font-medium text-red-800">{t('matching.refresh.failed', { date: formatDate(run.startedAt, locale, { withTime: true }) })}</p>
      ) : (
        <p className="text-sm text-stone-700">{t('matching.refresh.never')}</p>
      )}
      {canStart && !running ? (
        <Form method="post">
          <input type="hidden" name="intent" value="refreshMatches" />
          <Button type="submit" size="sm" variant="secondary" pending={navigation.formData?.get('intent') === 'refreshMatches'}>
            {t('matching.refresh.start')}
          </Button>
        </Form>
      ) : null}
    </Card>
  )
}

export default function StaffHome() {
  const { hubs, counts, locale, roles, lateAnswers } = useLoaderData<typeof loader>()
  const isAdmin = roles.some((role) => role.role === 'ADMIN')
  const { t } = useTranslation()
  const tiles = [
    { to: '/staff/moderation/needs', value: counts.submittedNeeds, label: t('staff.tiles.submittedNeeds') },
    { to: '/staff/organisations', value: counts.pendingOrganisations, label: t('staff.tiles.pendingOrganisations') },
    { to: '/needs', value: counts.publishedNeeds, label: t('staff.tiles.publishedNeeds') },
    { to: '/needs', value: counts.openApplications, label: t('staff.tiles.openApplications') },
    { to: '/staff/late', value: lateAnswers, label: t('reminders.late.tile') },
    { to: '/staff/outbox', value: counts.outbox, label: t('staff.tiles.outbox') },
    ...(isAdmin ? [{ to: '/staff/team', value: counts.staff, label: t('staff.tiles.team') }] : []),
  ]
  return (
    <div>
      <PageHeader title={t('staff.title')} description={hubs.map((hub) => hub.name).join(' · ')} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {tiles.map((tile) => (
          <li key={tile.label}>
            <Link to={tile.to} className="block rounded-lg focus-visible:outline-2">
              <Card className="hover:ring-brand-500">
                <p className="text-3xl font-bold text-brand-700">{formatNumber(tile.value, locale)}</p>
                <p className="mt-1 text-stone-800">{tile.label}</p>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
      <MatchingRefresh />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
