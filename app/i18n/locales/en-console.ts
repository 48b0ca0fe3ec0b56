import type frConsole from './fr-console'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** The staff console's frame: its tabs, CSV links and period filter (English): the same keys as fr-console.ts. */
const enConsole: Shape<typeof frConsole> = {
  nav: {
    label: 'Association console',
    home: 'Today’s queues',
    partners: 'Partners',
    analytics: 'Analytics',
    cohorts: 'Cohorts',
    pitches: 'Pitches',
    shared: 'Shared needs',
    organisations: 'Organisations',
    dues: 'Membership dues',
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
  csvColumns: {
    outbox: { date: 'Date', to: 'Recipient', subject: 'Subject', template: 'Template', status: 'Status' },
    late: {
      daysLate: 'Days late',
      partner: 'Partner',
      need: 'Need',
      firm: 'Firm',
      status: 'Status',
      submittedAt: 'Application sent on',
      dueOn: 'Answer due on',
    },
    moderation: {
      submittedAt: 'Submitted on',
      title: 'Need',
      revision: 'Change to a published need',
      kind: 'Type',
      partner: 'Partner',
      hub: 'Association',
      visibility: 'Visibility',
      matchingMode: 'Matching',
      budgetMinEur: 'Minimum budget (€)',
      budgetMaxEur: 'Maximum budget (€)',
    },
    team: { hub: 'Association', name: 'Name', email: 'Email', role: 'Role', since: 'Since' },
    jobs: {
      queue: 'Queue',
      name: 'Job',
      id: 'ID',
      error: 'Error',
      attempts: 'Attempts',
      createdAt: 'Created on',
      processedAt: 'Processed on',
      failedAt: 'Failed on',
    },
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
