/** Texts of organisation status and acting firms (French). Keys mirror en-access.ts. */
const frAccess = {
  readOnly: {
    PENDING: 'Votre organisation attend sa vérification par son association : en attendant, vous pouvez consulter, mais pas agir en son nom.',
    REJECTED: 'La demande de votre organisation a été refusée : vous pouvez consulter, mais pas agir en son nom.',
    SUSPENDED: 'Votre organisation est suspendue par son association : vous pouvez consulter, mais plus agir en son nom.',
  },
  actingFirm: {
    label: 'Au nom de',
    hint: 'L’entreprise pour laquelle vous agissez.',
    choose: 'Choisissez l’entreprise pour laquelle vous agissez.',
    notAllowed: 'Cette entreprise ne peut pas agir sur ce besoin.',
  },
}

export default frAccess
