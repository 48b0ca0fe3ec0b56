import type { EmailTemplate } from '#app/modules/notifications/email-templates'

type Named<N extends EmailTemplate['name']> = Extract<EmailTemplate, { name: N }>['data']
type DuesTemplateName = Extract<EmailTemplate['name'], `dues.${string}`>

/** Sample data of the dues reminders, for the staff's preview of every template (dates as `onDay` writes them). */
export const duesEmailSamples: { [N in DuesTemplateName]: Named<N> } = {
  'dues.renewalSoon': { name: 'Claire Dumas', organisationName: 'Alpes Capteurs', hubName: 'Digital Grenoble', renewsOn: 'le 21\u00a0décembre', link: 'https://sillon.example/orgs/alpes-capteurs/billing' },
  'dues.graceEnding': { name: 'Claire Dumas', organisationName: 'Alpes Capteurs', hubName: 'Digital Grenoble', endsOn: 'le 3\u00a0décembre', link: 'https://sillon.example/orgs/alpes-capteurs/billing' },
  'dues.graceEnded': { name: 'Claire Dumas', organisationName: 'Alpes Capteurs', hubName: 'Digital Grenoble', endedOn: 'le 3\u00a0décembre', link: 'https://sillon.example/orgs/alpes-capteurs/billing' },
}
