/**
 * What the audit log viewer says of one row, pure: the status it went from and to, why (the
 * reason or comment the actor gave), and the page of its record. Translation is the page's.
 */
export type StatusTable = 'needStatus' | 'applicationStatus' | 'orgStatus' | 'matchStatus' | 'dealStatus' | 'audit.membership' | 'audit.waiver' | 'audit.boolean'

const STATUS_TABLES: Record<string, StatusTable> = {
  Need: 'needStatus',
  Application: 'applicationStatus',
  Organisation: 'orgStatus',
  Match: 'matchStatus',
  Deal: 'dealStatus',
}

/** Fields of `after` (then `before`) that say why, in this order. */
export const WHY_FIELDS = ['reason', 'declineReason', 'comment', 'moderationComment', 'statusReason'] as const

function objectOf(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

function short(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const text = JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}

/**
 * Actions about an organisation's dues (`billing.*`, `dues.*`): their `status` (as
 * mirror.server.ts writes it) or `membership` (waivers.server.ts) is the subscription's, not the
 * organisation's; read through the membership table, and only when it changed.
 */
function isMembershipAction(action: string | undefined) {
  return !!action && (action.startsWith('billing.') || action.startsWith('dues.'))
}

/** Fields whose values read through a table of words rather than as they are (yes/no for any boolean). */
const FIELD_TABLES: Record<string, StatusTable> = { waiver: 'audit.waiver' }
/** Fields a dues row keeps for the record that its line does not repeat (the waiver's day is in `waiver`). */
const QUIET_DUES_FIELDS = ['membership', 'status', 'until', 'stripeStatus', 'stripeSubscriptionId', 'invoiceId', 'pastDueSince']

/** The membership's change of a dues row; [] when it did not change or one side is unknown; null when the row has none. */
function membershipChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Change[] | null {
  const read = (side: Record<string, unknown> | null) => {
    const value = side?.membership ?? side?.status
    return typeof value === 'string' ? value : null
  }
  const from = read(before)
  const to = read(after)
  if (from === null && to === null) return null
  if (from === null || to === null || from === to) return []
  return [{ table: 'audit.membership', field: null, from, to }]
}

export interface Change {
  /** The status table to translate `from` and `to` with; null: shown as they are. */
  table: StatusTable | null
  field: string | null
  from: string | null
  to: string | null
}

/**
 * The change of a row: its status when it has one (`before.status` → `after.status`), else the
 * other fields that differ (`name : A → B`, at most three). A dues row (`billing.*`, `dues.*`):
 * the membership's status when it changed, else its other fields (a waiver).
 */
export function changesOf(row: { action?: string; targetType: string; before: unknown; after: unknown }): Change[] {
  const before = objectOf(row.before)
  const after = objectOf(row.after)
  if (!before && !after) return []
  const dues = isMembershipAction(row.action)
  const membership = dues ? membershipChange(before, after) : null
  if (membership?.length) return membership
  if (!dues && ((before && 'status' in before) || (after && 'status' in after))) {
    const table = STATUS_TABLES[row.targetType] ?? null
    const from = before?.status
    const to = after?.status
    return [{ table, field: null, from: typeof from === 'string' ? from : from === undefined ? null : short(from), to: typeof to === 'string' ? to : to === undefined ? null : short(to) }]
  }
  if (!before) return []
  const quiet: string[] = [...WHY_FIELDS, ...(dues ? QUIET_DUES_FIELDS : [])]
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after ?? {})])].filter(
    (key) => !quiet.includes(key) && JSON.stringify(before[key]) !== JSON.stringify(after?.[key]),
  )
  const tableOf = (key: string) => FIELD_TABLES[key] ?? (typeof before[key] === 'boolean' || typeof after?.[key] === 'boolean' ? 'audit.boolean' : null)
  return keys.slice(0, 3).map((key) => ({ table: tableOf(key), field: key, from: short(before[key]), to: after ? short(after[key]) : null }))
}

/** Why: the reason and comment fields of `after` (then of `before`), joined. */
export function whyOf(row: { before: unknown; after: unknown }): string | null {
  const parts: string[] = []
  for (const source of [objectOf(row.after), objectOf(row.before)]) {
    if (!source) continue
    for (const field of WHY_FIELDS) {
      const value = source[field]
      if (typeof value === 'string' && value.trim() && !parts.includes(value.trim())) parts.push(value.trim())
    }
    if (parts.length) break
  }
  return parts.length ? parts.join(' — ') : null
}

/** The page of a row's record, when it has one. */
export function recordHref(row: { targetType: string; targetId: string; dealApplicationId?: string | null }): string | null {
  switch (row.targetType) {
    case 'Need':
      return `/needs/${row.targetId}`
    case 'Application':
      return `/applications/${row.targetId}`
    case 'Deal':
      return row.dealApplicationId ? `/applications/${row.dealApplicationId}` : null
    case 'Organisation':
      return `/staff/organisations/${row.targetId}`
    case 'User':
      return `/staff/users/${row.targetId}`
    case 'Hub':
      return `/staff/hub?hub=${row.targetId}`
    default:
      return null
  }
}

/** `need.` is a prefix (every action that starts so); anything else an exact action. */
export function actionMatch(action: string): { prefix: string } | { exact: string } {
  return action.endsWith('.') ? { prefix: action } : { exact: action }
}

/** `Need:cm123` → { type: 'Need', id: 'cm123' }. */
export function parseRecord(value: string): { type: string; id: string } | null {
  const match = /^([A-Za-z]+):([^\s:]+)$/.exec(value)
  return match ? { type: match[1]!, id: match[2]! } : null
}
