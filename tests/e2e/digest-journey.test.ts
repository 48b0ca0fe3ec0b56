import { spawn } from 'node:child_process'
import type { ParsedMail } from 'mailparser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { createHub, createMember, createStaff, PASSWORD } from '#tests/factories'
import { act, checkAccessible, launchBrowser, logIn, textOf } from '#tests/helpers/browser'
import { startProduct } from '#tests/helpers/server'
import { startSmtpServer } from '#tests/helpers/smtp'

/**
 * The digest seen from a firm, in headless Chromium against the production web and worker
 * processes and a real SMTP server: the firm asks for a daily digest at 7:00 (Paris) in its
 * preference centre and saves a search with alerts; a partner publishes a matching need through
 * moderation; the 7:00 pass (`npm run digests:send -- --at …`, as the hourly scheduler would run
 * it) sends the alert in the digest, in French, with its one-click unsubscribe; the firm
 * unsubscribes (the mailbox provider's POST, then the footer link with its "Annuler"); the next
 * day's pass sends it nothing, while another firm with the same search still gets the next need.
 */
const SEARCH = 'Hydrogène, projets pilotes'
const FIRST = 'Piles à hydrogène pour les dameuses'
const SECOND = 'Électrolyseur hydrogène au pied du barrage'
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const HOUR_MS = 3_600_000

/** The first instant after `after` at which it is 7:00 in Paris (on the hour in UTC: Paris is UTC+1 or UTC+2). */
function sevenInParis(after: Date) {
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  for (let instant = Math.floor(after.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS; ; instant += HOUR_MS) {
    if (clock.format(new Date(instant)) === '07:00') return new Date(instant)
  }
}

const recipients = (mail: ParsedMail) => [mail.to].flat().flatMap((address) => address?.value.map((entry) => entry.address?.toLowerCase()) ?? [])
const header = (mail: ParsedMail, key: string) =>
  mail.headerLines.find((line) => line.key === key)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '') ?? null
