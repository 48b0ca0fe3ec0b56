/** The staff console's frame: its tabs, CSV links and period filter (French). Keys mirror en-console.ts. */
const frConsole = {
  nav: {
    label: 'Console de l’association',
    home: 'Files du jour',
    partners: 'Partenaires',
    analytics: 'Analyses',
    cohorts: 'Cohortes',
    pitches: 'Pitchs',
    shared: 'Besoins partagés',
    organisations: 'Organisations',
    users: 'Utilisateurs',
    audit: 'Journal',
    outbox: 'Boîte d’envoi',
    team: 'Équipe',
    hub: 'Réglages du hub',
    jobs: 'Tâches de fond',
  },
  csv: {
    label: 'Exporter ce tableau :',
    comma: 'CSV',
    semicolon: 'CSV pour Excel (séparateur ;)',
  },
  /** The headers of the older staff pages' CSV exports (the newer pages reuse their table's headers). */
  csvColumns: {
    outbox: { date: 'Date', to: 'Destinataire', subject: 'Objet', template: 'Modèle', status: 'Statut' },
    late: {
      daysLate: 'Jours de retard',
      partner: 'Partenaire',
      need: 'Besoin',
      firm: 'Entreprise',
      status: 'Statut',
      submittedAt: 'Candidature envoyée le',
      dueOn: 'Réponse attendue le',
    },
    moderation: {
      submittedAt: 'Soumis le',
      title: 'Besoin',
      revision: 'Modification d’un besoin publié',
      kind: 'Type',
      partner: 'Partenaire',
      hub: 'Association',
      visibility: 'Visibilité',
      matchingMode: 'Mise en relation',
      budgetMinEur: 'Budget minimum (€)',
      budgetMaxEur: 'Budget maximum (€)',
    },
    team: { hub: 'Association', name: 'Nom', email: 'E-mail', role: 'Rôle', since: 'Depuis le' },
    jobs: {
      queue: 'File',
      name: 'Tâche',
      id: 'Identifiant',
      error: 'Erreur',
      attempts: 'Tentatives',
      createdAt: 'Créée le',
      processedAt: 'Traitée le',
      failedAt: 'En échec depuis le',
    },
  },
  range: {
    legend: 'Période',
    from: 'Du',
    to: 'au',
    apply: 'Afficher',
    corrected: 'La période demandée n’était pas valable : voici les douze derniers mois.',
  },
}

export default frConsole
