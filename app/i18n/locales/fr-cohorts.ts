/** cohorts (French). Keys mirror en-cohorts.ts. */
const frCohorts = {
  title: 'cohorts',
}

export default frCohorts
