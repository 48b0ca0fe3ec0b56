-- CreateEnum
CREATE TYPE "MatchingRunStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "inFirmTop" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "inNeedTop" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "matchedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MatchingRun" (
    "id" TEXT NOT NULL,
    "status" "MatchingRunStatus" NOT NULL DEFAULT 'RUNNING',
    "algorithmVersion" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "needs" INTEGER NOT NULL DEFAULT 0,
    "firms" INTEGER NOT NULL DEFAULT 0,
    "matchesWritten" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "MatchingRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MatchingRun_startedAt_idx" ON "MatchingRun"("startedAt");

-- The stored matches so far were each need's best firms.
UPDATE "Match" SET "inNeedTop" = true;
