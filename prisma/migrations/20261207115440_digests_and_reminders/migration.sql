-- CreateEnum
CREATE TYPE "NotificationCategory" AS ENUM ('RECOMMENDED', 'SAVED_SEARCH', 'MY_APPLICATIONS', 'MY_NEEDS', 'FOLLOWED_NEEDS', 'STAFF_QUEUES');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('APP', 'EMAIL', 'DIGEST', 'OFF');

-- AlterTable
ALTER TABLE "DigestDelivery" ADD COLUMN     "itemCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "listUnsubscribe" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "applicationId" TEXT,
ADD COLUMN     "category" "NotificationCategory",
ADD COLUMN     "needId" TEXT;

-- AlterTable
ALTER TABLE "NotificationPreference" DROP COLUMN "emailApplicationNews",
DROP COLUMN "emailNeedNews",
DROP COLUMN "unsubscribedAllAt",
ADD COLUMN     "digestHour" INTEGER NOT NULL DEFAULT 8,
ADD COLUMN     "digestWeekday" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "minScore" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "previousDigestFrequency" "DigestFrequency",
ALTER COLUMN "digestFrequency" SET DEFAULT 'DAILY';

-- CreateTable
CREATE TABLE "NotificationSetting" (
    "userId" TEXT NOT NULL,
    "category" "NotificationCategory" NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "previousChannel" "NotificationChannel",
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSetting_pkey" PRIMARY KEY ("userId","category")
);

-- CreateTable
CREATE TABLE "DigestItem" (
    "userId" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "category" "NotificationCategory" NOT NULL,
    "deliveryId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DigestItem_pkey" PRIMARY KEY ("userId","needId")
);

-- CreateTable
CREATE TABLE "NeedFollow" (
    "userId" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NeedFollow_pkey" PRIMARY KEY ("userId","needId")
);

-- CreateTable
CREATE TABLE "ReminderSent" (
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderSent_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "DigestItem_deliveryId_idx" ON "DigestItem"("deliveryId");

-- CreateIndex
CREATE INDEX "NeedFollow_needId_idx" ON "NeedFollow"("needId");

-- CreateIndex
CREATE INDEX "Notification_userId_category_createdAt_idx" ON "Notification"("userId", "category", "createdAt");

-- AddForeignKey
ALTER TABLE "NotificationSetting" ADD CONSTRAINT "NotificationSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestItem" ADD CONSTRAINT "DigestItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestItem" ADD CONSTRAINT "DigestItem_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestItem" ADD CONSTRAINT "DigestItem_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "DigestDelivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedFollow" ADD CONSTRAINT "NeedFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedFollow" ADD CONSTRAINT "NeedFollow_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;
