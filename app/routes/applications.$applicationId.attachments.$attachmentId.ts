import { type LoaderFunctionArgs } from '@remix-run/node'
import { openAttachment } from '#app/modules/attachments/service.server'
import { pdfDownloadResponse } from '#app/utils/pdf-download.server'
import { handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

/** Downloads an attachment, for those who may see the application only (404 for anyone else). */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const file = await openAttachment(actor, requireParam(params, 'applicationId'), requireParam(params, 'attachmentId'))
    return pdfDownloadResponse(file)
  })
}
