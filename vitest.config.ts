import path from 'node:path'
import { defineConfig } from 'vitest/config'

const root = import.meta.dirname
const alias = [
  { find: /^#app\/(.*)$/, replacement: path.join(root, 'app/$1') },
  { find: /^#tests\/(.*)$/, replacement: path.join(root, 'tests/$1') },
  { find: /^#workers\/(.*)$/, replacement: path.join(root, 'workers/$1') },
]

/**
 * Three projects, all run by `npm test`:
 * - unit: pure code, beside it in app/ (no database);
 * - integration: services, routes and workers against the real PostgreSQL and Redis, a database
 *   cloned from a migrated template per test file, a real SMTP server, MSW for third-party HTTP;
 * - e2e: browser journeys in headless Chromium against the built app and its worker process.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['app/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup/fail-on-console-error.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/global-database.ts'],
          setupFiles: ['tests/setup/fail-on-console-error.ts', 'tests/setup/database.ts', 'tests/setup/msw.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/global-database.ts', 'tests/setup/global-browser.ts'],
          setupFiles: ['tests/setup/fail-on-console-error.ts', 'tests/setup/database.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 1,
        },
      },
    ],
  },
})
