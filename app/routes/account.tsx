import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Button } from '#app/components/ui/button'
import { Alert, Badge, Card, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors, SelectField } from '#app/components/ui/field'
import { supportedLocales, toLocale } from '#app/i18n/config'
import { formatDate } from '#app/i18n/format'
import { changePassword, getAccount, requestEmailChange, updateProfile } from '#app/modules/auth/account.server'
import { accountActionSchema, accountEmailSchema, accountPasswordSchema, accountProfileSchema } from '#app/modules/auth/schema'
import { listSessions, revokeOtherSessions, revokeSession } from '#app/modules/auth/session.server'
import { getRequestT, serializeLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { rateLimit } from '#app/utils/rate-limit.server'
import { handle, invalidFormResult, replyWithAppError } from '#app/utils/route.server'
import { requireSession } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData, singleValue } from '#app/utils/form.server'

export const meta = titleMeta

const INTENTS = ['profile', 'password', 'email', 'revoke-session', 'revoke-others'] as const

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const session = await requireSession(request)
    const [account, sessions, t] = await Promise.all([
      getAccount(session.actor.userId),
      listSessions(session.actor.userId, session.sessionId),
      getRequestT(request),
    ])
    let timeZones: string[] = Intl.supportedValuesOf('timeZone')
    if (!timeZones.includes(account.timeZone)) timeZones = [account.timeZone, ...timeZones]
    return json({ title: t('account.title'), account, sessions, timeZones })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const session = await requireSession(request)
    const userId = session.actor.userId
    const formData = await readFormData(request)
    const intent = singleValue(formData, 'intent')
    if (!INTENTS.includes(intent as (typeof INTENTS)[number])) return json({ intent, result: invalidFormResult() }, { status: 400 })
    const submission = parseWithZod(formData, { schema: accountActionSchema })
    if (submission.status !== 'success') {
      return json({ intent, result: submission.reply({ hideFields: ['currentPassword', 'password', 'confirmPassword'] }) }, { status: 400 })
    }
    const value = submission.value
    try {
      switch (value.intent) {
        case 'profile': {
          await updateProfile(userId, { name: value.name, locale: value.locale, timeZone: value.timeZone }, context.requestId)
          return redirectWithToast('/account', { messageKey: 'account.profile.saved' }, { headers: { 'Set-Cookie': await serializeLocale(toLocale(value.locale)) } })
        }
        case 'password': {
          // The current password is asked for: as slow to guess here as at log-in.
          await rateLimit('login', `account:${userId}`)
          await changePassword(userId, value, session.sessionId, context.requestId)
          return redirectWithToast('/account', { messageKey: 'account.password.changed' })
        }
        case 'email': {
          await rateLimit('login', `account:${userId}`)
          await requestEmailChange(userId, value, context.requestId)
          return redirectWithToast('/account', { messageKey: 'account.email.requested', values: { email: value.email } })
        }
        case 'revoke-session': {
          await revokeSession(userId, value.sessionId, context.requestId)
          return redirectWithToast('/account', { messageKey: 'account.sessions.revoked' })
        }
        case 'revoke-others': {
          const count = await revokeOtherSessions(userId, session.sessionId, context.requestId)
          return redirectWithToast('/account', { messageKey: 'account.sessions.revokedOthers', values: { count } })
        }
      }
    } catch (error) {
      const response = await replyWithAppError(request, { reply: (options) => submission.reply({ ...options, hideFields: ['currentPassword', 'password', 'confirmPassword'] }) }, error)
      return json({ intent, ...(await response.json()) } as { intent: string; result: SubmissionResult<string[]> }, { status: response.status })
    }
  })
}

function useActionResult(intent: (typeof INTENTS)[number]) {
  const actionData = useActionData<typeof action>()
  return actionData && 'intent' in actionData && actionData.intent === intent ? (actionData.result as SubmissionResult<string[]>) : undefined
}

