/**
 * The demo accounts a newcomer logs in with (`npm run db:seed`). Pure data: no app imports, no I/O,
 * so that the seed, the README and the development launcher can all print the same block.
 * Every address is under the reserved `.example` top-level domain: nothing here is a real person.
 */

export const DEMO_PASSWORD = 'demo-sillon-2026'

/** The addresses the seed gives special roles to. */
export const DEMO_EMAILS = {
  partner: 'partenaire@demo.sillon.example',
  firm: 'entreprise@demo.sillon.example',
  moderator: 'moderation@demo.sillon.example',
  admin: 'admin@demo.sillon.example',
  moderatorAnnecy: 'moderation.annecy@demo.sillon.example',
  moderatorSavoie: 'moderation.savoie@demo.sillon.example',
  moderatorValence: 'moderation.valence@demo.sillon.example',
  adminAnnecy: 'admin.annecy@demo.sillon.example',
  adminSavoie: 'admin.savoie@demo.sillon.example',
  adminValence: 'admin.valence@demo.sillon.example',
} as const

export interface DemoAccount {
  email: string
  name: string
  /** What the account is for, in French. */
  role: string
}

export const demoAccounts: DemoAccount[] = [
  {
    email: DEMO_EMAILS.partner,
    name: 'Claire Rochas',
    role: 'Acheteuse · Alpiva Énergie (grand compte partenaire, Grenoble)',
  },
  {
    email: DEMO_EMAILS.firm,
    name: 'Thomas Vial',
    role: 'Fondateur · Belledonne Vision (entreprise numérique, IA industrielle / IoT, Meylan)',
  },
  { email: DEMO_EMAILS.moderator, name: 'Camille Bérard', role: 'Modératrice · Digital Grenoble' },
  { email: DEMO_EMAILS.admin, name: 'Julien Faure', role: 'Administrateur · Digital Grenoble' },
  { email: DEMO_EMAILS.moderatorAnnecy, name: 'Léa Duret', role: "Modératrice · Collectif numérique d'Annecy" },
  { email: DEMO_EMAILS.moderatorSavoie, name: 'Hugo Perrier', role: 'Modérateur · Collectif Digital Savoie' },
  { email: DEMO_EMAILS.moderatorValence, name: 'Manon Chabert', role: 'Modératrice · Valence Numérique' },
  { email: DEMO_EMAILS.adminAnnecy, name: 'Romain Guichard', role: "Administrateur · Collectif numérique d'Annecy" },
  { email: DEMO_EMAILS.adminSavoie, name: 'Sandrine Mollard', role: 'Administratrice · Collectif Digital Savoie' },
  { email: DEMO_EMAILS.adminValence, name: 'Benoît Revol', role: 'Administrateur · Valence Numérique' },
]

/** The accounts as an aligned block, each line indented by two spaces. */
export function demoLoginsText(): string {
  const emailWidth = Math.max(...demoAccounts.map((account) => account.email.length))
  const nameWidth = Math.max(...demoAccounts.map((account) => account.name.length))
  return [
    `  Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})`,
    ...demoAccounts.map((account) => `  ${account.email.padEnd(emailWidth)}  ${account.name.padEnd(nameWidth)}  ${account.role}`),
  ].join('\n')
}
