import type frConsole from './fr-console'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** The staff console's frame: its tabs, CSV links and period filter (English): the same keys as fr-console.ts. */
const enConsole: Shape<typeof frConsole> = {
  nav: {
    label: 'Association console',
    home: 'Today’s queues',
    partners: 'Partners',
    analytics: 'Analytics',
    organisations: 'Organisations',
    users: 'Users',
    audit: 'Audit log',
    outbox: 'Outbox',
    team: 'Team',
    hub: 'Hub settings',
    jobs: 'Background jobs',
  },
  csv: {
    label: 'Export this table:',
    comma: 'CSV',
    semicolon: 'CSV for Excel (semicolon-separated)',
  },
  range: {
    legend: 'Period',
    from: 'From',
    to: 'to',
    apply: 'Show',
    corrected: 'The requested period was not valid: showing the last twelve months.',
  },
}

export default enConsole
