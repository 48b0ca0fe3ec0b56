-- AlterTable
ALTER TABLE "NotificationPreference" ADD COLUMN     "digestChosenAt" TIMESTAMP(3);

-- Rows that differ from the platform's defaults were chosen by their person (sign-up creates the
-- row with the defaults); those still holding the defaults follow their hub's defaults from now on.
UPDATE "NotificationPreference" SET "digestChosenAt" = "updatedAt"
WHERE "digestFrequency" <> 'DAILY' OR "digestHour" <> 8 OR "digestWeekday" <> 1 OR "minScore" <> 60 OR "previousDigestFrequency" IS NOT NULL;
