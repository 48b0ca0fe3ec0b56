import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { parseNafList } from '#app/modules/naf/format'
import { describeNafCodes, searchNaf } from '#app/modules/naf/naf'

const SUGGESTION_LIMIT = 15

/**
 * NAF sub-classes for the NAF picker (public nomenclature, no sign-in):
 * - `?q=programmation` or `?q=6201` → `codes`: [{ code, label }] matching the code or the label,
 *   accents ignored, at most 15;
 * - `?codes=62.01Z,28.99B` → `selected`: [{ code, label | null }] for showing chosen codes.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams
  const query = (params.get('q') ?? '').slice(0, 100)
  const chosen = parseNafList((params.get('codes') ?? '').slice(0, 500)).codes.slice(0, 20)
  return json(
    { codes: searchNaf(query, SUGGESTION_LIMIT), selected: describeNafCodes(chosen) },
    { headers: { 'Cache-Control': 'public, max-age=86400' } },
  )
}