/** French typography's non-breaking spaces as plain ones. */
const plain = (text: string | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ')
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

interface PassCounts {
  due: number
  sent: number
  empty: number
  alreadySent: number
}

describe('a firm’s daily digest: a saved search’s alert at 7:00, a one-click unsubscribe, then nothing', () => {
  let product: Awaited<ReturnType<typeof startProduct>>
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let browser: Browser
  let world: {
    hubId: string
    partner: { email: string; organisation: string }
    firm: { id: string; email: string; name: string }
  }
  const pageErrors: string[] = []
  const pages: Record<'partner' | 'moderator' | 'firm', Page> = {} as never
  let firstNeedUrl = ''
  let firstPass: Date
  let digest: ParsedMail
  let unsubscribeUrl = ''

  beforeAll(async () => {
    const hub = await createHub({ name: 'Digital Grenoble', shortName: 'Grenoble' })
    const moderator = await createStaff(hub.id, 'MODERATOR')
    const partner = await createMember(hub.id, 'PARTNER', { organisation: { name: 'Alpiva Énergie' } })
    const firm = await createMember(hub.id, 'FIRM', {
      organisation: { name: 'Belledonne Hydrogène', skills: ['hydrogène', 'électrochimie', 'stockage d’énergie'], communeInsee: '38229', communeName: 'Meylan' },
    })
    world = {
      hubId: hub.id,
      partner: { email: partner.user.email, organisation: partner.organisation.name },
      firm: { id: firm.user.id, email: firm.user.email, name: firm.user.name },
    }
    smtp = await startSmtpServer()
    // The passes are run by hand at 7:00 below; the product's own hourly tick is left off, so that
    // a run of this file around 7:00 in Paris is not raced by the real clock's pass.
    product = await startProduct({ SMTP_URL: smtp.url, ENABLE_SCHEDULERS: 'false' })
    browser = await launchBrowser()
    // One at a time, the server warmed first: on a busy machine three cold logins at once can
    // outlast a page's time-out; then a roomier time-out for the steps of the journey.
    expect((await fetch(`${product.baseUrl}/login`)).status).toBe(200)
    const people = { partner: partner.user.email, moderator: moderator.email, firm: firm.user.email }
    for (const [who, email] of Object.entries(people)) {
      const page = await logIn(browser, product.baseUrl, who, email, PASSWORD, { pageErrors, expectedHttpErrors: [] })
      page.context().setDefaultTimeout(30_000)
      pages[who as keyof typeof people] = page
    }
  })

  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    await smtp?.close()
    expect(pageErrors).toEqual([])
  })

  /** `npm run digests:send -- --at ISO` beside the running product (same database, queues, SMTP and secret); its JSON last line. */
  async function digestPass(at: Date): Promise<PassCounts> {
    const child = spawn('npm', ['run', 'digests:send', '--', '--at', at.toISOString()], {
      env: { ...process.env, SMTP_URL: smtp.url, APP_URL: product.baseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
    expect(code, `digests:send exited with ${code}:\n${stdout}\n${stderr}`).toBe(0)
    const last = stdout.trim().split('\n').at(-1) ?? ''
    return JSON.parse(last) as PassCounts
  }

  /** The partner writes a need and submits it; the hub's moderator publishes it from the moderation queue. */
  async function publishNeed(title: string, summary: string) {
    const { partner, moderator } = pages
    await partner.goto(`${product.baseUrl}/`)
    await partner.getByRole('link', { name: 'Publier un besoin' }).click()
    await partner.waitForURL('**/needs/new')
    await partner.getByLabel('Type de besoin').selectOption({ label: 'Projet pilote' })
    await partner.getByLabel('Titre', { exact: true }).fill(title)
    await partner.getByLabel('Résumé').fill(summary)
    await partner.getByLabel('Description', { exact: true }).fill('Nous cherchons une PME de l’hydrogène pour un essai d’une saison sur un de nos sites de montagne, avec suivi des performances.')
    await partner.getByRole('combobox', { name: 'Compétences et technologies' }).fill('hydrogène, électrochimie')
    await partner.getByLabel('Budget minimum (€ HT)').fill('40000')
    await partner.getByLabel('Budget maximum (€ HT)').fill('90000')
    await partner.getByLabel('Date limite de candidature').fill(day(30))
    await partner.getByLabel('Démarrage envisagé').fill(day(60))
    await partner.getByLabel('Travail à distance possible').check()
    await partner.getByLabel('Visibilité').selectOption('PUBLIC')
    await partner.getByLabel('Mode de mise en relation').selectOption('OPEN')
    await act(partner, partner.getByRole('button', { name: 'Soumettre à la modération' }), 'Besoin soumis : votre association le relit avant publication.')
    const needUrl = partner.url()
    expect(needUrl).toMatch(/\/needs\/c[a-z0-9]+$/)

    await moderator.goto(`${product.baseUrl}/staff/moderation/needs`)
    await moderator.getByRole('link', { name: title }).click()
    await moderator.waitForURL(needUrl)
    await act(moderator, moderator.getByRole('button', { name: 'Publier' }), 'Besoin publié : les entreprises recommandées sont en cours de calcul.')
    expect(await textOf(moderator.locator('main'))).toContain('Publié')
    return needUrl
  }

  test('the firm asks for a daily digest at 7:00, Paris time, in its preference centre', async () => {
    const firm = pages.firm
    await firm.getByRole('link', { name: 'Préférences de notification' }).click()
    await firm.waitForURL('**/settings/notifications')
    await firm.getByRole('heading', { name: 'Préférences de notification' }).waitFor()
    await checkAccessible(firm)

    // Alerts of saved searches in the digest; recommendations off, so that the need
    // below reaches the digest through the saved search (a need is announced once, in one section).
    await firm.getByRole('group', { name: /^Alertes de mes recherches enregistrées/ }).getByLabel('Dans le résumé').check()
    await firm.getByRole('group', { name: /^Nouveaux besoins recommandés/ }).getByLabel('Jamais').check()
    await firm.getByLabel('Fréquence', { exact: true }).selectOption({ label: 'Chaque jour' })
    await firm.getByLabel('Heure d’envoi').selectOption({ label: '7 h' })
    await firm.getByLabel('Fuseau horaire').selectOption('Europe/Paris')
    await act(firm, firm.getByRole('button', { name: 'Enregistrer mes préférences' }), 'Vos préférences de notification sont enregistrées.')

    // As saved, after a reload.
    await firm.reload()
    expect(await firm.getByLabel('Fréquence', { exact: true }).inputValue()).toBe('DAILY')
    expect(await firm.getByLabel('Heure d’envoi').inputValue()).toBe('7')
    expect(await firm.getByLabel('Fuseau horaire').inputValue()).toBe('Europe/Paris')
    expect(await firm.getByRole('group', { name: /^Alertes de mes recherches enregistrées/ }).getByLabel('Dans le résumé').isChecked()).toBe(true)
    expect(await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: world.firm.id } })).toMatchObject({ digestFrequency: 'DAILY', digestHour: 7 })
    expect(await prisma.user.findUniqueOrThrow({ where: { id: world.firm.id }, select: { timeZone: true } })).toEqual({ timeZone: 'Europe/Paris' })
  })

  test('the firm filters the needs and saves the search with alerts in its digests', async () => {
    const firm = pages.firm
    await firm.getByRole('link', { name: 'Besoins', exact: true }).click()
    await firm.waitForURL('**/needs')
    await firm.getByRole('searchbox', { name: 'Mots-clés' }).fill('hydrogene')
    await firm.getByText('Plus de filtres').click()
    await firm.getByRole('group', { name: 'Type de besoin' }).getByLabel('Projet pilote').check()
    await firm.getByRole('button', { name: 'Appliquer les filtres' }).click()
    await firm.waitForURL((url) => url.searchParams.get('q') === 'hydrogene' && url.searchParams.getAll('kind').includes('PILOT'))

    await firm.getByLabel('Nom de cette recherche').fill(SEARCH)
    await firm.getByLabel('M’alerter des nouveaux besoins (dans mes résumés)').check()
    await checkAccessible(firm)
    await act(firm, firm.getByRole('button', { name: 'Enregistrer la recherche' }), `Recherche « ${SEARCH} » enregistrée.`)
    const saved = firm.getByRole('listitem').filter({ has: firm.getByRole('link', { name: SEARCH }) })
    expect(await textOf(saved)).toContain('alerte')
    const stored = await prisma.savedSearch.findFirstOrThrow({ where: { name: SEARCH } })
    expect(stored).toMatchObject({ userId: world.firm.id, alert: true })

    // The preference centre lists it among the searches with alerts.
    await firm.getByRole('link', { name: 'Préférences de notification' }).click()
    await firm.waitForURL('**/settings/notifications')
    await firm.getByRole('link', { name: `Ouvrir la recherche « ${SEARCH} »` }).waitFor()
  })

  test('a partner publishes a matching need, through moderation', async () => {
    firstNeedUrl = await publishNeed(FIRST, 'Alimenter deux dameuses à l’hydrogène pendant une saison, avec une station de recharge sur site.')
    // The firm sees it in its saved search at once.
    const firm = pages.firm
    await firm.goto(`${product.baseUrl}/needs?${(await prisma.savedSearch.findFirstOrThrow({ where: { name: SEARCH } })).query as string}`)
    await firm.getByRole('link', { name: FIRST }).waitFor()
  })

  test('the 7:00 pass sends the alert in the firm’s digest, in French, with a one-click unsubscribe', async () => {
    firstPass = sevenInParis(new Date())
    expect(await digestPass(firstPass)).toEqual({ due: 1, sent: 1, empty: 0, alreadySent: 0 })

    digest = await smtp.waitFor((mail) => recipients(mail).includes(world.firm.email.toLowerCase()), 30_000)
    expect(smtp.messages.filter((mail) => recipients(mail).includes(world.firm.email.toLowerCase()))).toHaveLength(1)
    expect(plain(digest.subject)).toBe('Sillon : 1 nouveauté pour vous')
    expect(header(digest, 'message-id')).toMatch(/^<.+@.+>$/)
    expect(digest.html || '').toContain('lang="fr"')

    // The saved search's section names the need and links to it.
    const needId = firstNeedUrl.split('/').at(-1)!
    const text = plain(digest.text)
    expect(text).toContain(`Bonjour ${world.firm.name},`)
    const section = text.match(new RegExp(`Recherche « ${escape(SEARCH)} »\\n=+\\n([\\s\\S]*?)\\n(?:\\n|--)`))
    expect(section, text).not.toBeNull()
    const line = section![1]!.match(new RegExp(`^- ${escape(FIRST)}(?: — [^\\n]*)?\\n\\s+(\\S+)$`, 'm'))
    expect(line, section![1]).not.toBeNull()
    expect(line![1]).toBe(`${product.baseUrl}/needs/${needId}`)
    expect(digest.html).toContain(`href="${product.baseUrl}/needs/${needId}"`)
    expect(text).not.toContain('Besoins recommandés')

    // RFC 8058: the header and the footer carry the same signed link, for the digest.
    const listUnsubscribe = header(digest, 'list-unsubscribe')
    expect(listUnsubscribe).toMatch(new RegExp(`^<${escape(product.baseUrl)}/unsubscribe\\?u=${world.firm.id}&s=DIGEST&t=[A-Za-z0-9_-]+>$`))
    expect(header(digest, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    unsubscribeUrl = listUnsubscribe!.slice(1, -1)
    expect(text).toContain(`Ne plus recevoir de résumé : ${unsubscribeUrl}`)
    expect(digest.html).toContain(`href="${unsubscribeUrl.replaceAll('&', '&amp;')}"`)

    // The link opens the need in the firm's browser.
    const firm = pages.firm
    await firm.goto(line![1]!)
    await firm.getByRole('heading', { name: FIRST }).waitFor()
    expect(firm.url()).toBe(firstNeedUrl)
    expect(await textOf(firm.locator('main'))).toContain(world.partner.organisation)
  })

  test('the firm unsubscribes in one click: the mailbox provider’s POST, then the footer link with its undo', async () => {
    // The provider posts the List-Unsubscribe URL from its servers: no cookie, no session.
    const answer = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    })
    expect(answer.status).toBe(200)

    // The preference centre shows the digest off.
    const firm = pages.firm
    await firm.getByRole('link', { name: 'Préférences de notification' }).click()
    await firm.waitForURL('**/settings/notifications')
    expect(await firm.getByLabel('Fréquence', { exact: true }).inputValue()).toBe('NEVER')
    expect(await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: world.firm.id } })).toMatchObject({ digestFrequency: 'NEVER', previousDigestFrequency: 'DAILY' })

    // The footer link, opened by the person: the confirmation, with "Annuler" (not clicked).
    await firm.goto(unsubscribeUrl)
    await firm.getByRole('heading', { name: 'Désabonnement' }).waitFor()
    await firm.getByRole('status').filter({ hasText: 'C’est fait : vous ne recevrez plus le résumé de Sillon par e-mail.' }).waitFor()
    await firm.getByRole('button', { name: 'Annuler' }).waitFor()
    await firm.getByRole('link', { name: 'Choisir plus finement ce que je reçois' }).waitFor()
    await checkAccessible(firm)
    expect(await prisma.notificationPreference.findUniqueOrThrow({ where: { userId: world.firm.id } })).toMatchObject({ digestFrequency: 'NEVER' })
  })

  test('a second matching need: the next day’s 7:00 pass sends the firm nothing, and another firm its alert', async () => {
    // Another firm with the same search and the same digest hour, from now on: the pass does run and
    // does announce the new need, just not to the firm that unsubscribed.
    const other = await createMember(world.hubId, 'FIRM', { organisation: { name: 'Chartreuse Énergies' } })
    await prisma.notificationPreference.update({ where: { userId: other.user.id }, data: { digestFrequency: 'DAILY', digestHour: 7 } })
    await prisma.user.update({ where: { id: other.user.id }, data: { timeZone: 'Europe/Paris' } })
    await prisma.notificationSetting.create({ data: { userId: other.user.id, category: 'RECOMMENDED', channel: 'OFF' } })
    const query = (await prisma.savedSearch.findFirstOrThrow({ where: { name: SEARCH } })).query as string
    await prisma.savedSearch.create({ data: { userId: other.user.id, name: SEARCH, query, alert: true } })

    const secondNeedUrl = await publishNeed(SECOND, 'Produire de l’hydrogène avec le surplus du barrage et le stocker pour les engins du site.')
    const toFirm = () => smtp.messages.filter((mail) => recipients(mail).includes(world.firm.email.toLowerCase())).length
    const before = toFirm()

    const nextPass = sevenInParis(new Date(firstPass.getTime() + HOUR_MS))
    expect(nextPass.getTime() - firstPass.getTime()).toBeGreaterThanOrEqual(23 * HOUR_MS)
    // Returns once the e-mails it caused are sent: the other firm's alert is at the server.
    expect(await digestPass(nextPass)).toEqual({ due: 1, sent: 1, empty: 0, alreadySent: 0 })
    const otherDigest = await smtp.waitFor((mail) => recipients(mail).includes(other.user.email.toLowerCase()), 30_000)
    expect(plain(otherDigest.text)).toContain(`- ${SECOND}`)
    expect(plain(otherDigest.text)).toContain(`${product.baseUrl}/needs/${secondNeedUrl.split('/').at(-1)}`)

    expect(toFirm()).toBe(before)
    expect(await prisma.digestDelivery.count({ where: { userId: world.firm.id } })).toBe(1)
  })
})
