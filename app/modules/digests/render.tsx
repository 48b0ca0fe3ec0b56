import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components'
import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { onDay } from '#app/i18n/format'
import { ITEMS_PER_SECTION, itemCount, type DigestLinks, type DigestModel, type DigestNeed } from './model'
import { digestT, type DigestT } from './texts'

/**
 * The digest e-mail: built with react-email's components like the other templates, rendered with
 * React's `renderToStaticMarkup` (react-email's `render()` costs about ten times more per e-mail,
 * too much for a pass of a hundred thousand), with the XHTML doctype react-email adds; the text
 * part is written from the same model by `digestText`, not converted from the HTML. Self-contained
 * layout (same colours and fonts as email-templates.tsx) with the unsubscribe and preference links.
 */
export interface RenderedDigest {
  subject: string
  html: string
  text: string
}

const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
const GREEN = '#1c5f48'
const MUTED = '#57534e'

/**
 * `onDay`, kept: a pass formats the same few deadlines for thousands of readers. Every zone's
 * offset is a multiple of 15 minutes, so within one quarter hour (UTC) the local day is the same.
 */
const dayLabels = new Map<string, string>()
function dayLabel(date: Date, locale: string, timeZone: string, now: Date) {
  const key = `${locale}|${timeZone}|${Math.floor(date.getTime() / 900_000)}|${Math.floor(now.getTime() / 900_000)}`
  let label = dayLabels.get(key)
  if (label === undefined) {
    if (dayLabels.size >= 50_000) dayLabels.clear()
    label = onDay(date, locale, timeZone, now)
    dayLabels.set(key, label)
  }
  return label
}

interface DigestSection {
  key: string
  title: string
  lines: Array<{ label: string; detail: string; href: string }>
  more: string | null
  cta: { label: string; href: string }
}

/** The sections in order, as plain data both parts render. */
function sections(model: DigestModel, links: DigestLinks, t: DigestT): DigestSection[] {
  const { locale, timeZone, at } = model
  const needUrl = (needId: string) => `${links.base}/needs/${needId}`
  const day = (date: Date) => dayLabel(date, locale, timeZone, at)
  const needLine = (item: DigestNeed) => ({
    label: item.title,
    detail: [
      item.partnerName,
      item.score != null ? t('recommended.score', { score: Math.round(item.score) }) : null,
      item.deadline ? t('deadline', { day: day(item.deadline) }) : null,
    ]
      .filter(Boolean)
      .join(' · '),
    href: needUrl(item.needId),
  })
  const more = (key: string, total: number, shown: number) => (total > shown ? t(key, { count: total - shown }) : null)
  const out: DigestSection[] = []
  if (model.recommended.total > 0) {
    const shown = model.recommended.items.slice(0, ITEMS_PER_SECTION)
    out.push({
      key: 'recommended',
      title: t('recommended.title'),
      lines: shown.map(needLine),
      more: more('recommended.more', model.recommended.total, shown.length),
      cta: { label: t('recommended.cta'), href: `${links.base}/needs?sort=score` },
    })
  }
  for (const alert of model.alerts) {
    const shown = alert.items.slice(0, ITEMS_PER_SECTION)
    out.push({
      key: `alert-${alert.searchId}`,
      title: t('alerts.title', { name: alert.name }),
      lines: shown.map(needLine),
      more: more('alerts.more', alert.total, shown.length),
      cta: { label: t('alerts.cta'), href: `${links.base}/needs${alert.query ? `?${alert.query}` : ''}` },
    })
  }
  if (model.updates.total > 0) {
    const shown = model.updates.items.slice(0, ITEMS_PER_SECTION)
    out.push({
      key: 'updates',
      title: t('updates.title'),
      lines: shown.map((update) => ({ label: update.label, detail: day(update.createdAt), href: `${links.base}${update.link ?? '/notifications'}` })),
      more: more('updates.more', model.updates.total, shown.length),
      cta: { label: t('updates.cta'), href: `${links.base}/notifications` },
    })
  }
  if (model.deadlines.total > 0) {
    const shown = model.deadlines.items.slice(0, ITEMS_PER_SECTION)
    out.push({
      key: 'deadlines',
      title: t('deadlines.title'),
      lines: shown.map((item) => ({ label: item.title, detail: t('deadlines.item', { day: day(item.deadline) }), href: needUrl(item.needId) })),
      more: more('deadlines.more', model.deadlines.total, shown.length),
      cta: { label: t('deadlines.cta'), href: `${links.base}/applications` },
    })
  }
  if (model.staff) {
    const staff = model.staff
    const counts: Array<[keyof typeof staff, string]> = [
      ['needs', '/staff/moderation/needs'],
      ['revisions', '/staff/moderation/needs'],
      ['organisations', '/staff/organisations'],
      ['matches', '/staff'],
    ]
    const lines = counts
      .filter(([key]) => staff[key] > 0)
      .map(([key, path]) => ({ label: t(`staff.${key}`, { count: staff[key] }), detail: '', href: `${links.base}${path}` }))
    if (lines.length > 0) out.push({ key: 'staff', title: t('staff.title'), lines, more: null, cta: { label: t('staff.cta'), href: `${links.base}/staff` } })
  }
  return out
}

