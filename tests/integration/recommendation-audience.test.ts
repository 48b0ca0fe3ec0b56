import { describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createOrganisation, createStaff } from '#tests/factories'
import { signedIn } from '#tests/helpers/app'

/**
 * Who reads the reasons of a need's recommended firms: its partner reads « votre besoin »; the hub's
 * staff, who did not write the need, read them neutrally (« du besoin »), on the need's page and on
 * the full recommendations page alike.
 */
describe('recommendation reasons speak to their reader', () => {
  test('the partner reads « votre besoin », hub staff a neutral wording', async () => {
    const hub = await createHub()
    const partner = await createMember(hub.id, 'PARTNER')
    const staff = await createStaff(hub.id)
    const firm = await createOrganisation(hub.id, 'FIRM', { name: 'Entreprise recommandée' })
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, { title: 'Capteurs des turbines', status: 'PUBLISHED', publishedAt: new Date() })
    await prisma.match.create({
      data: {
        needId: need.id,
        firmId: firm.id,
        score: 80,
        status: 'SUGGESTED',
        breakdown: { reasons: [{ key: 'text', values: { count: 1, terms: 'turbines' } }] },
        algorithmVersion: ALGORITHM_VERSION,
        inNeedTop: true,
      },
    })

    for (const path of [`/needs/${need.id}`, `/needs/${need.id}/recommendations`]) {
      const partnerHtml = await (await (await signedIn(partner.user.email)).get(path)).text()
      expect(partnerHtml).toContain('Entreprise recommandée')
      expect(partnerHtml).toContain('Mot-clé de votre besoin dans son profil')

      const staffHtml = await (await (await signedIn(staff.email)).get(path)).text()
      expect(staffHtml).toContain('Entreprise recommandée')
      expect(staffHtml).toContain('Mot-clé du besoin dans son profil')
      expect(staffHtml).not.toContain('votre besoin')
    }
  })
})