function ProfileForm() {
  const { t } = useTranslation()
  const { account, timeZones } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'account-profile',
    lastResult: useActionResult('profile'),
    defaultValue: { name: account.name, locale: account.locale, timeZone: account.timeZone },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountProfileSchema }),
  })
  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">{t('account.profile.title')}</h2>
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="profile" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('account.profile.name')} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }} />
        <SelectField
          label={t('account.profile.locale')}
          errors={fields.locale.errors}
          selectProps={getSelectProps(fields.locale)}
          options={supportedLocales.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }))}
        />
        <SelectField
          label={t('account.profile.timeZone')}
          hint={t('account.profile.timeZoneHint')}
          errors={fields.timeZone.errors}
          selectProps={getSelectProps(fields.timeZone)}
          options={timeZones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
        />
        <Button type="submit" pending={navigation.formData?.get('intent') === 'profile'}>
          {t('account.profile.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function PasswordForm() {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'account-password',
    lastResult: useActionResult('password'),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountPasswordSchema }),
  })
  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">{t('account.password.title')}</h2>
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="password" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t('account.password.current')}
          errors={fields.currentPassword.errors}
          inputProps={{ ...getInputProps(fields.currentPassword, { type: 'password' }), autoComplete: 'current-password' }}
        />
        <Field
          label={t('account.password.new')}
          hint={t('auth.passwordHint')}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
        />
        <Field
          label={t('account.password.confirm')}
          errors={fields.confirmPassword.errors}
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
        />
        <Button type="submit" pending={navigation.formData?.get('intent') === 'password'}>
          {t('account.password.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function EmailForm() {
  const { t } = useTranslation()
  const { account } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'account-email',
    lastResult: useActionResult('email'),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountEmailSchema }),
  })
  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">{t('account.email.title')}</h2>
      <p className="flex flex-wrap items-center gap-2">
        {t('account.email.current', { email: account.email })}
        <Badge tone={account.emailVerifiedAt ? 'success' : 'warning'}>{account.emailVerifiedAt ? t('account.email.verified') : t('account.email.unverified')}</Badge>
      </p>
      {account.pendingEmail ? <Alert tone="info">{t('account.email.pending', { email: account.pendingEmail })}</Alert> : null}
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="email" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('account.email.new')} errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} />
        <Field
          label={t('account.email.currentPassword')}
          errors={fields.currentPassword.errors}
          inputProps={{ ...getInputProps(fields.currentPassword, { type: 'password' }), autoComplete: 'current-password' }}
        />
        <Button type="submit" pending={navigation.formData?.get('intent') === 'email'}>
          {t('account.email.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function Sessions() {
  const { t, i18n } = useTranslation()
  const { sessions, account } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const revokeResult = useActionResult('revoke-session')
  const when = (date: string) => formatDate(date, i18n.language, { timeZone: account.timeZone, withTime: true })
  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">{t('account.sessions.title')}</h2>
      <p className="text-sm text-stone-700">{t('account.sessions.intro')}</p>
      <FormErrors errors={revokeResult?.error?.[''] ?? revokeResult?.error?.sessionId} />
      <ul className="divide-y divide-stone-200">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0 text-sm">
              <p className="font-medium text-stone-900">
                {session.userAgent ?? t('account.sessions.unknownDevice')}
                {session.current ? <Badge tone="success" className="ml-2">{t('account.sessions.current')}</Badge> : null}
              </p>
              <p className="text-stone-600">
                {session.ip ?? t('account.sessions.unknownIp')} · {t('account.sessions.since', { date: when(session.createdAt) })} ·{' '}
                {t('account.sessions.lastSeen', { date: when(session.lastSeenAt) })}
              </p>
            </div>
            {session.current ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke-session" />
                <input type="hidden" name="sessionId" value={session.id} />
                <Button type="submit" variant="secondary" size="sm" pending={navigation.formData?.get('sessionId') === session.id}>
                  {t('account.sessions.revoke')}
                </Button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {sessions.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-others" />
          <Button type="submit" variant="secondary" pending={navigation.formData?.get('intent') === 'revoke-others'}>
            {t('account.sessions.revokeOthers')}
          </Button>
        </Form>
      ) : null}
    </Card>
  )
}

export default function AccountPage() {
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t('account.title')}
        description={t('account.intro')}
        actions={
          <Link to="/settings/notifications" className="text-sm font-medium text-brand-700 underline">
            {t('prefs.accountLink')}
          </Link>
        }
      />
      <ProfileForm />
      <EmailForm />
      <PasswordForm />
      <Sessions />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
