/** Slack payloads already handled, so that a retried or duplicated one changes nothing the second time. */
import { dateValue, type Provider } from "./bulk.ts";
import type { DirectSql } from "./direct-sql.ts";
import { Prisma, type Db } from "./prisma.ts";

export function processedRequestRepository(db: Db, sql: DirectSql, provider: Provider) {
  return {
    /**
     * Claims a payload's key; false when it was claimed before (a retry or a duplicate delivery). Most requests
     * wait on this write first, so it is one statement past Prisma (direct-sql.ts) that cannot fail on the key.
     */
    async claim(workspaceId: string, key: string, at: Date): Promise<boolean> {
      const inserted = await sql.execute(Prisma.sql`
        INSERT INTO "ProcessedRequest" ("workspaceId", "key", "receivedAt") VALUES (${workspaceId}, ${key}, ${dateValue(provider, at)})
        ON CONFLICT DO NOTHING`);
      return inserted === 1;
    },

    /** Gives a claim back (its handling failed), so that Slack's retry is handled. */
    async release(workspaceId: string, key: string): Promise<void> {
      await db.processedRequest.deleteMany({ where: { workspaceId, key } });
    },

    /** Forgets claims older than `before`: Slack retries within minutes. */
    async prune(before: Date): Promise<number> {
      return (await db.processedRequest.deleteMany({ where: { receivedAt: { lt: before } } })).count;
    },
  };
}
