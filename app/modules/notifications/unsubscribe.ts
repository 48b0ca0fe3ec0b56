import { createHmac, timingSafeEqual } from 'node:crypto'
import { CATEGORIES, type Category } from './preferences'

/**
 * One-click unsubscribe links (RFC 8058): a token per user and scope, an HMAC with the server's
 * secret, so a link works without a session and cannot be made for someone else. A scope is a
 * category, or `DIGEST` for the digest itself. Tokens do not expire: a years-old e-mail still
 * unsubscribes (what mailbox providers expect).
 */
export type UnsubscribeScope = Category | 'DIGEST'

export const UNSUBSCRIBE_SCOPES: readonly UnsubscribeScope[] = [...CATEGORIES, 'DIGEST']

export function isUnsubscribeScope(value: string): value is UnsubscribeScope {
  return (UNSUBSCRIBE_SCOPES as readonly string[]).includes(value)
}

export function unsubscribeToken(secret: string, userId: string, scope: UnsubscribeScope) {
  return createHmac('sha256', secret).update(`unsubscribe:v1:${userId}:${scope}`).digest('base64url').slice(0, 32)
}

export function verifyUnsubscribeToken(secret: string, userId: string, scope: string, token: string) {
  if (!isUnsubscribeScope(scope) || !userId || userId.length > 64) return false
  const expected = Buffer.from(unsubscribeToken(secret, userId, scope))
  const given = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The https link of the List-Unsubscribe header and of the e-mail's footer. */
export function unsubscribeUrl(appUrl: string, secret: string, userId: string, scope: UnsubscribeScope) {
  const url = new URL('/unsubscribe', appUrl)
  url.search = new URLSearchParams({ u: userId, s: scope, t: unsubscribeToken(secret, userId, scope) }).toString()
  return url.toString()
}
