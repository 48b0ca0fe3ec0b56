/**
 * Preloaded into the product's own processes by a browser journey (`startProduct(env, { preload:
 * [CHILD_MOCKS] })`, i.e. `node --import tsx --import ./tests/mocks/child-preload.ts …`): MSW's
 * `setupServer` with the project's handlers (tests/mocks/handlers.ts), so that the web and worker
 * processes meet the same third-party doubles as the tests (Stripe, the company directory).
 *
 * - The Stripe double's state lives in the file named by STRIPE_FAKE_STATE, shared by the web
 *   process, the worker process and the test (which reads and drives it with
 *   `createStripeFake(file)`); without it each process would have a Stripe of its own, so the
 *   preload refuses to start.
 * - Requests to this machine (127.0.0.1, localhost, ::1) are not mocked and pass ('bypass');
 *   a request to any other host without a handler fails, as it does in the tests' own process.
 */
import { setupServer } from 'msw/node'
import { handlers } from './handlers'

if (!process.env.STRIPE_FAKE_STATE) {
  throw new Error('tests/mocks/child-preload.ts needs STRIPE_FAKE_STATE (a file the test and the product share for the Stripe double)')
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

setupServer(...handlers).listen({
  onUnhandledRequest(request, print) {
    if (LOCAL_HOSTS.has(new URL(request.url).hostname)) return
    print.error()
  },
})
