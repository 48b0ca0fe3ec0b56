import type frLists from './fr-lists'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** Texts of the lists and the outbox (English): the same keys as fr-lists.ts. */
const enLists: Shape<typeof frLists> = {
  openNeeds: 'Open',
}

export default enLists
