import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { departements } from '#app/modules/organisations/departements'
import { interventionSectionSchema, PROFILE_LIMITS, type interventionDefaults } from '#app/modules/organisations/profile-schema'
import { Button } from './ui/button'
import { Card } from './ui/card'
import { ErrorList, Field, FormErrors } from './ui/field'

/**
 * A firm's « Zone d’intervention » on its profile editor: the départements where it also takes on
 * projects (checkboxes, overseas included) and how far it travels from its commune.
 */
export function InterventionAreaSection({
  defaults,
  lastResult,
  submitting,
}: {
  defaults: ReturnType<typeof interventionDefaults>
  lastResult: SubmissionResult<string[]> | undefined
  submitting: boolean
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'profile-intervention',
    lastResult,
    defaultValue: defaults,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: interventionSectionSchema }),
  })
  const chosen = new Set(defaults.interventionDepartements)
  const departementsError = `${fields.interventionDepartements.id}-error`
  return (
    <Card id="intervention" aria-labelledby="intervention-title" role="region" className="scroll-mt-6 space-y-4">
      <div>
        <h2 id="intervention-title" className="text-lg font-semibold">
          {t('profile.intervention.title')}
        </h2>
        <p className="mt-1 text-sm text-stone-700">{t('profile.intervention.intro')}</p>
      </div>
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="intervention" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset aria-describedby={fields.interventionDepartements.errors ? departementsError : undefined}>
          <legend className="text-sm font-medium text-stone-800">{t('profile.intervention.departements')}</legend>
          <p className="text-sm text-stone-600">{t('profile.intervention.departementsHint', { count: chosen.size })}</p>
          <div className="mt-2 grid max-h-72 gap-x-4 gap-y-1 overflow-y-auto rounded-md p-2 ring-1 ring-inset ring-stone-300 sm:grid-cols-2">
            {departements.map((departement) => (
              <label key={departement.code} className="flex items-center gap-2 text-sm text-stone-800">
                <input
                  type="checkbox"
                  name={fields.interventionDepartements.name}
                  value={departement.code}
                  defaultChecked={chosen.has(departement.code)}
                  className="size-4 rounded border-stone-400 text-brand-700 focus:ring-brand-600"
                />
                {`${departement.name} (${departement.code})`}
              </label>
            ))}
          </div>
          <ErrorList id={departementsError} errors={fields.interventionDepartements.errors} />
        </fieldset>
        <Field
          label={t('profile.intervention.radiusKm')}
          hint={t('profile.intervention.radiusKmHint')}
          errors={fields.interventionRadiusKm.errors}
          inputProps={{
            ...getInputProps(fields.interventionRadiusKm, { type: 'number' }),
            min: PROFILE_LIMITS.interventionRadiusKm.min,
            max: PROFILE_LIMITS.interventionRadiusKm.max,
            step: 1,
          }}
        />
        <Button type="submit" pending={submitting}>
          {t('profile.intervention.submit')}
        </Button>
      </Form>
    </Card>
  )
}
