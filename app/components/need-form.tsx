import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { needFormSchema, needKinds, matchingModes, visibilities } from '#app/modules/needs/schema'
import { revenueBands } from '#app/modules/organisations/schema'
import { CommuneField } from './commune-field'
import { NafField } from './pickers/naf-field'
import { TagsField } from './pickers/tags-field'
import { Button } from './ui/button'
import { Card } from './ui/card'
import { CheckboxField, ErrorList, Field, FormErrors, SelectField, TextareaField } from './ui/field'

export interface NeedFormDefaults {
  kind?: string
  title?: string
  summary?: string
  description?: string
  skills?: string
  nafCodes?: string
  budgetMinEur?: string
  budgetMaxEur?: string
  deadline?: string
  expectedStart?: string
  communeInsee?: string
  radiusKm?: string
  remoteOk?: boolean
  headcountMin?: string
  headcountMax?: string
  revenueBands?: string[]
  minAgeYears?: string
  visibility?: string
  matchingMode?: string
  screeningRequired?: boolean
  sharedHubIds?: string[]
  workingGroupId?: string
  reservedCohortId?: string
  reservedDays?: string
}

/**
 * What the partner may address its need to (decision 0026): groups, and its home hub's cohorts.
 * Editing, the need's own group and cohort are among them, marked archived (or ended) since.
 */
export interface NeedAudienceOptions {
  groups: Array<{ id: string; name: string; hubShortName: string; archived?: boolean }>
  cohorts: Array<{ id: string; name: string; year: number; archived?: boolean; ended?: boolean }>
}

