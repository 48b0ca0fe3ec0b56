/** groups (French). Keys mirror en-groups.ts. */
const frGroups = {
  title: 'groups',
}

export default frGroups
