/** The audit log viewer and the hub settings (French). Keys mirror en-audit.ts. */
const frAudit = {
  title: 'Audit',
}

export default frAudit
