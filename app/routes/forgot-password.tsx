import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button'
import { Alert, Card } from '#app/components/ui/card'
import { Field, FormErrors } from '#app/components/ui/field'
import { forgotPasswordSchema } from '#app/modules/auth/schema'
import { requestPasswordReset } from '#app/modules/auth/service.server'
import { getRequestT } from '#app/utils/i18n.server'
import { getLogger } from '#app/utils/logger.server'
import { titleMeta } from '#app/utils/meta'
import { rateLimit } from '#app/utils/rate-limit.server'
import { replyWithAppError } from '#app/utils/route.server'
import { readFormData } from '#app/utils/form.server'

export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getRequestT(request)
  return json({ title: t('auth.forgotTitle') })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: forgotPasswordSchema })
  if (submission.status !== 'success') {
    return json({ result: submission.reply(), sent: false }, { status: 400 })
  }
  try {
    await rateLimit('passwordReset', `${context.clientIp ?? 'unknown'}:${submission.value.email}`)
  } catch (error) {
    return replyWithAppErrorSent(request, submission, error)
  }
  // The same answer, in the same time, whether the address is known or not: the work (token,
  // e-mail) goes on after the response.
  void requestPasswordReset(submission.value.email).catch((error: unknown) => getLogger().error({ err: error }, 'password reset request failed'))
  return json({ result: submission.reply({ resetForm: true }), sent: true })
}

async function replyWithAppErrorSent(request: Request, submission: Parameters<typeof replyWithAppError>[1], error: unknown) {
  const response = await replyWithAppError(request, submission, error)
  return json({ ...(await response.json()), sent: false }, { status: response.status })
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'forgot-password',
    lastResult: actionData?.result,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  })
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-bold">{t('auth.forgotTitle')}</h1>
      <p className="mb-6 text-stone-700">{t('auth.forgotIntro')}</p>
      <Card className="space-y-4">
        {actionData?.sent ? <Alert tone="success" title={t('auth.forgotSent')} /> : null}
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label={t('auth.email')}
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
          />
          <Button type="submit" className="w-full" pending={navigation.state === 'submitting'}>
            {t('auth.forgotSubmit')}
          </Button>
        </Form>
        <Link to="/login" className="text-sm font-medium text-brand-700 underline">
          {t('auth.backToLogin')}
        </Link>
      </Card>
    </div>
  )
}
