import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createOrganisation, PASSWORD } from '#tests/factories'
import { expectAccessible, launchBrowser } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/**
 * The profile editor and its pickers in headless Chromium, against the production build: the
 * suggestions appear as one types, the keyboard chooses them, the NAF labels of the chosen codes
 * show, the page passes axe, and a section saves.
 */
describe('the profile editor in a browser', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  let firm: Awaited<ReturnType<typeof createMember>>
  const pageErrors: string[] = []

  beforeAll(async () => {
    const hub = await createHub()
    firm = await createMember(hub.id, 'FIRM', { organisation: { name: 'Belledonne Capteurs', skills: ['iot'], nafCodes: ['62.01Z'] } })
    // Skills that the suggestions will offer.
    await createOrganisation(hub.id, 'FIRM', { skills: ['python', 'pytorch', 'edge computing'] })
    await createOrganisation(hub.id, 'FIRM', { skills: ['python'] })
    product = await startProduct({ ENABLE_SCHEDULERS: 'false' })
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    expect(pageErrors).toEqual([])
  })

  async function logIn(email: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'fr-FR' })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })
    await page.goto(`${product.baseUrl}/login`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    // Each person lands on their own home (staff, partner, firm).
    await page.waitForURL((url) => url.pathname !== '/login')
    return page
  }

  test('skills and NAF pickers suggest, choose with the keyboard, and save', { timeout: 120_000 }, async () => {
    const page = await logIn(firm.user.email)
    await page.goto(`${product.baseUrl}/orgs/${firm.organisation.slug}`)
    await page.getByRole('link', { name: 'Modifier le profil' }).click()
    await page.waitForURL(`${product.baseUrl}/orgs/${firm.organisation.slug}/edit`)
    await expectAccessible(page)

    const skills = page.getByRole('combobox', { name: 'Compétences et technologies' })
    await skills.click()
    await skills.press('End')
    await skills.pressSequentially(', pyt')
    const skillOptions = page.getByRole('listbox', { name: 'Suggestions pour Compétences et technologies' }).getByRole('option')
    await expect.poll(() => skillOptions.allTextContents()).toEqual(['python', 'pytorch'])
    await expect.poll(() => skills.getAttribute('aria-expanded')).toBe('true')
    await expectAccessible(page)
    await skills.press('ArrowDown')
    await expect.poll(() => skills.getAttribute('aria-activedescendant')).toBeTruthy()
    await skills.press('Enter')
    expect(await skills.inputValue()).toBe('iot, python, ')
    await expect.poll(() => skills.getAttribute('aria-expanded')).toBe('false')

    const naf = page.getByRole('combobox', { name: 'Secteurs d’activité (codes NAF)' })
    await expect.poll(() => page.getByText('— Programmation informatique').count()).toBe(1)
    await naf.click()
    await naf.press('End')
    await naf.pressSequentially(', edition logiciels syst')
    const nafOptions = page.getByRole('listbox', { name: 'Suggestions pour Secteurs d’activité (codes NAF)' }).getByRole('option')
    await expect.poll(() => nafOptions.allTextContents()).toEqual(['58.29A — Édition de logiciels système et de réseau'])
    await nafOptions.first().click()
    expect(await naf.inputValue()).toBe('62.01Z, 58.29A, ')
    await expect.poll(() => page.getByText('— Édition de logiciels système et de réseau').count()).toBe(1)
    await naf.pressSequentially('99.99Z')
    await expect.poll(() => page.getByText('code inconnu de la nomenclature NAF').count()).toBe(1)
    await naf.press('Backspace')
    await naf.press('Backspace')
    await naf.press('Backspace')
    await naf.press('Backspace')
    await naf.press('Backspace')
    await naf.press('Backspace')

    const labels = page.getByRole('combobox', { name: 'Labels et distinctions' })
    await labels.pressSequentially('deep')
    await expect.poll(() => page.getByRole('listbox', { name: 'Suggestions pour Labels et distinctions' }).getByRole('option').allTextContents()).toEqual(['Deeptech'])
    await labels.press('ArrowDown')
    await labels.press('Enter')
    await labels.press('Escape')

    await page.getByRole('button', { name: 'Enregistrer compétences, secteurs et labels' }).click()
    await expect.poll(() => page.getByText('Compétences, secteurs et labels enregistrés.').count()).toBe(1)
    const saved = await prisma.organisation.findUniqueOrThrow({ where: { id: firm.organisation.id } })
    expect(saved).toMatchObject({ skills: ['iot', 'python'], nafCodes: ['62.01Z', '58.29A'], labels: ['Deeptech'] })
    await page.close()
  })

  test('a refused form keeps what was typed and says why next to the field', { timeout: 60_000 }, async () => {
    const page = await logIn(firm.user.email)
    await page.goto(`${product.baseUrl}/orgs/${firm.organisation.slug}/edit`)
    const title = page.getByRole('textbox', { name: 'Titre du projet' }).last()
    await title.fill('ab')
    await page.getByRole('button', { name: 'Ajouter la référence' }).click()
    await expect.poll(() => page.getByText('Trop court.').count()).toBeGreaterThan(0)
    expect(await prisma.reference.count({ where: { organisationId: firm.organisation.id } })).toBe(0)
    await expectAccessible(page)
    await page.close()
  })
})
