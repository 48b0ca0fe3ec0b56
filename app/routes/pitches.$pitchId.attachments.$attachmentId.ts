import { type LoaderFunctionArgs } from '@remix-run/node'
import { openPitchAttachment } from '#app/modules/pitches/attachments.server'
import { pdfDownloadResponse } from '#app/utils/pdf-download.server'
import { handle, requireParam } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

/** Downloads a pitch's PDF, for those who may see the pitch only (404 for anyone else). */
export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request, params }) => {
    const actor = await requireActor(request)
    const file = await openPitchAttachment(actor, requireParam(params, 'pitchId'), requireParam(params, 'attachmentId'))
    return pdfDownloadResponse(file)
  })
}
