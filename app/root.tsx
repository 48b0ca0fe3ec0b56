import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from '@remix-run/react'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { GeneralErrorBoundary } from './components/error-boundary'
import { cn } from './components/ui/cn'
import { supportedLocales, type Locale } from './i18n/config'
import { isStaff, verifiedOrganisations } from './modules/policy/policy'
import stylesheet from './tailwind.css'
import { getRequestLocale } from './utils/i18n.server'
import { ResendVerificationForm } from './components/resend-verification'
import { useNonce } from './utils/nonce-provider'
import { getSession } from './utils/session.server'
import { readToast } from './utils/toast.server'
import { translateKey } from './i18n/translate'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'Sillon' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const [session, locale, { toast, headers }] = await Promise.all([
    getSession(request),
    getRequestLocale(request),
    readToast(request),
  ])
  const actor = session?.actor
  const user = actor
    ? {
        name: actor.name,
        emailVerified: session.emailVerified,
        // For the banner only: a page's HTML names the address only while it is unverified.
        unverifiedEmail: session.emailVerified ? null : actor.email,
        organisations: actor.memberships.map((membership) => ({
          slug: membership.organisation.slug,
          name: membership.organisation.name,
          kind: membership.organisation.kind,
          status: membership.organisation.status,
        })),
        isPartner: verifiedOrganisations(actor, 'PARTNER').length > 0,
        isPartnerMember: actor.memberships.some((membership) => membership.organisation.kind === 'PARTNER'),
        isFirm: verifiedOrganisations(actor, 'FIRM').length > 0,
        isStaff: isStaff(actor),
        unreadNotifications: actor.unreadNotifications ?? 0,
      }
    : null
  return json({ locale, user, toast }, { headers: headers ?? undefined })
}

export type RootLoader = typeof loader

export function useRootData() {
  return useRouteLoaderData<RootLoader>('root')
}

