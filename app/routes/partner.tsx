import { json, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ScorecardFigures } from '#app/components/scorecard'
import { ScoreBadge } from '#app/components/match-score'
import { ApplicationStatusBadge, NeedStatusBadge } from '#app/components/status-badges'
import { LinkButton } from '#app/components/ui/button'
import { Alert, Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate, formatNumber, onDay } from '#app/i18n/format'
import { defaultRange } from '#app/modules/analytics/range'
import { getOwnScorecard } from '#app/modules/analytics/scorecard.server'
import { homePathFor } from '#app/modules/homes/home-path'
import { getPartnerHome } from '#app/modules/homes/service.server'
import { middayOf } from '#app/modules/reminders/schedule'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

/**
 * A partner's home (`/partner`, `?org=<slug>` for a person in several partners): its needs by
 * status, the applications it has to decide (late first), the recommended firms of its open
 * needs, and its scorecard. Whoever belongs to no partner is sent to their own home.
 */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const slug = new URL(request.url).searchParams.get('org')
    const home = await getPartnerHome(actor, slug)
    if (!home) {
      // Another partner's slug: this partner home without it; no partner at all: the actor's own
      // home (never /partner again, so no loop).
      throw redirect(homePathFor(actor))
    }
    const range = defaultRange(new Date())
    const [t, locale, scorecard] = await Promise.all([getRequestT(request), getRequestLocale(request), getOwnScorecard(actor, home.partner.id, range)])
    return json({
      scorecard,
      scorecardRange: { start: range.start.toISOString(), lastDay: new Date(range.end.getTime() - 86_400_000).toISOString() },
      title: t('queues.partnerHome.title', { name: home.partner.name }),
      locale,
      ...home,
      toDecide: home.toDecide.map((application) => ({ ...application, dueOn: onDay(middayOf(application.dueDay), locale, actor.timeZone) })),
    })
  })
}

/** The partner's own scorecard over the last twelve months, each figure with its definition. */
function PartnerScorecard() {
  const { scorecard, scorecardRange, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section aria-labelledby="partner-scorecard" className="space-y-3">
      <h2 id="partner-scorecard" className="text-xl font-semibold">
        {t('scorecards.own.title')}
      </h2>
      <p className="text-sm text-stone-700">{t('scorecards.own.period', { from: formatDate(new Date(scorecardRange.start), locale), to: formatDate(new Date(scorecardRange.lastDay), locale) })}</p>
      <ScorecardFigures scorecard={scorecard} locale={locale} />
    </section>
  )
}

