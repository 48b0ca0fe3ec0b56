import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CommuneField } from '#app/components/commune-field'
import { DirectoryVisibilitySection } from '#app/components/directory-visibility-section'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { InterventionAreaSection } from '#app/components/intervention-area'
import { NafField } from '#app/components/pickers/naf-field'
import { TagsField } from '#app/components/pickers/tags-field'
import { OrgStatusBadge } from '#app/components/status-badges'
import { Button, LinkButton } from '#app/components/ui/button'
import { Alert, Card, PageHeader } from '#app/components/ui/card'
import { CheckboxField, Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field'
import { formatDate } from '#app/i18n/format'
import { translateKey } from '#app/i18n/translate'
import { directoryVisibilitySchema } from '#app/modules/firms/schema'
import { setDirectoryHidden } from '#app/modules/firms/service.server'
import {
  addReferenceSchema,
  charterSectionSchema,
  clientTypes,
  expertiseDefaults,
  expertiseSectionSchema,
  generalDefaults,
  generalSectionSchema,
  interventionDefaults,
  PROFILE_LIMITS,
  profileActionSchema,
  referenceDefaults,
  suggestedLabels,
  updateReferenceSchema,
  type ProfileIntent,
} from '#app/modules/organisations/profile-schema'
import { applyProfileAction, getProfileForEditing, requireProfileEditor } from '#app/modules/organisations/profile.server'
import { revenueBands } from '#app/modules/organisations/schema'
import type { Actor } from '#app/modules/policy/policy'
import { readFormData } from '#app/utils/form.server'
import { getRequestLocale, getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const [profile, t, locale] = await Promise.all([
      getProfileForEditing(actor, requireParam(params, 'slug')),
      getRequestT(request),
      getRequestLocale(request),
    ])
    return json({ title: t('profile.edit.title', { name: profile.organisation.name }), locale, ...profile })
  })
}

