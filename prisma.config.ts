import { defineConfig } from 'prisma/config'

// Prisma 7 reads no .env by itself. DATABASE_URL is only needed by commands that talk to the database;
// `prisma generate` works without it. Migrations run through scripts/db (see docs/decisions).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/sillon' },
})
