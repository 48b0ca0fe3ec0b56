import { json, type ActionFunctionArgs } from '@remix-run/node'
import { refreshDirectoryData } from '#app/modules/companies/service.server'
import { isAppError } from '#app/modules/shared/app-error'
import { handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'
import { redirectWithToast } from '#app/utils/toast.server'

/**
 * "Consulter l’annuaire à nouveau" on an organisation's staff page (staff of its home hub; anyone
 * else: 404): the directory is asked again and its answer kept on the organisation (audited).
 * Back to the page; a directory that does not answer (or is not configured) changes nothing and says so.
 */
export async function action(args: ActionFunctionArgs) {
  return handle(args, async ({ request, params, context }) => {
    const actor = await requireActor(request)
    const orgId = requireParam(params, 'orgId')
    const back = `/staff/organisations/${orgId}`
    try {
      await refreshDirectoryData(actor, orgId, context.requestId)
    } catch (error) {
      if (isAppError(error) && error.status === 409) return redirectWithToast(back, { type: 'error', messageKey: error.messageKey }, { status: 302 })
      throw error
    }
    return redirectWithToast(back, { messageKey: 'companies.refresh.done' })
  })
}

export function loader() {
  throw json({ code: 'not_found', message: 'Not found' }, { status: 404 })
}
