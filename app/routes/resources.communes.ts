import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { communeLabel, resolveCommune, searchCommunes } from '#app/modules/geo/communes'

/** Commune suggestions for the pickers: `?q=mey` → [{ insee, label }], most populated first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 80)
  const exact = resolveCommune(query)
  const matches = searchCommunes(query, 15)
  const communes = [...(exact ? [exact] : []), ...matches.filter((commune) => commune.insee !== exact?.insee)].slice(0, 15)
  return json(
    { communes: communes.map((commune) => ({ insee: commune.insee, label: communeLabel(commune) })) },
    { headers: { 'Cache-Control': 'public, max-age=3600' } },
  )
}
