import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { cn } from '#app/components/ui/cn'
import { getActor } from '#app/utils/session.server'

/**
 * The frame of every staff page: the console's tabs. Each page's own loader decides who may see
 * it; this one only reads whether to show the hub admins' tabs (nothing for anyone else).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request)
  const roles = actor?.staffRoles ?? []
  return json({ isStaff: roles.length > 0, isAdmin: roles.some((role) => role.role === 'ADMIN') })
}

const TABS = [
  { to: '/staff', key: 'home', end: true },
  { to: '/staff/partners', key: 'partners' },
  { to: '/staff/analytics', key: 'analytics' },
  { to: '/staff/cohorts', key: 'cohorts' },
  { to: '/staff/pitches', key: 'pitches' },
  { to: '/staff/shared', key: 'shared' },
  { to: '/staff/organisations', key: 'organisations' },
  { to: '/staff/dues', key: 'dues' },
  { to: '/staff/users', key: 'users' },
  { to: '/staff/audit', key: 'audit' },
  { to: '/staff/outbox', key: 'outbox' },
  { to: '/staff/team', key: 'team', admin: true },
  { to: '/staff/hub', key: 'hub', admin: true },
  { to: '/staff/jobs', key: 'jobs', admin: true },
] as const

export default function StaffLayout() {
  const { isStaff, isAdmin } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      {isStaff ? (
        <nav aria-label={t('console.nav.label')} className="-mt-2 mb-6 overflow-x-auto border-b border-stone-200">
          <ul className="flex gap-1 text-sm">
            {TABS.filter((tab) => !('admin' in tab) || isAdmin).map((tab) => (
              <li key={tab.key}>
                <NavLink
                  to={tab.to}
                  end={'end' in tab}
                  prefetch="intent"
                  className={({ isActive }) =>
                    cn(
                      'inline-block whitespace-nowrap border-b-2 px-3 py-2 font-medium focus-visible:outline-2',
                      isActive ? 'border-brand-700 text-brand-800' : 'border-transparent text-stone-700 hover:border-stone-300 hover:text-stone-900',
                    )
                  }
                >
                  {t(`console.nav.${tab.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <Outlet />
    </>
  )
}
