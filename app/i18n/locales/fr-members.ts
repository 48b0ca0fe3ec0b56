/** Texts of an organisation's team: settings, leaving, notifications and e-mails (French). Keys mirror en-members.ts. */
const frMembers = {
  settingsTitle: 'Paramètres de l’organisation',
  team: {
    title: 'Équipe',
    rules:
      'Les propriétaires gèrent tout, dont les autres propriétaires et la propriété de l’organisation. Les administrateurs invitent, nomment des administrateurs et retirent des membres. L’organisation garde toujours au moins un propriétaire.',
    memberCount_one: '{{count}} membre',
    memberCount_many: '{{count}} membres',
    memberCount_other: '{{count}} membres',
    columns: { name: 'Nom', role: 'Rôle', joinedAt: 'Membre depuis', actions: 'Actions' },
    you: 'vous',
    manage: 'Gérer',
    manageLabel: 'Gérer {{name}}',
    noAction: 'Aucune action possible',
    chooseRole: 'Choisir un rôle',
    newRole: 'Nouveau rôle',
    changeRole: 'Changer le rôle',
    transfer: 'Transférer la propriété',
    transferConfirm: '{{name}} deviendra propriétaire de l’organisation ; vous resterez administrateur·rice.',
    transferSubmit: 'Confirmer le transfert à {{name}}',
    remove: 'Retirer de l’organisation',
    removeConfirm:
      '{{name}} perd immédiatement l’accès à l’organisation : les jetons d’API créés par cette personne sont révoqués et ses invitations en attente annulées.',
    removeSubmit: 'Confirmer le retrait de {{name}}',
    soleOwner: 'Vous êtes le seul propriétaire : pour quitter l’organisation, nommez d’abord un autre propriétaire ou transférez-lui la propriété.',
    leave: 'Quitter l’organisation',
    invite: 'Inviter un membre depuis la page de l’organisation',
  },
  invitations: {
    title: 'Invitations en attente',
    none: 'Aucune invitation en attente.',
    meta: 'Invitée par {{name}} le {{date}} · expire le {{expires}}',
    cancel: 'Annuler l’invitation',
    cancelLabel: 'Annuler l’invitation de {{email}}',
    cancelConfirm: 'Le lien envoyé à {{email}} ne fonctionnera plus ; la personne en est informée par e-mail.',
    cancelSubmit: 'Confirmer l’annulation',
  },
  leave: {
    title: 'Quitter {{organisation}}',
    body: 'Vous perdrez immédiatement l’accès aux besoins, candidatures et réglages de {{organisation}}. Les jetons d’API que vous avez créés pour elle seront révoqués. Pour revenir, il faudra une nouvelle invitation.',
    tokens_one: 'Vous avez créé {{count}} jeton d’API actif pour cette organisation : il sera révoqué.',
    tokens_many: 'Vous avez créé {{count}} jetons d’API actifs pour cette organisation : ils seront révoqués.',
    tokens_other: 'Vous avez créé {{count}} jetons d’API actifs pour cette organisation : ils seront révoqués.',
    submit: 'Quitter définitivement {{organisation}}',
    back: 'Rester et revenir à l’organisation',
  },
  toasts: {
    removed: '{{name}} ne fait plus partie de l’organisation.',
    left: 'Vous avez quitté {{organisation}}.',
    roleChanged: '{{name}} est maintenant « $t(memberRole.{{role}}) ».',
    transferred: '{{name}} est maintenant propriétaire de l’organisation ; vous en êtes administrateur·rice.',
    invitationCancelled: 'L’invitation de {{email}} est annulée.',
  },
  errors: {
    managersOnly: 'Seuls les propriétaires et les administrateurs de l’organisation gèrent son équipe.',
    ownersOnly: 'Seuls les propriétaires peuvent retirer ou changer le rôle d’un administrateur ou d’un propriétaire, et nommer un propriétaire.',
    lastOwner:
      'L’organisation doit garder au moins un propriétaire : nommez d’abord un autre propriétaire ou transférez-lui la propriété.',
    organisationInactive: 'Impossible de donner un rôle plus élevé tant que l’organisation est refusée ou suspendue.',
    sameRole: 'Ce membre a déjà ce rôle.',
    transferToSelf: 'Choisissez un autre membre : vous êtes déjà propriétaire.',
    invitationAccepted: 'Cette invitation a déjà été acceptée : retirez le membre si besoin.',
  },
  invitationCancelled: 'Cette invitation a été annulée par l’organisation. Demandez-lui une nouvelle invitation si besoin.',
  notifications: {
    removed: 'Vous ne faites plus partie de {{organisation}}',
    left: '{{member}} a quitté {{organisation}}',
    role_changed: 'Votre rôle dans {{organisation}} : « $t(memberRole.{{role}}) »',
    ownership_received: 'Vous êtes maintenant propriétaire de {{organisation}}',
  },
  emails: {
    removed: {
      subject: '{{organisationName}} : vous ne faites plus partie de l’équipe',
      body: [
        '{{actorName}} vous a retiré·e de l’équipe de {{organisationName}} sur Sillon.',
        'Vous n’avez plus accès aux besoins, candidatures et réglages de l’organisation, et les jetons d’API que vous aviez créés pour elle sont révoqués.',
        'S’il s’agit d’une erreur, contactez un propriétaire de l’organisation.',
      ],
      cta: 'Ouvrir Sillon',
    },
    roleChanged: {
      subject: 'Votre rôle dans {{organisationName}} a changé',
      body: ['{{actorName}} a changé votre rôle dans {{organisationName}} : vous êtes maintenant « $t(memberRole.{{role}}) ».'],
      cta: 'Voir l’équipe',
    },
    ownershipReceived: {
      subject: 'Vous êtes propriétaire de {{organisationName}}',
      body: [
        '{{actorName}} vous a transféré la propriété de {{organisationName}} sur Sillon.',
        'Vous gérez désormais toute l’équipe, dont les administrateurs et les autres propriétaires.',
      ],
      cta: 'Voir l’équipe',
    },
    invitationCancelled: {
      subject: 'Invitation à {{organisationName}} annulée',
      body: ['{{actorName}} a annulé votre invitation à rejoindre {{organisationName}} sur Sillon : le lien reçu ne fonctionne plus.'],
      cta: 'Ouvrir Sillon',
    },
  },
}

export default frMembers
