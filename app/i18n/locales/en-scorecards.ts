import type frScorecards from './fr-scorecards'

type Shape<T> = T extends string ? string : T extends readonly string[] ? string[] : { [K in keyof T]: Shape<T[K]> }

/** Partner scorecards and charter compliance (English): the same keys as fr-scorecards.ts. */
const enScorecards: Shape<typeof frScorecards> = {
  title: 'Scorecards',
}

export default enScorecards
