import { z } from 'zod'

/**
 * The audit log viewer's filters (/staff/audit), read from the URL. Errors are i18n keys of the
 * `audit` pair, shown next to their field; a filter that cannot be read shows no rows rather than
 * more rows than asked.
 */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((value) => value || undefined)

export const auditFiltersSchema = z.object({
  /** A user id or an e-mail address. */
  actor: optionalText(254),
  /** An organisation id. */
  organisation: optionalText(40),
  /** `Type:id`, e.g. `Need:cm123`. */
  record: optionalText(100).refine((value) => value === undefined || /^[A-Za-z]+:[^\s:]+$/.test(value), 'audit.errors.record'),
  /** `need.` (every action that starts so) or an exact action. */
  action: optionalText(80).refine((value) => value === undefined || /^[a-z0-9.-]+$/i.test(value), 'audit.errors.action'),
  /** Keyset: rows older than this id. */
  before: optionalText(20).refine((value) => value === undefined || (/^\d{1,19}$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n), 'audit.errors.cursor'),
})
export type AuditFilters = z.output<typeof auditFiltersSchema>

export function parseAuditFilters(params: URLSearchParams) {
  const raw = Object.fromEntries(['actor', 'organisation', 'record', 'action', 'before'].map((name) => [name, params.get(name) ?? undefined]))
  const parsed = auditFiltersSchema.safeParse(raw)
  if (parsed.success) return { filters: parsed.data, errors: {} as Record<string, string[]> }
  const errors: Record<string, string[]> = {}
  for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message)
  return { filters: null, errors }
}