function NeedsByStatus() {
  const { groups, totalNeeds, partner, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section aria-labelledby="needs-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="needs-title" className="text-xl font-semibold">
          {t('queues.partnerHome.needs.title')}
        </h2>
        <Link to="/needs" className="text-sm font-semibold text-brand-700 underline">
          {t('queues.partnerHome.needs.all')}
        </Link>
      </div>
      {totalNeeds === 0 ? (
        <EmptyState title={t('queues.partnerHome.needs.empty')}>
          {partner.status === 'VERIFIED' ? (
            <Link to="/needs/new" className="font-semibold text-brand-700 underline">
              {t('queues.partnerHome.needs.post')}
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <ul className="flex flex-wrap gap-3" aria-label={t('queues.partnerHome.needs.countsLabel')}>
            {groups.map((group) => (
              <li key={group.status}>
                <a href={`#status-${group.status}`} className="block rounded-lg focus-visible:outline-2">
                  <Card className="px-4 py-3 hover:ring-brand-500">
                    <p className="text-2xl font-bold text-brand-700" data-status-count={group.status}>
                      {formatNumber(group.count, locale)}
                    </p>
                    <NeedStatusBadge status={group.status} />
                  </Card>
                </a>
              </li>
            ))}
          </ul>
          <div className="grid gap-4 lg:grid-cols-2">
            {groups.map((group) => (
              <Card key={group.status} id={`status-${group.status}`} className="space-y-2">
                <h3 className="font-semibold">
                  <NeedStatusBadge status={group.status} /> <span className="ml-1">{t('queues.partnerHome.needs.count', { count: group.count })}</span>
                </h3>
                <ul className="space-y-1 text-sm">
                  {group.needs.map((need) => (
                    <li key={need.id} className="flex flex-wrap justify-between gap-2">
                      <Link to={`/needs/${need.id}`} className="font-medium text-brand-800 underline">
                        {need.title}
                      </Link>
                      <span className="text-stone-700">
                        {need.deadline ? t('queues.partnerHome.needs.deadline', { date: formatDate(need.deadline, locale) }) : t('queues.partnerHome.needs.updated', { date: formatDate(need.updatedAt, locale) })}
                      </span>
                    </li>
                  ))}
                </ul>
                {group.count > group.needs.length ? (
                  <p className="text-sm text-stone-700">{t('queues.partnerHome.needs.more', { count: group.count - group.needs.length })}</p>
                ) : null}
              </Card>
            ))}
          </div>
        </>
      )}
    </section>
  )
}

function ApplicationsToDecide() {
  const { toDecide, toDecideCount, lateCount, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section aria-labelledby="decide-title" className="space-y-3">
      <h2 id="decide-title" className="text-xl font-semibold">
        {t('queues.partnerHome.toDecide.title')}
      </h2>
      <p className="text-sm text-stone-700">{t('queues.partnerHome.toDecide.intro')}</p>
      {toDecideCount === 0 ? (
        <EmptyState title={t('queues.partnerHome.toDecide.empty')} />
      ) : (
        <>
          {lateCount > 0 ? <Alert tone="warning">{t('queues.partnerHome.toDecide.late', { count: lateCount })}</Alert> : null}
          <Card className="overflow-x-auto p-0">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('queues.partnerHome.toDecide.title')}</caption>
              <thead className="bg-stone-50 text-stone-700">
                <tr>
                  <th scope="col" className="px-4 py-2">{t('queues.partnerHome.toDecide.columns.due')}</th>
                  <th scope="col" className="px-4 py-2">{t('queues.partnerHome.toDecide.columns.firm')}</th>
                  <th scope="col" className="px-4 py-2">{t('queues.partnerHome.toDecide.columns.need')}</th>
                  <th scope="col" className="px-4 py-2">{t('queues.partnerHome.toDecide.columns.status')}</th>
                  <th scope="col" className="px-4 py-2">{t('queues.partnerHome.toDecide.columns.submitted')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-200">
                {toDecide.map((application) => (
                  <tr key={application.id} data-to-decide={application.id}>
                    <td className="px-4 py-2">
                      {application.daysLate > 0 ? (
                        <span className="font-semibold text-red-800">{t('reminders.late.daysLate', { count: application.daysLate })}</span>
                      ) : (
                        t('queues.partnerHome.toDecide.dueOn', { date: application.dueOn })
                      )}
                    </td>
                    <td className="px-4 py-2">
                      <Link to={`/applications/${application.id}`} className="font-medium text-brand-700 underline">
                        {application.firm}
                      </Link>
                    </td>
                    <td className="px-4 py-2">
                      <Link to={`/needs/${application.need.id}/applications`} className="text-brand-700 underline">
                        {application.need.title}
                      </Link>
                    </td>
                    <td className="px-4 py-2">
                      <ApplicationStatusBadge status={application.status} />
                    </td>
                    <td className="px-4 py-2">{formatDate(application.submittedAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {toDecideCount > toDecide.length ? <p className="text-sm text-stone-700">{t('queues.partnerHome.toDecide.more', { count: toDecideCount - toDecide.length })}</p> : null}
        </>
      )}
    </section>
  )
}

function RecommendedFirms() {
  const { recommendations, openNeeds, partner } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section aria-labelledby="firms-title" className="space-y-3">
      <h2 id="firms-title" className="text-xl font-semibold">
        {t('queues.partnerHome.firms.title')}
      </h2>
      {partner.status !== 'VERIFIED' ? (
        <EmptyState title={t('queues.partnerHome.firms.notVerified')} />
      ) : openNeeds === 0 ? (
        <EmptyState title={t('queues.partnerHome.firms.noOpenNeed')} />
      ) : recommendations.length === 0 ? (
        <EmptyState title={t('queues.partnerHome.firms.empty')} />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {recommendations.map((entry) => (
            <Card key={entry.need.id} className="space-y-2" data-recommendations={entry.need.id}>
              <h3 className="font-semibold">
                <Link to={`/needs/${entry.need.id}`} className="text-brand-800 underline">
                  {entry.need.title}
                </Link>
                {entry.need.matchingMode === 'CURATED' ? <Badge tone="info" className="ml-2">{t('matchingMode.CURATED')}</Badge> : null}
              </h3>
              <ul className="space-y-2">
                {entry.firms.map((match) => (
                  <li key={match.id} className="flex items-center gap-3">
                    <ScoreBadge score={match.score} />
                    <div className="min-w-0 text-sm">
                      <Link to={`/orgs/${match.firm.slug}`} className="font-medium text-brand-700 underline">
                        {match.firm.name}
                      </Link>
                      <p className="text-stone-700">{[match.firm.communeName, match.firm.hub].filter(Boolean).join(' · ')}</p>
                    </div>
                  </li>
                ))}
              </ul>
              <Link to={`/needs/${entry.need.id}/recommendations`} className="inline-block text-sm font-semibold text-brand-700 underline">
                {t('queues.partnerHome.firms.seeAll', { count: entry.total })}
              </Link>
            </Card>
          ))}
        </div>
      )}
    </section>
  )
}

export default function PartnerHome() {
  const { partner, partners } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-10">
      <PageHeader
        title={t('queues.partnerHome.title', { name: partner.name })}
        description={t('queues.partnerHome.intro')}
        actions={
          partner.status === 'VERIFIED' ? (
            <LinkButton to="/needs/new" size="sm">
              {t('home.ctaPostNeed')}
            </LinkButton>
          ) : null
        }
      />
      {partners.length > 1 ? (
        <nav aria-label={t('queues.partnerHome.switchLabel')}>
          <ul className="flex flex-wrap gap-3 text-sm">
            {partners.map((organisation) => (
              <li key={organisation.slug}>
                <Link to={`/partner?org=${organisation.slug}`} aria-current={organisation.slug === partner.slug ? 'page' : undefined} className="font-medium text-brand-700 underline aria-[current=page]:font-bold aria-[current=page]:no-underline">
                  {organisation.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {partner.status !== 'VERIFIED' ? <Alert tone="warning">{t('queues.partnerHome.readOnly')}</Alert> : null}
      <ApplicationsToDecide />
      <NeedsByStatus />
      <RecommendedFirms />
      <PartnerScorecard />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
