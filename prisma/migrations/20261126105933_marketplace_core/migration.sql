-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'SENDING';

-- AlterTable
ALTER TABLE "Need" DROP COLUMN "publishedSnapshot",
ADD COLUMN     "pendingRevision" JSONB,
ADD COLUMN     "revisionSubmittedAt" TIMESTAMP(3),
ADD COLUMN     "scoredAt" TIMESTAMP(3),
ADD COLUMN     "searchBody" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchTitle" TEXT NOT NULL DEFAULT '';

-- Full-text search of needs with PostgreSQL's french configuration, on text the app folds
-- (accents removed) so that "securite" finds "sécurité". Kept by PostgreSQL, never written by the
-- app. Prisma describes the generation expression as a default (schema.prisma says the same).
ALTER TABLE "Need" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('french', "searchTitle"), 'A') || setweight(to_tsvector('french', "searchBody"), 'B')
) STORED;

-- CreateIndex
CREATE INDEX "Need_search_idx" ON "Need" USING GIN ("search");

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