// react-email's Text and Link compute their styles on every render (about 25 µs each): the
// repeated lines are plain elements with the styles those components give, computed once.
const P = { fontSize: '14px', lineHeight: '24px', margin: '6px 0' } as const
const P_MUTED = { ...P, color: MUTED } as const
const A_ITEM = { color: '#1c1917', fontWeight: 600, textDecoration: 'underline' } as const
const A_CTA = { color: GREEN, fontWeight: 600, textDecoration: 'none' } as const
const DETAIL = { color: MUTED, fontSize: '13px' } as const
const SMALL = { fontSize: '12px', lineHeight: '24px', color: MUTED, margin: '16px 0' } as const
const A_SMALL = { color: MUTED, textDecoration: 'underline' } as const
const H1 = { fontSize: '18px' } as const
const H2 = { fontSize: '16px', color: GREEN, margin: '8px 0' } as const
const SECTION = { marginTop: '16px' } as const

function DigestLayout({ lang, preview, children, footer, links, t }: { lang: string; preview: string; children: ReactNode; footer: string; links: DigestLinks; t: DigestT }) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f5f5f4', fontFamily: 'Helvetica, Arial, sans-serif', color: '#1c1917' }}>
        <Container style={{ backgroundColor: '#ffffff', margin: '24px auto', padding: '24px', maxWidth: '560px', borderRadius: '8px' }}>
          <Text style={{ fontSize: '20px', fontWeight: 700, color: GREEN, margin: 0 }}>Sillon</Text>
          {children}
          <Hr />
          <p style={SMALL}>{footer}</p>
          <p style={SMALL}>
            <a href={links.preferences} style={A_SMALL} target="_blank">
              {t('preferences')}
            </a>
            {' · '}
            <a href={links.unsubscribe} style={A_SMALL} target="_blank">
              {t('unsubscribe')}
            </a>
          </p>
        </Container>
      </Body>
    </Html>
  )
}

function subjectOf(model: DigestModel, t: DigestT) {
  return t('subject', { count: itemCount(model) })
}

/** "Label : URL" with French spacing (a non-breaking space before the colon). */
const colon = (locale: string) => (locale === 'fr' ? '\u00a0: ' : ': ')

const stripNul = (value: string) => value.replaceAll('\u0000', '')

/** The digest's HTML part. */
export function digestHtml(model: DigestModel, links: DigestLinks, parts = sections(model, links, digestT(model.locale))): string {
  const t = digestT(model.locale)
  const element = (
    <DigestLayout
      lang={model.locale}
      preview={t('preview', { day: dayLabel(model.at, model.locale, model.timeZone, model.at) })}
      footer={t(model.frequency === 'WEEKLY' ? 'footerWeekly' : 'footerDaily')}
      links={links}
      t={t}
    >
      <h1 style={H1}>{t('greeting', { name: model.name })}</h1>
      <p style={P}>{t(model.frequency === 'WEEKLY' ? 'introWeekly' : 'introDaily')}</p>
      {parts.map((section) => (
        <Section key={section.key} style={SECTION}>
          <h2 style={H2}>{section.title}</h2>
          {section.lines.map((line) => (
            <p key={line.href + line.label} style={P}>
              <a href={line.href} style={A_ITEM} target="_blank">
                {line.label}
              </a>
              {line.detail ? <span style={DETAIL}>{` — ${line.detail}`}</span> : null}
            </p>
          ))}
          {section.more ? <p style={P_MUTED}>{section.more}</p> : null}
          <p style={P}>
            <a href={section.cta.href} style={A_CTA} target="_blank">
              {section.cta.label} →
            </a>
          </p>
        </Section>
      ))}
    </DigestLayout>
  )
  return DOCTYPE + stripNul(renderToStaticMarkup(element))
}

/** The digest's text part, from the same sections. */
export function digestText(model: DigestModel, links: DigestLinks, parts = sections(model, links, digestT(model.locale))): string {
  const t = digestT(model.locale)
  const out: string[] = [t('greeting', { name: model.name }), '', t(model.frequency === 'WEEKLY' ? 'introWeekly' : 'introDaily')]
  for (const section of parts) {
    out.push('', section.title, '='.repeat(section.title.length))
    for (const line of section.lines) {
      out.push(`- ${line.label}${line.detail ? ` — ${line.detail}` : ''}`, `  ${line.href}`)
    }
    if (section.more) out.push(section.more)
    out.push(`${section.cta.label}${colon(model.locale)}${section.cta.href}`)
  }
  out.push(
    '',
    '--',
    t(model.frequency === 'WEEKLY' ? 'footerWeekly' : 'footerDaily'),
    `${t('preferences')}${colon(model.locale)}${links.preferences}`,
    `${t('unsubscribe')}${colon(model.locale)}${links.unsubscribe}`,
  )
  return out.join('\n')
}

/** Subject, HTML and text of a digest (which must not be empty: an empty digest is not sent). */
export function renderDigest(model: DigestModel, links: DigestLinks): RenderedDigest {
  const t = digestT(model.locale)
  const parts = sections(model, links, t)
  return { subject: subjectOf(model, t), html: digestHtml(model, links, parts), text: digestText(model, links, parts) }
}
