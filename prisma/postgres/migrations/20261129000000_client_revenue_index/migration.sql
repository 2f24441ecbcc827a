-- The largest clients of a workspace first: the card checks revenue concentration from them (src/services/clients.ts).
-- CreateIndex
CREATE INDEX "Client_workspaceId_annualRevenue_idx" ON "Client"("workspaceId", "annualRevenue");
