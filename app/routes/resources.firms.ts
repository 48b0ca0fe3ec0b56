import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { searchVerifiedFirms } from '#app/modules/organisations/profile.server'
import { getActor } from '#app/utils/session.server'

/**
 * Verified firms for the firm picker (consortium partners): `?q=neve` →
 * `{ firms: [{ slug, name, commune }] }`, names containing the query (2 characters at least,
 * accents ignored), at most 10, only firms the user may see. Signed-in users only.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request)
  const headers = { 'Cache-Control': 'private, no-store' }
  if (!actor) return json({ firms: [] as Array<{ slug: string; name: string; commune: string | null }> }, { status: 401, headers })
  const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 80)
  return json({ firms: await searchVerifiedFirms(actor, query) }, { headers })
}
