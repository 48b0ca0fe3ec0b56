import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from './ui/button'
import { Field, FormErrors, SelectField, TextareaField } from './ui/field'

/** The pitch editor (issue 14), presentational: /pitches/new and /pitches/:id/edit. */
export interface PitchEditorValues {
  firmId?: string
  partnerId?: string | null
  title?: string
  problem?: string
  offer?: string
  referencesText?: string
}

/** The pitch editor: the firm (when several), the partner, the texts; save as a draft or submit to the hub's staff. */
export function PitchEditor({
  firms,
  partners,
  defaults,
  errors,
}: {
  firms: Array<{ id: string; name: string }>
  partners: Array<{ id: string; name: string; hubName: string }>
  defaults: PitchEditorValues
  errors?: Record<string, string[] | undefined>
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const pending = (intent: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  return (
    <Form method="post" className="space-y-5" noValidate>
      <FormErrors errors={errors?.['']} />
      {firms.length > 1 ? (
        <SelectField
          label={t('pitches.form.firm')}
          errors={errors?.firmId}
          selectProps={{ name: 'firmId', id: 'pitch-firm', defaultValue: defaults.firmId ?? firms[0]!.id, required: true }}
          options={firms.map((firm) => ({ value: firm.id, label: firm.name }))}
        />
      ) : (
        <input type="hidden" name="firmId" value={defaults.firmId ?? firms[0]?.id ?? ''} />
      )}
      <SelectField
        label={t('pitches.form.partner')}
        hint={t('pitches.form.partnerHint')}
        errors={errors?.partnerId}
        placeholder={t('pitches.form.choosePartner')}
        selectProps={{ name: 'partnerId', id: 'pitch-partner', defaultValue: defaults.partnerId ?? '', required: true }}
        options={partners.map((partner) => ({ value: partner.id, label: t('pitches.form.partnerOption', { name: partner.name, hub: partner.hubName }) }))}
      />
      <Field label={t('pitches.form.title')} hint={t('pitches.form.titleHint')} errors={errors?.title} inputProps={{ name: 'title', id: 'pitch-title', defaultValue: defaults.title ?? '', required: true, maxLength: 160 }} />
      <TextareaField label={t('pitches.form.problem')} hint={t('pitches.form.problemHint')} errors={errors?.problem} textareaProps={{ name: 'problem', id: 'pitch-problem', defaultValue: defaults.problem ?? '', maxLength: 5000 }} />
      <TextareaField label={t('pitches.form.offer')} hint={t('pitches.form.offerHint')} errors={errors?.offer} textareaProps={{ name: 'offer', id: 'pitch-offer', defaultValue: defaults.offer ?? '', maxLength: 5000 }} />
      <TextareaField
        label={t('pitches.form.references')}
        hint={t('pitches.form.referencesHint')}
        errors={errors?.referencesText}
        textareaProps={{ name: 'referencesText', id: 'pitch-references', defaultValue: defaults.referencesText ?? '', rows: 3, maxLength: 3000 }}
      />
      <p className="text-sm text-stone-700">{t('pitches.form.attachmentsLater')}</p>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="intent" value="submit" pending={pending('submit')}>
          {t('pitches.form.submit')}
        </Button>
        <Button type="submit" name="intent" value="save" variant="secondary" pending={pending('save')}>
          {t('pitches.form.save')}
        </Button>
      </div>
    </Form>
  )
}
