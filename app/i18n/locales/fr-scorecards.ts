/** Partner scorecards and charter compliance (French). Keys mirror en-scorecards.ts. */
const frScorecards = {
  title: 'Scorecards',
}

export default frScorecards
