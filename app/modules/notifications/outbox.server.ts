import { canReadEmail, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'

const PAGE_SIZE = 50

/** E-mails that carry a secret link (password reset, invitation): staff never see the link. */
export const SECRET_EMAIL_KINDS = ['password-reset', 'invitation', 'email-verification', 'email-change'] as const

export function redactSecrets(kind: string, text: string) {
  if (!(SECRET_EMAIL_KINDS as readonly string[]).includes(kind)) return text
  return text.replace(/https?:\/\/\S+/g, '[lien confidentiel masqué / confidential link hidden]')
}

/** The e-mails staff may read: those of their hubs. */
export async function listOutboxForActor(actor: Actor, page = 1) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  const where = { hubId: { in: hubIds } }
  const [total, emails] = await Promise.all([
    prisma.emailMessage.count({ where }),
    prisma.emailMessage.findMany({
      where,
      orderBy: { createdAt: 'desc' },
      skip: (Math.min(page, 1000) - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, toAddress: true, subject: true, kind: true, status: true, createdAt: true },
    }),
  ])
  return { total, pageSize: PAGE_SIZE, emails }
}

export async function getOutboxEmail(actor: Actor, emailId: string) {
  const email = await prisma.emailMessage.findUnique({
    where: { id: emailId },
    select: { id: true, hubId: true, kind: true, toAddress: true, subject: true, textBody: true, status: true, createdAt: true, sentAt: true },
  })
  assertFound(email && canReadEmail(actor, email))
  return { ...email, textBody: redactSecrets(email.kind, email.textBody) }
}
