import { dateValue, type Provider } from "./bulk.ts";
import { asDate } from "./dates.ts";
import { isUniqueViolation } from "./errors.ts";
import { Prisma, type Db } from "./prisma.ts";

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
}

export interface OutboxFailure {
  id: string;
  kind: string;
  recipient: string;
  period: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
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

/**
 * Writes a post to send, once per (workspace, kind, recipient, period): a key already written is left as it is
 * (whatever its status) and `created` is false. Takes a transaction's client, so that a post can be written with the
 * change that causes it.
 */
export async function enqueueIn(db: Pick<Db, "outboundMessage">, workspaceId: string, entry: OutboxEntry): Promise<{ id: string; created: boolean }> {
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
}

/** What is left to send in a workspace: posts not yet sent nor given up, by who is to send them and when. */
export interface OutboxBacklog {
  /** Waiting for a retry that falls due later (`nextRetryAt`, the earliest). */
  retry: number;
  nextRetryAt: Date | null;
  /** Due now, held by no one. */
  due: number;
  /** Held by a deliverer whose lease runs, per claim token (with its lease deadline). */
  held: { claimedBy: string | null; rows: number; leaseUntil: Date }[];
}

interface ClaimedRow {
  id: string;
  workspaceId: string;
  kind: string;
  recipient: string;
  period: string;
  payload: string;
  attempts: number | bigint;
  createdAt: Date | string;
}

export function outboxRepository(db: Db, provider: Provider) {
  return {
    enqueue: (workspaceId: string, entry: OutboxEntry) => enqueueIn(db, workspaceId, entry),

    /**
     * Claims up to `limit` due rows (pending and due, or sending with an expired lease) for the claim token
     * `claimedBy`: each row moves to `sending` with `attempts + 1` and a lease until `now + leaseMs`. One statement
     * picks and claims, so no list of ids travels: SQLite runs it under its single write lock, and PostgreSQL's
     * SKIP LOCKED lets racing claimers take different rows, so of two processes exactly one gets each row.
     */
    async claimDue(workspaceId: string | undefined, now: Date, limit: number, leaseMs: number, claimedBy: string): Promise<ClaimedMessage[]> {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const at = dateValue(provider, now);
      const rows = await db.$queryRaw<ClaimedRow[]>`
        UPDATE "OutboundMessage"
        SET "status" = 'sending', "attempts" = "attempts" + 1, "nextAttemptAt" = ${dateValue(provider, leaseUntil)}, "claimedBy" = ${claimedBy}
        WHERE "id" IN (
          SELECT "id" FROM "OutboundMessage"
          WHERE ${workspaceId !== undefined ? Prisma.sql`"workspaceId" = ${workspaceId} AND` : Prisma.empty}
            (("status" = 'pending' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${at})) OR ("status" = 'sending' AND "nextAttemptAt" <= ${at}))
          ORDER BY "createdAt", "id"
          LIMIT ${Prisma.raw(String(Math.max(0, Math.floor(limit))))}
          ${provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty}
        )
        RETURNING "id", "workspaceId", "kind", "recipient", "period", "payload", "attempts", "createdAt"`;
      return rows
        .map((row) => ({
          id: row.id,
          workspaceId: row.workspaceId,
          kind: row.kind,
          recipient: row.recipient,
          period: row.period,
          payload: parsePayload(row.payload),
          attempts: Number(row.attempts),
          createdAt: asDate(row.createdAt)!,
        }))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    /**
     * The heartbeat of a live deliverer: moves the lease of every row it holds under `claimedBy` to `leaseUntil`.
     * Returns how many rows it holds.
     */
    async renewLeases(claimedBy: string, leaseUntil: Date): Promise<number> {
      const { count } = await db.outboundMessage.updateMany({ where: { claimedBy, status: "sending" }, data: { nextAttemptAt: leaseUntil } });
      return count;
    },

    /**
     * Whether the claim `claimedBy` (at `attempt`) still holds a row, renewing its lease to `leaseUntil` if so: one
     * row's check, for a deliverer whose lease lapsed while it stalled (another may have taken the row meanwhile).
     */
    async confirmHeld(id: string, claimedBy: string, attempt: number, leaseUntil: Date): Promise<boolean> {
      const { count } = await db.outboundMessage.updateMany({ where: { id, claimedBy, attempts: attempt, status: "sending" }, data: { nextAttemptAt: leaseUntil } });
      return count === 1;
    },

    /** What is left to send in a workspace as of `now` (see OutboxBacklog): one grouped read of the unsent rows. */
    async backlog(workspaceId: string, now: Date): Promise<OutboxBacklog> {
      const later = { workspaceId, status: "pending", nextAttemptAt: { gt: now } };
      const [retry, next, due, held] = await Promise.all([
        db.outboundMessage.count({ where: later }),
        db.outboundMessage.findFirst({ where: later, select: { nextAttemptAt: true }, orderBy: { nextAttemptAt: "asc" } }),
        db.outboundMessage.count({
          where: { workspaceId, OR: [{ status: "pending", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] }, { status: "sending", nextAttemptAt: { lte: now } }] },
        }),
        db.outboundMessage.groupBy({
          by: ["claimedBy"],
          where: { workspaceId, status: "sending", nextAttemptAt: { gt: now } },
          _count: { _all: true },
          _min: { nextAttemptAt: true },
        }),
      ]);
      return {
        retry,
        nextRetryAt: next?.nextAttemptAt ?? null,
        due,
        held: held.map((h) => ({ claimedBy: h.claimedBy, rows: h._count._all, leaseUntil: h._min.nextAttemptAt ?? now })),
      };
    },

    /** Records the post Slack accepted. Final: a sent row is never claimed again. */
    async markSent(id: string, channel: string, ts: string, at: Date): Promise<void> {
      await db.outboundMessage.update({ where: { id }, data: { status: "sent", channel, ts, sentAt: at, nextAttemptAt: null, lastError: null, claimedBy: null } });
    },

    /**
     * Puts a row that is being sent back to pending, due at `nextAttemptAt`. With `attempt` (the claim's attempts),
     * only while that claim still holds the row. Returns false when nothing changed.
     */
    async markRetry(id: string, error: string, nextAttemptAt: Date, attempt?: number): Promise<boolean> {
      const { count } = await db.outboundMessage.updateMany({
        where: { id, status: "sending", ...(attempt !== undefined ? { attempts: attempt } : {}) },
        data: { status: "pending", lastError: error.slice(0, MAX_ERROR_LENGTH), nextAttemptAt, claimedBy: null },
      });
      return count === 1;
    },

    /**
     * Gives up on a row that is being sent. With `attempt`, only while that claim still holds the row. Returns false
     * when nothing changed (e.g. already sent, or taken over by another deliverer).
     */
    async markFailed(id: string, error: string, attempt?: number, at: Date = new Date()): Promise<boolean> {
      const { count } = await db.outboundMessage.updateMany({
        where: { id, status: "sending", ...(attempt !== undefined ? { attempts: attempt } : {}) },
        data: { status: "failed", lastError: error.slice(0, MAX_ERROR_LENGTH), nextAttemptAt: null, claimedBy: null, failedAt: at },
      });
      return count === 1;
    },

    /** The newest failed posts of a workspace, for admins (digest, App Home). */
    recentFailures(workspaceId: string, take: number): Promise<OutboxFailure[]> {
      return db.outboundMessage.findMany({
        where: { workspaceId, status: "failed" },
        select: { id: true, kind: true, recipient: true, period: true, attempts: true, lastError: true, failedAt: true, createdAt: true },
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
        select: { id: true, kind: true, recipient: true, period: true, status: true, attempts: true, channel: true, ts: true, lastError: true, nextAttemptAt: true, claimedBy: true, sentAt: true, failedAt: true, createdAt: true },
      });
    },
  };
}
export type OutboxRepository = ReturnType<typeof outboxRepository>;
