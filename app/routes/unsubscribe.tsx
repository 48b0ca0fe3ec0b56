import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Alert, Card, PageHeader } from '#app/components/ui/card'
import { undoUnsubscribe, unsubscribe, unsubscribeStatus } from '#app/modules/notifications/preferences.server'
import { verifyUnsubscribeToken, type UnsubscribeScope } from '#app/modules/notifications/unsubscribe'
import { getEnv } from '#app/utils/env.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { getActor } from '#app/utils/session.server'

export const meta = titleMeta

/**
 * One-click unsubscribe (RFC 8058, decision 0016), without a session: the signed link is the
 * credential. A mailbox provider POSTs `List-Unsubscribe=One-Click` from its servers (no cookie):
 * done at once, 200, no redirect. A person following the footer link (GET) is unsubscribed at
 * once too and shown what stopped, with an "Annuler". The page's own buttons post back and are
 * redirected to the same link with `view=1`, which only shows the state (a reload changes nothing).
 */
const NO_STORE: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' }

/** The page holds a personal link: never cached, never indexed. */
export const headers: HeadersFunction = () => NO_STORE

function readLink(url: URL): { userId: string; scope: UnsubscribeScope; token: string } | null {
  const userId = url.searchParams.get('u') ?? ''
  const scope = url.searchParams.get('s') ?? ''
  const token = url.searchParams.get('t') ?? ''
  // The signature is checked before anything is read: a forged link learns nothing, not even whether the account exists.
  if (!verifyUnsubscribeToken(getEnv().SESSION_SECRET, userId, scope, token)) return null
  return { userId, scope: scope as UnsubscribeScope, token }
}

/**
 * The posted fields. A provider that posts `List-Unsubscribe=One-Click` without a form Content-Type
 * is read as a urlencoded body rather than refused: the request is unambiguous.
 */
async function readFields(request: Request): Promise<FormData> {
  const copy = request.clone()
  try {
    return await readFormData(request)
  } catch {
    const fields = new FormData()
    for (const [name, value] of new URLSearchParams((await copy.text().catch(() => '')).trim())) fields.append(name, value)
    return fields
  }
}

const linkSearch = (link: { userId: string; scope: UnsubscribeScope; token: string }) =>
  new URLSearchParams({ u: link.userId, s: link.scope, t: link.token }).toString()

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const t = await getRequestT(request)
  const link = readLink(url)
  const signedIn = (await getActor(request)) !== null
  if (!link) return json({ title: t('prefs.unsubscribe.invalidTitle'), signedIn, link: null, status: null }, { status: 400, headers: NO_STORE })
  // A browser's prefetch or a HEAD (link checkers) only looks: opening the link is what unsubscribes.
  const lookingOnly =
    request.method === 'HEAD' || /prefetch/i.test(`${request.headers.get('Sec-Purpose') ?? ''} ${request.headers.get('Purpose') ?? ''}`)
  if (url.searchParams.get('view') !== '1' && !lookingOnly) await unsubscribe(link.userId, link.scope, context.requestId)
  const status = await unsubscribeStatus(link.userId, link.scope)
  return json({ title: t('prefs.unsubscribe.title'), signedIn, link: { scope: link.scope, search: linkSearch(link) }, status }, { headers: NO_STORE })
}

/**
 * The provider's one-click POST is answered with the confirmation page itself (200, never a
 * redirect: RFC 8058); a bad link with the page's explanation (400). The page's own buttons are
 * redirected to the result.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const link = readLink(new URL(request.url))
  if (!link) return json({ ok: false }, { status: 400, headers: NO_STORE })
  const formData = await readFields(request)
  if (singleValue(formData, 'List-Unsubscribe') === 'One-Click') {
    await unsubscribe(link.userId, link.scope, context.requestId)
    return json({ ok: true }, { headers: NO_STORE })
  }
  const intent = singleValue(formData, 'intent')
  if (intent === 'undo') await undoUnsubscribe(link.userId, link.scope, context.requestId)
  else if (intent === 'unsubscribe') await unsubscribe(link.userId, link.scope, context.requestId)
  else return json({ ok: false }, { status: 400, headers: NO_STORE })
  return redirect(`/unsubscribe?${linkSearch(link)}&view=1`, { headers: NO_STORE })
}

export default function UnsubscribePage() {
  const { link, status, signedIn } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const { t } = useTranslation()

  if (!link || !status) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <PageHeader title={t('prefs.unsubscribe.invalidTitle')} />
        <Alert tone="warning">{t('prefs.unsubscribe.invalid')}</Alert>
        <Link to="/settings/notifications" className="inline-block font-medium text-brand-700 underline">
          {t('prefs.unsubscribe.preferences')}
        </Link>
      </div>
    )
  }

  const action = `/unsubscribe?${link.search}`
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <PageHeader title={t('prefs.unsubscribe.title')} />
      <Card className="space-y-4">
        {status.state === 'unsubscribed' ? (
          <>
            <p className="text-lg font-semibold text-stone-900" role="status">
              {t('prefs.unsubscribe.done', { what: t(`prefs.unsubscribe.scopes.${link.scope}`) })}
            </p>
            <p className="text-sm text-stone-700">{link.scope === 'DIGEST' ? t('prefs.unsubscribe.digestNote') : t('prefs.unsubscribe.offNote')}</p>
            {status.canUndo ? (
              <Form method="post" action={action} className="space-y-2">
                <p className="text-sm text-stone-700">{t('prefs.unsubscribe.undoHint')}</p>
                <input type="hidden" name="intent" value="undo" />
                <Button type="submit" variant="secondary" pending={navigation.state === 'submitting'}>
                  {t('prefs.unsubscribe.undo')}
                </Button>
              </Form>
            ) : null}
          </>
        ) : (
          <>
            <p className="text-lg font-semibold text-stone-900" role="status">
              {t('prefs.unsubscribe.resumed', { what: t(`prefs.unsubscribe.scopesResumed.${link.scope}`) })}
            </p>
            <Form method="post" action={action}>
              <input type="hidden" name="intent" value="unsubscribe" />
              <Button type="submit" variant="secondary" pending={navigation.state === 'submitting'}>
                {t('prefs.unsubscribe.again')}
              </Button>
            </Form>
          </>
        )}
      </Card>
      <p className="text-sm text-stone-700">
        <Link to="/settings/notifications" className="font-medium text-brand-700 underline">
          {t('prefs.unsubscribe.preferences')}
        </Link>
        {signedIn ? null : <span className="text-stone-600"> ({t('prefs.unsubscribe.preferencesHint')})</span>}
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
