/** The analytics page: funnel, charts and their tables (French). Keys mirror en-analytics.ts. */
const frAnalytics = {
  title: 'Analytics',
}

export default frAnalytics
