import { emptyDigest, type DigestLinks, type DigestModel } from './model'
import { renderDigest } from './render'

/**
 * A digest with every section filled, for the staff template preview and the tests (the digest is
 * not an `EmailTemplate`: it is rendered by `renderDigest`, not `renderEmail`).
 */
export function sampleDigest(locale: 'fr' | 'en' = 'fr', at = new Date('2026-12-07T07:00:00Z')): DigestModel {
  const day = (days: number) => new Date(at.getTime() + days * 86_400_000)
  return {
    ...emptyDigest({ userId: 'sample-user', name: 'Camille Martin', email: 'camille@example.org', locale, timeZone: 'Europe/Paris', frequency: 'DAILY', period: 'D:2026-12-07', at }),
    recommended: {
      total: 7,
      items: [
        { needId: 'need-1', title: 'Maintenance prédictive des télésièges', partnerName: 'Compagnie des Alpes', deadline: day(21), score: 86 },
        { needId: 'need-2', title: 'Jumeau numérique d’une station d’épuration', partnerName: 'Grenoble-Alpes Métropole', deadline: day(30), score: 74 },
      ],
    },
    alerts: [
      {
        searchId: 'search-1',
        name: 'IoT en Isère',
        query: 'q=iot&hub=grenoble',
        total: 1,
        items: [{ needId: 'need-3', title: 'Capteurs de neige connectés', partnerName: 'Isère Tourisme', deadline: day(14) }],
      },
    ],
    updates: {
      total: 1,
      items: [{ id: 'notification-1', label: locale === 'fr' ? 'Votre candidature à « Tableau de bord énergie » est présélectionnée' : 'Your application to “Energy dashboard” is shortlisted', link: '/applications', createdAt: day(-1) }],
    },
    deadlines: { total: 1, items: [{ needId: 'need-4', title: 'Plateforme de covoiturage des saisonniers', deadline: day(2) }] },
    staff: null,
  }
}

export const sampleLinks: DigestLinks = {
  base: 'https://sillon.example',
  unsubscribe: 'https://sillon.example/unsubscribe?u=sample-user&s=DIGEST&t=sample',
  preferences: 'https://sillon.example/settings/notifications',
}

/** The sample digest rendered (subject, HTML, text), for the outbox preview. */
export function renderSampleDigest(locale: 'fr' | 'en' = 'fr') {
  return renderDigest(sampleDigest(locale), sampleLinks)
}
