import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button'
import { Card } from '#app/components/ui/card'
import { FormErrors, SelectField, TextareaField } from '#app/components/ui/field'
import { declineReasons } from '#app/modules/applications/schema'

type LifecycleAction = 'close' | 'award' | 'notAward' | 'archive'
const DECIDING: LifecycleAction[] = ['close', 'award', 'notAward']

export interface LifecycleReply {
  intent?: string
  formErrors?: string[]
  fields?: Record<string, string[] | undefined>
}

/**
 * The partner's lifecycle forms of a need. Closing or awarding decides every application still
 * open: while some wait, each such form asks for the reason (and a comment) of their decline.
 */
export function NeedLifecycleCard({ available, undecided, reply }: { available: LifecycleAction[]; undecided: number; reply?: LifecycleReply }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const busy = (intent: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  if (available.length === 0) return null
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('needs.lifecycleTitle')}</h2>
      {(['close', 'award', 'notAward', 'archive'] as const).filter((action) => available.includes(action)).map((action) => {
        const asksDecline = DECIDING.includes(action) && undecided > 0
        const mine = reply?.intent === action ? reply : undefined
        return (
          <Form method="post" key={action} className="space-y-2">
            <input type="hidden" name="intent" value={action} />
            <p className="text-sm text-stone-700">{t(`needs.lifecycleHint.${action}`)}</p>
            {asksDecline ? (
              <fieldset className="space-y-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
                <legend className="sr-only">{t('reminders.lifecycle.declineLegend')}</legend>
                <p className="text-sm text-stone-800">{t('reminders.lifecycle.undecidedHint', { count: undecided })}</p>
                <SelectField
                  label={t('reminders.lifecycle.reason')}
                  errors={mine?.fields?.declineReason}
                  placeholder="—"
                  options={declineReasons.map((reason) => ({ value: reason, label: t(`declineReason.${reason}`) }))}
                  selectProps={{ id: `${action}-decline-reason`, name: 'declineReason' }}
                />
                <TextareaField
                  label={t('reminders.lifecycle.comment')}
                  hint={t('reminders.lifecycle.commentHint')}
                  errors={mine?.fields?.declineComment}
                  textareaProps={{ id: `${action}-decline-comment`, name: 'declineComment', rows: 3, maxLength: 2000 }}
                />
              </fieldset>
            ) : null}
            <FormErrors errors={mine?.formErrors} />
            <Button type="submit" size="sm" variant={action === 'archive' || action === 'notAward' ? 'secondary' : 'primary'} pending={busy(action)}>
              {asksDecline ? t(`reminders.lifecycle.submitWithDecline.${action as 'close'}`, { count: undecided }) : t(`needs.lifecycle.${action}`)}
            </Button>
          </Form>
        )
      })}
    </Card>
  )
}

/** "Suivre ce besoin" / "Ne plus suivre": its answers to questions come to the follower. */
export function FollowToggle({ following }: { following: boolean }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting' && navigation.formData?.get('intent') === (following ? 'unfollow' : 'follow')
  return (
    <Card className="space-y-2">
      <p className="text-sm text-stone-700">{t(following ? 'reminders.follow.following' : 'reminders.follow.hint')}</p>
      <Form method="post">
        {following ? (
          <Button type="submit" name="intent" value="unfollow" size="sm" variant="secondary" pending={pending}>
            {t('reminders.follow.unfollow')}
          </Button>
        ) : (
          <Button type="submit" name="intent" value="follow" size="sm" variant="secondary" pending={pending}>
            {t('reminders.follow.follow')}
          </Button>
        )}
      </Form>
    </Card>
  )
}
