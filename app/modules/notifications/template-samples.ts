import { paymentEmailSamples } from '#app/modules/billing/email-samples'
import { pitchEmailSamples } from '#app/modules/pitches/email-samples'
import { duesEmailSamples } from '#app/modules/billing/dues-email-samples'
import { reminderEmailSamples } from '#app/modules/reminders/email-samples'
import type { EmailTemplate } from './email-templates'

/**
 * Sample data of every e-mail template, for the previews of the staff outbox
 * (/staff/outbox/templates). The type asks for one entry per member of `EmailTemplate`: a template
 * added without its sample does not compile. Names and places are invented; links point at an
 * example host, never at a real record.
 */
export type TemplateSamples = { [N in EmailTemplate['name']]: Extract<EmailTemplate, { name: N }>['data'] }

export const SAMPLE_APP_URL = 'https://sillon.example'

const link = (path: string) => `${SAMPLE_APP_URL}${path}`

export const TEMPLATE_SAMPLES: TemplateSamples = {
  passwordReset: { name: 'Claire Dumas', link: link('/reset-password?token=exemple') },
  invitation: { inviterName: 'Claire Dumas', organisationName: 'Alpes Capteurs', link: link('/invitations/exemple') },
  applicationReceived: { name: 'Karim Benali', needTitle: 'Maintenance prédictive d’une ligne d’embouteillage', partnerName: 'Schneider Grenoble', link: link('/applications/exemple') },
  newApplication: { name: 'Claire Dumas', needTitle: 'Maintenance prédictive d’une ligne d’embouteillage', firmName: 'Alpes Capteurs', link: link('/applications/exemple') },
  needPublished: { name: 'Claire Dumas', needTitle: 'Maintenance prédictive d’une ligne d’embouteillage', link: link('/needs/exemple') },
  needChangesRequested: {
    name: 'Claire Dumas',
    needTitle: 'Maintenance prédictive d’une ligne d’embouteillage',
    comment: 'Précisez le budget et la date de démarrage souhaitée.',
    link: link('/needs/exemple/edit'),
  },
  organisationVerified: { name: 'Karim Benali', organisationName: 'Alpes Capteurs', link: link('/orgs/alpes-capteurs') },
  applicationAccepted: { name: 'Karim Benali', needTitle: 'Maintenance prédictive d’une ligne d’embouteillage', partnerName: 'Schneider Grenoble', link: link('/applications/exemple') },
  applicationDeclined: { name: 'Karim Benali', needTitle: 'Maintenance prédictive d’une ligne d’embouteillage', partnerName: 'Schneider Grenoble', link: link('/applications/exemple') },
  applicationInfoRequested: { name: 'Karim Benali', needTitle: 'Maintenance prédictive d’une ligne d’embouteillage', partnerName: 'Schneider Grenoble', link: link('/applications/exemple') },
  firmInvited: { name: 'Karim Benali', needTitle: 'Maintenance prédictive d’une ligne d’embouteillage', partnerName: 'Schneider Grenoble', link: link('/needs/exemple') },
  emailVerification: { name: 'Karim Benali', link: link('/verify-email?token=exemple') },
  emailChange: { name: 'Karim Benali', link: link('/verify-email?token=exemple') },
  emailChangeNotice: { name: 'Karim Benali', newEmail: 'karim.benali@alpes-capteurs.example', link: link('/account') },
  'members.removed': { name: 'Karim Benali', organisationName: 'Alpes Capteurs', actorName: 'Claire Dumas' },
  'members.roleChanged': { name: 'Karim Benali', organisationName: 'Alpes Capteurs', actorName: 'Claire Dumas', role: 'ADMIN', link: link('/orgs/alpes-capteurs') },
  'members.ownershipReceived': { name: 'Karim Benali', organisationName: 'Alpes Capteurs', actorName: 'Claire Dumas', role: 'OWNER', link: link('/orgs/alpes-capteurs') },
  'members.invitationCancelled': { name: 'karim.benali@alpes-capteurs.example', organisationName: 'Alpes Capteurs', actorName: 'Claire Dumas' },
  ...reminderEmailSamples,
  'digests.alert': {
    name: 'Karim Benali',
    needTitle: 'Maintenance prédictive d’une ligne d’embouteillage',
    partnerName: 'Schneider Grenoble',
    searchName: 'Maintenance, Isère',
    link: link('/needs/exemple'),
  },
  'groups.needAddressed': {
    name: 'Karim Benali',
    needTitle: 'Maintenance prédictive d’une ligne d’embouteillage',
    partnerName: 'Schneider Grenoble',
    groupName: 'Industrie du futur',
    link: link('/needs/exemple'),
  },
  'groups.announcement': { name: 'Karim Benali', groupName: 'Industrie du futur', title: 'Atelier jumeaux numériques le 12 janvier', link: link('/groups/industrie-du-futur') },
  ...pitchEmailSamples,
  ...paymentEmailSamples,
  ...duesEmailSamples,
}

/**
 * Templates that are part of an account's own business (passwords, addresses, invitations, team
 * changes): never queued with a one-click unsubscribe link. Every other template may be sent
 * under a notification category, and its preview shows the "Se désabonner" line it then carries.
 */
export const TRANSACTIONAL_TEMPLATES: ReadonlySet<EmailTemplate['name']> = new Set<EmailTemplate['name']>([
  'passwordReset',
  'invitation',
  'emailVerification',
  'emailChange',
  'emailChangeNotice',
  'members.removed',
  'members.roleChanged',
  'members.ownershipReceived',
  'members.invitationCancelled',
])

/** Every template with its sample, in the order of the union. */
export function templateSamples(): EmailTemplate[] {
  return (Object.entries(TEMPLATE_SAMPLES) as Array<[EmailTemplate['name'], EmailTemplate['data']]>).map(
    ([name, data]) => ({ name, data }) as EmailTemplate,
  )
}
