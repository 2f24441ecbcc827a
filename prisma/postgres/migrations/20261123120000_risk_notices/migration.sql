-- AlterTable
ALTER TABLE "RiskFlag" ADD COLUMN     "alertQueuedAt" TIMESTAMP(3),
ADD COLUMN     "clearQueuedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "RiskFlag_workspaceId_openedAt_idx" ON "RiskFlag"("workspaceId", "openedAt");
