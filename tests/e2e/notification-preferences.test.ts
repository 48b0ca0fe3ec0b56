import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { unsubscribeUrl } from '#app/modules/notifications/unsubscribe'
import { prisma } from '#app/utils/db.server'
import { getEnv } from '#app/utils/env.server'
import { createHub, createMember, createStaff, PASSWORD } from '#tests/factories'
import { expectAccessible, launchBrowser } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/**
 * The preference centre, the unsubscribe page and the template previews in headless Chromium:
 * each passes axe; a choice saves with its toast; "Annuler" brings the channel back.
 */
describe('notification preferences in a browser', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  let hubId: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    hubId = (await createHub()).id
    product = await startProduct({ ENABLE_SCHEDULERS: 'false' })
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    expect(pageErrors).toEqual([])
  })

  async function newPage() {
    const context = await browser.newContext({ locale: 'fr-FR' })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })
    return page
  }

  async function logIn(email: string): Promise<Page> {
    const page = await newPage()
    await page.goto(`${product.baseUrl}/login`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    // Each person lands on their own home (staff, partner, firm).
    await page.waitForURL((url) => url.pathname !== '/login')
    return page
  }

  test('a firm member puts the news of its applications in the digest, a weekly digest on Friday at 7, and sees it saved', { timeout: 120_000 }, async () => {
    const { user } = await createMember(hubId, 'FIRM')
    const page = await logIn(user.email)
    await page.getByRole('link', { name: 'Préférences de notification' }).click()
    await page.waitForURL(`${product.baseUrl}/settings/notifications`)
    await expectAccessible(page)

    await page.getByRole('group', { name: /^Mes candidatures/ }).getByLabel('Dans le résumé').check()
    await page.getByLabel('Score minimum des besoins recommandés').fill('120')
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click()
    await expect.poll(() => page.getByText('Saisissez un score entier entre 0 et 100.').count(), { timeout: 15_000 }).toBe(1)
    await page.getByLabel('Score minimum des besoins recommandés').fill('70')
    await page.getByLabel('Fréquence').selectOption('WEEKLY')
    await page.getByLabel('Jour d’envoi (résumé hebdomadaire)').selectOption('5')
    await page.getByLabel('Heure d’envoi').selectOption('7')
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click()
    await expect.poll(() => page.getByText('Vos préférences de notification sont enregistrées.').count(), { timeout: 15_000 }).toBe(1)
    await expectAccessible(page)

    expect(await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ digestFrequency: 'WEEKLY', digestWeekday: 5, digestHour: 7, minScore: 70 })
    expect(await prisma.notificationSetting.findMany({ where: { userId: user.id }, select: { category: true, channel: true } })).toEqual([{ category: 'MY_APPLICATIONS', channel: 'DIGEST' }])
  })

  test('the footer link unsubscribes signed out; “Annuler” brings the channel back', { timeout: 120_000 }, async () => {
    const { user } = await createMember(hubId, 'FIRM')
    const page = await newPage()
    const link = new URL(unsubscribeUrl(product.baseUrl, getEnv().SESSION_SECRET, user.id, 'MY_APPLICATIONS'))
    await page.goto(link.href)
    await expect.poll(() => page.getByText('vous ne recevrez plus de notifications sur vos candidatures').count(), { timeout: 15_000 }).toBe(1)
    await expectAccessible(page)
    expect(await prisma.notificationSetting.findUnique({ where: { userId_category: { userId: user.id, category: 'MY_APPLICATIONS' } } })).toMatchObject({ channel: 'OFF' })

    await page.getByRole('button', { name: 'Annuler' }).click()
    await expect.poll(() => page.getByText('Vous recevez de nouveau les notifications sur vos candidatures.').count(), { timeout: 15_000 }).toBe(1)
    expect(await prisma.notificationSetting.findUnique({ where: { userId_category: { userId: user.id, category: 'MY_APPLICATIONS' } } })).toBeNull()
    await expectAccessible(page)
  })

  test('staff preview every template', { timeout: 120_000 }, async () => {
    const staff = await createStaff(hubId)
    const page = await logIn(staff.email)
    await page.goto(`${product.baseUrl}/staff/outbox`)
    await page.getByRole('link', { name: 'Aperçu des modèles d’e-mails' }).click()
    await page.waitForURL(/\/staff\/outbox\/templates/)
    await page.getByRole('link', { name: /needPublished/ }).click()
    await expect.poll(() => page.getByText('Besoin publié : Maintenance prédictive').count(), { timeout: 15_000 }).toBe(1)
    const frame = page.frameLocator('iframe[title*="needPublished (Français)"]')
    await expect.poll(() => frame.getByText('Se désabonner').count(), { timeout: 15_000 }).toBe(1)
    await expectAccessible(page)
  })
})
