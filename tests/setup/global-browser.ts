import { existsSync } from 'node:fs'

/** Browser journeys need Debian's Chromium; say how to install it rather than fail obscurely. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is needed for the browser tests and was not found at ${CHROMIUM_PATH}.\n` +
        'Install it with:  apt-get update && apt-get install -y chromium\n' +
        '(or set CHROMIUM_PATH to another Chromium or Chrome executable).',
    )
  }
  if (!existsSync('build/index.js')) {
    throw new Error('The browser tests run the production build: run `npm run build` first (`npm test` does).')
  }
}
