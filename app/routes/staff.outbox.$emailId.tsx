import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { EmailStatusBadge } from '#app/components/status-badges'
import { Card, PageHeader } from '#app/components/ui/card'
import { formatDate } from '#app/i18n/format'
import { getOutboxEmail } from '#app/modules/notifications/outbox.server'
import { getRequestLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const email = await getOutboxEmail(actor, requireParam(params, 'emailId'))
    return json({ title: email.subject, locale: await getRequestLocale(request), email })
  })
}

export default function OutboxEmailPage() {
  const { email, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <Link to="/staff/outbox" className="text-sm font-semibold text-brand-700 underline">
        {t('outbox.back')}
      </Link>
      <PageHeader title={email.subject} actions={<EmailStatusBadge status={email.status} />} />
      <Card>
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-stone-600">{t('outbox.to')}</dt>
            <dd>{email.toAddress}</dd>
          </div>
          <div>
            <dt className="font-medium text-stone-600">{t('outbox.date')}</dt>
            <dd>{formatDate(email.createdAt, locale, { withTime: true })}</dd>
          </div>
        </dl>
      </Card>
      <Card>
        <h2 className="mb-2 text-sm font-medium text-stone-600">{t('outbox.textVersion')}</h2>
        <pre className="whitespace-pre-wrap break-words font-sans text-stone-900">{email.textBody}</pre>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
