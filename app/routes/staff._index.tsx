import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Card, PageHeader } from '#app/components/ui/card'
import { formatNumber } from '#app/i18n/format'
import { getStaffOverview } from '#app/modules/staff/service.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [overview, t, locale] = await Promise.all([getStaffOverview(actor), getRequestT(request), getRequestLocale(request)])
    return json({ title: t('staff.title'), locale, ...overview })
  })
}

export default function StaffHome() {
  const { hubs, counts, locale, roles } = useLoaderData<typeof loader>()
  const isAdmin = roles.some((role) => role.role === 'ADMIN')
  const { t } = useTranslation()
  const tiles = [
    { to: '/staff/moderation/needs', value: counts.submittedNeeds, label: t('staff.tiles.submittedNeeds') },
    { to: '/staff/organisations', value: counts.pendingOrganisations, label: t('staff.tiles.pendingOrganisations') },
    { to: '/needs', value: counts.publishedNeeds, label: t('staff.tiles.publishedNeeds') },
    { to: '/needs', value: counts.openApplications, label: t('staff.tiles.openApplications') },
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
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
