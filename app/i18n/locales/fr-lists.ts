/**
 * Texts of the lists and the outbox (French). Wired into fr.ts under `lists`; en-lists.ts has the
 * same keys.
 */
const frLists = {
  /** The firms' status filter: without a choice, the open needs. */
  openNeeds: 'Ouverts',
}

export default frLists
