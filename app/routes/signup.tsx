import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button'
import { Card } from '#app/components/ui/card'
import { Field, FormErrors } from '#app/components/ui/field'
import { signupSchema } from '#app/modules/auth/schema'
import { signup } from '#app/modules/auth/service.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { rateLimit } from '#app/utils/rate-limit.server'
import { replyWithAppError } from '#app/utils/route.server'
import { requireAnonymous, startSession } from '#app/utils/session.server'
import { readFormData } from '#app/utils/form.server'

export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const t = await getRequestT(request)
  return json({ title: t('auth.signupTitle') })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: signupSchema })
  if (submission.status !== 'success') {
    return json({ result: submission.reply({ hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
  }
  try {
    await rateLimit('signup', context.clientIp ?? 'unknown')
    const user = await signup({ ...submission.value, locale: await getRequestLocale(request) })
    // New users create or join an organisation next.
    return startSession(request, { userId: user.id, clientIp: context.clientIp }, submission.value.redirectTo ?? '/orgs/new')
  } catch (error) {
    return replyWithAppError(request, submission, error)
  }
}

export default function SignupPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'signup',
    lastResult: actionData?.result,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
  })
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-bold">{t('auth.signupTitle')}</h1>
      <p className="mb-6 text-stone-700">{t('auth.signupIntro')}</p>
      <Card>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <Field
            label={t('auth.name')}
            errors={fields.name.errors}
            inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }}
          />
          <Field
            label={t('auth.email')}
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
          />
          <Field
            label={t('auth.password')}
            hint={t('auth.passwordHint')}
            errors={fields.password.errors}
            inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
          />
          <Field
            label={t('auth.confirmPassword')}
            errors={fields.confirmPassword.errors}
            inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
          />
          <Button type="submit" className="w-full" pending={navigation.state === 'submitting'}>
            {t('auth.signupSubmit')}
          </Button>
        </Form>
        <p className="mt-4 text-sm">
          <Link to="/login" className="font-medium text-brand-700 underline">
            {t('auth.haveAccount')}
          </Link>
        </p>
      </Card>
    </div>
  )
}