/** The need editor, shared by "new need" and "edit draft". */
export function NeedForm({
  id,
  lastResult,
  defaultValue,
  otherHubs,
  audience,
  mode = 'draft',
}: {
  mode?: 'draft' | 'revision'
  id: string
  lastResult?: SubmissionResult<string[]> | null
  defaultValue?: NeedFormDefaults
  otherHubs: Array<{ id: string; name: string }>
  audience: NeedAudienceOptions
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: needFormSchema }),
  })
  const pendingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const selectedBands = new Set(defaultValue?.revenueBands ?? [])
  const selectedHubs = new Set(defaultValue?.sharedHubIds ?? [])

  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t('needForm.sectionWhat')}</h2>
        <SelectField
          label={t('needForm.kind')}
          errors={fields.kind.errors}
          selectProps={getSelectProps(fields.kind)}
          placeholder={t('needForm.choose')}
          options={needKinds.map((kind) => ({ value: kind, label: t(`needKind.${kind}`) }))}
        />
        <Field
          label={t('needForm.title')}
          hint={t('needForm.titleHint')}
          errors={fields.title.errors}
          inputProps={getInputProps(fields.title, { type: 'text' })}
        />
        <TextareaField
          label={t('needForm.summary')}
          hint={t('needForm.summaryHint')}
          errors={fields.summary.errors}
          textareaProps={{ ...getTextareaProps(fields.summary), rows: 2 }}
        />
        <TextareaField
          label={t('needForm.description')}
          hint={t('needForm.descriptionHint')}
          errors={fields.description.errors}
          textareaProps={{ ...getTextareaProps(fields.description), rows: 8 }}
        />
        <TagsField
          label={t('needForm.skills')}
          hint={t('needForm.skillsHint')}
          errors={fields.skills.errors}
          inputProps={getInputProps(fields.skills, { type: 'text' })}
        />
        <NafField
          label={t('needForm.nafCodes')}
          hint={t('needForm.nafCodesHint')}
          errors={fields.nafCodes.errors}
          inputProps={getInputProps(fields.nafCodes, { type: 'text' })}
        />
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t('needForm.sectionBudget')}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t('needForm.budgetMin')}
            errors={fields.budgetMinEur.errors}
            inputProps={{ ...getInputProps(fields.budgetMinEur, { type: 'number' }), min: 0, step: 1000 }}
          />
          <Field
            label={t('needForm.budgetMax')}
            errors={fields.budgetMaxEur.errors}
            inputProps={{ ...getInputProps(fields.budgetMaxEur, { type: 'number' }), min: 0, step: 1000 }}
          />
          <Field
            label={t('needForm.deadline')}
            errors={fields.deadline.errors}
            inputProps={getInputProps(fields.deadline, { type: 'date' })}
          />
          <Field
            label={t('needForm.expectedStart')}
            errors={fields.expectedStart.errors}
            inputProps={getInputProps(fields.expectedStart, { type: 'date' })}
          />
        </div>
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t('needForm.sectionWhere')}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <CommuneField
            label={t('needForm.commune')}
            hint={t('needForm.communeHint')}
            errors={fields.communeInsee.errors}
            inputProps={getInputProps(fields.communeInsee, { type: 'text' })}
          />
          <Field
            label={t('needForm.radius')}
            errors={fields.radiusKm.errors}
            inputProps={{ ...getInputProps(fields.radiusKm, { type: 'number' }), min: 1, max: 1000 }}
          />
        </div>
        <CheckboxField
          label={t('needForm.remoteOk')}
          errors={fields.remoteOk.errors}
          inputProps={getInputProps(fields.remoteOk, { type: 'checkbox' })}
        />
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t('needForm.sectionEligibility')}</h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            label={t('needForm.headcountMin')}
            errors={fields.headcountMin.errors}
            inputProps={{ ...getInputProps(fields.headcountMin, { type: 'number' }), min: 1 }}
          />
          <Field
            label={t('needForm.headcountMax')}
            errors={fields.headcountMax.errors}
            inputProps={{ ...getInputProps(fields.headcountMax, { type: 'number' }), min: 1 }}
          />
          <Field
            label={t('needForm.minAge')}
            errors={fields.minAgeYears.errors}
            inputProps={{ ...getInputProps(fields.minAgeYears, { type: 'number' }), min: 0, max: 100 }}
          />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-stone-800">{t('needForm.revenueBands')}</legend>
          <p className="text-sm text-stone-600">{t('needForm.revenueBandsHint')}</p>
          <div className="mt-2 flex flex-wrap gap-4">
            {revenueBands.map((band) => (
              <label key={band} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={fields.revenueBands.name}
                  value={band}
                  defaultChecked={selectedBands.has(band)}
                  className="size-4 rounded border-stone-400"
                />
                {t(`revenueBand.${band}`)}
              </label>
            ))}
          </div>
          <ErrorList errors={fields.revenueBands.errors} />
        </fieldset>
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t('needForm.sectionAudience')}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('needForm.visibility')}
            hint={t('needForm.visibilityHint')}
            errors={fields.visibility.errors}
            selectProps={getSelectProps(fields.visibility)}
            options={visibilities.map((value) => ({ value, label: t(`visibility.${value}`) }))}
          />
          <SelectField
            label={t('needForm.matchingMode')}
            hint={t('needForm.matchingModeHint')}
            errors={fields.matchingMode.errors}
            selectProps={getSelectProps(fields.matchingMode)}
            options={matchingModes.map((value) => ({ value, label: t(`matchingMode.${value}`) }))}
          />
        </div>
        <CheckboxField
          label={t('needForm.screening')}
          hint={t('needForm.screeningHint')}
          errors={fields.screeningRequired.errors}
          inputProps={getInputProps(fields.screeningRequired, { type: 'checkbox' })}
        />
        {otherHubs.length === 0 ? <ErrorList errors={Object.values(fields.sharedHubIds.allErrors).flat()} /> : null}
        {otherHubs.length > 0 ? (
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">{t('needForm.sharedHubs')}</legend>
            <p className="text-sm text-stone-600">{t('needForm.sharedHubsHint')}</p>
            <div className="mt-2 flex flex-wrap gap-4">
              {otherHubs.map((hub) => (
                <label key={hub.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={fields.sharedHubIds.name}
                    value={hub.id}
                    defaultChecked={selectedHubs.has(hub.id)}
                    className="size-4 rounded border-stone-400"
                  />
                  {hub.name}
                </label>
              ))}
            </div>
            <ErrorList errors={Object.values(fields.sharedHubIds.allErrors).flat()} />
          </fieldset>
        ) : null}
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t('groups.needForm.section')}</h2>
        <SelectField
          label={t('groups.needForm.group')}
          hint={audience.groups.length > 0 ? t('groups.needForm.groupHint') : t('groups.needForm.noGroup')}
          errors={fields.workingGroupId.errors}
          selectProps={getSelectProps(fields.workingGroupId)}
          placeholder={t('groups.needForm.none')}
          options={audience.groups.map((group) => ({
            value: group.id,
            label: `${group.name} (${group.hubShortName})${group.archived ? ` — ${t('groups.needForm.groupArchived')}` : ''}`,
          }))}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('groups.needForm.cohort')}
            hint={mode === 'revision' ? t('groups.needForm.cohortFixed') : audience.cohorts.length > 0 ? t('groups.needForm.cohortHint') : t('groups.needForm.noCohort')}
            errors={fields.reservedCohortId.errors}
            selectProps={getSelectProps(fields.reservedCohortId)}
            placeholder={t('groups.needForm.none')}
            // A published need's reservation is fixed (decision 0026): only the one it has is offered.
            options={(mode === 'revision' ? audience.cohorts.filter((cohort) => cohort.id === defaultValue?.reservedCohortId) : audience.cohorts).map((cohort) => ({
              value: cohort.id,
              label: `${cohort.name} (${cohort.year})${cohort.archived ? ` — ${t('groups.needForm.cohortArchived')}` : cohort.ended ? ` — ${t('groups.needForm.cohortEnded')}` : ''}`,
            }))}
          />
          <Field
            label={t('groups.needForm.days')}
            hint={t('groups.needForm.daysHint')}
            errors={fields.reservedDays.errors}
            inputProps={{ ...getInputProps(fields.reservedDays, { type: 'number' }), min: 1, max: 30, readOnly: mode === 'revision' }}
          />
        </div>
      </Card>

      <div className="flex flex-wrap justify-end gap-3">
        {mode === 'draft' ? (
          <Button type="submit" name="intent" value="save" variant="secondary" pending={pendingIntent === 'save'}>
            {t('needForm.saveDraft')}
          </Button>
        ) : null}
        <Button type="submit" name="intent" value="submit" pending={pendingIntent === 'submit'}>
          {mode === 'revision' ? t('needForm.submitRevision') : t('needForm.submit')}
        </Button>
      </div>
    </Form>
  )
}

