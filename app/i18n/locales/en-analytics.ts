import type frAnalytics from './fr-analytics'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** The analytics page: funnel, charts and their tables (English): the same keys as fr-analytics.ts. */
const enAnalytics: Shape<typeof frAnalytics> = {
  title: 'Analytics',
  intro:
    'What became of the needs published in the period: recommendations, invitations, applications, pilots and contracts. A need shared with an association counts for it too.',
  computedAt: 'Figures computed on {{time}}, kept for five minutes.',
  /** Between the figures of a chart's description. */
  separator: '; ',
  filters: {
    scope: 'Scope',
    platform: 'Platform (associations that share their figures)',
    dimension: 'Break down by',
    dimensionLead: 'Break down by:',
  },
  dimensions: {
    hub: 'association',
    partner: 'partner',
    cohort: 'cohort',
    kind: 'kind of need',
    month: 'month of publication',
  },
  dimensionOptions: {
    hub: 'Association',
    partner: 'Partner',
    cohort: 'Cohort',
    kind: 'Kind of need',
    month: 'Month of publication',
  },
  scope: {
    hub: 'Figures of {{hub}}, needs shared with it included.',
    platform: 'Platform view: {{hubs}}. Only the associations that chose to share their figures are included; a need shared between two of them counts once in the total.',
    platformNone: 'Platform view: no association shares its figures yet.',
  },
  steps: {
    published: 'Needs published',
    recommended: 'Firms recommended',
    invited: 'Invitations',
    applications: 'Applications',
    shortlisted: 'Shortlisted',
    pilots: 'Pilots',
    contracts: 'Contracts',
  },
  funnel: {
    heading: 'Funnel',
    title: 'Funnel from published need to contract',
    description: 'Horizontal bar chart. {{summary}}',
    stepSummary: '{{step}}: {{value}}',
    stepSummaryRate: '{{step}}: {{value}} ({{rate}} of the previous step)',
    barLabel: '{{value}} · {{rate}}',
    caption: 'Funnel: count at each step and conversion from the previous step',
    step: 'Step',
    count: 'Count',
    rate: 'Conversion',
    note: 'The steps follow the needs published in the period, whenever their applications or contracts came. A recommended firm is one of the best ranked for the need; a shortlisted application is one that was shortlisted at least once.',
  },
  breakdown: {
    heading: 'Breakdown by {{dimension}}',
    caption: 'Funnel by {{dimension}}',
    key: 'Row',
    noCohort: 'In no cohort',
    otherPartners: 'Partners of other associations (shared needs)',
    cohortNote: 'A cohort groups firms: its rows count the steps of its firms, not published needs. A firm in two cohorts counts in both.',
    hubNote: 'A shared need counts for each association concerned: the rows may add up to more than the total.',
    limit: 'At most {{limit}} rows (in the CSV export too).',
    empty: 'Nothing to break down in this period.',
  },
  firstApplication: {
    heading: 'Time to first application',
    title: 'Time from a need’s publication to its first application, by month of publication',
    description: 'Lines by month: median (solid line, round points) and 90th percentile (dashed line, square points), in days. {{summary}}',
    median: 'Median',
    p90: '90th percentile (p90)',
    monthSummary: '{{month}}: median {{median}}, p90 {{p90}}',
    caption: 'Time to first application, in days, by month of publication',
    month: 'Month of publication',
    needs: 'Needs with an application',
    days_one: '{{value}} day',
    days_other: '{{value}} days',
    none: '—',
    noData: 'No data',
  },
  contractValue: {
    heading: 'Value of signed contracts',
    title: 'Value of signed contracts by month of signature',
    description: 'Bar chart by month, in euros. {{summary}}',
    monthSummary: '{{month}}: {{value}}',
    caption: 'Contracts signed by month of signature',
    month: 'Month of signature',
    contracts: 'Contracts',
    value: 'Value',
  },
  empty: {
    title: 'Nothing in this period',
    body: 'No need was published and no contract signed between these dates in this scope. Widen the period or choose another scope.',
  },
  csv: {
    note: 'The CSV export holds the breakdown table ({{dimension}}), at most {{limit}} rows.',
    table: 'analytics-by-{{dimension}}',
  },
  errors: {
    platformForbidden: 'The platform view is for the staff of associations that share their figures.',
  },
}

export default enAnalytics
