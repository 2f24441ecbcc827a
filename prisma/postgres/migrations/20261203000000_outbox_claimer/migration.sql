-- Who holds a row being sent (a claim token renewed by its deliverer's heartbeat), so a deliverer that died is
-- replaced within one short lease instead of ten minutes, and when a row was given up, for a run's report.
-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "failedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "OutboundMessage_claimedBy_idx" ON "OutboundMessage"("claimedBy");
