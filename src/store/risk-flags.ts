/**
 * Risk states of clients as the risk job recorded them: when each began and ended. The job opens and closes them;
 * each state's alert and its "back to normal" note are queued to the outbox exactly once: the stamps that say so
 * are set in the same transaction as the outbox rows. They are the edge detector and the history (the digest's new
 * risks); what state a client is in now is the rules' live evaluation (src/services/risks.ts), which every surface
 * shows.
 */
import { enqueueIn, type OutboxEntry } from "./outbox.ts";
import { chunksOf, IN_LIST_LIMIT } from "./paging.ts";
import type { DirectSql } from "./direct-sql.ts";
import { Prisma, type Db } from "./prisma.ts";

export interface OpenRiskFlag {
  id: string;
  clientId: string;
  rule: string;
  /** In English (exports, audit); readers get `details` in their language (see src/domain/risk.ts). */
  reason: string;
  details: string | null;
  openedAt: Date;
}

/** A state whose owner (and alert channel) has not been told yet that it began, or that it ended. */
export interface PendingRiskNotice {
  id: string;
  rule: string;
  reason: string;
  details: string | null;
  /** Why a state that left ended (ClearCause as JSON), when that was kept. */
  clearCause: string | null;
  /** "entered": not alerted yet; "left": alerted, now cleared; "quiet": began and ended before any alert. */
  change: "entered" | "left" | "quiet";
  client: { id: string; name: string; ownerSlackId: string | null; tier: string; tierOverride: string | null; archivedAt: Date | null };
}

export interface RiskFlagWithClient extends OpenRiskFlag {
  clearedAt: Date | null;
  client: { id: string; name: string; ownerSlackId: string | null };
}

/**
 * A batch of notices holds a post per owner: up to 5,001 posts in one transaction (5,000 states of as many owners,
 * and the channel's). 2,500 took 2.3 s on a local PostgreSQL, so twice that comes near Prisma's default of 5 s, and
 * a distant server passes it.
 */
const NOTICE_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

/** Another run queued some of these notices first; nothing was written. */
class NoticesTaken extends Error {}

const flagSelect = { id: true, clientId: true, rule: true, reason: true, details: true, openedAt: true } as const;
const clientBrief = { id: true, name: true, ownerSlackId: true } as const;

