import type { RequestHandler } from 'msw'
import { companyDirectory } from './company-directory'
import { stripeFake } from './stripe'

/**
 * Handlers for the third-party HTTP APIs the product calls (Stripe, the public company
 * directory). Only third parties are mocked: our own code, PostgreSQL, Redis and SMTP are real.
 */
export const handlers: RequestHandler[] = [...stripeFake.handlers, ...companyDirectory.handlers]
