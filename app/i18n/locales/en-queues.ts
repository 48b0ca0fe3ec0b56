import type frQueues from './fr-queues'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** The daily queues, the jobs page and the homes after log-in (English): the same keys as fr-queues.ts. */
const enQueues: Shape<typeof frQueues> = {
  title: 'Queues',
}

export default enQueues
