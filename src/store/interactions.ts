import { Prisma, type Db } from "./prisma.ts";
import type { DirectSql } from "./direct-sql.ts";
import { isUniqueViolation } from "./errors.ts";
import { chunksOf, inPages, IN_LIST_LIMIT } from "./paging.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { dateValue, insertRows, insertStatement, newId, sqliteDate, type Tx } from "./bulk.ts";

export const interactionSelect = {
  id: true,
  clientId: true,
  repSlackId: true,
  type: true,
  occurredAt: true,
  summary: true,
  sentiment: true,
  nextFollowUpOn: true,
  source: true,
  permalink: true,
} as const satisfies Prisma.InteractionSelect;

export type InteractionRow = Prisma.InteractionGetPayload<{ select: typeof interactionSelect }>;

export interface NewInteraction {
  clientId: string;
  repSlackId: string;
  type: string;
  occurredAt: Date;
  summary: string;
  sentiment: string;
  nextFollowUpOn: Date | null;
  source: string;
  requestKey?: string | null;
  permalink?: string | null;
}

/** What a client's cadence depends on. */
export interface CadenceFields {
  tier: string;
  tierOverride: string | null;
  relationshipType: string | null;
  cadenceDays: number | null;
}

/** The follow-up a client's latest touch implies (its logged next date, else one cadence after it). */
export type FollowUpFor = (latest: { occurredAt: Date; nextFollowUpOn: Date | null }, client: CadenceFields) => StoredFollowUp;

/** A follow-up as written: its day, why (`basis`), and for one from cadence the cadence it was set with. */
export interface StoredFollowUp {
  dueOn: Date;
  basis: string;
  cadenceDays: number | null;
}

/** Puts a client's last touch and follow-up to what its remaining touches say (after an undo or an edit). */
async function resetFromLatestTouch(tx: Tx, workspaceId: string, clientId: string, by: string, followUpFor: FollowUpFor): Promise<void> {
  const latest = await tx.interaction.findFirst({
    where: { workspaceId, clientId, deletedAt: null },
    select: { occurredAt: true, nextFollowUpOn: true },
    orderBy: { occurredAt: "desc" },
  });
  const client = await tx.client.update({
    where: { id: clientId },
    data: { lastTouchAt: latest?.occurredAt ?? null },
    select: { tier: true, tierOverride: true, relationshipType: true, cadenceDays: true },
  });
  if (latest) {
    const data = { ...followUpFor(latest, client), snoozeReason: null, updatedBy: by };
    await tx.followUp.upsert({ where: { clientId }, create: { workspaceId, clientId, ...data }, update: data });
  } else {
    await tx.followUp.deleteMany({ where: { workspaceId, clientId } });
  }
}

