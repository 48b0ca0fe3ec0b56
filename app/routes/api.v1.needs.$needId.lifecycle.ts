import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { serveApi } from '#app/modules/api/dispatch.server'

/** POST /api/v1/needs/{needId}/lifecycle — the JSON API; operations, validation and errors in app/modules/api/. */
export async function loader(args: LoaderFunctionArgs) {
  return serveApi('/needs/{needId}/lifecycle', args)
}

export async function action(args: ActionFunctionArgs) {
  return serveApi('/needs/{needId}/lifecycle', args)
}
