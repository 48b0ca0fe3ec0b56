import { canReadEmail, isHubAdmin, staffHubIds, type Actor } from '#app/modules/policy/policy'
import { AppError, assertFound } from '#app/modules/shared/app-error'
import { prisma } from '#app/utils/db.server'

const PAGE_SIZE = 50

/** The e-mails staff may read: those of their hubs' people (and, for hub admins, of people tied to no hub). */
export async function listOutboxForActor(actor: Actor, page = 1) {
  const hubIds = staffHubIds(actor)
  if (hubIds.length === 0) throw AppError.forbidden()
  const includeUnassigned = hubIds.some((hubId) => isHubAdmin(actor, hubId))
  const where = { OR: [{ hubId: { in: hubIds } }, ...(includeUnassigned ? [{ hubId: null }] : [])] }
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
    select: { id: true, hubId: true, toAddress: true, subject: true, textBody: true, status: true, createdAt: true, sentAt: true },
  })
  assertFound(email && canReadEmail(actor, email))
  return email
}
