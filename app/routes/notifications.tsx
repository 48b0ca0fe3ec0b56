import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Button } from '#app/components/ui/button'
import { Card, EmptyState, PageHeader } from '#app/components/ui/card'
import { cn } from '#app/components/ui/cn'
import { formatDate } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { notificationKey } from '#app/modules/notifications/kinds'
import { listNotifications, markRead, openNotification } from '#app/modules/notifications/notifications.server'
import { readFormData } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const [notifications, t, locale] = await Promise.all([listNotifications(actor.userId, 100), getRequestT(request), getRequestLocale(request)])
    return json({ title: t('notifications.title'), locale, notifications })
  })
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('open'), id: z.string().min(1).max(64) }),
  z.object({ intent: z.literal('readAll') }),
])

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const parsed = actionSchema.safeParse(Object.fromEntries(await readFormData(request)))
    if (!parsed.success) return json({ ok: false }, { status: 400 })
    if (parsed.data.intent === 'readAll') {
      await markRead(actor.userId, 'all')
      return redirect('/notifications')
    }
    // Marks it read and goes where it points (always a path of this site).
    return redirect(await openNotification(actor.userId, parsed.data.id))
  })
}

export default function NotificationsPage() {
  const { notifications, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const unread = notifications.filter((notification) => !notification.readAt).length
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.unread', { count: unread })}
        actions={
          unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="readAll" />
              <Button type="submit" variant="secondary" size="sm">
                {t('notifications.readAll')}
              </Button>
            </Form>
          ) : null
        }
      />
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
