import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ResendVerificationForm } from '#app/components/resend-verification'
import { Button } from '#app/components/ui/button'
import { Alert, Card } from '#app/components/ui/card'
import { acceptInvitation, getInvitation, isInvitationCancelled } from '#app/modules/organisations/service.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { getSession, requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const [session, t] = await Promise.all([getSession(request), getRequestT(request)])
    const actor = session?.actor
    const invitation = await getInvitation(params.token ?? '')
    return json({
      title: t('invitation.title'),
      path: new URL(request.url).pathname,
      signedInAs: actor?.email ?? null,
      emailVerified: session?.emailVerified ?? false,
      cancelled: invitation ? false : await isInvitationCancelled(params.token ?? ''),
      invitation: invitation
        ? {
            email: invitation.email,
            role: invitation.role,
            organisation: invitation.organisation.name,
            invitedBy: invitation.invitedBy.name,
          }
        : null,
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const organisation = await acceptInvitation(actor, params.token ?? '', context.requestId)
    return redirectWithToast(`/orgs/${organisation.slug}`, { messageKey: 'invitation.joined', values: { organisation: organisation.name } })
  })
}

export default function InvitationPage() {
  const { invitation, cancelled, signedInAs, emailVerified, path: here } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">{t('invitation.title')}</h1>
      {!invitation ? (
        <Alert tone="warning" title={t(cancelled ? 'members.invitationCancelled' : 'errors.invitationInvalid')} />
      ) : (
        <Card className="space-y-4">
          <p>{t('invitation.body', { inviter: invitation.invitedBy, organisation: invitation.organisation, role: t(`memberRole.${invitation.role}`) })}</p>
          {signedInAs ? (
            signedInAs === invitation.email && !emailVerified ? (
              <Alert tone="warning">
                <p>{t('account.errors.unverifiedInvitation')}</p>
                <ResendVerificationForm back={here} className="mt-2" />
              </Alert>
            ) : signedInAs === invitation.email ? (
              <Form method="post">
                <Button type="submit" pending={navigation.state === 'submitting'}>
                  {t('invitation.accept')}
                </Button>
              </Form>
            ) : (
              <Alert tone="warning">{t('errors.invitationOtherAddress', { email: invitation.email })}</Alert>
            )
          ) : (
            <div className="flex gap-3">
              <Link className="font-semibold text-brand-700 underline" to={`/signup?redirectTo=${encodeURIComponent(here)}`}>
                {t('invitation.signup', { email: invitation.email })}
              </Link>
              <Link className="font-semibold text-brand-700 underline" to={`/login?redirectTo=${encodeURIComponent(here)}`}>
                {t('nav.login')}
              </Link>
            </div>
          )}
        </Card>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
