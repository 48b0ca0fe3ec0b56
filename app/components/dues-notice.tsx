import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { translateKey } from '#app/i18n/translate'
import { Alert } from '#app/components/ui/card'

/** What `duesNoticeFor` (billing/gate.server.ts) tells a form's loader, as JSON. */
export type DuesNoticeData =
  | { state: 'closed'; messageKey: string; params: Record<string, string>; billingUrl: string; canPay: boolean }
  | { state: 'grace'; until: string; billingUrl: string; canPay: boolean; organisation: string }

/**
 * Above a form that posts or applies (decision 0032): the refusal to come when the dues gate is
 * closed, with the link to pay for the organisation's owners and admins (the billing page is
 * theirs; other members read whom to ask), before anyone writes a long text for nothing; the grace banner
 * while the grace period runs.
 */
export function DuesNotice({ notice }: { notice: DuesNoticeData | null | undefined }) {
  const { t } = useTranslation()
  if (!notice) return null
  if (notice.state === 'grace') {
    return (
      <div className="mb-6">
      <Alert tone="warning">
        {t('dues.gate.grace', { day: notice.until })}{' '}
        {notice.canPay ? (
          <Link to={notice.billingUrl} className="font-medium underline">
            {t('dues.gate.graceLink')}
          </Link>
        ) : (
          t('dues.gate.graceMember', { organisation: notice.organisation })
        )}
      </Alert>
      </div>
    )
  }
  return (
    <div className="mb-6">
    <Alert tone="danger" title={t('dues.gate.noticeTitle')}>
      <p>{translateKey(t, notice.messageKey, notice.params)}</p>
      <p className="mt-1">{t('dues.gate.noticeDrafts')}</p>
      {notice.canPay ? (
        <p className="mt-2">
          <Link to={notice.billingUrl} className="font-semibold underline">
            {t('dues.gate.pay')}
          </Link>
        </p>
      ) : null}
    </Alert>
    </div>
  )
}
