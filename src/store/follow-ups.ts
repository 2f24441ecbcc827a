import { Prisma, type Db } from "./prisma.ts";
import { dateValue, type Provider } from "./bulk.ts";
import type { DirectSql } from "./direct-sql.ts";
import { chunksOf } from "./paging.ts";

export interface FollowUpRow {
  dueOn: Date;
  basis: string;
  snoozeReason: string | null;
}

/** A follow-up that came from the cadence, with what its client's cadence is made of now. */
export interface CadenceFollowUp {
  clientId: string;
  dueOn: Date;
  /** The cadence it was set with (null: set before that was kept). */
  setWith: number | null;
  client: { tier: string; tierOverride: string | null; relationshipType: string | null; cadenceDays: number | null; lastTouchAt: Date | null };
}

export interface DueFollowUp {
  dueOn: Date;
  basis: string;
  client: { id: string; name: string; tier: string; tierOverride: string | null; lastTouchAt: Date | null };
}

/** At most this many owners per statement, well inside both stores' limits on bound values. */
const OWNER_CHUNK = 500;

export function followUpRepository(db: Db, sql: DirectSql, provider: Provider) {
  /**
   * Several owners' due follow-ups in one statement: from the owners' active clients (their index) to each one's
   * follow-up (unique by client), ranked per owner in the database, which keeps the first `take` of each and counts
   * them all. A list per owner through Prisma's relation filter would instead scan every due follow-up of the
   * workspace once per owner.
   */
  async function dueForOwners(workspaceId: string, owners: readonly string[], through: Date, take: number): Promise<Map<string, { items: DueFollowUp[]; total: number }>> {
    const lists = new Map<string, { items: DueFollowUp[]; total: number }>();
    for (const chunk of chunksOf(owners, OWNER_CHUNK)) {
      const rows = await db.$queryRaw<(DueFollowUp["client"] & { owner: string; dueOn: Date; basis: string; total: number | bigint })[]>`
        SELECT "owner", "id", "name", "tier", "tierOverride", "lastTouchAt", "dueOn", "basis", "total" FROM (
          SELECT c."ownerSlackId" AS "owner", c."id", c."name", c."tier", c."tierOverride", c."lastTouchAt", f."dueOn", f."basis",
            ROW_NUMBER() OVER (PARTITION BY c."ownerSlackId" ORDER BY f."dueOn", f."clientId") AS "rank",
            COUNT(*) OVER (PARTITION BY c."ownerSlackId") AS "total"
          FROM "Client" c JOIN "FollowUp" f ON f."clientId" = c."id" AND f."workspaceId" = c."workspaceId"
          WHERE c."workspaceId" = ${workspaceId} AND c."ownerSlackId" IN (${Prisma.join(chunk)}) AND c."archivedAt" IS NULL
            AND f."dueOn" <= ${dateValue(provider, through)}
        ) "ranked"
        WHERE "rank" <= ${take}
        ORDER BY "owner", "rank"`;
      for (const { owner, dueOn, basis, total, ...client } of rows) {
        let list = lists.get(owner);
        if (!list) lists.set(owner, (list = { items: [], total: Number(total) }));
        list.items.push({ dueOn, basis, client });
      }
    }
    return lists;
  }

  return {
    forClient(workspaceId: string, clientId: string): Promise<FollowUpRow | null> {
      return db.followUp.findFirst({ where: { workspaceId, clientId }, select: { dueOn: true, basis: true, snoozeReason: true } });
    },

    dueForOwners,

    /** An owner's follow-ups due on or before `through`, most overdue first, with how many there are in all. */
    async dueForOwner(workspaceId: string, ownerSlackId: string, through: Date, take: number): Promise<{ items: DueFollowUp[]; total: number }> {
      return (await dueForOwners(workspaceId, [ownerSlackId], through, take)).get(ownerSlackId) ?? { items: [], total: 0 };
    },

    /** Owners of active clients with a follow-up due on or before `through`: who may need a nudge. */
    async ownersWithDue(workspaceId: string, through: Date): Promise<string[]> {
      // GROUP BY in the database: Prisma's `distinct` would read one row per client and dedupe in memory.
      const rows = await db.client.groupBy({
        by: ["ownerSlackId"],
        where: { workspaceId, archivedAt: null, ownerSlackId: { not: null }, followUp: { is: { dueOn: { lte: through } } } },
        orderBy: { ownerSlackId: "asc" },
      });
      return rows.flatMap((r) => (r.ownerSlackId ? [r.ownerSlackId] : []));
    },

    /**
     * Moves a follow-up only if it is still due when the user saw it: a second click on a stale message finds the
     * date already moved and changes nothing (returns false).
     */
    async snooze(workspaceId: string, clientId: string, seenDueOn: Date, until: Date, reason: string | null, by: string): Promise<boolean> {
      const moved = await db.followUp.updateMany({
        where: { workspaceId, clientId, dueOn: seenDueOn },
        data: { dueOn: until, basis: "snoozed", cadenceDays: null, snoozeReason: reason, updatedBy: by },
      });
      return moved.count === 1;
    },

    /** Follow-ups from cadence of active clients after the client `afterClientId` (or of one client), in client id order. */
    async cadencePage(workspaceId: string, scope: { afterClientId?: string } | { clientId: string }, take: number): Promise<CadenceFollowUp[]> {
      const rows = await db.followUp.findMany({
        where: {
          workspaceId,
          basis: "cadence",
          client: { archivedAt: null },
          ...("clientId" in scope ? { clientId: scope.clientId } : scope.afterClientId ? { clientId: { gt: scope.afterClientId } } : {}),
        },
        select: { clientId: true, dueOn: true, cadenceDays: true, client: { select: { tier: true, tierOverride: true, relationshipType: true, cadenceDays: true, lastTouchAt: true } } },
        orderBy: { clientId: "asc" },
        take,
      });
      return rows.map(({ cadenceDays, ...row }) => ({ ...row, setWith: cadenceDays }));
    },

    /**
     * Re-dates follow-ups from cadence, each only while it is as it was read (still from cadence, on the day seen): a
     * touch or a snooze meanwhile wins. One transaction per call; returns how many moved.
     */
    async redate(workspaceId: string, changes: readonly { clientId: string; seenDueOn: Date; dueOn: Date; cadenceDays: number }[]): Promise<number> {
      if (changes.length === 0) return 0;
      const now = dateValue(provider, new Date());
      const moved = await sql.transaction(
        changes.map(
          (c) => Prisma.sql`
            UPDATE "FollowUp" SET "dueOn" = ${dateValue(provider, c.dueOn)}, "cadenceDays" = ${c.cadenceDays}, "updatedAt" = ${now}
            WHERE "workspaceId" = ${workspaceId} AND "clientId" = ${c.clientId} AND "basis" = 'cadence' AND "dueOn" = ${dateValue(provider, c.seenDueOn)}`,
        ),
      );
      return moved.reduce((sum, n) => sum + n, 0);
    },
  };
}
export type FollowUpRepository = ReturnType<typeof followUpRepository>;
