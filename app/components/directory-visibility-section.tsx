import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from './ui/button'
import { Card } from './ui/card'
import { CheckboxField, FormErrors } from './ui/field'

/**
 * A firm's choice to stay out of the firm directory (/firms), on its profile editor: OWNER and
 * ADMIN only (the editor's own rule). Partners and staff then neither find it nor open its
 * directory profile; its organisation page and the engine's recommendations are unchanged.
 */
export function DirectoryVisibilitySection({ hidden }: { hidden: boolean }) {
  const { t } = useTranslation()
  const actionData = useActionData<{ directoryError?: string }>()
  return (
    <Card id="directory" aria-labelledby="directory-title" role="region" className="scroll-mt-6 space-y-4">
      <div>
        <h2 id="directory-title" className="text-lg font-semibold">
          {t('firms.visibility.title')}
        </h2>
        <p className="mt-1 text-sm text-stone-700">{t('firms.visibility.intro')}</p>
      </div>
      <Form method="post" className="space-y-4" key={String(hidden)}>
        <input type="hidden" name="intent" value="directory" />
        <FormErrors errors={actionData?.directoryError ? [actionData.directoryError] : undefined} />
        <CheckboxField
          label={t('firms.visibility.hide')}
          hint={hidden ? t('firms.visibility.hiddenNow') : t('firms.visibility.visibleNow')}
          inputProps={{ name: 'directoryHidden', defaultChecked: hidden, value: 'on' }}
        />
        <Button type="submit">{t('firms.visibility.save')}</Button>
      </Form>
    </Card>
  )
}
