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

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page and fails on any violation. */
export async function expectAccessible(page: Page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
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
  return new RegExp(`\\d+ compétences?( rares?)? en commun : ${skills.map((skill) => `(?=[^;]*${escape(skill)})`).join('')}`)
}
