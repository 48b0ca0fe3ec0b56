import { type SubmissionResult, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { randomUUID } from 'node:crypto'
import { CommuneField } from '#app/components/commune-field'
import { CompanyLookupNote } from '#app/components/company-lookup'
import { Button } from '#app/components/ui/button'
import { Card, PageHeader } from '#app/components/ui/card'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field'
import { directoryEnabled } from '#app/modules/companies/lookup.server'
import { prefillFormData } from '#app/modules/companies/form'
import { sirenLookupSchema } from '#app/modules/companies/schema'
import { lookupForCreation } from '#app/modules/companies/service.server'
import { createOrganisationSchema, orgKinds, revenueBands } from '#app/modules/organisations/schema'
import { createOrganisation, listHubs } from '#app/modules/organisations/service.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { appErrorReply } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { readFormData } from '#app/utils/form.server'

export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request)
  const [hubs, t] = await Promise.all([listHubs(), getRequestT(request)])
  return json({
    title: t('orgForm.title'),
    hubs,
    directory: directoryEnabled(),
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const formData = await readFormData(request)
  if (formData.get('intent') === 'lookup') {
    // "Rechercher": the SIREN in the public company directory; the form comes back filled in.
    const lookup = parseWithZod(formData, { schema: sirenLookupSchema })
    if (lookup.status !== 'success') return json({ result: lookup.reply() as SubmissionResult<string[]>, lookup: null, lookupKey: null }, { status: 400 })
    const { view, prefill } = await lookupForCreation(lookup.value.siren)
    const filled = parseWithZod(prefill ? prefillFormData(formData, prefill) : formData, { schema: sirenLookupSchema })
    const ceased = view?.status === 'found' && !view.company.active
    const result = filled.reply(ceased ? { fieldErrors: { siren: ['companies.ceasedRefused'] } } : {}) as SubmissionResult<string[]>
    return json({ result, lookup: view, lookupKey: randomUUID() })
  }
  const submission = parseWithZod(formData, { schema: createOrganisationSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() as SubmissionResult<string[]>, lookup: null, lookupKey: null }, { status: 400 })
  try {
    const organisation = await createOrganisation(actor, submission.value, context.requestId)
    return redirectWithToast(`/orgs/${organisation.slug}`, { messageKey: 'orgForm.created' })
  } catch (error) {
    const { result, status } = await appErrorReply(request, submission, error)
    return json({ result: result as SubmissionResult<string[]>, lookup: null, lookupKey: null }, { status })
  }
}

export default function NewOrganisationPage() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  // A lookup's answer mounts the form anew, so that its fields show the directory's values.
  const lookupKey = actionData?.lookupKey ?? null
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('orgForm.title')} description={t('orgForm.intro')} />
      <OrganisationForm key={lookupKey ?? 'form'} />
    </div>
  )
}

const validateCreation = (formData: FormData) => parseWithZod(formData, { schema: createOrganisationSchema })