/** A touch as its table row, with a new id, for inserts. */
function storedTouch(workspaceId: string, input: NewInteraction, now: Date) {
  return {
    id: newId(),
    workspaceId,
    clientId: input.clientId,
    repSlackId: input.repSlackId,
    type: input.type,
    occurredAt: input.occurredAt,
    summary: input.summary,
    sentiment: input.sentiment,
    nextFollowUpOn: input.nextFollowUpOn,
    source: input.source,
    requestKey: input.requestKey ?? null,
    permalink: input.permalink ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

export type RecordResult = { stored: true; interaction: InteractionRow } | { stored: false; reason: "duplicate" };

export function interactionRepository(db: Db, sql: DirectSql, provider: DatabaseTarget["provider"]) {
  return {
    /**
     * Stores a touch and, when it is the client's latest, moves the client's last touch and resets its follow-up,
     * all in one transaction. An identical touch (or a retried Slack payload) is reported as a duplicate.
     * `/log` waits on this: three raw statements in one transaction, past Prisma (direct-sql.ts). The follow-up is
     * written only if the client's last touch is now this one.
     */
    async record(
      workspaceId: string,
      input: NewInteraction,
      followUpIfLatest: StoredFollowUp | null,
    ): Promise<RecordResult> {
      const row = storedTouch(workspaceId, input, new Date());
      const { workspaceId: _workspace, requestKey: _key, createdAt: _created, updatedAt: _updated, ...interaction } = row;
      const date = (d: Date | null) => dateValue(provider, d);
      const now = date(row.createdAt);
      const at = date(input.occurredAt);
      const statements = [
        insertStatement(provider, "Interaction", row),
        Prisma.sql`
          UPDATE "Client" SET "lastTouchAt" = ${at}, "updatedAt" = ${now}
          WHERE "id" = ${input.clientId} AND "workspaceId" = ${workspaceId} AND ("lastTouchAt" IS NULL OR "lastTouchAt" <= ${at})`,
      ];
      if (followUpIfLatest) {
        statements.push(Prisma.sql`
          INSERT INTO "FollowUp" ("id", "workspaceId", "clientId", "dueOn", "basis", "cadenceDays", "snoozeReason", "updatedBy", "createdAt", "updatedAt")
          SELECT ${newId()}, ${workspaceId}, "c"."id", ${date(followUpIfLatest.dueOn)}, ${followUpIfLatest.basis}, ${followUpIfLatest.cadenceDays}, NULL, ${input.repSlackId}, ${now}, ${now}
          FROM "Client" "c" WHERE "c"."id" = ${input.clientId} AND "c"."workspaceId" = ${workspaceId} AND "c"."lastTouchAt" = ${at}
          ON CONFLICT ("clientId") DO UPDATE SET "dueOn" = excluded."dueOn", "basis" = excluded."basis", "cadenceDays" = excluded."cadenceDays", "snoozeReason" = NULL,
            "updatedBy" = excluded."updatedBy", "updatedAt" = excluded."updatedAt"`);
      }
      try {
        await sql.transaction(statements);
        return { stored: true, interaction };
      } catch (error) {
        if (isUniqueViolation(error)) return { stored: false, reason: "duplicate" };
        throw error;
      }
    },

    /**
     * Takes back a touch its rep logged since `loggedSince`, and puts the client's last touch and follow-up back to
     * what the remaining touches say (computed by `followUpFor`), in one transaction. Null when there is nothing
     * the rep may undo (not theirs, too old, or already undone).
     */
    async undo(
      workspaceId: string,
      id: string,
      repSlackId: string,
      loggedSince: Date,
      at: Date,
      followUpFor: FollowUpFor,
    ): Promise<{ clientId: string; summary: string } | null> {
      return db.$transaction(async (tx) => {
        const touch = await tx.interaction.findFirst({
          where: { workspaceId, id, repSlackId, deletedAt: null, createdAt: { gte: loggedSince } },
          select: { clientId: true, summary: true },
        });
        if (!touch) return null;
        await tx.interaction.update({ where: { id }, data: { deletedAt: at } });
        await resetFromLatestTouch(tx, workspaceId, touch.clientId, repSlackId, followUpFor);
        return touch;
      });
    },

    /** One of a rep's own touches (not undone), to edit it. */
    findOwn(workspaceId: string, id: string, repSlackId: string): Promise<(InteractionRow & { clientName: string }) | null> {
      return db.interaction
        .findFirst({ where: { workspaceId, id, repSlackId, deletedAt: null }, select: { ...interactionSelect, client: { select: { name: true } } } })
        .then((row) => (row ? (({ client, ...touch }) => ({ ...touch, clientName: client.name }))(row) : null));
    },

    /**
     * Changes a rep's own touch, then puts the client's last touch and follow-up to what the touches now say, in
     * one transaction. Null when it is not theirs (or undone); "duplicate" when it would equal another touch.
     */
    async edit(
      workspaceId: string,
      id: string,
      repSlackId: string,
      changes: Pick<NewInteraction, "type" | "occurredAt" | "summary" | "sentiment" | "nextFollowUpOn">,
      followUpFor: FollowUpFor,
    ): Promise<InteractionRow | "duplicate" | null> {
      try {
        return await db.$transaction(async (tx) => {
          const { count } = await tx.interaction.updateMany({ where: { workspaceId, id, repSlackId, deletedAt: null }, data: changes });
          if (count !== 1) return null;
          const row = await tx.interaction.findUniqueOrThrow({ where: { id }, select: interactionSelect });
          await resetFromLatestTouch(tx, workspaceId, row.clientId, repSlackId, followUpFor);
          return row;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return "duplicate";
        throw error;
      }
    },

    /** Pages through a workspace's touches with the client's name, oldest first, for exports. */
    async *iterate(workspaceId: string, pageSize = 1000): AsyncGenerator<InteractionRow & { clientName: string }> {
      const rows = inPages(
        (after, take) =>
          db.interaction.findMany({
            where: { workspaceId, deletedAt: null, ...(after ? { id: { gt: after } } : {}) },
            select: { ...interactionSelect, client: { select: { name: true } } },
            orderBy: { id: "asc" },
            take,
          }),
        (row) => row.id,
        pageSize,
      );
      for await (const { client, ...row } of rows) yield { ...row, clientName: client.name };
    },

    /**
     * Stores a batch of imported touches in one transaction, with `record`'s rules: an identical touch (already
     * stored, or earlier in the batch) is a duplicate, and each client's latest new touch moves its last touch and
     * resets its follow-up. Returns, per item, whether it was stored.
     */
    async recordMany(workspaceId: string, items: readonly InteractionImportItem[]): Promise<boolean[]> {
      if (items.length === 0) return [];
      const keyOf = (i: Pick<NewInteraction, "clientId" | "repSlackId" | "type" | "occurredAt">) =>
        `${i.clientId}\u0000${i.repSlackId}\u0000${i.type}\u0000${i.occurredAt.getTime()}`;
      try {
        return await db.$transaction(async (tx) => {
          // Deleted touches keep their row, and the unique index counts them, so they are looked up too: this batch's
          // clients over its time span (indexed), a chunk of clients at a time (SQLite takes 999 parameters at most).
          const times = items.map((i) => i.input.occurredAt.getTime());
          const span = { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) };
          const clientIds = [...new Set(items.map((i) => i.input.clientId))];
          const seen = new Set<string>();
          for (const chunk of chunksOf(clientIds, IN_LIST_LIMIT)) {
            const existing = await tx.interaction.findMany({
              where: { workspaceId, clientId: { in: chunk }, occurredAt: span },
              select: { clientId: true, repSlackId: true, type: true, occurredAt: true },
            });
            for (const row of existing) seen.add(keyOf(row));
          }
          const stored = items.map((item) => {
            const key = keyOf(item.input);
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
          const fresh = items.filter((_, index) => stored[index]);
          const now = new Date();
          await insertRows(
            tx,
            provider,
            "Interaction",
            fresh.map(({ input }) => storedTouch(workspaceId, input, now)),
          );
          // Only each client's latest new touch can move it; on a tie the later row wins, as with sequential records.
          const latest = new Map<string, InteractionImportItem>();
          for (const item of fresh) {
            const current = latest.get(item.input.clientId);
            if (!current || current.input.occurredAt <= item.input.occurredAt) latest.set(item.input.clientId, item);
          }
          // Set-based: one conditional UPDATE per chunk moves every client whose last touch is not later, and says which.
          const moved = await moveLastTouches(tx, provider, workspaceId, [...latest.values()].map((i) => i.input));
          const resets = [...latest.values()].filter((i) => moved.has(i.input.clientId) && i.followUpIfLatest);
          // One upsert (unique by client) keeps an existing follow-up's id and creation time.
          await insertRows(
            tx,
            provider,
            "FollowUp",
            resets.map(({ input, followUpIfLatest }) => ({
              id: newId(),
              createdAt: now,
              updatedAt: now,
              workspaceId,
              clientId: input.clientId,
              dueOn: followUpIfLatest!.dueOn,
              basis: followUpIfLatest!.basis,
              cadenceDays: followUpIfLatest!.cadenceDays,
              snoozeReason: null,
              updatedBy: input.repSlackId,
            })),
            { onConflict: "clientId", update: ["updatedAt", "dueOn", "basis", "cadenceDays", "snoozeReason", "updatedBy"] },
          );
          return stored;
        }, BATCH_TRANSACTION);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Someone logged one of these touches meanwhile: the batch rolled back, so store it row by row instead.
        const stored: boolean[] = [];
        for (const { input, followUpIfLatest } of items) stored.push((await this.record(workspaceId, input, followUpIfLatest)).stored);
        return stored;
      }
    },
  };
}
export type InteractionRepository = ReturnType<typeof interactionRepository>;

/** A touch to import and the follow-up it sets when it turns out to be its client's latest. */
export interface InteractionImportItem {
  input: NewInteraction;
  followUpIfLatest: StoredFollowUp | null;
}

// Interactive transactions default to 5 s; a 500-row batch on a distant PostgreSQL needs more.
const BATCH_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

const MOVE_CHUNK = 400;

/**
 * Sets each client's last touch to the given touch's time where it is not later already, in one statement per
 * chunk (Prisma's updateMany sets one value for all rows), and returns the ids of the clients it moved. Dates are
 * written the way Prisma writes them: ISO text with "+00:00" on SQLite, timestamp(3) in UTC on PostgreSQL.
 */
async function moveLastTouches(tx: Tx, provider: DatabaseTarget["provider"], workspaceId: string, touches: readonly NewInteraction[]): Promise<Set<string>> {
  const moved = new Set<string>();
  const now = new Date();
  for (const chunk of chunksOf(touches, MOVE_CHUNK)) {
    const params: unknown[] = [];
    let sql: string;
    if (provider === "sqlite") {
      params.push(sqliteDate(now)); // placeholders bind in order of appearance
      const values = chunk.map((t) => {
        params.push(t.clientId, sqliteDate(t.occurredAt));
        return "(?, ?)";
      });
      params.push(workspaceId);
      sql = `UPDATE "Client" SET "lastTouchAt" = v."column2", "updatedAt" = ? FROM (VALUES ${values.join(", ")}) AS v
        WHERE "Client"."id" = v."column1" AND "Client"."workspaceId" = ? AND ("Client"."lastTouchAt" IS NULL OR "Client"."lastTouchAt" <= v."column2")
        RETURNING "Client"."id" AS "id"`;
    } else {
      const values = chunk.map((t) => {
        params.push(t.clientId, t.occurredAt.toISOString());
        return `($${params.length - 1}, $${params.length}::timestamp(3))`;
      });
      params.push(now.toISOString(), workspaceId);
      sql = `UPDATE "Client" AS c SET "lastTouchAt" = v.at, "updatedAt" = $${params.length - 1}::timestamp(3) FROM (VALUES ${values.join(", ")}) AS v(id, at)
        WHERE c."id" = v.id AND c."workspaceId" = $${params.length} AND (c."lastTouchAt" IS NULL OR c."lastTouchAt" <= v.at)
        RETURNING c."id" AS "id"`;
    }
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(sql, ...params);
    for (const row of rows) moved.add(row.id);
  }
  return moved;
}
