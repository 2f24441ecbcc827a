-- Key status as an event: the status last recorded on the client, and each time a client joined or left the key
-- list with the thresholds behind it, for the owner's notice, the card and the digest.
-- AlterTable
ALTER TABLE "Client" ADD COLUMN "keyClient" BOOLEAN;

-- CreateTable
CREATE TABLE "KeyChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "joined" BOOLEAN NOT NULL,
    "details" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "actorSlackId" TEXT,
    "noticeQueuedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KeyChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KeyChange_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "KeyChange_workspaceId_createdAt_idx" ON "KeyChange"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "KeyChange_workspaceId_noticeQueuedAt_idx" ON "KeyChange"("workspaceId", "noticeQueuedAt");

-- CreateIndex
CREATE INDEX "KeyChange_clientId_createdAt_idx" ON "KeyChange"("clientId", "createdAt");
