-- CreateTable
CREATE TABLE "ClientNameTail" (
    "workspaceId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "tail" TEXT NOT NULL,

    CONSTRAINT "ClientNameTail_pkey" PRIMARY KEY ("clientId","tail")
);

-- CreateIndex
CREATE INDEX "ClientNameTail_workspaceId_tail_idx" ON "ClientNameTail"("workspaceId", "tail");

-- AddForeignKey
ALTER TABLE "ClientNameTail" ADD CONSTRAINT "ClientNameTail_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every existing name key, and what follows each space in it (src/domain/text.ts nameKeyTails).
INSERT INTO "ClientNameTail" ("workspaceId", "clientId", "tail")
WITH RECURSIVE "tails"("workspaceId", "clientId", "tail") AS (
    SELECT "workspaceId", "id", "nameKey" FROM "Client"
    UNION ALL
    SELECT "workspaceId", "clientId", substr("tail", strpos("tail", ' ') + 1) FROM "tails" WHERE strpos("tail", ' ') > 0
)
SELECT DISTINCT "workspaceId", "clientId", "tail" FROM "tails" WHERE "tail" <> '';
