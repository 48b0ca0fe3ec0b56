/** cohorts (English). Keys mirror fr-cohorts.ts. */
const enCohorts = {
  title: 'cohorts',
}

export default enCohorts
