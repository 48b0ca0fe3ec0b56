/**
 * Texts of follows, reminders, the late answers list, the decision at close and the instant
 * e-mails of applications and questions (French). Keys mirror en-reminders.ts.
 */
const frReminders = {
  follow: {
    hint: 'Suivez ce besoin pour recevoir les réponses à ses questions.',
    following: 'Vous suivez ce besoin : ses réponses aux questions vous sont envoyées.',
    follow: 'Suivre ce besoin',
    unfollow: 'Ne plus suivre',
    followedToast: 'Vous suivez ce besoin.',
    unfollowedToast: 'Vous ne suivez plus ce besoin.',
  },
  lifecycle: {
    declineLegend: 'Décliner les candidatures en attente',
    undecidedHint_one: '{{count}} candidature attend encore votre décision : elle sera déclinée avec ce motif, et l’entreprise prévenue.',
    undecidedHint_many: '{{count}} candidatures attendent encore votre décision : elles seront déclinées avec ce motif, et chaque entreprise prévenue.',
    undecidedHint_other: '{{count}} candidatures attendent encore votre décision : elles seront déclinées avec ce motif, et chaque entreprise prévenue.',
    reason: 'Motif du refus',
    comment: 'Message aux entreprises',
    commentHint: 'Au moins 10 caractères ; chaque entreprise le lit avec le motif.',
    chooseReason: 'Choisissez le motif du refus des candidatures en attente, ou décidez d’abord de chacune.',
    undecided_one: '{{count}} candidature attend encore une décision : chaque candidat doit recevoir une réponse avant la clôture ou l’attribution.',
    undecided_many: '{{count}} candidatures attendent encore une décision : chaque candidat doit recevoir une réponse avant la clôture ou l’attribution.',
    undecided_other: '{{count}} candidatures attendent encore une décision : chaque candidat doit recevoir une réponse avant la clôture ou l’attribution.',
    inScreening: 'Des candidatures sont encore en examen par l’association\u00a0: elle doit les transmettre ou les décliner avant la clôture ou l’attribution.',
    submitWithDecline: {
      close_one: 'Clore et décliner la candidature en attente',
      close_many: 'Clore et décliner les {{count}} candidatures en attente',
      close_other: 'Clore et décliner les {{count}} candidatures en attente',
      award_one: 'Attribuer et décliner la candidature en attente',
      award_many: 'Attribuer et décliner les {{count}} candidatures en attente',
      award_other: 'Attribuer et décliner les {{count}} candidatures en attente',
      notAward_one: 'Déclarer non attribué et décliner la candidature en attente',
      notAward_many: 'Déclarer non attribué et décliner les {{count}} candidatures en attente',
      notAward_other: 'Déclarer non attribué et décliner les {{count}} candidatures en attente',
    },
  },
  late: {
    title: 'Réponses en retard',
    intro: 'Candidatures sans décision au-delà du délai de réponse de la charte (le délai du partenaire, sinon celui de l’association), les plus en retard d’abord.',
    empty: 'Aucune réponse en retard : chaque candidature a reçu une décision dans le délai de la charte.',
    tile: 'réponses en retard',
    columns: { need: 'Besoin', partner: 'Partenaire', firm: 'Entreprise', status: 'Statut', dueOn: 'Réponse attendue', late: 'Retard' },
    daysLate_one: '{{count}} jour',
    daysLate_many: '{{count}} jours',
    daysLate_other: '{{count}} jours',
    caption: 'Candidatures en retard de réponse',
  },
  notifications: {
    followed_answer: 'Nouvelle réponse sur « {{title}} », un besoin que vous suivez',
    charter_soon_one: 'Candidature de {{firm}} à « {{title}} » : réponse attendue dans {{count}} jour',
    charter_soon_many: 'Candidature de {{firm}} à « {{title}} » : réponse attendue dans {{count}} jours',
    charter_soon_other: 'Candidature de {{firm}} à « {{title}} » : réponse attendue dans {{count}} jours',
    charter_due: 'Candidature de {{firm}} à « {{title}} » : la réponse est attendue aujourd’hui',
    draft_deadline_one: 'Votre brouillon pour « {{title}} » : les candidatures closent dans {{count}} jour',
    draft_deadline_many: 'Votre brouillon pour « {{title}} » : les candidatures closent dans {{count}} jours',
    draft_deadline_other: 'Votre brouillon pour « {{title}} » : les candidatures closent dans {{count}} jours',
    pilot_ending_one: 'Le pilote « {{title}} » se termine dans {{count}} jour',
    pilot_ending_many: 'Le pilote « {{title}} » se termine dans {{count}} jours',
    pilot_ending_other: 'Le pilote « {{title}} » se termine dans {{count}} jours',
  },
  emails: {
    shortlisted: {
      subject: 'Candidature présélectionnée : {{needTitle}}',
      body: ['{{partnerName}} a présélectionné votre candidature au besoin « {{needTitle}} ».', 'Il peut vous demander des précisions : gardez un œil sur la conversation de la candidature.'],
      cta: 'Voir la candidature',
    },
    messageReceived: {
      subject: 'Nouveau message : {{needTitle}}',
      body: ['{{fromName}} vous a écrit sur la candidature au besoin « {{needTitle}} ».'],
      cta: 'Lire le message',
    },
    questionAnswered: {
      subject: 'Réponse à votre question : {{needTitle}}',
      body: ['{{partnerName}} a répondu à votre question sur le besoin « {{needTitle}} ».', 'La réponse est visible de toutes les entreprises qui voient le besoin.'],
      cta: 'Lire la réponse',
    },
    followedAnswer: {
      subject: 'Nouvelle réponse : {{needTitle}}',
      body: ['{{partnerName}} a répondu à une question sur le besoin « {{needTitle}} », que vous suivez.'],
      cta: 'Lire la réponse',
    },
    confidentialInvitation: {
      subject: 'Invitation à un besoin confidentiel : {{needTitle}}',
      body: [
        '{{partnerName}} vous invite à candidater à un besoin confidentiel sur Sillon : « {{needTitle}} ».',
        'Son détail s’ouvre une fois l’accord de confidentialité accepté sur la page du besoin.',
      ],
      cta: 'Voir le besoin',
    },
    charterSoon: {
      subject: 'Réponse attendue {{dueOn}} : {{firmName}}',
      body: [
        'La candidature de {{firmName}} au besoin « {{needTitle}} » attend votre décision.',
        'Selon la charte du Small Business Act, une réponse est attendue {{dueOn}}.',
      ],
      cta: 'Décider',
    },
    charterDue: {
      subject: 'Réponse attendue aujourd’hui : {{firmName}}',
      body: [
        'La candidature de {{firmName}} au besoin « {{needTitle}} » attend votre décision.',
        'Le délai de réponse de la charte du Small Business Act arrive à son terme aujourd’hui.',
      ],
      cta: 'Décider',
    },
    draftDeadline: {
      subject: 'Votre brouillon : les candidatures closent {{deadlineOn}}',
      body: ['Votre candidature au besoin « {{needTitle}} » est encore un brouillon.', 'Les candidatures closent {{deadlineOn}} : pensez à l’envoyer avant.'],
      cta: 'Reprendre le brouillon',
    },
    pilotEnding: {
      subject: 'Fin du pilote {{endsOn}} : {{needTitle}}',
      body: ['Le pilote « {{needTitle}} » avec {{otherName}} se termine {{endsOn}}.', 'C’est le moment de faire le point sur ses critères de réussite.'],
      cta: 'Voir le pilote',
    },
  },
}

export default frReminders
