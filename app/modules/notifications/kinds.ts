/** "need.changes-requested" → the i18n key "notifications.kinds.need_changes_requested". */
export function notificationKey(kind: string) {
  return `notifications.kinds.${kind.replace(/[.-]/g, '_')}`
}
