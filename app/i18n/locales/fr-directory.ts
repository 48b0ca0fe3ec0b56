/** Organisations and users for staff (French). Keys mirror en-directory.ts. */
const frDirectory = {
  title: 'Directory',
}

export default frDirectory
