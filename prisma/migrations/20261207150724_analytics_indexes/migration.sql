-- CreateIndex
CREATE INDEX "Deal_contractSignedAt_idx" ON "Deal"("contractSignedAt");

-- CreateIndex
CREATE INDEX "Match_needId_inNeedTop_invitedAt_idx" ON "Match"("needId", "inNeedTop", "invitedAt");

-- CreateIndex
CREATE INDEX "Need_hubId_publishedAt_idx" ON "Need"("hubId", "publishedAt");
