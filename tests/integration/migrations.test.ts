import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { createMigration, migrateDeploy } from '../../scripts/db/migrations.ts'

const run = promisify(execFile)
const serverUrl = inject('databaseServerUrl')
const created: string[] = []

async function emptyDatabase() {
  const name = `sillon_mig_${process.pid}_${created.length}_${Date.now() % 100000}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  created.push(name)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
})

describe('migrations without Prisma’s native engine', () => {
  test('`npm run db:migrate` applies every migration once, as Prisma records them', async () => {
    const url = await emptyDatabase()
    const first = await run('npm', ['run', '--silent', 'db:migrate'], { env: { ...process.env, DATABASE_URL: url } })
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\)/)
    const rows = await query(url, 'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name')
    const folders = (await readdir('prisma/migrations', { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
    expect(rows.map((row) => row.migration_name)).toEqual(folders)
    expect(rows.every((row) => row.finished_at !== null && /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true)
    const tables = await query(url, `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('Need', 'Match', 'Application', 'AuditLog')`)
    expect(tables[0].n).toBe(4)

    const second = await run('npm', ['run', '--silent', 'db:migrate'], { env: { ...process.env, DATABASE_URL: url } })
    expect(second.stdout).toContain('No pending migrations to apply.')
  })

  test('`npm run db:migration:new` says so when the schema matches the history', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'db:migration:new', '--', 'nothing_to_do'], {
      env: { ...process.env, DATABASE_URL: serverUrl },
    })
    expect(stdout).toContain('no changes')
  })

  test('a schema change becomes the next migration, which then applies', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'sillon-migrations-'))
    try {
      const migrationsDir = path.join(work, 'migrations')
      await cp('prisma/migrations', migrationsDir, { recursive: true })
      const schemaPath = path.join(work, 'schema.prisma')
      const schema = await readFile('prisma/schema.prisma', 'utf8')
      await writeFile(schemaPath, schema.replace('  website             String?\n', '  website             String?\n  linkedinUrl         String?\n'))

      const file = await createMigration('addLinkedinUrl', serverUrl, { migrationsDir, schemaPath, now: new Date('2099-01-01T00:00:00Z') })
      expect(path.basename(path.dirname(file!))).toBe('20990101000000_add_linkedin_url')
      expect(await readFile(file!, 'utf8')).toContain('ALTER TABLE "Organisation" ADD COLUMN     "linkedinUrl" TEXT;')

      const url = await emptyDatabase()
      const applied = await migrateDeploy(url, { migrationsDir })
      expect(applied.at(-1)).toBe('20990101000000_add_linkedin_url')
      const columns = await query(url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'Organisation' AND column_name = 'linkedinUrl'`)
      expect(columns).toHaveLength(1)
      expect(await createMigration('again', serverUrl, { migrationsDir, schemaPath })).toBeNull()
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  })
})
