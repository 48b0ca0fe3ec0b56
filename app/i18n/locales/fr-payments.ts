/** Webhooks Stripe et e-mails de paiement (French). Keys mirror en-payments.ts. */
const frPayments = {
  /** Notifications dans l’application (catégorie Cotisation), par type : `payments:<type>`. */
  notifications: {
    activated: 'Adhésion de {{organisation}} à jour\u202f: la cotisation est réglée',
    payment_failed: 'Le paiement de la cotisation de {{organisation}} a échoué',
    canceled: 'L’adhésion de {{organisation}} est résiliée',
    refunded: 'Un remboursement de cotisation a été émis pour {{organisation}}',
  },
  emails: {
    activated: {
      subject: 'Adhésion active\u202f: {{organisationName}}',
      body: [
        'Le paiement de la cotisation de {{organisationName}} est bien reçu\u202f: l’adhésion est active.',
        'Factures, moyen de paiement et résiliation se gèrent depuis la page Cotisation de l’organisation.',
      ],
      cta: 'Voir la cotisation',
    },
    paymentFailed: {
      subject: 'Paiement refusé\u202f: cotisation de {{organisationName}}',
      body: [
        'Le dernier paiement de la cotisation de {{organisationName}} a échoué.',
        'L’adhésion reste ouverte jusqu’au délai de grâce, {{graceEndsOn}}\u202f: mettez à jour le moyen de paiement d’ici là pour continuer à publier des besoins et à candidater.',
      ],
      cta: 'Mettre à jour le paiement',
    },
    canceled: {
      subject: 'Adhésion résiliée\u202f: {{organisationName}}',
      body: [
        'L’abonnement de cotisation de {{organisationName}} est résilié.',
        'Là où l’association demande une cotisation, publier des besoins et candidater demandent une adhésion active\u202f: vous pouvez en reprendre une depuis la page Cotisation.',
      ],
      cta: 'Voir la cotisation',
    },
    refunded: {
      subject: 'Remboursement de cotisation\u202f: {{organisationName}}',
      body: ['Un remboursement de {{amount}} a été émis sur la cotisation de {{organisationName}}.', 'Il apparaît sur le relevé du moyen de paiement sous quelques jours.'],
      cta: 'Voir les factures',
    },
  },
}

export default frPayments
