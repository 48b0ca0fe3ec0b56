import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { getEnv } from '#app/utils/env.server'

/**
 * Attachments on disk, outside public/: under STORAGE_DIR, by a random key unrelated to the file
 * name. Served only through a route that checks the policy.
 */
function fileFor(key: string) {
  if (!/^[a-f0-9]{32}$/.test(key)) throw new Error('invalid storage key')
  return path.resolve(getEnv().STORAGE_DIR, key.slice(0, 2), key)
}

export async function storeFile(bytes: Uint8Array) {
  const key = randomBytes(16).toString('hex')
  const file = fileFor(key)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, bytes, { flag: 'wx', mode: 0o600 })
  return key
}

export function readFile(key: string) {
  return createReadStream(fileFor(key))
}

export async function removeFile(key: string) {
  await rm(fileFor(key), { force: true })
}
