-- DropIndex
DROP INDEX "Need_deadline_idx";
