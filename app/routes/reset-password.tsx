import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button'
import { Alert, Card } from '#app/components/ui/card'
import { Field, FormErrors } from '#app/components/ui/field'
import { resetPasswordSchema } from '#app/modules/auth/schema'
import { isResetTokenUsable, resetPassword } from '#app/modules/auth/service.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { rateLimit } from '#app/utils/rate-limit.server'
import { replyWithAppError } from '#app/utils/route.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData } from '#app/utils/form.server'

export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getRequestT(request)
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const usable = token.length >= 20 && token.length <= 200 && (await isResetTokenUsable(token))
  return json({ title: t('auth.resetTitle'), token: usable ? token : null })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: resetPasswordSchema })
  if (submission.status !== 'success') {
    return json({ result: submission.reply({ hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
  }
  try {
    await rateLimit('passwordReset', `${context.clientIp ?? 'unknown'}:reset`)
    await resetPassword(submission.value.token, submission.value.password)
  } catch (error) {
    return replyWithAppError(request, submission, error)
  }
  return redirectWithToast('/login', { messageKey: 'auth.resetDone' })
}

export default function ResetPasswordPage() {
  const { t } = useTranslation()
  const { token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'reset-password',
    lastResult: actionData?.result,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  })
  if (!token) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-bold">{t('auth.resetTitle')}</h1>
        <Alert tone="warning" title={t('errors.resetLinkInvalid')} />
        <Link to="/forgot-password" className="font-medium text-brand-700 underline">
          {t('auth.askNewLink')}
        </Link>
      </div>
    )
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-bold">{t('auth.resetTitle')}</h1>
      <Card>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="token" value={token} />
          <Field
            label={t('auth.newPassword')}
            hint={t('auth.passwordHint')}
            errors={[...(fields.password.errors ?? []), ...(fields.token.errors ?? [])]}
            inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
          />
          <Field
            label={t('auth.confirmPassword')}
            errors={fields.confirmPassword.errors}
            inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
          />
          <Button type="submit" className="w-full" pending={navigation.state === 'submitting'}>
            {t('auth.resetSubmit')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
