import type frAudit from './fr-audit'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** The audit log viewer and the hub settings (English): the same keys as fr-audit.ts. */
const enAudit: Shape<typeof frAudit> = {
  title: 'Audit',
}

export default enAudit
