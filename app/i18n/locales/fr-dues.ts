/** Le contrôle des cotisations, exonérations, délai de grâce et rappels (French). Keys mirror en-dues.ts. */
const frDues = {

}

export default frDues
