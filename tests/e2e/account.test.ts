import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { act, checkAccessible, launchBrowser, logIn, type BrowserErrors } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'

/** A new account in the browser: the unverified banner, its link, then the account page. */
describe('an account in the browser', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let browser: Browser
  const errors: BrowserErrors = { pageErrors: [], expectedHttpErrors: [] }

  beforeAll(async () => {
    product = await startProduct()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    expect(errors.pageErrors).toEqual([])
  })

  test('sign-up, the banner and its link, then name, time zone and sessions on the account page', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })
    context.setDefaultTimeout(15_000)
    const page = await context.newPage()
    page.on('pageerror', (error) => errors.pageErrors.push(error.message))
    await page.goto(`${product.baseUrl}/signup`)
    await page.getByLabel('Nom').fill('Romane Girard')
    await page.getByLabel('Adresse e-mail').fill('romane.girard@example.org')
    await page.getByLabel('Mot de passe', { exact: true }).fill('une-phrase-de-passe')
    await page.getByLabel('Confirmer le mot de passe').fill('une-phrase-de-passe')
    await page.getByRole('button', { name: 'Créer mon compte' }).click()
    await page.waitForURL(`${product.baseUrl}/orgs/new`)
    await page.getByText('Confirmez votre adresse e-mail romane.girard@example.org').waitFor()
    await act(page, page.getByRole('button', { name: 'Renvoyer le lien' }), 'Un nouveau lien de confirmation vous a été envoyé.')

    // The link of the last e-mail (kept in the outbox: no SMTP here).
    let link: string | undefined
    for (let wait = 0; wait < 50 && !link; wait++) {
      const email = await prisma.emailMessage.findFirst({ where: { toAddress: 'romane.girard@example.org', kind: 'email-verification' }, orderBy: { createdAt: 'desc' } })
      link = email?.textBody.match(/https?:\/\/\S+\/verify-email\?token=[\w-]+/)?.[0]
      if (!link) await new Promise((resolve) => setTimeout(resolve, 200))
    }
    await page.goto(link!)
    await checkAccessible(page)
    await act(page, page.getByRole('button', { name: 'Confirmer mon adresse' }), 'Votre adresse romane.girard@example.org est confirmée.')
    expect(await page.getByText('Renvoyer le lien').count()).toBe(0)

    const elsewhere = await logIn(browser, product.baseUrl, 'elsewhere', 'romane.girard@example.org', 'une-phrase-de-passe', errors)
    await page.getByRole('link', { name: 'Mon compte' }).click()
    await page.waitForURL(`${product.baseUrl}/account`)
    await checkAccessible(page)
    await page.getByLabel('Nom').fill('Romane Girard-Petit')
    await page.getByLabel('Fuseau horaire').selectOption('America/Toronto')
    await act(page, page.getByRole('button', { name: 'Enregistrer' }), 'Vos informations sont enregistrées.')
    expect(await prisma.user.findUniqueOrThrow({ where: { email: 'romane.girard@example.org' } })).toMatchObject({ name: 'Romane Girard-Petit', timeZone: 'America/Toronto' })

    await page.getByLabel('Mot de passe actuel').first().fill('pas-le-bon')
    await page.getByLabel('Nouvelle adresse').fill('romane@example.org')
    await page.getByRole('button', { name: 'Changer d’adresse' }).click()
    await page.getByText('Ce n’est pas votre mot de passe actuel.').waitFor()

    await act(page, page.getByRole('button', { name: 'Me déconnecter partout ailleurs' }), '1 autre session fermée.')
    await elsewhere.goto(`${product.baseUrl}/account`)
    expect(new URL(elsewhere.url()).pathname).toBe('/login')
    await page.screenshot({ path: 'test-results/account.png', fullPage: true })
  })
})
