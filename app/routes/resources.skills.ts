import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { suggestSkills } from '#app/modules/organisations/profile.server'
import { getActor } from '#app/utils/session.server'

const SUGGESTION_LIMIT = 10

/**
 * Skill and technology suggestions for the tags picker: `?q=pyt` → `{ skills: ["python", …] }`,
 * the most used skills of verified firms and public needs completing the fragment, at most 10
 * (no query: the most used). Signed-in users only.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getActor(request))) return json({ skills: [] as string[] }, { status: 401, headers: { 'Cache-Control': 'no-store' } })
  const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 80)
  return json({ skills: await suggestSkills(query, SUGGESTION_LIMIT) }, { headers: { 'Cache-Control': 'private, max-age=60' } })
}
