import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button'
import { Alert, Card } from '#app/components/ui/card'
import { FormErrors } from '#app/components/ui/field'
import { safeRedirectPath, verifyEmailSchema } from '#app/modules/auth/schema'
import { describeVerification, resendVerification, verifyEmail } from '#app/modules/auth/service.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { rateLimit } from '#app/utils/rate-limit.server'
import { replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData, singleValue } from '#app/utils/form.server'
import { isAppError } from '#app/modules/shared/app-error'

export const meta = titleMeta

/**
 * The link of a verification e-mail. Opening it shows what it confirms; the button uses it (a
 * POST), so a mail scanner that fetches links does not spend it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getRequestT(request)
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const verification = token ? await describeVerification(token) : null
  return json({ title: t('account.verify.title'), token: verification ? token : null, verification })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request)
  if (singleValue(formData, 'intent') === 'resend') {
    // From the banner: a new link for the signed-in account.
    const actor = await requireActor(request)
    try {
      await rateLimit('passwordReset', `verify:${actor.userId}`)
      const { alreadyVerified } = await resendVerification(actor.userId, context.requestId)
      return redirectWithToast(safeBack(formData), { messageKey: alreadyVerified ? 'account.verify.alreadyVerified' : 'account.verify.resent' })
    } catch (error) {
      // Too many links asked for: said where the button was, with the wait.
      if (isAppError(error)) return redirectWithToast(safeBack(formData), { type: 'error', messageKey: error.messageKey, values: error.params })
      throw error
    }
  }
  const submission = parseWithZod(formData, { schema: verifyEmailSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    const verified = await verifyEmail(submission.value.token, context.requestId)
    return redirectWithToast('/', { messageKey: verified.changed ? 'account.verify.changed' : 'account.verify.done', values: { email: verified.email } })
  } catch (error) {
    return replyWithAppError(request, submission, error)
  }
}

function safeBack(formData: FormData) {
  const back = singleValue(formData, 'redirectTo')
  return (typeof back === 'string' && safeRedirectPath(back)) || '/account'
}

export default function VerifyEmailPage() {
  const { t } = useTranslation()
  const { token, verification } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form] = useForm({ id: 'verify-email', lastResult: actionData && 'result' in actionData ? actionData.result : undefined })
  if (!token || !verification) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-bold">{t('account.verify.title')}</h1>
        <Alert tone="warning" title={t('account.errors.linkInvalid')} />
        <Link to="/account" className="font-medium text-brand-700 underline">
          {t('account.title')}
        </Link>
      </div>
    )
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-bold">{t('account.verify.title')}</h1>
      <Card>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(form.allErrors.token ?? [])]} />
          <p>{t(verification.change ? 'account.verify.confirmChangeBody' : 'account.verify.confirmBody', { email: verification.email })}</p>
          <input type="hidden" name="token" value={token} />
          <Button type="submit" name="intent" value="confirm" className="w-full" pending={navigation.state === 'submitting'}>
            {t('account.verify.confirm')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
