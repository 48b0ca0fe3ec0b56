import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ApplicationStatusBadge } from '#app/components/status-badges'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { formatDate } from '#app/i18n/format'
import { listApplicationsForFirm } from '#app/modules/applications/service.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [applications, t, locale] = await Promise.all([listApplicationsForFirm(actor), getRequestT(request), getRequestLocale(request)])
    return json({ title: t('nav.myApplications'), locale, applications })
  })
}

export default function MyApplicationsPage() {
  const { applications, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div>
      <PageHeader title={t('nav.myApplications')} description={t('applications.mineIntro')} />
      {applications.length === 0 ? (
        <EmptyState title={t('applications.noneYet')}>
          <Link to="/needs" className="font-semibold text-brand-700 underline">
            {t('home.ctaNeeds')}
          </Link>
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {applications.map((application) => (
            <li key={application.id}>
              <Card className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h2 className="font-semibold">
                    <Link to={`/applications/${application.id}`} className="hover:underline">
                      {application.need.title}
                    </Link>
                  </h2>
                  <p className="text-sm text-stone-700">
                    {application.need.partner.name}
                    {application.submittedAt ? ` · ${t('applications.submittedOn', { date: formatDate(application.submittedAt, locale) })}` : ''}
                    {!application.asLead ? ` · ${t('applications.asPartnerOf', { lead: application.firm.name })}` : ''}
                    {application.messageCount > 0 ? ` · ${t('applications.messageCount', { count: application.messageCount })}` : ''}
                  </p>
                  {application.deal ? <p className="mt-1 text-sm font-medium text-brand-800">{t(`dealStatus.${application.deal.status}`)}</p> : null}
                  {application.status === 'DECLINED' && application.declineReason ? (
                    <p className="mt-2 text-sm">
                      <span className="font-medium">{t(`declineReason.${application.declineReason}`)}</span>
                      {application.declineComment ? ` — ${application.declineComment}` : ''}
                    </p>
                  ) : null}
                </div>
                <ApplicationStatusBadge status={application.status} />
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
