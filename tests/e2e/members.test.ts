import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createUser, PASSWORD } from '#tests/factories'
import { act, checkAccessible, launchBrowser, logIn, type BrowserErrors } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/**
 * An organisation's team in headless Chromium against the production processes: the owner removes
 * an administrator through the confirmation panel (with JavaScript), then a member leaves with
 * JavaScript turned off (plain forms).
 */
describe('an organisation team', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  const errors: BrowserErrors = { pageErrors: [], expectedHttpErrors: [] }
  let world: { slug: string; name: string; owner: string; admin: { id: string; name: string }; member: string }

  beforeAll(async () => {
    const hub = await createHub()
    const { user: owner, organisation } = await createMember(hub.id, 'PARTNER', { organisation: { name: 'Alpiva Énergie' } })
    const admin = await createUser({ name: 'Camille Arnaud' })
    const member = await createUser({ name: 'Noé Bernard' })
    await prisma.membership.createMany({
      data: [
        { userId: admin.id, organisationId: organisation.id, role: 'ADMIN' },
        { userId: member.id, organisationId: organisation.id, role: 'MEMBER' },
      ],
    })
    world = { slug: organisation.slug, name: organisation.name, owner: owner.email, admin: { id: admin.id, name: admin.name }, member: member.email }
    product = await startProduct()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  test('the owner removes an administrator after confirming', async () => {
    const page = await logIn(browser, product.baseUrl, 'owner', world.owner, PASSWORD, errors)
    await page.goto(`${product.baseUrl}/orgs/${world.slug}/settings`)
    await page.getByRole('heading', { name: 'Équipe' }).waitFor()
    await checkAccessible(page)
    const confirm = page.getByRole('button', { name: `Confirmer le retrait de ${world.admin.name}` })
    expect(await confirm.isVisible()).toBe(false)
    await page.getByLabel(`Gérer ${world.admin.name}`).click()
    await act(page, confirm, `${world.admin.name} ne fait plus partie de l’organisation.`)
    expect(await page.getByRole('row', { name: new RegExp(world.admin.name) }).count()).toBe(0)
    expect(await prisma.membership.count({ where: { userId: world.admin.id } })).toBe(0)
    await checkAccessible(page)
  })

  test('a member leaves without JavaScript', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${product.baseUrl}/login`)
    await page.getByLabel('Adresse e-mail').fill(world.member)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname !== '/login')
    await page.goto(`${product.baseUrl}/orgs/${world.slug}`)
    await page.getByRole('link', { name: 'Quitter l’organisation' }).click()
    await page.waitForURL(`${product.baseUrl}/orgs/${world.slug}/leave`)
    await page.getByRole('button', { name: `Quitter définitivement ${world.name}` }).click()
    await page.waitForURL(`${product.baseUrl}/`)
    await page.getByText(`Vous avez quitté ${world.name}.`).waitFor()
    const again = await page.goto(`${product.baseUrl}/orgs/${world.slug}/leave`)
    expect(again?.status()).toBe(404)
    await context.close()
    expect(errors.pageErrors).toEqual([])
  })
})
