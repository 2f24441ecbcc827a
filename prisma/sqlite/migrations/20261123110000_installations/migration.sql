-- CreateTable
CREATE TABLE "Installation" (
    "workspaceId" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT,
    "appId" TEXT,
    "botToken" TEXT NOT NULL,
    "botId" TEXT,
    "botUserId" TEXT NOT NULL,
    "botScopes" TEXT NOT NULL,
    "installerId" TEXT NOT NULL,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Installation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessedRequest" (
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("workspaceId", "key")
);

-- CreateIndex
CREATE INDEX "ProcessedRequest_receivedAt_idx" ON "ProcessedRequest"("receivedAt");
