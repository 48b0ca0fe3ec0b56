import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { localeSchema } from '#app/modules/auth/schema'
import { setUserLocale } from '#app/modules/auth/service.server'
import { serializeLocale } from '#app/utils/i18n.server'
import { getActor } from '#app/utils/session.server'
import { readFormData } from '#app/utils/form.server'

export async function loader() {
  return redirect('/')
}

/** Changes the interface language; remembered in a cookie and, when signed in, on the account. */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: localeSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  const actor = await getActor(request)
  if (actor) await setUserLocale(actor.userId, submission.value.locale)
  return redirect(submission.value.redirectTo ?? '/', {
    headers: { 'Set-Cookie': await serializeLocale(submission.value.locale) },
  })
}
