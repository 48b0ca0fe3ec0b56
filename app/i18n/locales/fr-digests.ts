/** Texts of the digests and saved-search alerts (French). Keys mirror en-digests.ts. */
const frDigests = {
  digest: {
    subject_one: 'Sillon : {{count}} nouveauté pour vous',
    subject_other: 'Sillon : {{count}} nouveautés pour vous',
    preview: 'Votre résumé Sillon {{day}}',
    greeting: 'Bonjour {{name}},',
    introDaily: 'Voici ce qui est nouveau pour vous depuis votre dernier résumé.',
    introWeekly: 'Voici ce qui est nouveau pour vous cette semaine.',
    recommended: {
      title: 'Besoins recommandés',
      score: 'correspondance {{score}} %',
      more_one: 'Et {{count}} autre besoin recommandé',
      more_other: 'Et {{count}} autres besoins recommandés',
      cta: 'Voir tous les besoins recommandés',
    },
    alerts: {
      title: 'Recherche « {{name}} »',
      more_one: 'Et {{count}} autre besoin pour cette recherche',
      more_other: 'Et {{count}} autres besoins pour cette recherche',
      cta: 'Voir la recherche',
    },
    updates: {
      title: 'Vos candidatures, vos besoins, vos suivis',
      more_one: 'Et {{count}} autre nouvelle',
      more_other: 'Et {{count}} autres nouvelles',
      cta: 'Voir toutes les notifications',
    },
    deadlines: {
      title: 'Brouillons à terminer',
      item: 'date limite {{day}}',
      more_one: 'Et {{count}} autre brouillon',
      more_other: 'Et {{count}} autres brouillons',
      cta: 'Voir mes candidatures',
    },
    staff: {
      title: 'À traiter pour l’association',
      needs_one: '{{count}} besoin à modérer',
      needs_other: '{{count}} besoins à modérer',
      revisions_one: '{{count}} modification de besoin à modérer',
      revisions_other: '{{count}} modifications de besoin à modérer',
      organisations_one: '{{count}} organisation à vérifier',
      organisations_other: '{{count}} organisations à vérifier',
      matches_one: '{{count}} mise en relation à valider',
      matches_other: '{{count}} mises en relation à valider',
      cta: 'Ouvrir l’espace association',
    },
    by: '{{partner}}',
    deadline: 'date limite {{day}}',
    footerDaily: 'Vous recevez ce résumé quotidien de Sillon, la place de marché du Small Business Act du sillon alpin, parce que vous l’avez choisi dans vos préférences.',
    footerWeekly: 'Vous recevez ce résumé hebdomadaire de Sillon, la place de marché du Small Business Act du sillon alpin, parce que vous l’avez choisi dans vos préférences.',
    unsubscribe: 'Ne plus recevoir de résumé',
    preferences: 'Gérer mes notifications',
  },
  emails: {
    alert: {
      subject: 'Nouveau besoin pour votre recherche « {{searchName}} » : {{needTitle}}',
      body: ['{{partnerName}} vient de publier « {{needTitle}} », qui répond à votre recherche enregistrée « {{searchName}} ».'],
      cta: 'Voir le besoin',
    },
  },
  notifications: {
    alert: 'Nouveau besoin pour votre recherche « {{search}} » : « {{title}} »',
  },
}

export default frDigests
