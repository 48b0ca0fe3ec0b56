/**
 * "need.changes-requested" → the i18n key "notifications.kinds.need_changes_requested"; a kind
 * scoped by a locale pair, "members:role-changed", → "members.notifications.role_changed".
 */
export function notificationKey(kind: string) {
  const scoped = /^([a-z]+):(.+)$/.exec(kind)
  if (scoped) return `${scoped[1]}.notifications.${scoped[2]!.replace(/[.-]/g, '_')}`
  return `notifications.kinds.${kind.replace(/[.-]/g, '_')}`
}
