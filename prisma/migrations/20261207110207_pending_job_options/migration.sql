-- AlterTable
ALTER TABLE "PendingJob" ADD COLUMN     "options" JSONB;
