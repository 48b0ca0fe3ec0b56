/** The staff console's frame: its tabs, CSV links and period filter (French). Keys mirror en-console.ts. */
const frConsole = {
  nav: {
    label: 'Console de l’association',
    home: 'Files du jour',
    partners: 'Partenaires',
    analytics: 'Analyses',
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
  range: {
    legend: 'Période',
    from: 'Du',
    to: 'au',
    apply: 'Afficher',
    corrected: 'La période demandée n’était pas valable : voici les douze derniers mois.',
  },
}

export default frConsole
