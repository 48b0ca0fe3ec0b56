import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button'
import { Card } from '#app/components/ui/card'
import { Field, FormErrors } from '#app/components/ui/field'
import { loginSchema } from '#app/modules/auth/schema'
import { verifyLogin } from '#app/modules/auth/service.server'
import { homePathForUser } from '#app/modules/homes/service.server'
import { getRequestT, serializeLocale } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { rateLimit, resetRateLimit } from '#app/utils/rate-limit.server'
import { replyWithAppError } from '#app/utils/route.server'
import { requireAnonymous, startSession } from '#app/utils/session.server'
import { readFormData } from '#app/utils/form.server'
import { isAppError } from '#app/modules/shared/app-error'
import { translateKey } from '#app/i18n/translate'

export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const t = await getRequestT(request)
  return json({ title: t('auth.loginTitle') })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: loginSchema })
  if (submission.status !== 'success') {
    return json({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  }
  const ip = context.clientIp ?? 'unknown'
  const attemptKey = `${ip}:${submission.value.email}`
  try {
    await rateLimit('loginIp', ip)
    await rateLimit('loginAddress', submission.value.email)
    await rateLimit('login', attemptKey)
  } catch (error) {
    return replyWithAppError(request, submission, error)
  }
  let user: Awaited<ReturnType<typeof verifyLogin>>
  try {
    // A disabled account, or a reset staff required, is refused with its own message (403).
    user = await verifyLogin(submission.value.email, submission.value.password)
  } catch (error) {
    if (!isAppError(error)) throw error
    const t = await getRequestT(request)
    return json({ result: submission.reply({ formErrors: [translateKey(t, error.messageKey)], hideFields: ['password'] }) }, { status: error.status })
  }
  if (!user) {
    return json(
      { result: submission.reply({ formErrors: ['errors.invalidCredentials'], hideFields: ['password'] }) },
      { status: 400 },
    )
  }
  await resetRateLimit('login', attemptKey)
  // Without a page to go back to, each person lands on their own home (staff, partner, firm).
  const redirectTo = submission.value.redirectTo ?? (await homePathForUser(user.id))
  return startSession(request, { userId: user.id, clientIp: context.clientIp }, redirectTo, {
    'Set-Cookie': await serializeLocale(user.locale),
  })
}

export default function LoginPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'login',
    lastResult: actionData?.result,
    constraint: undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  })
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-bold">{t('auth.loginTitle')}</h1>
      <Card>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <Field
            label={t('auth.email')}
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email', autoFocus: true }}
          />
          <Field
            label={t('auth.password')}
            errors={fields.password.errors}
            inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
          />
          <Button type="submit" className="w-full" pending={navigation.state === 'submitting'}>
            {t('auth.loginSubmit')}
          </Button>
        </Form>
        <div className="mt-4 flex justify-between text-sm">
          <Link to="/forgot-password" className="font-medium text-brand-700 underline">
            {t('auth.forgotPassword')}
          </Link>
          <Link to="/signup" className="font-medium text-brand-700 underline">
            {t('auth.noAccount')}
          </Link>
        </div>
      </Card>
    </div>
  )
}
