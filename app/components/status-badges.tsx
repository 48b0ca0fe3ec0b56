import { useTranslation } from 'react-i18next'
import { Badge, type Tone } from './ui/card'
import { translateKey } from '#app/i18n/translate'

const needTones: Record<string, Tone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  CHANGES_REQUESTED: 'warning',
  PUBLISHED: 'success',
  CLOSED: 'neutral',
  AWARDED: 'success',
  NOT_AWARDED: 'neutral',
  ARCHIVED: 'neutral',
}

export function NeedStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation()
  return <Badge tone={needTones[status] ?? 'neutral'}>{translateKey(t, `needStatus.${status}`)}</Badge>
}

const applicationTones: Record<string, Tone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  SCREENING: 'info',
  SHORTLISTED: 'success',
  INFO_REQUESTED: 'warning',
  ACCEPTED: 'success',
  DECLINED: 'danger',
  WITHDRAWN: 'neutral',
}

export function ApplicationStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation()
  return <Badge tone={applicationTones[status] ?? 'neutral'}>{translateKey(t, `applicationStatus.${status}`)}</Badge>
}

const orgTones: Record<string, Tone> = { PENDING: 'warning', VERIFIED: 'success', REJECTED: 'danger', SUSPENDED: 'danger' }

export function OrgStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation()
  return <Badge tone={orgTones[status] ?? 'neutral'}>{translateKey(t, `orgStatus.${status}`)}</Badge>
}

const emailTones: Record<string, Tone> = { QUEUED: 'info', SENT: 'success', FAILED: 'danger', OUTBOX: 'neutral' }

export function EmailStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation()
  return <Badge tone={emailTones[status] ?? 'neutral'}>{translateKey(t, `emailStatus.${status}`)}</Badge>
}
