-- CreateEnum
CREATE TYPE "BillingInterval" AS ENUM ('YEAR', 'MONTH');

-- AlterEnum
ALTER TYPE "NotificationCategory" ADD VALUE 'BILLING';

-- AlterTable
ALTER TABLE "Hub" ADD COLUMN     "duesGraceDays" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "duesReminderDays" INTEGER NOT NULL DEFAULT 14;

-- AlterTable
ALTER TABLE "MembershipPlan" DROP COLUMN "amountEur",
ADD COLUMN     "amountCents" INTEGER NOT NULL,
ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "interval" "BillingInterval" NOT NULL DEFAULT 'YEAR',
ADD COLUMN     "revenueBand" "RevenueBand",
ADD COLUMN     "stripeProductId" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "directoryCheckedAt" TIMESTAMP(3),
ADD COLUMN     "directoryData" JSONB;

-- AlterTable
ALTER TABLE "StripeEvent" ADD COLUMN     "objectId" TEXT,
ADD COLUMN     "organisationId" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "billingEmail" TEXT,
ADD COLUMN     "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "pastDueSince" TIMESTAMP(3),
ADD COLUMN     "stripeStatus" TEXT,
ADD COLUMN     "waivedUntil" TIMESTAMP(3),
ADD COLUMN     "waiverReason" TEXT;

-- CreateTable
CREATE TABLE "BillingInvoice" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "stripeSubscriptionId" TEXT,
    "number" TEXT,
    "status" TEXT NOT NULL,
    "amountDueCents" INTEGER NOT NULL,
    "amountPaidCents" INTEGER NOT NULL DEFAULT 0,
    "amountRefundedCents" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'eur',
    "hostedInvoiceUrl" TEXT,
    "invoicePdfUrl" TEXT,
    "periodStart" TIMESTAMP(3),
    "periodEnd" TIMESTAMP(3),
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingInvoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompanyDirectoryCache" (
    "siren" TEXT NOT NULL,
    "found" BOOLEAN NOT NULL,
    "data" JSONB,
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompanyDirectoryCache_pkey" PRIMARY KEY ("siren")
);

-- CreateIndex
CREATE INDEX "BillingInvoice_organisationId_issuedAt_idx" ON "BillingInvoice"("organisationId", "issuedAt");

-- CreateIndex
CREATE INDEX "MembershipPlan_hubId_orgKind_idx" ON "MembershipPlan"("hubId", "orgKind");

-- AddForeignKey
ALTER TABLE "BillingInvoice" ADD CONSTRAINT "BillingInvoice_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
