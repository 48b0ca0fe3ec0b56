import { AppError } from '#app/modules/shared/app-error'
import { readOnlyStatusOf, type Actor } from './policy'

/**
 * Writes on behalf of an organisation: only while it is verified. A pending, rejected or
 * suspended organisation reads what it may read and changes nothing (decision 0012): the web
 * answers 403 with the reason, the API `403 {"error":{"code":"organisation_not_verified"}}`.
 */
export function organisationReadOnly(status: string) {
  return new AppError(403, 'organisation_not_verified', `access.readOnly.${status}`, { status })
}

/** Throws the 403 above unless the actor's organisation (of which they are a member) is verified. */
export function assertActsFor(actor: Actor, organisationId: string) {
  const status = readOnlyStatusOf(actor, organisationId)
  if (status) throw organisationReadOnly(status)
}