function Document({ locale, children }: { locale: Locale; children: ReactNode }) {
  const nonce = useNonce()
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function Header() {
  const data = useRootData()
  const { t } = useTranslation()
  const user = data?.user
  const navClass = ({ isActive }: { isActive: boolean }) =>
    cn('rounded-md px-3 py-2 text-sm font-medium', isActive ? 'bg-brand-800 text-white' : 'text-brand-50 hover:bg-brand-800/60')

  return (
    <header className="bg-brand-700 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-stone-900">
        {t('nav.skip')}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <NavLink to="/" className="flex items-center gap-2 text-xl font-bold tracking-tight" end>
          <span aria-hidden className="inline-block size-6 rounded-sm bg-gradient-to-br from-brand-200 to-alpine-600" />
          Sillon
        </NavLink>
        <nav aria-label={t('nav.main')} className="flex flex-1 flex-wrap items-center gap-1">
          {user ? (
            <>
              {user.isPartnerMember ? (
                <NavLink to="/partner" className={navClass}>
                  {t('nav.partnerHome')}
                </NavLink>
              ) : null}
              {user.isFirm || user.isPartner || user.isStaff ? (
                <NavLink to="/needs" className={navClass}>
                  {user.isPartner && !user.isFirm ? t('nav.myNeeds') : t('nav.needs')}
                </NavLink>
              ) : null}
              {user.isFirm ? (
                <NavLink to="/applications" className={navClass}>
                  {t('nav.myApplications')}
                </NavLink>
              ) : null}
              {user.isPartner || user.isStaff ? (
                <NavLink to="/firms" className={navClass}>
                  {t('nav.firms')}
                </NavLink>
              ) : null}
              {user.isFirm || user.isPartner || user.isStaff ? (
                <NavLink to="/pitches" className={navClass}>
                  {t('nav.pitches')}
                </NavLink>
              ) : null}
              {user.isFirm || user.isPartner || user.isStaff ? (
                <NavLink to="/groups" className={navClass}>
                  {t('nav.groups')}
                </NavLink>
              ) : null}
              {user.isStaff ? (
                <NavLink to="/staff" className={navClass}>
                  {t('nav.staff')}
                </NavLink>
              ) : null}
              {user.organisations.map((organisation) => (
                <NavLink key={organisation.slug} to={`/orgs/${organisation.slug}`} className={navClass}>
                  {organisation.name}
                </NavLink>
              ))}
              {user.organisations.length === 0 && !user.isStaff ? (
                <NavLink to="/orgs/new" className={navClass}>
                  {t('nav.createOrganisation')}
                </NavLink>
              ) : null}
            </>
          ) : null}
        </nav>
        <div className="flex items-center gap-3">
          {user ? (
            <NavLink to="/notifications" className={navClass} aria-label={t('notifications.bellLabel', { count: user.unreadNotifications })}>
              <span aria-hidden className="inline-flex items-center gap-1">
                <svg viewBox="0 0 20 20" fill="currentColor" className="size-5">
                  <path d="M10 2a6 6 0 0 0-6 6v3.586l-.707.707A1 1 0 0 0 4 14h12a1 1 0 0 0 .707-1.707L16 11.586V8a6 6 0 0 0-6-6Zm0 16a3 3 0 0 1-2.83-2h5.66A3 3 0 0 1 10 18Z" />
                </svg>
                {user.unreadNotifications > 0 ? (
                  <span className="rounded-full bg-amber-300 px-1.5 text-xs font-bold text-stone-900">{user.unreadNotifications}</span>
                ) : null}
              </span>
            </NavLink>
          ) : null}
          <LanguageSwitcher />
          {user ? (
            <NavLink to="/settings/notifications" className={navClass} aria-label={t('prefs.menuLabel')}>
              {t('prefs.menu')}
            </NavLink>
          ) : null}
          {user ? (
            <NavLink to="/account" className={navClass}>
              {t('account.menu')}
            </NavLink>
          ) : null}
          {user ? (
            <Form method="post" action="/logout">
              <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-brand-50 hover:bg-brand-800/60">
                {t('nav.logout', { name: user.name })}
              </button>
            </Form>
          ) : (
            <>
              <NavLink to="/login" className={navClass}>
                {t('nav.login')}
              </NavLink>
              <NavLink to="/signup" className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-brand-800 hover:bg-brand-50">
                {t('nav.signup')}
              </NavLink>
            </>
          )}
        </div>
      </div>
    </header>
  )
}

function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  return (
    <Form method="post" action="/settings/locale" className="flex items-center gap-1">
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <label htmlFor="locale-switcher" className="sr-only">
        {t('nav.language')}
      </label>
      <select
        id="locale-switcher"
        name="locale"
        defaultValue={i18n.language}
        className="rounded-md border-0 bg-brand-800 py-1.5 pl-2 pr-7 text-sm text-white ring-1 ring-brand-500"
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
      >
        {supportedLocales.map((locale) => (
          <option key={locale} value={locale}>
            {t(`languages.${locale}`)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-md bg-brand-800 px-2 py-1.5 text-sm">
          {t('nav.changeLanguage')}
        </button>
      </noscript>
    </Form>
  )
}

function ToastMessage() {
  const data = useRootData()
  const { t } = useTranslation()
  const [visible, setVisible] = useState(true)
  const toast = data?.toast
  useEffect(() => setVisible(true), [toast])
  if (!toast || !visible) return null
  const tone =
    toast.type === 'error'
      ? 'bg-red-50 text-red-900 ring-red-300'
      : toast.type === 'info'
        ? 'bg-sky-50 text-sky-900 ring-sky-300'
        : 'bg-emerald-50 text-emerald-900 ring-emerald-300'
  return (
    <div role="status" className={cn('mx-auto mt-4 flex max-w-6xl items-start justify-between gap-4 rounded-md px-4 py-3 ring-1', tone)}>
      <p className="text-sm font-medium">{translateKey(t, toast.messageKey, toast.values)}</p>
      <button type="button" onClick={() => setVisible(false)} className="text-sm underline">
        {t('actions.dismiss')}
      </button>
    </div>
  )
}

/** Until the address is confirmed: what the account can and cannot do, and a new link. */
function UnverifiedBanner() {
  const data = useRootData()
  const { t } = useTranslation()
  const location = useLocation()
  const user = data?.user
  if (!user || user.emailVerified) return null
  return (
    <div role="status" className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3">
        <p className="text-sm">{t('account.verify.banner', { email: user.unverifiedEmail })}</p>
        <ResendVerificationForm back={`${location.pathname}${location.search}`} />
      </div>
    </div>
  )
}

function Footer() {
  const { t } = useTranslation()
  return (
    <footer className="mt-auto border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-stone-700">{t('footer.tagline')}</div>
    </footer>
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootLoader>('root')
  const locale = data?.locale ?? 'fr'
  return <Document locale={locale}>{children}</Document>
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>()
  useChangeLanguage(locale)
  return (
    <>
      <Header />
      <UnverifiedBanner />
      <div className="px-4">
        <ToastMessage />
      </div>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        <Outlet />
      </main>
      <Footer />
    </>
  )
}

export function ErrorBoundary() {
  return (
    <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-16">
      <GeneralErrorBoundary />
    </main>
  )
}
