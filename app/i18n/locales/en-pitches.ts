/** pitches (English). Keys mirror fr-pitches.ts. */
const enPitches = {
  title: 'pitches',
}

export default enPitches
