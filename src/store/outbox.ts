import { isUniqueViolation } from "./errors.ts";
import type { Db } from "./prisma.ts";

/** What a scheduled post says: Slack's `text` (always, for notifications) and optional Block Kit blocks. */
export interface OutboxPayload {
  text: string;
  blocks?: unknown[];
}

export interface OutboxEntry {
  kind: string;
  recipient: string;
  period: string;
  payload: OutboxPayload;
}

/** A row claimed for sending; `attempts` counts this attempt. */
export interface ClaimedMessage {
  id: string;
  workspaceId: string;
  kind: string;
  recipient: string;
  period: string;
  payload: OutboxPayload;
  attempts: number;
  createdAt: Date;
  /** The lease deadline: after it another deliverer may claim the row again. */
  leaseUntil: Date;
}

export interface OutboxFailure {
  id: string;
  kind: string;
  recipient: string;
  period: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

const MAX_ERROR_LENGTH = 2000;

function parsePayload(raw: string): OutboxPayload {
  const value: unknown = JSON.parse(raw);
  if (typeof value !== "object" || value === null) throw new Error("outbox payload is not an object");
  const { text, blocks } = value as { text?: unknown; blocks?: unknown };
  if (typeof text !== "string") throw new Error("outbox payload has no text");
  return Array.isArray(blocks) ? { text, blocks: blocks as unknown[] } : { text };
}

/** Takes a transaction's client too, so that a post can be written with the change that causes it. */
export function outboxRepository(db: Pick<Db, "outboundMessage">) {
  return {
    /**
     * Writes a post to send, once per (workspace, kind, recipient, period): a key already written is left as it
     * is (whatever its status) and `created` is false.
     */
    async enqueue(workspaceId: string, entry: OutboxEntry): Promise<{ id: string; created: boolean }> {
      const { kind, recipient, period } = entry;
      const payload = JSON.stringify(entry.payload.blocks ? { text: entry.payload.text, blocks: entry.payload.blocks } : { text: entry.payload.text });
      try {
        const row = await db.outboundMessage.create({ data: { workspaceId, kind, recipient, period, payload }, select: { id: true } });
        return { id: row.id, created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await db.outboundMessage.findUnique({
          where: { workspaceId_kind_recipient_period: { workspaceId, kind, recipient, period } },
          select: { id: true },
        });
        if (!existing) throw error;
        return { id: existing.id, created: false };
      }
    },

    /**
     * Claims up to `limit` due rows (pending and due, or sending with an expired lease) for one deliverer: each
     * row moves to `sending` with `attempts + 1` and a lease until `now + leaseMs`. Every claim is a conditional
     * update on the row as it was read (status, attempts, lease), so of two replicas or processes racing for a
     * row exactly one gets it; the other's update matches nothing and it skips the row.
     */
    async claimDue(workspaceId: string | undefined, now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const claimed: ClaimedMessage[] = [];
      // Rows another claimer took between our read and our update; read past them so that losing a race for the
      // first rows does not leave this claimer empty-handed while more rows are due.
      const lost: string[] = [];
      while (claimed.length < limit) {
        const take = limit - claimed.length;
        const candidates = await db.outboundMessage.findMany({
          where: {
            ...(workspaceId !== undefined ? { workspaceId } : {}),
            ...(lost.length > 0 ? { id: { notIn: lost } } : {}),
            OR: [
              { status: "pending", nextAttemptAt: null },
              { status: "pending", nextAttemptAt: { lte: now } },
              { status: "sending", nextAttemptAt: { lte: now } },
            ],
          },
          select: { id: true, workspaceId: true, kind: true, recipient: true, period: true, payload: true, status: true, attempts: true, nextAttemptAt: true, createdAt: true },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take,
        });
        for (const row of candidates) {
          const { count } = await db.outboundMessage.updateMany({
            where: { id: row.id, status: row.status, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt },
            data: { status: "sending", attempts: row.attempts + 1, nextAttemptAt: leaseUntil },
          });
          if (count !== 1) {
            lost.push(row.id);
            continue;
          }
          claimed.push({
            id: row.id,
            workspaceId: row.workspaceId,
            kind: row.kind,
            recipient: row.recipient,
            period: row.period,
            payload: parsePayload(row.payload),
            attempts: row.attempts + 1,
            createdAt: row.createdAt,
            leaseUntil,
          });
        }
        if (candidates.length < take) break;
      }
      return claimed;
    },

    /** Records the post Slack accepted. Final: a sent row is never claimed again. */
    async markSent(id: string, channel: string, ts: string, at: Date): Promise<void> {
      await db.outboundMessage.update({ where: { id }, data: { status: "sent", channel, ts, sentAt: at, nextAttemptAt: null, lastError: null } });
    },

    /**
     * Puts a row that is being sent back to pending, due at `nextAttemptAt`. With `attempt` (the claim's attempts),
     * only while that claim still holds the row. Returns false when nothing changed.
     */
    async markRetry(id: string, error: string, nextAttemptAt: Date, attempt?: number): Promise<boolean> {
      const { count } = await db.outboundMessage.updateMany({
        where: { id, status: "sending", ...(attempt !== undefined ? { attempts: attempt } : {}) },
        data: { status: "pending", lastError: error.slice(0, MAX_ERROR_LENGTH), nextAttemptAt },
      });
      return count === 1;
    },

    /**
     * Gives up on a row that is being sent. With `attempt`, only while that claim still holds the row. Returns false
     * when nothing changed (e.g. already sent, or taken over by another deliverer).
     */
    async markFailed(id: string, error: string, attempt?: number): Promise<boolean> {
      const { count } = await db.outboundMessage.updateMany({
        where: { id, status: "sending", ...(attempt !== undefined ? { attempts: attempt } : {}) },
        data: { status: "failed", lastError: error.slice(0, MAX_ERROR_LENGTH), nextAttemptAt: null },
      });
      return count === 1;
    },

    /** The newest failed posts of a workspace, for admins (digest, App Home). */
    recentFailures(workspaceId: string, take: number): Promise<OutboxFailure[]> {
      return db.outboundMessage.findMany({
        where: { workspaceId, status: "failed" },
        select: { id: true, kind: true, recipient: true, period: true, attempts: true, lastError: true, createdAt: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take,
      });
    },

    /** Whether a post with this key was written already (whatever its status): lets a job skip building it. */
    async exists(workspaceId: string, kind: string, recipient: string, period: string): Promise<boolean> {
      const row = await db.outboundMessage.findUnique({ where: { workspaceId_kind_recipient_period: { workspaceId, kind, recipient, period } }, select: { id: true } });
      return row !== null;
    },

    /** One row's delivery state, for jobs and tests. */
    find(id: string) {
      return db.outboundMessage.findUnique({
        where: { id },
        select: { id: true, kind: true, recipient: true, period: true, status: true, attempts: true, channel: true, ts: true, lastError: true, nextAttemptAt: true, sentAt: true, createdAt: true },
      });
    },
  };
}
export type OutboxRepository = ReturnType<typeof outboxRepository>;
