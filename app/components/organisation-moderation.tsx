import { useTranslation } from 'react-i18next'
import { Button } from './ui/button'

/** The verification actions an organisation's status allows (the same on its staff page). */
export function ModerationButtons({ status, pending }: { status: string; pending?: boolean }) {
  const { t } = useTranslation()
  if (status === 'PENDING') {
    return (
      <>
        <Button type="submit" name="action" value="verify" size="sm" pending={pending}>
          {t('staffOrgs.verify')}
        </Button>
        <Button type="submit" name="action" value="reject" size="sm" variant="danger">
          {t('staffOrgs.reject')}
        </Button>
      </>
    )
  }
  if (status === 'VERIFIED') {
    return (
      <Button type="submit" name="action" value="suspend" size="sm" variant="danger">
        {t('staffOrgs.suspend')}
      </Button>
    )
  }
  if (status === 'SUSPENDED') {
    return (
      <Button type="submit" name="action" value="reinstate" size="sm">
        {t('staffOrgs.reinstate')}
      </Button>
    )
  }
  return null
}
