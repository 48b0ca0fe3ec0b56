import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { COMMUNE_QUERY_MIN_LENGTH, communeSuggestions } from '#app/modules/organisations/commune-input'

/**
 * Commune suggestions for the pickers: `?q=mey` → { communes: [{ insee, label, value }] }, at most 15,
 * the commune typed exactly first, then by population. `label` names the département so that
 * homonyms read apart ("Beaufort (38)", "Beaufort (73)", "Fort-de-France (972)"); `value` is what the
 * field receives: the label, or "Name (INSEE code)" when the label alone would not say which commune.
 * A five-digit query suggests the communes of that postal code and the commune of that INSEE code.
 * Fewer than two characters: an empty list (one letter would rank every commune that holds it).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 80)
  const communes = query.trim().length < COMMUNE_QUERY_MIN_LENGTH ? [] : communeSuggestions(query)
  return json({ communes }, { headers: { 'Cache-Control': 'public, max-age=3600' } })
}
