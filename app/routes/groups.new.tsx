import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { GroupSettingsFields } from '#app/components/group-settings'
import { Button } from '#app/components/ui/button'
import { Card, PageHeader } from '#app/components/ui/card'
import { FormErrors, SelectField } from '#app/components/ui/field'
import { groupFormSchema } from '#app/modules/groups/schema'
import { createGroup, hubsForNewGroup, requireGroupCreator } from '#app/modules/groups/service.server'
import { AppError } from '#app/modules/shared/app-error'
import { readFormData } from '#app/utils/form.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle, replyWithAppError } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const hubs = await hubsForNewGroup(actor)
    if (hubs.length === 0) throw AppError.forbidden('groups.errors.onlyStaff')
    const t = await getRequestT(request)
    return json({ title: t('groups.new.title'), hubs })
  })
}

export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, context }) => {
    const actor = await requireActor(request)
    // Only staff create groups: 403 before the form is read.
    requireGroupCreator(actor)
    const formData = await readFormData(request)
    const submission = parseWithZod(formData, { schema: groupFormSchema })
    if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
    try {
      const group = await createGroup(actor, submission.value, context.requestId)
      return redirectWithToast(`/groups/${group.slug}`, { messageKey: 'groups.new.created' })
    } catch (error) {
      return replyWithAppError(request, submission, error)
    }
  })
}

export default function NewGroupPage() {
  const { hubs } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'group-new',
    lastResult: actionData?.result,
    defaultValue: { hubId: hubs.length === 1 ? hubs[0]!.id : '', audience: 'all' },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: groupFormSchema }),
  })
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('groups.new.title')} description={t('groups.new.intro')} />
      <Card>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <GroupSettingsFields
            fields={{
              name: { errors: fields.name.errors, props: getInputProps(fields.name, { type: 'text' }) },
              theme: { errors: fields.theme.errors, props: getInputProps(fields.theme, { type: 'text' }) },
              description: { errors: fields.description.errors, props: getTextareaProps(fields.description) },
              audience: { errors: fields.audience.errors, name: fields.audience.name, value: String(fields.audience.initialValue ?? 'all') },
            }}
          />
          <SelectField
            label={t('groups.form.hub')}
            hint={t('groups.form.hubHint')}
            errors={fields.hubId.errors}
            selectProps={getSelectProps(fields.hubId)}
            placeholder={t('groups.form.chooseHub')}
            options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
          />
          <div className="flex justify-end">
            <Button type="submit" pending={navigation.state === 'submitting'}>
              {t('groups.new.submit')}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
