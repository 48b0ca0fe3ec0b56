import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { cn } from '#app/components/ui/cn'
import { FormErrors } from '#app/components/ui/field'
import { formatDate } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { notificationKey } from '#app/modules/notifications/kinds'
import { listNotifications, markRead, openNotification } from '#app/modules/notifications/notifications.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, invalidFormResult } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [notifications, t, locale] = await Promise.all([listNotifications(actor.userId, 100), getRequestT(request), getRequestLocale(request)])
    return json({ title: t('notifications.title'), locale, notifications })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    if (intent === 'readAll') {
      await markRead(actor.userId, 'all')
      return redirect('/notifications')
    }
    const id = singleValue(formData, 'id')
    if (intent !== 'open' || (id === null && formData.has('id'))) return json({ result: invalidFormResult() }, { status: 400 })
    // Marked read, it leads where it points; an id that is none of the actor's notifications is not found.
    return redirect(await openNotification(actor.userId, (id ?? '').trim()))
  })
}

export default function NotificationsPage() {
  const { notifications, locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const unread = notifications.filter((notification) => !notification.readAt).length
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.unread', { count: unread })}
        actions={
          <>
            <Link to="/settings/notifications" className="self-center text-sm font-medium text-brand-700 underline">
              {t('prefs.notificationsLink')}
            </Link>
            {unread > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="readAll" />
                <Button type="submit" variant="secondary" size="sm">
                  {t('notifications.readAll')}
                </Button>
              </Form>
            ) : null}
          </>
        }
      />
      <FormErrors errors={actionData?.result.error?.[''] ?? undefined} />
      {notifications.length === 0 ? (
        <EmptyState title={t('notifications.none')} />
      ) : (
        <ul className="space-y-2">
          {notifications.map((notification) => (
            <li key={notification.id}>
              <Card className={cn('flex items-start justify-between gap-3 p-4', !notification.readAt && 'ring-2 ring-brand-500')}>
                <div>
                  <p className={cn('text-stone-900', !notification.readAt && 'font-semibold')}>
                    {translateKey(t, notificationKey(notification.kind), notification.payload as Record<string, unknown>)}
                  </p>
                  <p className="text-xs text-stone-600">
                    {formatDate(notification.createdAt, locale, { withTime: true })}
                    {!notification.readAt ? ` · ${t('notifications.new')}` : ''}
                  </p>
                </div>
                {notification.link ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="open" />
                    <input type="hidden" name="id" value={notification.id} />
                    <Button type="submit" size="sm" variant="secondary">
                      {t('notifications.open')}
                    </Button>
                  </Form>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
