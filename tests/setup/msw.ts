import { afterAll, afterEach, beforeAll } from 'vitest'
import { server } from '../mocks/server'

// Any HTTP request to a third party without a handler fails the test.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())
