import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from './ui/button'

/**
 * A new verification link for the signed-in account, posted to /verify-email (intent `resend`),
 * then back to the page it was asked from.
 */
export function ResendVerificationForm({ back, className }: { back: string; className?: string }) {
  const { t } = useTranslation()
  return (
    <Form method="post" action="/verify-email" className={className}>
      <input type="hidden" name="redirectTo" value={back} />
      <Button type="submit" name="intent" value="resend" variant="secondary" size="sm">
        {t('account.verify.resend')}
      </Button>
    </Form>
  )
}
