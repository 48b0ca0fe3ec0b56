import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { CHROMIUM_PATH } from '#tests/setup/global-browser'

const require = createRequire(import.meta.url)

/** Headless Debian Chromium, without the background traffic this closed network refuses. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

let axeSource: string | undefined

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page and fails on any violation. */
export async function expectAccessible(page: Page) {
  // Evaluated by the test harness rather than added as an inline <script>, which the pages'
  // Content-Security-Policy (scripts with the request's nonce only) rightly refuses.
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')})`)
  })
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([])
}

/** Visible text with the narrow and non-breaking spaces of French formatting as plain spaces. */
export async function textOf(locator: Locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ')
}

/**
 * The reason a match gives for skills it shares with the need, in French, naming at least these
 * skills in any order: « 3 compétences en commun : iot, edge computing, … », « 2 compétences rares
 * en commun : … » (the engine names the rare ones apart).
 */
export function sharedSkillsReason(skills: string[]) {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  // Partner: « 2 compétences en commun avec votre besoin : … »; firm: « vos compétences en commun : … »;
  // staff: « 2 compétences en commun : … ». Skills as the need wrote them (acronyms in capitals).
  const lead = '(\\d+ compétences?( rares?)? en commun( avec votre besoin)?|(votre compétence|vos compétences)( rares?)? en commun)'
  return new RegExp(`${lead} : ${skills.map((skill) => `(?=[^;]*${escape(skill)})`).join('')}`, 'i')
}

/**
 * axe-core on the page (WCAG 2.1 A/AA). A violation fails the test without stopping the journey,
 * so that one page's defect does not hide what the next steps would find.
 */
export async function checkAccessible(page: Page) {
  const failure = await expectAccessible(page).then(
    () => null,
    (error: Error & { actual?: unknown }) => `${error.message}\n${JSON.stringify(error.actual, null, 2)}`,
  )
  expect.soft(failure, `axe on ${page.url()}`).toBeNull()
}

/**
 * What the browsers report during a journey: page errors and console errors go to `pageErrors`
 * (the journey asserts it empty at the end), except the HTTP errors a step announced beforehand in
 * `expectedHttpErrors` (each pattern forgives one message).
 */
export interface BrowserErrors {
  pageErrors: string[]
  expectedHttpErrors: RegExp[]
}

/** A French browser context signed in through the real log-in form, its errors recorded. */
export async function logIn(browser: Browser, baseUrl: string, who: string, email: string, password: string, errors: BrowserErrors): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.pageErrors.push(`${who}: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const text = `${who}: ${message.text()} (${message.location().url})`
    const expected = errors.expectedHttpErrors.findIndex((pattern) => pattern.test(text))
    if (expected >= 0) errors.expectedHttpErrors.splice(expected, 1)
    else errors.pageErrors.push(text)
  })
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  // Each person lands on their own home (staff, partner, firm, or the organisation form).
  await page.waitForURL((url) => url.origin === new URL(baseUrl).origin && url.pathname !== '/login')
  return page
}

/** Clicks and waits for the toast that the action's redirect shows. */
export async function act(page: Page, control: Locator, toast: string) {
  await control.click()
  await page.getByRole('status').filter({ hasText: toast }).waitFor()
}
