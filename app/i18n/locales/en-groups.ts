/** groups (English). Keys mirror fr-groups.ts. */
const enGroups = {
  title: 'groups',
}

export default enGroups
