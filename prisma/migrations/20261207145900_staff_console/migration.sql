-- AlterTable
ALTER TABLE "Hub" ADD COLUMN     "digestFrequencyDefault" "DigestFrequency" NOT NULL DEFAULT 'DAILY',
ADD COLUMN     "digestHourDefault" INTEGER NOT NULL DEFAULT 8,
ADD COLUMN     "shareAnalytics" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "showCharterCompliance" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "invitedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "NdaAcceptance" ADD COLUMN     "ndaTextId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "disabledReason" TEXT,
ADD COLUMN     "passwordResetRequiredAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "HubNdaText" (
    "id" TEXT NOT NULL,
    "hubId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HubNdaText_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HubNdaText_hubId_version_key" ON "HubNdaText"("hubId", "version");

-- AddForeignKey
ALTER TABLE "HubNdaText" ADD CONSTRAINT "HubNdaText_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "Hub"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NdaAcceptance" ADD CONSTRAINT "NdaAcceptance_ndaTextId_fkey" FOREIGN KEY ("ndaTextId") REFERENCES "HubNdaText"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invitations made before the column existed: their last change is the invitation.
UPDATE "Match" SET "invitedAt" = "updatedAt" WHERE "status" = 'INVITED';
