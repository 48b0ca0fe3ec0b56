-- CreateEnum
CREATE TYPE "MatchSource" AS ENUM ('ENGINE', 'DIRECTORY', 'STAFF');

-- CreateEnum
CREATE TYPE "PitchStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'REJECTED', 'SENT', 'INTERESTED', 'DECLINED', 'WITHDRAWN');

-- AlterEnum
ALTER TYPE "NotificationCategory" ADD VALUE 'GROUP_NEEDS';

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "endsOn" TIMESTAMP(3),
ADD COLUMN     "programme" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "startsOn" TIMESTAMP(3),
ADD COLUMN     "targetPilots" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "CohortMember" ADD COLUMN     "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "addedById" TEXT;

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "recommendationNote" TEXT,
ADD COLUMN     "recommendedAt" TIMESTAMP(3),
ADD COLUMN     "recommendedById" TEXT,
ADD COLUMN     "recommendedHubId" TEXT,
ADD COLUMN     "source" "MatchSource" NOT NULL DEFAULT 'ENGINE';

-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "reservedCohortId" TEXT,
ADD COLUMN     "reservedDays" INTEGER,
ADD COLUMN     "reservedUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "pitchId" TEXT;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "directoryHidden" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "WorkingGroup" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "openToAllHubs" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "theme" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "WorkingGroupMember" ADD COLUMN     "joinedById" TEXT;

-- CreateTable
CREATE TABLE "WorkingGroupAnnouncement" (
    "id" TEXT NOT NULL,
    "workingGroupId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkingGroupAnnouncement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pitch" (
    "id" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "hubId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "status" "PitchStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "problem" TEXT NOT NULL DEFAULT '',
    "offer" TEXT NOT NULL DEFAULT '',
    "referencesText" TEXT NOT NULL DEFAULT '',
    "moderationComment" TEXT,
    "declineReason" "DeclineReason",
    "declineComment" TEXT,
    "submittedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "needId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pitch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PitchAttachment" (
    "id" TEXT NOT NULL,
    "pitchId" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PitchAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PitchMessage" (
    "id" TEXT NOT NULL,
    "pitchId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorOrgId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PitchMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkingGroupAnnouncement_workingGroupId_createdAt_idx" ON "WorkingGroupAnnouncement"("workingGroupId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Pitch_needId_key" ON "Pitch"("needId");

-- CreateIndex
CREATE INDEX "Pitch_firmId_status_idx" ON "Pitch"("firmId", "status");

-- CreateIndex
CREATE INDEX "Pitch_partnerId_status_idx" ON "Pitch"("partnerId", "status");

-- CreateIndex
CREATE INDEX "Pitch_hubId_status_idx" ON "Pitch"("hubId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PitchAttachment_storageKey_key" ON "PitchAttachment"("storageKey");

-- CreateIndex
CREATE INDEX "PitchAttachment_pitchId_idx" ON "PitchAttachment"("pitchId");

-- CreateIndex
CREATE INDEX "PitchMessage_pitchId_createdAt_idx" ON "PitchMessage"("pitchId", "createdAt");

-- CreateIndex
CREATE INDEX "Cohort_hubId_idx" ON "Cohort"("hubId");

-- CreateIndex
CREATE INDEX "CohortMember_organisationId_idx" ON "CohortMember"("organisationId");

-- CreateIndex
CREATE INDEX "Need_workingGroupId_idx" ON "Need"("workingGroupId");

-- CreateIndex
CREATE INDEX "Need_reservedCohortId_idx" ON "Need"("reservedCohortId");

-- CreateIndex
CREATE INDEX "WorkingGroup_hubId_idx" ON "WorkingGroup"("hubId");

-- CreateIndex
CREATE INDEX "WorkingGroupMember_organisationId_idx" ON "WorkingGroupMember"("organisationId");

-- AddForeignKey
ALTER TABLE "WorkingGroup" ADD CONSTRAINT "WorkingGroup_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroupAnnouncement" ADD CONSTRAINT "WorkingGroupAnnouncement_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkingGroupAnnouncement" ADD CONSTRAINT "WorkingGroupAnnouncement_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cohort" ADD CONSTRAINT "Cohort_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_reservedCohortId_fkey" FOREIGN KEY ("reservedCohortId") REFERENCES "Cohort"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_recommendedById_fkey" FOREIGN KEY ("recommendedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_recommendedHubId_fkey" FOREIGN KEY ("recommendedHubId") REFERENCES "Hub"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pitch" ADD CONSTRAINT "Pitch_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pitch" ADD CONSTRAINT "Pitch_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pitch" ADD CONSTRAINT "Pitch_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "Hub"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pitch" ADD CONSTRAINT "Pitch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pitch" ADD CONSTRAINT "Pitch_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PitchAttachment" ADD CONSTRAINT "PitchAttachment_pitchId_fkey" FOREIGN KEY ("pitchId") REFERENCES "Pitch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PitchAttachment" ADD CONSTRAINT "PitchAttachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PitchMessage" ADD CONSTRAINT "PitchMessage_pitchId_fkey" FOREIGN KEY ("pitchId") REFERENCES "Pitch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PitchMessage" ADD CONSTRAINT "PitchMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PitchMessage" ADD CONSTRAINT "PitchMessage_authorOrgId_fkey" FOREIGN KEY ("authorOrgId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