const afterSave: Record<ProfileIntent, { anchor: string; messageKey: string }> = {
  general: { anchor: 'general', messageKey: 'profile.toast.general' },
  expertise: { anchor: 'expertise', messageKey: 'profile.toast.expertise' },
  intervention: { anchor: 'intervention', messageKey: 'profile.toast.intervention' },
  'reference-add': { anchor: 'references', messageKey: 'profile.toast.referenceAdded' },
  'reference-update': { anchor: 'references', messageKey: 'profile.toast.referenceUpdated' },
  'reference-remove': { anchor: 'references', messageKey: 'profile.toast.referenceRemoved' },
  charter: { anchor: 'charter', messageKey: 'profile.toast.charter' },
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const slug = requireParam(params, 'slug')
    // Authorise before reading the form: outsiders get 404 and plain members 403 whatever they post.
    await requireProfileEditor(actor, slug)
    const formData = await readFormData(request)
    // A firm's presence in the firm directory (issue 14), apart from the profile's sections.
    if (formData.get('intent') === 'directory') return directoryVisibilityAction(request, actor, slug, formData, context.requestId)
    const submission = parseWithZod(formData, { schema: profileActionSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      const { intent } = await applyProfileAction(actor, slug, submission.value, context.requestId)
      const { anchor, messageKey } = afterSave[intent]
      return redirectWithToast(`/orgs/${slug}/edit#${anchor}`, { messageKey })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

async function directoryVisibilityAction(request: Request, actor: Actor, slug: string, formData: FormData, requestId?: string) {
  const parsed = directoryVisibilitySchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success || formData.getAll('directoryHidden').length > 1) {
    const t = await getRequestT(request)
    return json({ directoryError: translateKey(t, 'validation.invalidChoice') }, { status: 400 })
  }
  const { hidden } = await setDirectoryHidden(actor, slug, parsed.data.directoryHidden, requestId)
  return redirectWithToast(`/orgs/${slug}/edit#directory`, { messageKey: hidden ? 'firms.visibility.hiddenToast' : 'firms.visibility.shownToast' })
}

type LastResult = SubmissionResult<string[]> | undefined

/** The answer to the form that was sent, for that form only. */
function useResultFor(intent: ProfileIntent, referenceId?: string): LastResult {
  const actionData = useActionData<typeof action>()
  const result = (actionData && 'result' in actionData ? actionData.result : undefined) as LastResult
  const initial = (result?.initialValue ?? {}) as Record<string, unknown>
  if (initial.intent !== intent) return undefined
  if (referenceId !== undefined && initial.referenceId !== referenceId) return undefined
  return result
}

function useSubmitting(intent: ProfileIntent, referenceId?: string) {
  const navigation = useNavigation()
  return (
    navigation.state === 'submitting' &&
    navigation.formData?.get('intent') === intent &&
    (referenceId === undefined || navigation.formData?.get('referenceId') === referenceId)
  )
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <Card id={id} aria-labelledby={`${id}-title`} role="region" className="scroll-mt-6 space-y-4">
      <div>
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {intro ? <p className="mt-1 text-sm text-stone-700">{intro}</p> : null}
      </div>
      {children}
    </Card>
  )
}

export default function EditProfilePage() {
  const { organisation, references, naf, charter, limits, locale } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const version = organisation.updatedAt
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t('profile.edit.title', { name: organisation.name })}
        description={t('profile.edit.intro')}
        actions={
          <LinkButton to={`/orgs/${organisation.slug}`} variant="secondary">
            {t('profile.edit.back')}
          </LinkButton>
        }
      />

      <Section id="identity" title={t('profile.edit.identity')}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-stone-600">{t('profile.edit.siren')}</dt>
            <dd>{organisation.siren ?? '—'}</dd>
          </div>
          <div>
            <dt className="font-medium text-stone-600">{t('profile.edit.kind')}</dt>
            <dd>{t(`orgKind.${organisation.kind}`)}</dd>
          </div>
          <div>
            <dt className="font-medium text-stone-600">{t('profile.edit.status')}</dt>
            <dd>
              <OrgStatusBadge status={organisation.status} />
            </dd>
          </div>
          <div>
            <dt className="font-medium text-stone-600">{t('profile.edit.hub')}</dt>
            <dd>{organisation.hubName}</dd>
          </div>
        </dl>
        <Alert tone="info">{t('profile.edit.identityLocked')}</Alert>
      </Section>

      <GeneralSection key={`general-${version}`} defaults={generalDefaults(organisation)} isFirm={organisation.kind === 'FIRM'} />

      {organisation.kind === 'FIRM' ? (
        <>
          <ExpertiseSection
            key={`expertise-${version}`}
            defaults={expertiseDefaults(organisation)}
            knownLabels={Object.fromEntries(naf.flatMap((item) => (item.label ? [[item.code, item.label]] : [])))}
          />
          <InterventionSection key={`intervention-${version}`} defaults={interventionDefaults(organisation)} />
          <Section
            id="references"
            title={t('profile.references.title')}
            intro={t('profile.references.intro', { max: limits.references })}
          >
            <ReferenceRemovalErrors />
            <p className="text-sm font-medium text-stone-700">{t('profile.references.count', { count: references.length, max: limits.references })}</p>
            {references.length === 0 ? (
              <p className="text-sm text-stone-600">{t('profile.references.empty')}</p>
            ) : (
              <ul className="divide-y divide-stone-200">
                {references.map((reference) => (
                  <ReferenceItem key={`${reference.id}-${JSON.stringify(reference)}`} reference={reference} />
                ))}
              </ul>
            )}
            {references.length < limits.references ? (
              <AddReferenceForm key={`add-${references.length}-${version}`} />
            ) : (
              <Alert tone="warning">{t('profile.references.limitReached', { max: limits.references })}</Alert>
            )}
          </Section>
          <DirectoryVisibilitySection hidden={organisation.directoryHidden} />
        </>
      ) : (
        <CharterSection
          key={`charter-${version}`}
          acceptedAt={organisation.charterAcceptedAt ? formatDate(organisation.charterAcceptedAt, locale) : null}
          defaults={charter}
        />
      )}
    </div>
  )
}

function GeneralSection({ defaults, isFirm }: { defaults: ReturnType<typeof generalDefaults>; isFirm: boolean }) {
  const { t } = useTranslation()
  const submitting = useSubmitting('general')
  const [form, fields] = useForm({
    id: 'profile-general',
    lastResult: useResultFor('general'),
    defaultValue: defaults,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: generalSectionSchema }),
  })
  return (
    <Section id="general" title={t('profile.general.title')}>
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="general" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('profile.general.name')} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: 'text' })} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t('profile.general.website')}
            hint={t('profile.general.websiteHint')}
            errors={fields.website.errors}
            inputProps={getInputProps(fields.website, { type: 'url' })}
          />
          <CommuneField
            label={t('profile.general.commune')}
            hint={isFirm ? t('profile.general.communeHintFirm') : t('profile.general.communeHint')}
            errors={fields.communeInsee.errors}
            inputProps={getInputProps(fields.communeInsee, { type: 'text' })}
          />
          <Field
            label={t('profile.general.headcount')}
            errors={fields.headcount.errors}
            inputProps={{ ...getInputProps(fields.headcount, { type: 'number' }), min: 1, step: 1 }}
          />
          <SelectField
            label={t('profile.general.revenueBand')}
            errors={fields.revenueBand.errors}
            selectProps={getSelectProps(fields.revenueBand)}
            placeholder={t('profile.page.notSet')}
            options={revenueBands.map((band) => ({ value: band, label: t(`revenueBand.${band}`) }))}
          />
          <Field
            label={t('profile.general.foundedYear')}
            errors={fields.foundedYear.errors}
            inputProps={{ ...getInputProps(fields.foundedYear, { type: 'number' }), min: 1800, step: 1 }}
          />
        </div>
        <TextareaField
          label={t('profile.general.description')}
          hint={t('profile.general.descriptionHint')}
          errors={fields.description.errors}
          textareaProps={{ ...getTextareaProps(fields.description), rows: 8 }}
        />
        <TextareaField
          label={t('profile.general.offerings')}
          hint={t('profile.general.offeringsHint')}
          errors={fields.offerings.errors}
          textareaProps={{ ...getTextareaProps(fields.offerings), rows: 6 }}
        />
        <Button type="submit" pending={submitting}>
          {t('profile.general.submit')}
        </Button>
      </Form>
    </Section>
  )
}

