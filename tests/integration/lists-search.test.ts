import { beforeAll, describe, expect, test } from 'vitest'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'
import { NDA_TEXT_VERSION } from '#app/modules/needs/queries.server'
import { listNeedsForActor } from '#app/modules/needs/service.server'
import type { Actor } from '#app/modules/policy/policy'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed } from '#tests/factories'
import { actorFor } from '#tests/helpers/actor'
import { signedIn } from '#tests/helpers/app'

/**
 * Search on a confidential need before its NDA answers on its teaser only (title and partner), so
 * that an invited firm cannot test the words of the hidden description, plainly or negated.
 * "zircon" is only in the description; "quartz" is nowhere.
 */
let invited: Actor
let invitedEmail: string
let partner: Actor
let confidential: string
let firmId: string

beforeAll(async () => {
  const hub = await createHub()
  const partnerMember = await createMember(hub.id, 'PARTNER', { organisation: { name: 'Énergies Sûres du Grésivaudan' } })
  const firm = await createMember(hub.id, 'FIRM')
  firmId = firm.organisation.id
  const need = await createNeed(partnerMember.organisation.id, hub.id, partnerMember.user.id, {
    status: 'PUBLISHED',
    visibility: 'INVITE_ONLY',
    publishedAt: new Date(),
    submittedAt: new Date(),
    title: 'Audit confidentiel de la ligne de production',
    summary: 'Résumé secret sur les alliages.',
    description: 'Le fournisseur actuel de zircon ne suffit plus.',
    skills: ['metallurgie'],
  })
  // The partner's name is part of the stored search text, as the service stores it.
  await prisma.need.update({ where: { id: need.id }, data: { searchBody: `${need.searchBody}\nEnergies Sures du Gresivaudan` } })
  confidential = need.id
  await prisma.match.create({ data: { needId: need.id, firmId, score: 0.8, breakdown: { reasons: [] }, algorithmVersion: ALGORITHM_VERSION, status: 'INVITED' } })
  invited = await actorFor(firm.user.id)
  invitedEmail = firm.user.email
  partner = await actorFor(partnerMember.user.id)
})

async function finds(actor: Actor, q: string) {
  const list = await listNeedsForActor(actor, { q })
  return list.needs.some((need) => need.id === confidential)
}

describe('search on a confidential need before its NDA', () => {
  test('a word only in the hidden text answers the same as a word that is nowhere, plain or negated', async () => {
    expect(await finds(invited, 'zircon')).toBe(false)
    expect(await finds(invited, 'quartz')).toBe(false)
    // Negated: both answers alike (the teaser holds neither word), so no yes/no on the hidden text.
    expect(await finds(invited, 'audit -zircon')).toBe(true)
    expect(await finds(invited, 'audit -quartz')).toBe(true)
    expect(await finds(invited, '-zircon')).toBe(true)
    expect(await finds(invited, 'alliages')).toBe(false)
    expect(await finds(invited, 'audit -alliages')).toBe(true)
  })

  test('the teaser’s words find it: its title and its partner’s name, accents ignored', async () => {
    expect(await finds(invited, 'audit confidentiel')).toBe(true)
    expect(await finds(invited, 'energies gresivaudan')).toBe(true)
    expect(await finds(invited, 'Énergies Sûres')).toBe(true)
  })

  test('the web list answers alike', async () => {
    const visitor = await signedIn(invitedEmail)
    const ids = async (q: string) => {
      const response = await visitor.get(`/needs?q=${encodeURIComponent(q)}&_data=routes%2Fneeds._index`)
      expect(response.status).toBe(200)
      return ((await response.json()) as { needs: Array<{ id: string }> }).needs.map((need) => need.id)
    }
    expect(await ids('audit -zircon')).toContain(confidential)
    expect(await ids('audit -quartz')).toContain(confidential)
    expect(await ids('zircon')).not.toContain(confidential)
  })

  test('after the NDA, and for its partner, the whole text is searched', async () => {
    for (const actor of [partner]) {
      expect(await finds(actor, 'zircon')).toBe(true)
      expect(await finds(actor, 'audit -zircon')).toBe(false)
    }
    const firm = await prisma.membership.findFirstOrThrow({ where: { userId: invited.userId }, select: { organisationId: true } })
    await prisma.ndaAcceptance.create({ data: { needId: confidential, userId: invited.userId, organisationId: firm.organisationId, textVersion: NDA_TEXT_VERSION } })
    expect(await finds(invited, 'zircon')).toBe(true)
    expect(await finds(invited, 'audit -zircon')).toBe(false)
    expect(await finds(invited, 'audit -quartz')).toBe(true)
  })
})
