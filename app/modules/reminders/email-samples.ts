import type { EmailTemplate } from '#app/modules/notifications/email-templates'

type Named<N extends EmailTemplate['name']> = Extract<EmailTemplate, { name: N }>['data']
type ReminderTemplateName = Extract<EmailTemplate['name'], `reminders.${string}`>

/**
 * Sample data of the `reminders.*` e-mails, for the staff's preview of every template (dates as
 * the sweep writes them with `onDay`, in French).
 */
export const reminderEmailSamples: { [N in ReminderTemplateName]: Named<N> } = {
  'reminders.shortlisted': { name: 'Camille Martin', needTitle: 'Maintenance prédictive des télésièges', partnerName: 'Compagnie des Alpes', link: 'https://sillon.example/applications/app_sample' },
  'reminders.messageReceived': { name: 'Camille Martin', needTitle: 'Maintenance prédictive des télésièges', fromName: 'Compagnie des Alpes', link: 'https://sillon.example/applications/app_sample' },
  'reminders.questionAnswered': { name: 'Camille Martin', needTitle: 'Jumeau numérique des télécabines', partnerName: 'Compagnie des Alpes', link: 'https://sillon.example/needs/need_sample#questions' },
  'reminders.followedAnswer': { name: 'Camille Martin', needTitle: 'Jumeau numérique des télécabines', partnerName: 'Compagnie des Alpes', link: 'https://sillon.example/needs/need_sample#questions' },
  'reminders.confidentialInvitation': { name: 'Camille Martin', needTitle: 'Audit des automates de la centrale', partnerName: 'Schneider Electric', link: 'https://sillon.example/needs/need_sample' },
  'reminders.charterSoon': { name: 'Julien Roux', needTitle: 'Maintenance prédictive des télésièges', firmName: 'Capteurs Alpins', dueOn: 'le 1er\u00a0décembre', link: 'https://sillon.example/applications/app_sample' },
  'reminders.charterDue': { name: 'Julien Roux', needTitle: 'Maintenance prédictive des télésièges', firmName: 'Capteurs Alpins', link: 'https://sillon.example/applications/app_sample' },
  'reminders.draftDeadline': { name: 'Camille Martin', needTitle: 'Capteurs de neige connectés', deadlineOn: 'le 4\u00a0décembre', link: 'https://sillon.example/needs/need_sample/apply' },
  'reminders.pilotEnding': { name: 'Camille Martin', needTitle: 'Maintenance prédictive des télésièges', otherName: 'Compagnie des Alpes', endsOn: 'le 14\u00a0décembre', link: 'https://sillon.example/applications/app_sample' },
}
