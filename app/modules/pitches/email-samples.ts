import type { PitchEmailName } from '#app/modules/notifications/email-templates'

const sample = (otherName: string) => ({
  name: 'Camille Martin',
  pitchTitle: 'Détection précoce du givrage des câbles',
  otherName,
  link: 'https://sillon.example/pitches/pitch_sample',
})

/** Sample data of the `pitches.*` e-mails, for the staff's preview of every template. */
export const pitchEmailSamples: { [N in PitchEmailName as `pitches.${N}`]: ReturnType<typeof sample> } & { 'pitches.charterSoon': ReturnType<typeof sample> & { dueOn: string } } = {
  'pitches.submitted': sample('Capteurs Alpins'),
  'pitches.received': sample('Capteurs Alpins'),
  'pitches.approved': sample('Compagnie des Alpes'),
  'pitches.changesRequested': sample('Grenoble'),
  'pitches.rejected': sample('Grenoble'),
  'pitches.interested': sample('Compagnie des Alpes'),
  'pitches.declined': sample('Compagnie des Alpes'),
  'pitches.message': sample('Compagnie des Alpes'),
  'pitches.charterDue': sample('Capteurs Alpins'),
  'pitches.charterSoon': { ...sample('Capteurs Alpins'), dueOn: 'le 1er\u00a0décembre' },
}
