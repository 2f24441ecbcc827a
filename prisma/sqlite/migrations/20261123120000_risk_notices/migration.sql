-- AlterTable
ALTER TABLE "RiskFlag" ADD COLUMN "alertQueuedAt" DATETIME;
ALTER TABLE "RiskFlag" ADD COLUMN "clearQueuedAt" DATETIME;

-- CreateIndex
CREATE INDEX "RiskFlag_workspaceId_openedAt_idx" ON "RiskFlag"("workspaceId", "openedAt");
