import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field, TextareaField } from './ui/field'

type Errors = string[] | undefined

/** A working group's settings (name, theme, description, who may join), for creating and editing it. */
export function GroupSettingsFields({
  fields,
}: {
  fields: {
    name: { errors: Errors; props: InputHTMLAttributes<HTMLInputElement> }
    theme: { errors: Errors; props: InputHTMLAttributes<HTMLInputElement> }
    description: { errors: Errors; props: TextareaHTMLAttributes<HTMLTextAreaElement> }
    audience: { errors: Errors; name: string; value: string }
  }
}) {
  const { t } = useTranslation()
  return (
    <>
      <Field label={t('groups.form.name')} errors={fields.name.errors} inputProps={fields.name.props} />
      <Field label={t('groups.form.theme')} hint={t('groups.form.themeHint')} errors={fields.theme.errors} inputProps={fields.theme.props} />
      <TextareaField label={t('groups.form.description')} errors={fields.description.errors} textareaProps={{ ...fields.description.props, rows: 4 }} />
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">{t('groups.form.audience')}</legend>
        <div className="mt-2 space-y-1">
          {(['all', 'hub'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" name={fields.audience.name} value={value} defaultChecked={fields.audience.value === value} className="size-4 border-stone-400" />
              {t(`groups.form.audiences.${value}`)}
            </label>
          ))}
        </div>
        <ErrorList errors={fields.audience.errors} />
      </fieldset>
    </>
  )
}
