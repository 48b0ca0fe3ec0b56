import type frAnalytics from './fr-analytics'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** The analytics page: funnel, charts and their tables (English): the same keys as fr-analytics.ts. */
const enAnalytics: Shape<typeof frAnalytics> = {
  title: 'Analytics',
}

export default enAnalytics
