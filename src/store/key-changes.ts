/**
 * Key status as an event: each client's key status as last recorded, and each time a client joined or left the key
 * list (with the thresholds behind it), written with its audit entry; the owners' notices are queued from here.
 */
import { chunksOf, IN_LIST_LIMIT } from "./paging.ts";
import { asDate } from "./dates.ts";
import type { DirectSql } from "./direct-sql.ts";
import { Prisma, type Db } from "./prisma.ts";
import { enqueueIn, type OutboxEntry } from "./outbox.ts";

/** What a sweep reads of a client to decide its key status. */
export interface KeyStatusRow {
  id: string;
  annualRevenue: number | null;
  relationshipSince: Date | null;
  /** As last recorded; null: never evaluated (the first evaluation is silent). */
  keyClient: boolean | null;
}

export interface KeyStatusUpdate {
  clientId: string;
  key: boolean;
  /** JSON of the domain's KeyStatus; recorded as an event only when the client had a known status before. */
  details: string;
  /** The status it had (null: none recorded yet). */
  was: boolean | null;
}

export interface PendingKeyNotice {
  id: string;
  joined: boolean;
  details: string;
  client: { id: string; name: string; ownerSlackId: string | null; archivedAt: Date | null };
}

export interface KeyChangeRow {
  joined: boolean;
  details: string;
  createdAt: Date;
}

/** A key event of the digest's week, with its client. */
export interface KeyChangeOfWeek extends KeyChangeRow {
  client: { name: string; ownerSlackId: string | null };
}

const TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

export function keyChangeRepository(db: Db, sql: DirectSql) {
  return {
    /** Active clients after `afterId` in id order (or one client), with what their key status is made of. */
    statusPage(workspaceId: string, scope: { afterId?: string } | { clientId: string }, take: number): Promise<KeyStatusRow[]> {
      return db.client.findMany({
        where: { workspaceId, archivedAt: null, ...("clientId" in scope ? { id: scope.clientId } : scope.afterId ? { id: { gt: scope.afterId } } : {}) },
        select: { id: true, annualRevenue: true, relationshipSince: true, keyClient: true },
        orderBy: { id: "asc" },
        take,
      });
    },

    /**
     * Records new key statuses in one transaction: the status on each client, and for each client that had one
     * before, a key event and its audit entry. Returns how many joined and left.
     */
    async record(workspaceId: string, updates: readonly KeyStatusUpdate[], cause: string, actorSlackId: string | null, at: Date): Promise<{ joined: number; left: number }> {
      if (updates.length === 0) return { joined: 0, left: 0 };
      const events = updates.filter((u) => u.was !== null);
      await db.$transaction(async (tx) => {
        for (const key of [true, false]) {
          const ids = updates.filter((u) => u.key === key).map((u) => u.clientId);
          for (const chunk of chunksOf(ids, IN_LIST_LIMIT)) await tx.client.updateMany({ where: { workspaceId, id: { in: chunk } }, data: { keyClient: key } });
        }
        if (events.length === 0) return;
        await tx.keyChange.createMany({
          data: events.map((e) => ({ workspaceId, clientId: e.clientId, joined: e.key, details: e.details, cause, actorSlackId, createdAt: at })),
        });
        await tx.auditEntry.createMany({
          data: events.map((e) => ({
            workspaceId,
            actorSlackId: actorSlackId ?? cause,
            action: e.key ? "key.join" : "key.leave",
            entity: "client",
            entityId: e.clientId,
            details: JSON.stringify({ cause, status: JSON.parse(e.details) as unknown }),
            createdAt: at,
          })),
        });
      }, TRANSACTION);
      const joined = events.filter((e) => e.key).length;
      return { joined, left: events.length - joined };
    },

    /** Key events whose owner has not been told yet, oldest first. */
    pendingNotices(workspaceId: string, take: number): Promise<PendingKeyNotice[]> {
      return db.keyChange.findMany({
        where: { workspaceId, noticeQueuedAt: null },
        select: { id: true, joined: true, details: true, client: { select: { id: true, name: true, ownerSlackId: true, archivedAt: true } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take,
      });
    },

    /** Marks the notices queued and writes the posts that carry them, in one transaction (see riskFlags.queueNotices). */
    async queueNotices(workspaceId: string, ids: readonly string[], posts: readonly OutboxEntry[], at: Date): Promise<boolean> {
      let claimed = 0;
      await db.$transaction(async (tx) => {
        for (const chunk of chunksOf(ids, IN_LIST_LIMIT)) {
          claimed += (await tx.keyChange.updateMany({ where: { workspaceId, id: { in: chunk }, noticeQueuedAt: null }, data: { noticeQueuedAt: at } })).count;
        }
        // Another run queued some of them first: write nothing, it delivers them.
        if (claimed !== ids.length) throw new KeyNoticesTaken();
        for (const post of posts) await enqueueIn(tx, workspaceId, post);
      }, TRANSACTION).catch((error: unknown) => {
        if (!(error instanceof KeyNoticesTaken)) throw error;
        claimed = -1;
      });
      return claimed === ids.length;
    },

    /**
     * The key events since `since` of the active clients some owners have (null: everyone's), newest first, up to
     * `take`, with how many joined and left in all. A team goes a chunk of owners per statement (each list the
     * newest `take`, merged and cut here; each count grouped by joined and added up): bound values stay bounded.
     */
    async since(workspaceId: string, owners: readonly string[] | null, since: Date, take: number): Promise<{ items: KeyChangeOfWeek[]; joined: number; left: number }> {
      const chunks = owners ? [...chunksOf([...new Set(owners)], IN_LIST_LIMIT)] : [null];
      const items: (KeyChangeOfWeek & { id: string })[] = [];
      let joined = 0;
      let left = 0;
      for (const chunk of chunks) {
        const where = { workspaceId, createdAt: { gte: since }, client: { archivedAt: null, ...(chunk ? { ownerSlackId: { in: chunk } } : {}) } };
        const [rows, counts] = await Promise.all([
          db.keyChange.findMany({
            where,
            select: { id: true, joined: true, details: true, createdAt: true, client: { select: { name: true, ownerSlackId: true } } },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take,
          }),
          db.keyChange.groupBy({ by: ["joined"], where, _count: { _all: true } }),
        ]);
        items.push(...rows);
        for (const c of counts) if (c.joined) joined += c._count._all;
        else left += c._count._all;
      }
      items.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      return { items: items.slice(0, take).map(({ id: _id, ...row }) => row), joined, left };
    },

    /** A client's latest key event (the card: past Prisma, as the card's other reads, see direct-sql.ts). */
    async latestFor(workspaceId: string, clientId: string): Promise<KeyChangeRow | null> {
      const [row] = await sql.query<{ joined: boolean | number; details: string; createdAt: Date | string }>(Prisma.sql`
        SELECT "joined", "details", "createdAt" FROM "KeyChange"
        WHERE "clientId" = ${clientId} AND "workspaceId" = ${workspaceId}
        ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`);
      return row ? { joined: Boolean(row.joined), details: row.details, createdAt: asDate(row.createdAt)! } : null;
    },
  };
}
export type KeyChangeRepository = ReturnType<typeof keyChangeRepository>;

class KeyNoticesTaken extends Error {}