function InterventionSection({ defaults }: { defaults: ReturnType<typeof interventionDefaults> }) {
  return <InterventionAreaSection defaults={defaults} lastResult={useResultFor('intervention')} submitting={useSubmitting('intervention')} />
}

function ExpertiseSection({ defaults, knownLabels }: { defaults: ReturnType<typeof expertiseDefaults>; knownLabels: Record<string, string> }) {
  const { t } = useTranslation()
  const submitting = useSubmitting('expertise')
  const [form, fields] = useForm({
    id: 'profile-expertise',
    lastResult: useResultFor('expertise'),
    defaultValue: defaults,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: expertiseSectionSchema }),
  })
  return (
    <Section id="expertise" title={t('profile.expertise.title')} intro={t('profile.expertise.intro')}>
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="expertise" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TagsField
          label={t('profile.expertise.skills')}
          hint={t('profile.expertise.skillsHint')}
          errors={fields.skills.errors}
          inputProps={getInputProps(fields.skills, { type: 'text' })}
        />
        <NafField
          label={t('profile.expertise.nafCodes')}
          hint={t('profile.expertise.nafCodesHint')}
          errors={fields.nafCodes.errors}
          inputProps={getInputProps(fields.nafCodes, { type: 'text' })}
          knownLabels={knownLabels}
        />
        <TagsField
          label={t('profile.expertise.labels')}
          hint={t('profile.expertise.labelsHint')}
          errors={fields.labels.errors}
          inputProps={getInputProps(fields.labels, { type: 'text' })}
          source={null}
          suggestions={suggestedLabels}
        />
        <Button type="submit" pending={submitting}>
          {t('profile.expertise.submit')}
        </Button>
      </Form>
    </Section>
  )
}

interface ReferenceView {
  id: string
  title: string
  description: string
  clientType: string | null
  year: number | null
  outcome: string | null
}

function ReferenceFields({ fields }: { fields: ReturnType<typeof useReferenceForm>[1] }) {
  const { t } = useTranslation()
  return (
    <>
      <Field label={t('profile.references.fieldTitle')} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: 'text' })} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('profile.references.clientType')}
          errors={fields.clientType.errors}
          selectProps={getSelectProps(fields.clientType)}
          placeholder={t('profile.references.choose')}
          options={clientTypes.map((type) => ({ value: type, label: t(`profile.clientType.${type}`) }))}
        />
        <Field
          label={t('profile.references.year')}
          errors={fields.year.errors}
          inputProps={{ ...getInputProps(fields.year, { type: 'number' }), min: 1950, step: 1 }}
        />
      </div>
      <TextareaField
        label={t('profile.references.fieldDescription')}
        hint={t('profile.references.fieldDescriptionHint')}
        errors={fields.description.errors}
        textareaProps={{ ...getTextareaProps(fields.description), rows: 4 }}
      />
      <Field
        label={t('profile.references.outcome')}
        hint={t('profile.references.outcomeHint')}
        errors={fields.outcome.errors}
        inputProps={getInputProps(fields.outcome, { type: 'text' })}
      />
    </>
  )
}

function useReferenceForm(id: string, lastResult: LastResult, defaultValue?: ReturnType<typeof referenceDefaults>) {
  return useForm({
    id,
    lastResult,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: defaultValue ? updateReferenceSchema : addReferenceSchema }),
  })
}

function AddReferenceForm() {
  const { t } = useTranslation()
  const submitting = useSubmitting('reference-add')
  const [form, fields] = useReferenceForm('profile-reference-add', useResultFor('reference-add'))
  return (
    <Form method="post" className="space-y-4 border-t border-stone-200 pt-4" {...getFormProps(form)}>
      <h3 className="font-semibold">{t('profile.references.addTitle')}</h3>
      <input type="hidden" name="intent" value="reference-add" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <ReferenceFields fields={fields} />
      <Button type="submit" pending={submitting}>
        {t('profile.references.add')}
      </Button>
    </Form>
  )
}

