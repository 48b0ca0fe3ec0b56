import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiNotFound } from '#app/modules/api/dispatch.server'

/** Any other address under /api/v1 answers a JSON 404 (not the web app's HTML page). */
export async function loader(args: LoaderFunctionArgs) {
  return apiNotFound(args)
}

export async function action(args: ActionFunctionArgs) {
  return apiNotFound(args)
}
