-- A workspace's clients in id order, page by page (the risk job, src/store/risk-inputs.ts). Ids grow with creation,
-- as rows are laid down, so this order reads the client table front to back instead of one random page per client
-- (name-key order), and other workspaces' clients are never walked past.
-- CreateIndex
CREATE INDEX "Client_workspaceId_id_idx" ON "Client"("workspaceId", "id");
