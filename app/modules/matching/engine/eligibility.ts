import { communeByInsee } from '../../geo/communes'
import { ENGINE_PARAMS } from './config'
import type { FirmDoc, HubScope, IneligibleReason, NeedDoc, RevenueBand } from './types'

/**
 * Hard filters, applied before any scoring. Each rejection has a reason code. An unknown firm
 * value (no headcount, no revenue band, no founding year) never rejects a firm: the filter can only
 * reject what it can check. Location is the exception: a need that is not remote-OK and names a
 * commune asks for firms within reach, so a firm whose commune is unknown fails the radius rule
 * ('distance') unless its declared intervention départements cover the need. The ranking loop of
 * the index uses the same predicates.
 */

export function deadlinePassed(deadline: Date | string | number | null | undefined, now: Date) {
  if (deadline === null || deadline === undefined) return false
  const time = deadline instanceof Date ? deadline.getTime() : new Date(deadline).getTime()
  return Number.isFinite(time) && time < now.getTime()
}

export function headcountOk(headcount: number | null | undefined, min: number | null | undefined, max: number | null | undefined) {
  if (headcount === null || headcount === undefined) return true
  if (min !== null && min !== undefined && headcount < min) return false
  if (max !== null && max !== undefined && headcount > max) return false
  return true
}

export function revenueOk(band: RevenueBand | null | undefined, bands: readonly RevenueBand[] | null | undefined) {
  return !band || !bands || bands.length === 0 || bands.includes(band)
}

/** Age in whole calendar years from the founding year (the only date a firm gives). */
export function firmAgeYears(foundedYear: number, now: Date) {
  return now.getUTCFullYear() - foundedYear
}

export function ageOk(foundedYear: number | null | undefined, minAgeYears: number | null | undefined, now: Date) {
  if (!foundedYear || !minAgeYears) return true
  return firmAgeYears(foundedYear, now) >= minAgeYears
}

export function radiusOf(need: Pick<NeedDoc, 'radiusKm'>) {
  return need.radiusKm && need.radiusKm > 0 ? need.radiusKm : ENGINE_PARAMS.defaultRadiusKm
}

/** A firm's declared intervention area (FirmDoc fields). */
export type InterventionArea = Pick<FirmDoc, 'interventionDepartements' | 'interventionRadiusKm'>

/** The firm's declared radius in km, 0 when none. */
export function interventionRadiusOf(firm: InterventionArea) {
  const radius = firm.interventionRadiusKm
  return typeof radius === 'number' && Number.isFinite(radius) && radius > 0 ? radius : 0
}

/**
 * Whether a firm is within reach of a need, and the distance its distance feature is computed with.
 *
 * - A remote-OK need, or a need without a known commune (`needDept` null): everyone is within
 *   reach; returns `km` as given (null when unknown).
 * - Else the firm is within reach when (a) both communes are known and `km` ≤ the need's radius:
 *   returns `km`; or (b) the need's commune is in one of the firm's intervention départements, or
 *   (c) `km` ≤ the firm's intervention radius: returns the need's radius, i.e. the firm is valued
 *   as if at the edge of the need's radius (ENGINE_PARAMS.distanceValueAtRadius), since it comes
 *   from farther away but has said it goes there.
 * - Otherwise (too far, or location unknown and no département covering the need): false.
 */
export function reachKm(
  need: Pick<NeedDoc, 'radiusKm' | 'remoteOk'>,
  needDept: string | null,
  km: number | null,
  firm: InterventionArea,
): number | null | false {
  if (need.remoteOk || needDept === null) return km
  const radius = radiusOf(need)
  if (km !== null && km <= radius) return km
  if (firm.interventionDepartements && firm.interventionDepartements.some((code) => code.trim().toUpperCase() === needDept)) return radius
  if (km !== null && km <= interventionRadiusOf(firm)) return radius
  return false
}

/** Too far: the need is not remote-OK, has a known commune, and the firm is not within reach (see reachKm). */
export function tooFar(km: number | null, need: Pick<NeedDoc, 'radiusKm' | 'remoteOk' | 'communeInsee'>, firm: InterventionArea = {}) {
  return reachKm(need, communeByInsee(need.communeInsee)?.dept ?? null, km, firm) === false
}

export interface EligibilityContext {
  now: Date
  /** 'need' (default): only firms whose home hub is the need's hub or a hub it is shared with. */
  hubScope?: HubScope
  /** For INVITE_ONLY needs: the firms invited. */
  invitedFirmIds?: ReadonlySet<string> | readonly string[] | null
  /** Distance between the need's and the firm's communes, null when either is unknown. */
  km: number | null
  /** The département of the need's commune, null when the need has none (default: from need.communeInsee). */
  needDept?: string | null
}

export function hubAllowed(need: Pick<NeedDoc, 'hubIds'>, homeHubId: string | null | undefined, hubScope: HubScope = 'need') {
  if (hubScope === 'all' || !need.hubIds || need.hubIds.length === 0) return true
  return !!homeHubId && need.hubIds.includes(homeHubId)
}

export function invitedSet(invited: EligibilityContext['invitedFirmIds']): ReadonlySet<string> {
  if (!invited) return new Set()
  return invited instanceof Set ? invited : new Set(invited as readonly string[])
}

/** The first hard filter the firm fails, in a fixed order, or null when it is eligible. */
export function checkEligibility(need: NeedDoc, firm: FirmDoc, context: EligibilityContext): IneligibleReason | null {
  const rules = need.eligibility ?? {}
  if (deadlinePassed(need.deadline, context.now)) return 'deadline'
  if (!firm.verified) return 'not-verified'
  if (need.visibility === 'INVITE_ONLY' && !invitedSet(context.invitedFirmIds).has(firm.id)) return 'visibility'
  if (!hubAllowed(need, firm.homeHubId, context.hubScope)) return 'hub'
  if (!headcountOk(firm.headcount, rules.headcountMin, rules.headcountMax)) return 'headcount'
  if (!revenueOk(firm.revenueBand, rules.revenueBands)) return 'revenue'
  if (!ageOk(firm.foundedYear, rules.minAgeYears, context.now)) return 'age'
  const needDept = context.needDept !== undefined ? context.needDept : (communeByInsee(need.communeInsee)?.dept ?? null)
  if (reachKm(need, needDept, context.km, firm) === false) return 'distance'
  return null
}