function isoDate(value: Date | string | null) {
  if (!value) return ''
  return (typeof value === 'string' ? value : value.toISOString()).slice(0, 10)
}

const text = (value: number | null) => (value === null ? '' : String(value))

/** A stored need as the editor's default values. */
export function needFormDefaults(need: {
  kind: string
  title: string
  summary: string
  description: string
  skills: string[]
  nafCodes: string[]
  budgetMinEur: number | null
  budgetMaxEur: number | null
  deadline: Date | string | null
  expectedStart: Date | string | null
  communeInsee: string | null
  communeName: string | null
  radiusKm: number | null
  remoteOk: boolean
  headcountMin: number | null
  headcountMax: number | null
  revenueBands: string[]
  minAgeYears: number | null
  visibility: string
  matchingMode: string
  screeningRequired: boolean
  sharedWith: Array<{ hubId: string }>
  workingGroupId?: string | null
  reservedCohortId?: string | null
  reservedDays?: number | null
}): NeedFormDefaults {
  return {
    kind: need.kind,
    title: need.title,
    summary: need.summary,
    description: need.description,
    skills: need.skills.join(', '),
    nafCodes: need.nafCodes.join(', '),
    budgetMinEur: text(need.budgetMinEur),
    budgetMaxEur: text(need.budgetMaxEur),
    deadline: isoDate(need.deadline),
    expectedStart: isoDate(need.expectedStart),
    communeInsee: need.communeInsee && need.communeName ? `${need.communeName} (${need.communeInsee.slice(0, 2)})` : '',
    radiusKm: text(need.radiusKm),
    remoteOk: need.remoteOk,
    headcountMin: text(need.headcountMin),
    headcountMax: text(need.headcountMax),
    revenueBands: need.revenueBands,
    minAgeYears: text(need.minAgeYears),
    visibility: need.visibility,
    matchingMode: need.matchingMode,
    screeningRequired: need.screeningRequired,
    sharedHubIds: need.sharedWith.map((share) => share.hubId),
    workingGroupId: need.workingGroupId ?? '',
    reservedCohortId: need.reservedCohortId ?? '',
    reservedDays: text(need.reservedDays ?? null),
  }
}
