import { json, type ActionFunctionArgs } from '@remix-run/node'
import { giveMatchFeedback } from '#app/modules/matching/invitations.server'
import { matchFeedbackSchema } from '#app/modules/matching/schema'
import { readFormData } from '#app/utils/form.server'
import { getRequestT } from '#app/utils/i18n.server'
import { translateKey } from '#app/i18n/translate'
import { handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

/**
 * "Good match" / "not relevant" on a match, from the need page (firms) or the recommended firms
 * (partner, staff); back to the page it came from. The match's own page is the need's.
 */
export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const matchId = requireParam(params, 'matchId')
    const formData = await readFormData(request)
    const parsed = matchFeedbackSchema.safeParse({ intent: 'feedback', value: formData.get('value'), matchId })
    if (!parsed.success || formData.getAll('value').length !== 1) {
      const t = await getRequestT(request)
      return json({ code: 'invalid_input', message: translateKey(t, 'validation.invalidChoice') }, { status: 400 })
    }
    const outcome = await giveMatchFeedback(actor, matchId, parsed.data.value, context.requestId)
    const back = String(formData.get('redirectTo') ?? '')
    // Only back to one of our own pages.
    const target = /^\/needs\/[\w-]+(\/recommendations)?(\?[\w=&%+.-]*)?(#[\w-]+)?$/.test(back) ? back : '/needs'
    return redirectWithToast(target, { messageKey: outcome.value ? 'matching.feedback.saved' : 'matching.feedback.cleared' })
  })
}

export function loader() {
  throw json({ code: 'not_found', message: 'Not found' }, { status: 404 })
}