function ReferenceItem({ reference }: { reference: ReferenceView }) {
  const { t } = useTranslation()
  const lastResult = useResultFor('reference-update', reference.id)
  const submitting = useSubmitting('reference-update', reference.id)
  const removing = useSubmitting('reference-remove', reference.id)
  const [form, fields] = useReferenceForm(`profile-reference-${reference.id}`, lastResult, referenceDefaults(reference))
  const client = reference.clientType && (clientTypes as readonly string[]).includes(reference.clientType) ? t(`profile.clientType.${reference.clientType as (typeof clientTypes)[number]}`) : null
  const meta = [client, reference.year ? String(reference.year) : null].filter(Boolean).join(' · ')
  return (
    <li className="space-y-2 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="font-medium">{reference.title}</p>
          {meta ? <p className="text-sm text-stone-600">{meta}</p> : null}
        </div>
        <Form method="post">
          <input type="hidden" name="intent" value="reference-remove" />
          <input type="hidden" name="referenceId" value={reference.id} />
          <Button type="submit" size="sm" variant="secondary" pending={removing} aria-label={t('profile.references.removeLabel', { title: reference.title })}>
            {t('profile.references.remove')}
          </Button>
        </Form>
      </div>
      {reference.description ? <p className="whitespace-pre-line text-sm text-stone-800">{reference.description}</p> : null}
      {reference.outcome ? (
        <p className="text-sm text-stone-700">
          <span className="font-medium">{t('profile.references.outcome')}</span> — {reference.outcome}
        </p>
      ) : null}
      <details open={Boolean(lastResult)} className="rounded-md bg-stone-50 p-3">
        <summary className="cursor-pointer text-sm font-semibold text-brand-700">
          {t('profile.references.edit')}
          <span className="sr-only"> — {reference.title}</span>
        </summary>
        <Form method="post" className="mt-3 space-y-4" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="reference-update" />
          <input type="hidden" name="referenceId" value={reference.id} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <ReferenceFields fields={fields} />
          <Button type="submit" size="sm" pending={submitting}>
            {t('profile.references.save')}
          </Button>
        </Form>
      </details>
    </li>
  )
}

/** A removal refused (the reference was already gone): said above the list. */
function ReferenceRemovalErrors() {
  const result = useResultFor('reference-remove')
  return <FormErrors errors={result?.error?.[''] ?? undefined} />
}

function CharterSection({ acceptedAt, defaults }: { acceptedAt: string | null; defaults: { responseDays: string; paymentDays: string } }) {
  const { t } = useTranslation()
  const submitting = useSubmitting('charter')
  const [form, fields] = useForm({
    id: 'profile-charter',
    lastResult: useResultFor('charter'),
    defaultValue: { ...defaults, acceptCharter: '' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: charterSectionSchema }),
  })
  const commitments = t('profile.charter.commitments', { returnObjects: true }) as string[]
  return (
    <Section id="charter" title={t('profile.charter.title')} intro={t('profile.charter.intro')}>
      <ul className="list-disc space-y-1 pl-6 text-sm text-stone-800">
        {commitments.map((commitment) => (
          <li key={commitment}>{commitment}</li>
        ))}
      </ul>
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="charter" />
        <FormErrors id={form.errorId} errors={form.errors} />
        {acceptedAt ? (
          <Alert tone="success">{t('profile.charter.acceptedOn', { date: acceptedAt })}</Alert>
        ) : (
          <CheckboxField
            label={t('profile.charter.accept')}
            errors={fields.acceptCharter.errors}
            inputProps={getInputProps(fields.acceptCharter, { type: 'checkbox' })}
          />
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t('profile.charter.responseDays')}
            hint={t('profile.charter.responseDaysHint')}
            errors={fields.responseDays.errors}
            inputProps={{
              ...getInputProps(fields.responseDays, { type: 'number' }),
              min: PROFILE_LIMITS.charterResponseDays.min,
              max: PROFILE_LIMITS.charterResponseDays.max,
              step: 1,
            }}
          />
          <Field
            label={t('profile.charter.paymentDays')}
            hint={t('profile.charter.paymentDaysHint')}
            errors={fields.paymentDays.errors}
            inputProps={{
              ...getInputProps(fields.paymentDays, { type: 'number' }),
              min: PROFILE_LIMITS.charterPaymentDays.min,
              max: PROFILE_LIMITS.charterPaymentDays.max,
              step: 1,
            }}
          />
        </div>
        <Button type="submit" pending={submitting}>
          {acceptedAt ? t('profile.charter.submit') : t('profile.charter.submitAccept')}
        </Button>
      </Form>
    </Section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
