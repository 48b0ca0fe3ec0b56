import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { communeSuggestions } from '#app/modules/organisations/commune-input'

/**
 * Commune suggestions for the pickers: `?q=mey` → { communes: [{ insee, label, value }] }, at most 15,
 * the commune typed exactly first, then by population. `label` names the département so that
 * homonyms read apart ("Beaufort (38)", "Beaufort (73)", "Fort-de-France (972)"); `value` is what the
 * field receives: the label, or the INSEE code when the label alone would not say which commune.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 80)
  return json({ communes: communeSuggestions(query) }, { headers: { 'Cache-Control': 'public, max-age=3600' } })
}
