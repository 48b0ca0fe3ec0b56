import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { serveApi } from '#app/modules/api/dispatch.server'

/** GET /api/v1/applications/{applicationId} — the JSON API; operations, validation and errors in app/modules/api/. */
export async function loader(args: LoaderFunctionArgs) {
  return serveApi('/applications/{applicationId}', args)
}

export async function action(args: ActionFunctionArgs) {
  return serveApi('/applications/{applicationId}', args)
}