export function riskFlagRepository(db: Db, sql: DirectSql) {
  return {
    /**
     * The states these clients are in: which rule, no more. The risk job asks once per page of clients, so the
     * statement goes past Prisma (direct-sql.ts).
     */
    async openFor(workspaceId: string, clientIds: readonly string[]): Promise<Pick<OpenRiskFlag, "id" | "clientId" | "rule" | "openedAt">[]> {
      const open: Pick<OpenRiskFlag, "id" | "clientId" | "rule" | "openedAt">[] = [];
      for (const ids of chunksOf(clientIds, IN_LIST_LIMIT)) {
        open.push(
          ...(await sql.query<Pick<OpenRiskFlag, "id" | "clientId" | "rule" | "openedAt">>(Prisma.sql`
            SELECT "id", "clientId", "rule", "openedAt" FROM "RiskFlag"
            WHERE "workspaceId" = ${workspaceId} AND "clientId" IN (${Prisma.join(ids)}) AND "clearedAt" IS NULL`)),
        );
      }
      return open;
    },

    /** Opens the states entered and closes those left (each with why it ended), in one transaction. */
    async record(
      workspaceId: string,
      changes: { enter: readonly { clientId: string; rule: string; reason: string; details: string | null }[]; leave: readonly { id: string; clearCause: string | null }[] },
      at: Date,
    ) {
      if (changes.enter.length === 0 && changes.leave.length === 0) return;
      await db.$transaction(async (tx) => {
        // Prisma splits createMany into statements within each store's limit itself; an IN list it does not.
        if (changes.enter.length > 0) await tx.riskFlag.createMany({ data: changes.enter.map((e) => ({ workspaceId, ...e, openedAt: at })) });
        // States that ended the same way close together; a page of clients can leave more states than SQLite binds
        // values (two rules each, 500 clients): in chunks.
        const byCause = new Map<string | null, string[]>();
        for (const { id, clearCause } of changes.leave) byCause.set(clearCause, [...(byCause.get(clearCause) ?? []), id]);
        for (const [clearCause, ids] of byCause) {
          for (const chunk of chunksOf(ids, IN_LIST_LIMIT)) {
            await tx.riskFlag.updateMany({ where: { workspaceId, id: { in: chunk }, clearedAt: null }, data: { clearedAt: at, clearCause } });
          }
        }
      });
    },

    /**
     * Up to `take` states with a notice still to queue, oldest first (ids grow with time), after the state `afterId`:
     * a run pages forward along the id index instead of searching again past the states it has just queued.
     */
    async pendingNotices(workspaceId: string, take: number, afterId?: string): Promise<PendingRiskNotice[]> {
      const rows = await db.riskFlag.findMany({
        where: {
          workspaceId,
          ...(afterId !== undefined ? { id: { gt: afterId } } : {}),
          OR: [{ alertQueuedAt: null }, { clearedAt: { not: null }, clearQueuedAt: null }],
        },
        select: {
          ...flagSelect,
          clearedAt: true,
          clearCause: true,
          alertQueuedAt: true,
          client: { select: { ...clientBrief, tier: true, tierOverride: true, archivedAt: true } },
        },
        orderBy: { id: "asc" },
        take,
      });
      return rows.map((row) => ({
        id: row.id,
        rule: row.rule,
        reason: row.reason,
        details: row.details,
        clearCause: row.clearCause,
        change: row.alertQueuedAt === null ? (row.clearedAt === null ? "entered" : "quiet") : "left",
        client: row.client,
      }));
    },

    /**
     * Marks the notices queued and writes the posts that carry them, in one transaction: a crash leaves both
     * undone (the next run sends them), and a concurrent run that got there first makes this one a no-op (false).
     */
    async queueNotices(workspaceId: string, notices: readonly Pick<PendingRiskNotice, "id" | "change">[], posts: readonly OutboxEntry[], at: Date): Promise<boolean> {
      const ids = (change: PendingRiskNotice["change"]) => notices.filter((n) => n.change === change).map((n) => n.id);
      const [entered, left, quiet] = [ids("entered"), ids("left"), ids("quiet")];
      try {
        await db.$transaction(async (tx) => {
          // A chunk of ids per statement (IN_LIST_LIMIT).
          const claimed = async (all: readonly string[], claim: (chunk: string[]) => Promise<{ count: number }>) => {
            let count = 0;
            for (const chunk of chunksOf(all, IN_LIST_LIMIT)) count += (await claim(chunk)).count;
            return count === all.length;
          };
          const claims = [
            await claimed(entered, (chunk) => tx.riskFlag.updateMany({ where: { workspaceId, id: { in: chunk }, alertQueuedAt: null }, data: { alertQueuedAt: at } })),
            await claimed(left, (chunk) =>
              tx.riskFlag.updateMany({
                where: { workspaceId, id: { in: chunk }, alertQueuedAt: { not: null }, clearedAt: { not: null }, clearQueuedAt: null },
                data: { clearQueuedAt: at },
              }),
            ),
            await claimed(quiet, (chunk) =>
              tx.riskFlag.updateMany({ where: { workspaceId, id: { in: chunk }, alertQueuedAt: null, clearedAt: { not: null } }, data: { alertQueuedAt: at, clearQueuedAt: at } }),
            ),
          ];
          if (!claims.every(Boolean)) throw new NoticesTaken();
          for (const post of posts) await enqueueIn(tx, workspaceId, post);
        }, NOTICE_TRANSACTION);
        return true;
      } catch (error) {
        if (error instanceof NoticesTaken) return false;
        throw error;
      }
    },
  };
}
export type RiskFlagRepository = ReturnType<typeof riskFlagRepository>;
