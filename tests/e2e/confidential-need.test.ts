import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { needSearchText } from '#app/modules/needs/search-text'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createNeed, createStaff, PASSWORD } from '#tests/factories'
import { act, checkAccessible, launchBrowser, logIn, sharedSkillsReason, textOf } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/**
 * A confidential (INVITE_ONLY) need in headless Chromium, against the production web and worker
 * processes: invisible to firms that are not invited (404, absent from the list and the search),
 * a teaser with the NDA for the invited firm, which must tick the box; then the details, and the
 * acceptance recorded with its user, time and text version.
 */
const TITLE = 'Refonte du contrôle-commande de la centrale de Grand’Maison'
const SUMMARY = 'Remplacer les automates du contrôle-commande sans arrêter la production.'
const DESCRIPTION = 'Migration progressive des automates, tranche par tranche, avec une cybersécurité renforcée sur le réseau industriel et des tests en usine.'
const SKILLS = ['cybersécurité', 'réseaux industriels', 'automatisme']

describe('a confidential need behind its NDA', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  let world: {
    needId: string
    partner: { organisation: string }
    firmA: { id: string; organisation: string; organisationId: string }
    firmB: { organisation: string }
  }
  const pageErrors: string[] = []
  /** Refusals the journey provokes on purpose: the browser logs their status as a console error. */
  const expectedHttpErrors: RegExp[] = []
  const pages: Record<'moderator' | 'partner' | 'firmA' | 'firmB', Page> = {} as never
  let needUrl = ''

  beforeAll(async () => {
    const hub = await createHub({ name: 'Digital Grenoble', shortName: 'Grenoble' })
    const moderator = await createStaff(hub.id, 'MODERATOR')
    const partner = await createMember(hub.id, 'PARTNER', { organisation: { name: 'Alpiva Énergie' } })
    const firmA = await createMember(hub.id, 'FIRM', {
      organisation: { name: 'Belledonne Automatismes', skills: ['cybersécurité', 'réseaux industriels', 'automatisme'], communeInsee: '38229', communeName: 'Meylan' },
    })
    // Recommended too (it matches), but never invited.
    const firmB = await createMember(hub.id, 'FIRM', {
      organisation: { name: 'Chartreuse Sécurité', skills: ['cybersécurité', 'réseaux industriels'], communeInsee: '38185', communeName: 'Grenoble' },
    })
    const need = await createNeed(partner.organisation.id, hub.id, partner.user.id, {
      status: 'SUBMITTED',
      submittedAt: new Date(),
      kind: 'PROCUREMENT',
      visibility: 'INVITE_ONLY',
      title: TITLE,
      summary: SUMMARY,
      description: DESCRIPTION,
      skills: SKILLS,
      budgetMinEur: 120_000,
      budgetMaxEur: 250_000,
      ...needSearchText({ title: TITLE, summary: SUMMARY, description: DESCRIPTION, skills: SKILLS, partnerName: partner.organisation.name, communeName: 'Grenoble' }),
    })
    world = {
      needId: need.id,
      partner: { organisation: partner.organisation.name },
      firmA: { id: firmA.user.id, organisation: firmA.organisation.name, organisationId: firmA.organisation.id },
      firmB: { organisation: firmB.organisation.name },
    }
    product = await startProduct({ REDIS_URL: undefined })
    needUrl = `${product.baseUrl}/needs/${need.id}`
    browser = await launchBrowser()
    const people = { moderator: moderator.email, partner: partner.user.email, firmA: firmA.user.email, firmB: firmB.user.email }
    await Promise.all(Object.entries(people).map(async ([who, email]) => (pages[who as keyof typeof people] = await logIn(browser, product.baseUrl, who, email, PASSWORD, { pageErrors, expectedHttpErrors }))))
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    expect(pageErrors).toEqual([])
  })

  /** A firm that may not see the need: 404 at its address, absent from the list and the search. */
  async function expectHidden(page: Page) {
    expectedHttpErrors.push(new RegExp(`status of 404 .*/needs/${world.needId}\\)$`))
    const response = await page.goto(needUrl)
    expect(response?.status()).toBe(404)
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor()
    expect(await textOf(page.locator('body'))).not.toContain(TITLE)
    expect(await page.title()).not.toContain(TITLE)
    await checkAccessible(page)
    for (const query of ['', '?q=controle-commande', `?q=${encodeURIComponent('Grand’Maison')}`]) {
      await page.goto(`${product.baseUrl}/needs${query}`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      expect(await textOf(page.locator('main'))).not.toContain(TITLE)
    }
  }

  test('published by the moderator, the need is invisible to firms that are not invited', async () => {
    const { moderator, firmA, firmB } = pages
    await moderator.goto(`${product.baseUrl}/staff/moderation/needs`)
    await moderator.getByRole('link', { name: TITLE }).click()
    await moderator.waitForURL(needUrl)
    await moderator.getByRole('heading', { level: 1, name: TITLE }).waitFor()
    expect(await textOf(moderator.locator('main'))).toContain(DESCRIPTION)
    await act(moderator, moderator.getByRole('button', { name: 'Publier' }), 'Besoin publié : les entreprises recommandées sont en cours de calcul.')

    for (const firm of [firmA, firmB]) await expectHidden(firm)
  })

  test('the partner invites firm A from the recommendations; firm B still sees nothing', async () => {
    const { partner, firmB } = pages
    const recommended = partner.getByRole('heading', { name: 'Entreprises recommandées' })
    for (let attempt = 0; attempt < 60; attempt++) {
      await partner.goto(needUrl)
      if (await recommended.count()) break
      await partner.waitForTimeout(250)
    }
    await recommended.waitFor({ timeout: 1_000 })
    const recommendations = partner.locator('#recommendations > ul > li')
    await expect.poll(() => recommendations.count()).toBe(2)
    const firmA = recommendations.filter({ hasText: world.firmA.organisation })
    expect(await textOf(firmA)).toMatch(sharedSkillsReason(['automatisme']))
    await checkAccessible(partner)
    await act(partner, firmA.getByRole('button', { name: /^Inviter/ }), 'Invitation envoyée.')
    expect(await textOf(firmA)).toContain('Invitée')
    expect(await textOf(recommendations.filter({ hasText: world.firmB.organisation }))).not.toContain('Invitée')

    await expectHidden(firmB)
  })

  test('invited firm A sees only the title and the partner, with the NDA, until it accepts', async () => {
    const firm = pages.firmA
    await firm.goto(`${product.baseUrl}/needs`)
    const card = firm.getByRole('listitem').filter({ has: firm.getByRole('link', { name: TITLE }) })
    await card.waitFor()
    const teaser = await textOf(card)
    expect(teaser).toContain(world.partner.organisation)
    expect(teaser).toContain('Confidentielle (sur invitation)')
    for (const secret of [SUMMARY, 'Budget', '120 000', '250 000', ...SKILLS]) expect(teaser).not.toContain(secret)
    await checkAccessible(firm)

    await card.getByRole('link', { name: TITLE }).click()
    await firm.waitForURL(needUrl)
    await firm.getByText('Les détails de ce besoin ne sont visibles qu’après acceptation de l’accord de confidentialité.').waitFor()
    const main = await textOf(firm.locator('main'))
    expect(main).toContain(TITLE)
    expect(main).toContain(world.partner.organisation)
    expect(main).toContain(`Ce besoin est confidentiel. ${world.partner.organisation} ne le partage qu’avec les entreprises invitées.`)
    expect(main).toContain('Votre acceptation est enregistrée avec votre nom, la date, l’heure et la version de ce texte.')
    for (const secret of [SUMMARY, DESCRIPTION, 'Budget', '120 000', '250 000', ...SKILLS]) expect(main).not.toContain(secret)
    expect(await firm.getByRole('link', { name: 'Candidater' }).count()).toBe(0)
    await checkAccessible(firm)

    // Accepting without ticking the box: refused, with the reason next to the box.
    const agree = firm.getByLabel('J’ai lu et j’accepte l’accord de confidentialité (version nda-2026-1).')
    expectedHttpErrors.push(/status of 400 .*\/needs\//)
    await firm.getByRole('button', { name: 'Accepter et voir le besoin' }).click()
    const error = firm.getByText('Cochez la case pour accepter l’accord.')
    await error.waitFor()
    const form = firm.locator('form').filter({ has: agree })
    expect(await form.getByText('Cochez la case pour accepter l’accord.').count()).toBe(1)
    expect(await agree.isChecked()).toBe(false)
    expect(await prisma.ndaAcceptance.count({ where: { needId: world.needId } })).toBe(0)
    expect(await textOf(firm.locator('main'))).not.toContain(DESCRIPTION)
    // The box says it is invalid, and why (as every field of the app does).
    expect.soft(await agree.getAttribute('aria-invalid'), 'aria-invalid on the NDA box').toBe('true')
    const describedBy = (await agree.getAttribute('aria-describedby')) ?? ''
    const description = describedBy ? await firm.locator(describedBy.split(/\s+/).map((id) => `[id="${id}"]`).join(', ')).allInnerTexts() : []
    expect.soft(description.join(' '), 'aria-describedby of the NDA box').toContain('Cochez la case pour accepter l’accord.')
    await checkAccessible(firm)
  })

  test('firm A accepts the NDA; it sees the details and the date; the acceptance is recorded', async () => {
    const firm = pages.firmA
    const before = new Date()
    await firm.getByLabel('J’ai lu et j’accepte l’accord de confidentialité (version nda-2026-1).').check()
    await act(firm, firm.getByRole('button', { name: 'Accepter et voir le besoin' }), 'Accord de confidentialité accepté.')
    const after = new Date()
    const main = firm.locator('main')
    await firm.getByText(DESCRIPTION).waitFor()
    const seen = await textOf(main)
    for (const detail of [SUMMARY, '120 000 € – 250 000 €', ...SKILLS]) expect(seen).toContain(detail)
    expect(seen).toMatch(/Accord de confidentialité Accepté le \d{1,2} [a-zéû]+ \d{4} à \d{2}:\d{2}/)
    expect(seen).not.toContain('Les détails de ce besoin ne sont visibles qu’après acceptation')
    await firm.getByRole('link', { name: 'Candidater' }).waitFor()
    await checkAccessible(firm)

    await firm.goto(`${product.baseUrl}/needs`)
    const card = firm.getByRole('listitem').filter({ has: firm.getByRole('link', { name: TITLE }) })
    expect(await textOf(card)).toContain(SUMMARY)
    expect(await textOf(card)).toContain('120 000 € – 250 000 €')

    const acceptances = await prisma.ndaAcceptance.findMany({ where: { needId: world.needId } })
    expect(acceptances).toHaveLength(1)
    expect(acceptances[0]).toMatchObject({ userId: world.firmA.id, organisationId: world.firmA.organisationId, textVersion: 'nda-2026-1' })
    expect(acceptances[0]!.acceptedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000)
    expect(acceptances[0]!.acceptedAt.getTime()).toBeLessThanOrEqual(after.getTime() + 1_000)
    const audit = await prisma.auditLog.findMany({ where: { targetType: 'Need', targetId: world.needId, action: 'need.nda-accept' } })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: world.firmA.id, actorOrgId: world.firmA.organisationId, after: { textVersion: 'nda-2026-1' } })

    // Firm B, never invited, still gets nothing.
    await expectHidden(pages.firmB)
    expect(expectedHttpErrors).toEqual([])
  })
})
