-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "installerId" TEXT,
    "uninstalledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "slackId" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'rep',
    "managerSlackId" TEXT,
    "timezone" TEXT,
    "locale" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "nudgesPausedUntil" DATETIME,
    "profileSyncedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Client" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "ownerSlackId" TEXT,
    "annualRevenue" REAL,
    "relationshipSince" DATETIME,
    "relationshipType" TEXT,
    "lifecycleStage" TEXT,
    "riskLevel" TEXT,
    "industry" TEXT,
    "region" TEXT,
    "satisfaction" INTEGER,
    "cadenceDays" INTEGER,
    "score" INTEGER NOT NULL DEFAULT 0,
    "tier" TEXT NOT NULL DEFAULT 'C',
    "tierOverride" TEXT,
    "tierOverrideReason" TEXT,
    "lastTouchAt" DATETIME,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Client_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Interaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "repSlackId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "summary" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL DEFAULT 'neutral',
    "nextFollowUpOn" DATETIME,
    "source" TEXT NOT NULL DEFAULT 'command',
    "requestKey" TEXT,
    "permalink" TEXT,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Interaction_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Interaction_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "dueOn" DATETIME NOT NULL,
    "basis" TEXT NOT NULL,
    "snoozeReason" TEXT,
    "updatedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FollowUp_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TierChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "fromTier" TEXT,
    "toTier" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "actorSlackId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TierChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TierChange_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RiskFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "clearedAt" DATETIME,
    CONSTRAINT "RiskFlag_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RiskFlag_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "channel" TEXT,
    "ts" TEXT,
    "lastError" TEXT,
    "nextAttemptAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "OutboundMessage_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "firingKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "stats" TEXT,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "JobRun_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "actorSlackId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "details" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEntry_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "User_workspaceId_managerSlackId_idx" ON "User"("workspaceId", "managerSlackId");

-- CreateIndex
CREATE UNIQUE INDEX "User_workspaceId_slackId_key" ON "User"("workspaceId", "slackId");

-- CreateIndex
CREATE INDEX "Client_workspaceId_ownerSlackId_idx" ON "Client"("workspaceId", "ownerSlackId");

-- CreateIndex
CREATE INDEX "Client_workspaceId_tier_idx" ON "Client"("workspaceId", "tier");

-- CreateIndex
CREATE UNIQUE INDEX "Client_workspaceId_nameKey_key" ON "Client"("workspaceId", "nameKey");

-- CreateIndex
CREATE INDEX "Interaction_workspaceId_clientId_occurredAt_idx" ON "Interaction"("workspaceId", "clientId", "occurredAt");

-- CreateIndex
CREATE INDEX "Interaction_workspaceId_repSlackId_occurredAt_idx" ON "Interaction"("workspaceId", "repSlackId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Interaction_clientId_repSlackId_type_occurredAt_key" ON "Interaction"("clientId", "repSlackId", "type", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Interaction_workspaceId_requestKey_key" ON "Interaction"("workspaceId", "requestKey");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_clientId_key" ON "FollowUp"("clientId");

-- CreateIndex
CREATE INDEX "FollowUp_workspaceId_dueOn_idx" ON "FollowUp"("workspaceId", "dueOn");

-- CreateIndex
CREATE INDEX "TierChange_workspaceId_createdAt_idx" ON "TierChange"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "RiskFlag_workspaceId_clientId_rule_idx" ON "RiskFlag"("workspaceId", "clientId", "rule");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_nextAttemptAt_idx" ON "OutboundMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_workspaceId_kind_recipient_period_key" ON "OutboundMessage"("workspaceId", "kind", "recipient", "period");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_workspaceId_job_firingKey_key" ON "JobRun"("workspaceId", "job", "firingKey");

-- CreateIndex
CREATE INDEX "AuditEntry_workspaceId_createdAt_idx" ON "AuditEntry"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_workspaceId_entity_entityId_idx" ON "AuditEntry"("workspaceId", "entity", "entityId");

