/** Slack payloads already handled, so that a retried or duplicated one changes nothing the second time. */
import { isUniqueViolation } from "./errors.ts";
import type { Db } from "./prisma.ts";

export function processedRequestRepository(db: Db) {
  return {
    /** Claims a payload's key; false when it was claimed before (a retry or a duplicate delivery). */
    async claim(workspaceId: string, key: string, at: Date): Promise<boolean> {
      try {
        await db.processedRequest.create({ data: { workspaceId, key, receivedAt: at } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
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