function OrganisationForm() {
  const { hubs, directory } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const lookup = actionData?.lookup ?? null
  const [form, fields] = useForm({
    id: 'new-organisation',
    lastResult: actionData?.result,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    // "Rechercher" needs only the SIREN; creating needs the whole form.
    onValidate: ({ formData }) =>
      formData.get('intent') === 'lookup'
        ? (parseWithZod(formData, { schema: sirenLookupSchema }) as unknown as ReturnType<typeof validateCreation>)
        : validateCreation(formData),
  })
  const submitting = navigation.state === 'submitting'
  return (
      <Form method="post" className="space-y-6" {...getFormProps(form)}>
        {/* Enter in a field creates the organisation (the first submit button of a form is its default). */}
        <button type="submit" name="intent" value="create" className="sr-only" tabIndex={-1} aria-hidden="true" />
        <FormErrors id={form.errorId} errors={form.errors} />
        {lookup ? <CompanyLookupNote lookup={lookup} /> : null}
        <Card className="space-y-4">
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">{t('orgForm.kind')}</legend>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {orgKinds.map((kind) => (
                <label key={kind} className="flex cursor-pointer gap-3 rounded-md p-3 ring-1 ring-stone-300 has-[:checked]:ring-2 has-[:checked]:ring-brand-600">
                  <input
                    type="radio"
                    name={fields.kind.name}
                    value={kind}
                    defaultChecked={fields.kind.initialValue === kind}
                    aria-describedby={fields.kind.errors ? `${fields.kind.id}-error` : undefined}
                    className="mt-1"
                  />
                  <span>
                    <span className="block font-semibold">{t(`orgKind.${kind}`)}</span>
                    <span className="block text-sm text-stone-700">{t(`orgForm.kindHint.${kind}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            <FormErrors id={`${fields.kind.id}-error`} errors={fields.kind.errors} />
          </fieldset>
          <div className="flex flex-wrap items-end gap-3">
            <Field
              className="min-w-56 flex-1"
              label={t('orgForm.siren')}
              hint={directory ? t('companies.lookup.hint') : t('orgForm.sirenHint')}
              errors={fields.siren.errors}
              inputProps={{ ...getInputProps(fields.siren, { type: 'text' }), inputMode: 'numeric', autoComplete: 'off' }}
            />
            {directory ? (
              <Button type="submit" name="intent" value="lookup" variant="secondary" formNoValidate pending={submitting && navigation.formData?.get('intent') === 'lookup'}>
                {t('companies.lookup.button')}
              </Button>
            ) : null}
          </div>
          <Field label={t('orgForm.name')} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: 'text' })} />
          <SelectField
            label={t('orgForm.hub')}
            hint={t('orgForm.hubHint')}
            errors={fields.homeHubId.errors}
            selectProps={getSelectProps(fields.homeHubId)}
            placeholder={t('needForm.choose')}
            options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
          />
          <CommuneField
            label={t('orgForm.commune')}
            hint={t('needForm.communeHint')}
            errors={fields.communeInsee.errors}
            inputProps={getInputProps(fields.communeInsee, { type: 'text' })}
          />
        </Card>
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">{t('orgForm.profile')}</h2>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field
              label={t('orgForm.headcount')}
              errors={fields.headcount.errors}
              inputProps={{ ...getInputProps(fields.headcount, { type: 'number' }), min: 1 }}
            />
            <SelectField
              label={t('orgForm.revenueBand')}
              errors={fields.revenueBand.errors}
              selectProps={getSelectProps(fields.revenueBand)}
              placeholder={t('orgForm.notSaid')}
              options={revenueBands.map((band) => ({ value: band, label: t(`revenueBand.${band}`) }))}
            />
            <Field
              label={t('orgForm.foundedYear')}
              errors={fields.foundedYear.errors}
              inputProps={{ ...getInputProps(fields.foundedYear, { type: 'number' }), min: 1800 }}
            />
          </div>
          <Field label={t('orgForm.website')} errors={fields.website.errors} inputProps={getInputProps(fields.website, { type: 'url' })} />
          <TextareaField
            label={t('orgForm.description')}
            errors={fields.description.errors}
            textareaProps={getTextareaProps(fields.description)}
          />
          <Field
            label={t('needForm.skills')}
            hint={t('needForm.skillsHint')}
            errors={fields.skills.errors}
            inputProps={getInputProps(fields.skills, { type: 'text' })}
          />
          <Field
            label={t('needForm.nafCodes')}
            hint={t('needForm.nafCodesHint')}
            errors={fields.nafCodes.errors}
            inputProps={getInputProps(fields.nafCodes, { type: 'text' })}
          />
        </Card>
        <div className="flex justify-end">
          <Button type="submit" name="intent" value="create" pending={submitting && navigation.formData?.get('intent') !== 'lookup'}>
            {t('orgForm.submit')}
          </Button>
        </div>
      </Form>
  )
}
