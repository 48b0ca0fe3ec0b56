import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migrateDeploy } from '../../scripts/db/migrations.ts'
import { killLeftoverProducts } from './product-pids'

/**
 * Once per test run: a database migrated from prisma/migrations, used as the template that each
 * test file clones (CREATE DATABASE … TEMPLATE takes ~0.1 s, a migration ~1.5 s).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string
    templateDatabase: string
    testRunId: string
  }
}

function databaseUrl(serverUrl: string, database: string) {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
  // One template per project: projects set up at the same time.
  const runId = `${process.pid}_${project.name.replace(/\W/g, '')}`
  const template = `sillon_template_${runId}`
  const admin = new pg.Client({ connectionString: serverUrl })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at ${serverUrl} (${(error as Error).message}). Start it with:\n` +
        '  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
        'or point TEST_DATABASE_SERVER_URL at a server where this user may create databases.',
    )
  }
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${template}`)
  await admin.end()
  await migrateDeploy(databaseUrl(serverUrl, template))

  project.provide('databaseServerUrl', serverUrl)
  project.provide('templateDatabase', template)
  project.provide('testRunId', runId)

  return async () => {
    killLeftoverProducts(runId)
    const cleanup = new pg.Client({ connectionString: serverUrl })
    await cleanup.connect()
    const leftovers = await cleanup.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`sillon_t_${runId}_%`, template],
    )
    for (const row of leftovers.rows) await cleanup.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`)
    await cleanup.end()
  }
}
