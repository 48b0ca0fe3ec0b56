/** pitches (French). Keys mirror en-pitches.ts. */
const frPitches = {
  title: 'pitches',
}

export default frPitches
