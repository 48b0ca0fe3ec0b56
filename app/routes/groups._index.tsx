import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { LinkButton } from '#app/components/ui/button'
import { Badge, Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { listGroupsForActor } from '#app/modules/groups/service.server'
import { staffHubIds } from '#app/modules/policy/policy'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [groups, t] = await Promise.all([listGroupsForActor(actor), getRequestT(request)])
    return json({ title: t('groups.title'), groups, canCreate: staffHubIds(actor).length > 0 })
  })
}

export default function GroupsPage() {
  const { groups, canCreate } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const open = groups.filter((group) => !group.archived)
  const archived = groups.filter((group) => group.archived)
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('groups.title')}
        description={t('groups.intro')}
        actions={canCreate ? <LinkButton to="/groups/new">{t('groups.new.cta')}</LinkButton> : null}
      />
      {open.length === 0 ? (
        <EmptyState title={t('groups.empty.title')}>{canCreate ? t('groups.empty.staff') : t('groups.empty.member')}</EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label={t('groups.listLabel')}>
          {open.map((group) => (
            <li key={group.slug}>
              <GroupCard group={group} level={2} />
            </li>
          ))}
        </ul>
      )}
      {archived.length > 0 ? (
        <section aria-labelledby="groups-archived" className="space-y-3">
          <h2 id="groups-archived" className="text-lg font-semibold">
            {t('groups.archivedTitle')}
          </h2>
          <ul className="grid gap-4 md:grid-cols-2">
            {archived.map((group) => (
              <li key={group.slug}>
                <GroupCard group={group} level={3} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

function GroupCard({ group, level }: { group: ReturnType<typeof useLoaderData<typeof loader>>['groups'][number]; level: 2 | 3 }) {
  const { t } = useTranslation()
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <Card className="space-y-2">
      <Heading className="text-lg font-semibold">
        <Link to={`/groups/${group.slug}`} className="text-brand-700 underline">
          {group.name}
        </Link>
      </Heading>
      <p className="text-sm text-stone-700">
        {group.theme} · {group.hubName}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Badge>{t('groups.memberCount', { count: group.memberCount })}</Badge>
        <Badge tone="info">{group.openToAllHubs ? t('groups.openToAll') : t('groups.hubOnly')}</Badge>
        {group.archived ? <Badge tone="warning">{t('groups.archived')}</Badge> : null}
        {group.member ? <Badge tone="success">{t('groups.member')}</Badge> : null}
        {!group.member && group.mayJoin ? (
          <Link to={`/groups/${group.slug}#rejoindre`} className="text-sm font-semibold text-brand-700 underline">
            {t('groups.join')}
          </Link>
        ) : null}
      </div>
    </Card>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
