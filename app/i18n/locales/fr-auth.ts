/**
 * Texts of the account: its page, sessions, the verification of addresses (French). Wired into
 * fr.ts under `account`; en-auth.ts has the same keys.
 */
const frAccount = {
  title: 'Mon compte',
  menu: 'Mon compte',
  intro: 'Vos informations, votre mot de passe, votre adresse e-mail et les appareils connectés à votre compte.',
  profile: {
    title: 'Profil',
    name: 'Nom',
    locale: 'Langue',
    timeZone: 'Fuseau horaire',
    timeZoneHint: 'Les dates et heures vous sont montrées dans ce fuseau.',
    submit: 'Enregistrer',
    saved: 'Vos informations sont enregistrées.',
  },
  password: {
    title: 'Mot de passe',
    current: 'Mot de passe actuel',
    new: 'Nouveau mot de passe',
    confirm: 'Confirmer le nouveau mot de passe',
    submit: 'Changer le mot de passe',
    changed: 'Votre mot de passe est changé. Vos autres sessions sont fermées.',
  },
  email: {
    title: 'Adresse e-mail',
    current: 'Adresse actuelle : {{email}}',
    verified: 'vérifiée',
    unverified: 'non vérifiée',
    pending: 'Changement en attente : un lien a été envoyé à {{email}}. L’adresse actuelle reste utilisée tant qu’il n’est pas ouvert.',
    new: 'Nouvelle adresse',
    currentPassword: 'Mot de passe actuel',
    submit: 'Changer d’adresse',
    requested: 'Un lien de confirmation a été envoyé à {{email}}. Votre adresse actuelle est prévenue.',
  },
  sessions: {
    title: 'Sessions actives',
    intro: 'Les navigateurs et appareils connectés à votre compte. Une session se ferme après 7 jours sans activité.',
    current: 'Cette session',
    unknownDevice: 'Appareil inconnu',
    unknownIp: 'adresse inconnue',
    since: 'Connectée le {{date}}',
    lastSeen: 'Dernière activité le {{date}}',
    revoke: 'Fermer',
    revokeOthers: 'Me déconnecter partout ailleurs',
    revoked: 'La session est fermée.',
    revokedOthers_one: '{{count}} autre session fermée.',
    revokedOthers_many: '{{count}} autres sessions fermées.',
    revokedOthers_other: '{{count}} autres sessions fermées.',
  },
  verify: {
    title: 'Confirmer votre adresse e-mail',
    confirmBody: 'Confirmez que {{email}} est bien votre adresse.',
    confirmChangeBody: 'Confirmez votre nouvelle adresse : {{email}}. Elle remplacera l’adresse actuelle de votre compte.',
    confirm: 'Confirmer mon adresse',
    done: 'Votre adresse {{email}} est confirmée.',
    changed: 'Votre adresse est désormais {{email}}.',
    alreadyVerified: 'Votre adresse est déjà confirmée.',
    resend: 'Renvoyer le lien',
    resent: 'Un nouveau lien de confirmation vous a été envoyé.',
    banner:
      'Confirmez votre adresse e-mail {{email}} avec le lien que nous vous avons envoyé. En attendant, vous pouvez parcourir Sillon et créer votre organisation, mais pas rejoindre une organisation sur invitation ni recevoir un rôle dans l’équipe d’une association.',
  },
  errors: {
    wrongPassword: 'Ce n’est pas votre mot de passe actuel.',
    sameEmail: 'C’est déjà l’adresse de votre compte.',
    timeZone: 'Choisissez un fuseau horaire de la liste (par exemple Europe/Paris).',
    linkInvalid: 'Ce lien de confirmation n’est plus valable. Demandez-en un nouveau.',
    unverifiedInvitation: 'Confirmez d’abord votre adresse e-mail (lien envoyé à l’inscription) pour rejoindre cette organisation.',
    unverifiedStaff: 'Ce compte n’a pas encore confirmé son adresse e-mail ; un rôle ne peut être donné qu’à une adresse vérifiée.',
  },
  emails: {
    verification: {
      subject: 'Confirmez votre adresse e-mail',
      body: ['Bienvenue sur Sillon. Confirmez que cette adresse est bien la vôtre.', 'Ce lien est valable 48 heures. Si vous n’avez pas créé de compte, ignorez cet e-mail.'],
      cta: 'Confirmer mon adresse',
    },
    change: {
      subject: 'Confirmez votre nouvelle adresse e-mail',
      body: ['Vous avez demandé à utiliser cette adresse pour votre compte Sillon.', 'Elle ne sera utilisée qu’une fois ce lien ouvert ; il est valable 48 heures. Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail.'],
      cta: 'Confirmer cette adresse',
    },
    changeNotice: {
      subject: 'Changement d’adresse demandé sur votre compte',
      body: [
        'Quelqu’un connecté à votre compte Sillon a demandé à remplacer cette adresse par {{newEmail}}.',
        'Le changement n’aura lieu que si le lien envoyé à {{newEmail}} est ouvert. Si vous n’êtes pas à l’origine de cette demande, changez votre mot de passe et fermez vos autres sessions.',
      ],
      cta: 'Ouvrir mon compte',
    },
  },
}

export default frAccount
