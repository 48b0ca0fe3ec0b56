import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text, plainTextSelectors } from '@react-email/components'
import { compile } from 'html-to-text'
import type { TFunction } from 'i18next'
import { Suspense, type ReactElement, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { getT, translateKey, translateList } from '#app/i18n/translate'

/**
 * Every e-mail the product sends: a name and the data it needs (ids and short labels, never a
 * confidential text). Rendered in the recipient's language, as HTML and plain text.
 */
export type EmailTemplate =
  | { name: 'passwordReset'; data: { name: string; link: string } }
  | { name: 'invitation'; data: { inviterName: string; organisationName: string; link: string } }
  | { name: 'applicationReceived'; data: { name: string; needTitle: string; partnerName: string; link: string } }
  | { name: 'newApplication'; data: { name: string; needTitle: string; firmName: string; link: string } }
  | { name: 'needPublished'; data: { name: string; needTitle: string; link: string } }
  | { name: 'needChangesRequested'; data: { name: string; needTitle: string; comment: string; link: string } }
  | { name: 'organisationVerified'; data: { name: string; organisationName: string; link: string } }
  | { name: 'applicationAccepted'; data: { name: string; needTitle: string; partnerName: string; link: string } }
  | { name: 'applicationDeclined'; data: { name: string; needTitle: string; partnerName: string; link: string } }
  | { name: 'applicationInfoRequested'; data: { name: string; needTitle: string; partnerName: string; link: string } }
  | { name: 'firmInvited'; data: { name: string; needTitle: string; partnerName: string; link: string } }
  | { name: 'emailVerification'; data: { name: string; link: string } }
  | { name: 'emailChange'; data: { name: string; link: string } }
  | { name: 'emailChangeNotice'; data: { name: string; newEmail: string; link: string } }
  // Organisation teams (texts in the members locale pair, `members.emails.*`).
  | { name: 'members.removed'; data: { name: string; organisationName: string; actorName: string } }
  | { name: 'members.roleChanged'; data: { name: string; organisationName: string; actorName: string; role: string; link: string } }
  | { name: 'members.ownershipReceived'; data: { name: string; organisationName: string; actorName: string; role: string; link: string } }
  | { name: 'members.invitationCancelled'; data: { name: string; organisationName: string; actorName: string } }
  // Instant e-mails of applications and questions, and reminders (texts in `reminders.emails.*`).
  | { name: 'reminders.shortlisted'; data: { name: string; needTitle: string; partnerName: string; link: string } }
  | { name: 'reminders.messageReceived'; data: { name: string; needTitle: string; fromName: string; link: string } }
  | { name: 'reminders.questionAnswered'; data: { name: string; needTitle: string; partnerName: string; link: string } }
  | { name: 'reminders.followedAnswer'; data: { name: string; needTitle: string; partnerName: string; link: string } }
  | { name: 'reminders.confidentialInvitation'; data: { name: string; needTitle: string; partnerName: string; link: string } }
  | { name: 'reminders.charterSoon'; data: { name: string; needTitle: string; firmName: string; dueOn: string; link: string } }
  | { name: 'reminders.charterDue'; data: { name: string; needTitle: string; firmName: string; link: string } }
  | { name: 'reminders.draftDeadline'; data: { name: string; needTitle: string; deadlineOn: string; link: string } }
  | { name: 'reminders.pilotEnding'; data: { name: string; needTitle: string; otherName: string; endsOn: string; link: string } }
  // Saved-search alerts (texts in the digests locale pair, `digests.emails.*`).
  | { name: 'digests.alert'; data: { name: string; needTitle: string; partnerName: string; searchName: string; link: string } }
  // Working groups (texts in the groups locale pair, `groups.emails.*`; decision 0026).
  | { name: 'groups.needAddressed'; data: { name: string; needTitle: string; partnerName: string; groupName: string; link: string } }
  | { name: 'groups.announcement'; data: { name: string; groupName: string; title: string; link: string } }
  // Pitches without a need (issue 14; texts in the pitches locale pair, `pitches.emails.*`).
  | { [N in PitchEmailName]: { name: `pitches.${N}`; data: { name: string; pitchTitle: string; otherName: string; link: string } } }[PitchEmailName]
  | { name: 'pitches.charterSoon'; data: { name: string; pitchTitle: string; otherName: string; dueOn: string; link: string } }
  // Membership dues, from Stripe's webhooks (issue 15; texts in the payments locale pair, `payments.emails.*`).
  | { name: 'payments.activated'; data: { name: string; organisationName: string; link: string } }
  | { name: 'payments.canceled'; data: { name: string; organisationName: string; link: string } }
  | { name: 'payments.paymentFailed'; data: { name: string; organisationName: string; graceEndsOn: string; link: string } }
  | { name: 'payments.refunded'; data: { name: string; organisationName: string; amount: string; link: string } }
  // Dues reminders (issue 15; texts in the dues locale pair, `dues.emails.*`; decision 0032).
  | { name: 'dues.renewalSoon'; data: { name: string; organisationName: string; hubName: string; renewsOn: string; link: string } }
  | { name: 'dues.graceEnding'; data: { name: string; organisationName: string; hubName: string; endsOn: string; link: string } }
  | { name: 'dues.graceEnded'; data: { name: string; organisationName: string; hubName: string; endedOn: string; link: string } }

/** The pitch e-mails: staff told of a submission, the partner of a pitch sent, the firm of each answer, both sides of messages. */
export type PitchEmailName = 'submitted' | 'received' | 'approved' | 'changesRequested' | 'rejected' | 'interested' | 'declined' | 'message' | 'charterDue'

/** Templates whose texts live in a locale file of their own (`account.emails.*`), not under `emails.*`. */
const TEXT_KEYS: Partial<Record<EmailTemplate['name'], string>> = {
  emailVerification: 'account.emails.verification',
  emailChange: 'account.emails.change',
  emailChangeNotice: 'account.emails.changeNotice',
}

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

/** Links of an e-mail's footer: the preference centre (an e-mail to an account), and the one-click unsubscribe (non-transactional e-mails). */
export interface EmailLinks {
  /** `${APP_URL}/settings/notifications`; absent for an e-mail to an address without an account (an invitation). */
  preferencesUrl?: string | null
  /** The e-mail's List-Unsubscribe URL: present on digests, alerts and reminders only. */
  unsubscribeUrl?: string | null
}

const footerStyle = { fontSize: '12px', color: '#57534e', margin: '4px 0' }
const footerLinkStyle = { color: '#1c5f48', textDecoration: 'underline' }

function Footer({ t, links }: { t: TFunction; links: EmailLinks }) {
  return (
    <>
      <Text style={footerStyle}>{links.preferencesUrl ? t('emails.footer') : t('prefs.emailFooter.noAccount')}</Text>
      {links.preferencesUrl ? (
        <Text style={footerStyle}>
          {t('prefs.emailFooter.preferences')}{' '}
          <Link href={links.preferencesUrl} style={footerLinkStyle}>
            {links.preferencesUrl}
          </Link>
        </Text>
      ) : null}
      {links.unsubscribeUrl ? (
        <Text style={footerStyle}>
          {t('prefs.emailFooter.unsubscribeIntro')}{' '}
          <Link href={links.unsubscribeUrl} style={footerLinkStyle}>
            {t('prefs.emailFooter.unsubscribe')}
          </Link>
        </Text>
      ) : null}
    </>
  )
}

function Layout({ preview, children, footer }: { preview: string; children: ReactNode; footer: ReactNode }) {
  return (
    <Html>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f5f5f4', fontFamily: 'Helvetica, Arial, sans-serif', color: '#1c1917' }}>
        <Container style={{ backgroundColor: '#ffffff', margin: '24px auto', padding: '24px', maxWidth: '560px', borderRadius: '8px' }}>
          <Text style={{ fontSize: '20px', fontWeight: 700, color: '#1c5f48', margin: 0 }}>Sillon</Text>
          <Section>{children}</Section>
          <Hr />
          {footer}
        </Container>
      </Body>
    </Html>
  )
}

function Cta({ href, label }: { href: string; label: string }) {
  return (
    <Button
      href={href}
      style={{ backgroundColor: '#1c5f48', color: '#ffffff', padding: '10px 16px', borderRadius: '6px', fontWeight: 600 }}
    >
      {label}
    </Button>
  )
}

const stripNul = (value: string) => value.replaceAll('\u0000', '')

const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'

/** react-email's `toPlainText` settings, compiled once: `toPlainText` compiles them at every call (~0.8 ms). */
const toPlainText = compile({ wordwrap: false, selectors: plainTextSelectors })

/**
 * An e-mail's HTML and plain-text parts, exactly as react-email's `render` (and `render` with
 * `plainText`) give them, but rendered once and synchronously: `render` streams the element
 * through `renderToPipeableStream` and renders it again for the text part, whose converter it
 * compiles anew each time (about 3 ms per short e-mail in all, against 0.5 ms here), which counts
 * in a digest pass of many thousand e-mails. The templates are synchronous (no Suspense), so the
 * markup is the same.
 */
export function renderEmailDocument(element: ReactElement): { html: string; text: string } {
  const markup = renderToString(<Suspense>{element}</Suspense>)
  return { html: `${XHTML_DOCTYPE}${markup.replace(/<!DOCTYPE.*?>/, '')}`, text: toPlainText(markup) }
}

/**
 * An e-mail in the recipient's language, HTML and plain text. `links` fills the footer: queueEmail
 * gives the preference centre to every e-mail to an account, and the unsubscribe link to those
 * queued with one (List-Unsubscribe).
 */
export async function renderEmail(template: EmailTemplate, locale: string, links: EmailLinks = {}): Promise<RenderedEmail> {
  const t = getT(locale)
  // A name scoped by a locale pair ("members.removed") has its texts in that pair ("members.emails.removed").
  const key = template.name
  const base = TEXT_KEYS[key] ?? (key.includes('.') ? key.replace('.', '.emails.') : `emails.${key}`)
  const data = template.data as Record<string, string>
  const subject = translateKey(t, `${base}.subject`, data)
  const paragraphs = translateList(t, `${base}.body`, data)
  const element = (
    <Layout preview={subject} footer={<Footer t={t} links={links} />}>
      <Heading as="h1" style={{ fontSize: '18px' }}>
        {translateKey(t, 'emails.greeting', data)}
      </Heading>
      {paragraphs.map((paragraph) => (
        <Text key={paragraph}>{paragraph}</Text>
      ))}
      {'link' in data ? <Cta href={data.link} label={translateKey(t, `${base}.cta`, data)} /> : null}
      {'link' in data ? (
        <Text style={{ fontSize: '12px', color: '#57534e' }}>
          {t('emails.linkFallback')} {data.link}
        </Text>
      ) : null}
    </Layout>
  )
  const { html, text } = renderEmailDocument(element)
  // The preview padding of @react-email/preview can contain NUL characters, which PostgreSQL
  // text columns refuse; they carry no meaning in an e-mail.
  return { subject, html: stripNul(html), text: stripNul(text) }
}
