-- DropIndex
DROP INDEX "Match_firmId_score_idx";

-- CreateIndex
CREATE INDEX "Match_firmId_score_needId_algorithmVersion_status_idx" ON "Match"("firmId", "score", "needId", "algorithmVersion", "status");

-- CreateIndex
CREATE INDEX "Need_status_visibility_hubId_deadline_id_idx" ON "Need"("status", "visibility", "hubId", "deadline", "id");
