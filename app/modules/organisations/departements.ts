import { departementRows } from './departements-data'

/** A département or overseas collectivity: "38" Isère, "2A" Corse-du-Sud, "972" Martinique. */
export interface Departement {
  code: string
  name: string
}

/** Every département and overseas collectivity, in code order ("01" … "95", "2A", "2B", "971" …). */
export const departements: readonly Departement[] = departementRows.map(([code, name]) => ({ code, name }))

const byCode = new Map(departements.map((departement) => [departement.code, departement]))

export function isDepartementCode(code: string) {
  return byCode.has(code)
}

/** "Isère (38)"; the bare code when unknown. */
export function departementLabel(code: string) {
  const departement = byCode.get(code)
  return departement ? `${departement.name} (${departement.code})` : code
}

/** Codes in the list's order, each once (how a firm's intervention area is stored). */
export function sortDepartementCodes(codes: readonly string[]) {
  const order = new Map(departements.map((departement, index) => [departement.code, index]))
  return [...new Set(codes)].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
}

/**
 * A firm's intervention area as its pages show it (« Intervient aussi en : Rhône (69), Paris (75) ;
 * jusqu’à 200 km »): the départements' labels and the distance. Null when it declared none.
 */
export function interventionArea(firm: { interventionDepartements: readonly string[]; interventionRadiusKm: number | null }) {
  if (firm.interventionDepartements.length === 0 && firm.interventionRadiusKm === null) return null
  return { departements: firm.interventionDepartements.map(departementLabel), radiusKm: firm.interventionRadiusKm }
}
