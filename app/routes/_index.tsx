import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MatchReasons, ScoreBadge } from '#app/components/match-score'
import { LinkButton } from '#app/components/ui/button'
import { Card } from '#app/components/ui/card'
import { formatDate, formatNumber } from '#app/i18n/format'
import { getPlatformOverview } from '#app/modules/hubs/service.server'
import { recommendedNeedsFor } from '#app/modules/needs/service.server'
import { isStaff, verifiedOrganisations } from '#app/modules/policy/policy'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { getActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const [actor, overview, t, locale] = await Promise.all([
    getActor(request),
    getPlatformOverview(),
    getRequestT(request),
    getRequestLocale(request),
  ])
  const firm = actor ? verifiedOrganisations(actor, 'FIRM')[0] : undefined
  const recommended = actor && firm ? await recommendedNeedsFor(actor) : []
  return json({
    recommended: firm ? { needs: recommended, profileUrl: `/orgs/${firm.organisation.slug}/edit` } : null,
    title: t('home.title'),
    locale,
    overview,
    viewer: actor
      ? {
          name: actor.name,
          hasOrganisation: actor.memberships.length > 0,
          pending: actor.memberships.some((membership) => membership.organisation.status === 'PENDING'),
          isPartner: verifiedOrganisations(actor, 'PARTNER').length > 0,
          // The partner home (/partner) is every partner member's, verified or not.
          isPartnerMember: actor.memberships.some((membership) => membership.organisation.kind === 'PARTNER'),
          isFirm: verifiedOrganisations(actor, 'FIRM').length > 0,
          isStaff: isStaff(actor),
        }
      : null,
  })
}

/** A firm's best-matched open needs, with why. */
function RecommendedNeeds() {
  const { recommended, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  if (!recommended) return null
  return (
    <section aria-labelledby="for-you" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id="for-you" className="text-xl font-bold">
            {t('matching.forYou.title')}
          </h2>
          <p className="text-sm text-stone-700">{t('matching.forYou.intro')}</p>
        </div>
        <Link to="/needs?sort=score" className="text-sm font-semibold text-brand-700 underline">
          {t('matching.forYou.seeAll')}
        </Link>
      </div>
      {recommended.needs.length === 0 ? (
        <Card>
          <p className="text-sm text-stone-700">{t('matching.forYou.empty')}</p>
          <Link to={recommended.profileUrl} className="mt-2 inline-block text-sm font-semibold text-brand-700 underline">
            {t('matching.forYou.editProfile')}
          </Link>
        </Card>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {recommended.needs.map((need) => (
            <li key={need.id}>
              <Card className="flex h-full gap-3">
                <ScoreBadge score={need.score} className="self-start" />
                <div className="min-w-0 space-y-1">
                  <Link to={`/needs/${need.id}`} className="font-semibold text-brand-800 hover:underline">
                    {need.title}
                  </Link>
                  <p className="text-sm text-stone-700">
                    {need.partnerName}
                    {need.deadline ? ` · ${t('needs.deadline')} ${formatDate(need.deadline, locale)}` : ''}
                  </p>
                  <MatchReasons breakdown={{ reasons: need.reasons }} audience="firm" />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export default function Home() {
  const { overview, viewer, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-gradient-to-br from-brand-700 to-alpine-700 px-6 py-12 text-white shadow-sm sm:px-10">
        <p className="text-sm font-semibold uppercase tracking-widest text-brand-100">{t('home.kicker')}</p>
        <h1 className="mt-2 max-w-3xl text-3xl font-bold tracking-tight sm:text-4xl">{t('home.headline')}</h1>
        <p className="mt-4 max-w-2xl text-lg text-brand-50">{t('home.lead')}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          {viewer ? (
            <>
              {viewer.isFirm || viewer.isPartner || viewer.isStaff ? (
                <LinkButton to="/needs" variant="secondary">
                  {viewer.isPartner && !viewer.isFirm ? t('home.ctaMyNeeds') : t('home.ctaNeeds')}
                </LinkButton>
              ) : null}
              {viewer.isPartnerMember ? (
                <LinkButton to="/partner" variant="secondary">
                  {t('queues.partnerHome.link')}
                </LinkButton>
              ) : null}
              {viewer.isPartner ? (
                <LinkButton to="/needs/new" variant="secondary">
                  {t('home.ctaPostNeed')}
                </LinkButton>
              ) : null}
              {viewer.isStaff ? (
                <LinkButton to="/staff" variant="secondary">
                  {t('home.ctaStaff')}
                </LinkButton>
              ) : null}
              {!viewer.hasOrganisation && !viewer.isStaff ? (
                <LinkButton to="/orgs/new" variant="secondary">
                  {t('home.ctaCreateOrganisation')}
                </LinkButton>
              ) : null}
            </>
          ) : (
            <>
              <LinkButton to="/signup" variant="secondary">
                {t('home.ctaSignup')}
              </LinkButton>
              <Link to="/login" className="rounded-md px-4 py-2 text-sm font-semibold text-white underline">
                {t('home.ctaLogin')}
              </Link>
            </>
          )}
        </div>
        {viewer?.pending ? <p className="mt-6 rounded-md bg-white/15 p-3 text-sm">{t('home.pendingNotice')}</p> : null}
      </section>

      <RecommendedNeeds />

      <section aria-labelledby="figures" className="grid gap-4 sm:grid-cols-3">
        <h2 id="figures" className="sr-only">
          {t('home.figures')}
        </h2>
        {[
          { value: overview.publishedNeeds, label: t('home.figureNeeds', { count: overview.publishedNeeds }) },
          { value: overview.verifiedPartners, label: t('home.figurePartners', { count: overview.verifiedPartners }) },
          { value: overview.verifiedFirms, label: t('home.figureFirms', { count: overview.verifiedFirms }) },
        ].map((figure) => (
          <Card key={figure.label} className="text-center">
            <p className="text-3xl font-bold text-brand-700">{formatNumber(figure.value, locale)}</p>
            <p className="mt-1 text-sm text-stone-700">{figure.label}</p>
          </Card>
        ))}
      </section>

      <section aria-labelledby="how" className="grid gap-4 md:grid-cols-3">
        <h2 id="how" className="sr-only">
          {t('home.howTitle')}
        </h2>
        {(['partners', 'firms', 'hubs'] as const).map((audience) => (
          <Card key={audience}>
            <h3 className="text-lg font-semibold text-stone-900">{t(`home.audience.${audience}.title`)}</h3>
            <p className="mt-2 text-stone-700">{t(`home.audience.${audience}.body`)}</p>
          </Card>
        ))}
      </section>

      <section aria-labelledby="hubs">
        <h2 id="hubs" className="mb-4 text-xl font-bold">
          {t('home.hubsTitle')}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {overview.hubs.map((hub) => (
            <li key={hub.id}>
              <Card>
                <p className="font-semibold">{hub.name}</p>
                <p className="text-sm text-stone-700">{hub.city}</p>
                <p className="mt-2 text-sm text-stone-700">{t('home.hubMembers', { count: hub.members })}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
