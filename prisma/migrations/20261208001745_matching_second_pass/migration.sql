-- AlterEnum
ALTER TYPE "DeclineReason" ADD VALUE 'DISTANCE';

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "interventionDepartements" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "interventionRadiusKm" INTEGER;
