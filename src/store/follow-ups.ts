import type { Db } from "./prisma.ts";
import { sqliteDate, type Provider } from "./bulk.ts";

export interface FollowUpRow {
  dueOn: Date;
  basis: string;
  snoozeReason: string | null;
}

export interface DueFollowUp {
  dueOn: Date;
  basis: string;
  client: { id: string; name: string; tier: string; tierOverride: string | null; lastTouchAt: Date | null };
}

export function followUpRepository(db: Db, provider: Provider) {
  const dueWhere = (workspaceId: string, ownerSlackId: string, through: Date) => ({
    workspaceId,
    dueOn: { lte: through },
    client: { ownerSlackId, archivedAt: null },
  });

  /**
   * From the owner's clients (their index) to each one's follow-up (unique by client). Prisma's relation filter
   * would scan every due follow-up of the workspace for each owner instead.
   */
  async function countDueForOwner(workspaceId: string, ownerSlackId: string, through: Date): Promise<number> {
    const sql = `SELECT COUNT(*) AS "n" FROM "Client" c JOIN "FollowUp" f ON f."clientId" = c."id"
      WHERE c."workspaceId" = $1 AND c."ownerSlackId" = $2 AND c."archivedAt" IS NULL AND f."dueOn" <= $3`;
    const rows =
      provider === "sqlite"
        ? await db.$queryRawUnsafe<{ n: number | bigint }[]>(sql.replace(/\$\d/g, "?"), workspaceId, ownerSlackId, sqliteDate(through))
        : await db.$queryRawUnsafe<{ n: number | bigint }[]>(sql.replace("$3", "$3::timestamp(3)"), workspaceId, ownerSlackId, through.toISOString());
    return Number(rows[0]?.n ?? 0);
  }

  return {
    forClient(workspaceId: string, clientId: string): Promise<FollowUpRow | null> {
      return db.followUp.findFirst({ where: { workspaceId, clientId }, select: { dueOn: true, basis: true, snoozeReason: true } });
    },

    /** An owner's follow-ups due on or before `through`, most overdue first, with how many there are in all. */
    async dueForOwner(workspaceId: string, ownerSlackId: string, through: Date, take: number): Promise<{ items: DueFollowUp[]; total: number }> {
      const where = dueWhere(workspaceId, ownerSlackId, through);
      const [items, total] = await Promise.all([
        db.followUp.findMany({
          where,
          select: { dueOn: true, basis: true, client: { select: { id: true, name: true, tier: true, tierOverride: true, lastTouchAt: true } } },
          orderBy: [{ dueOn: "asc" }, { clientId: "asc" }],
          take,
        }),
        countDueForOwner(workspaceId, ownerSlackId, through),
      ]);
      return { items, total };
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
        data: { dueOn: until, basis: "snoozed", snoozeReason: reason, updatedBy: by },
      });
      return moved.count === 1;
    },
  };
}
export type FollowUpRepository = ReturnType<typeof followUpRepository>;
