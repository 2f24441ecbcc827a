-- A team's risk states opened since a day, found from the team's clients (the weekly digest,
-- src/store/digest-inputs.ts): without it SQLite walks every state opened since then once per client.
-- CreateIndex
CREATE INDEX "RiskFlag_workspaceId_clientId_openedAt_idx" ON "RiskFlag"("workspaceId", "clientId", "openedAt");
