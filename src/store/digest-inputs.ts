/**
 * The weekly digest's read model: highlights, counts and sums for one manager's team (or the whole workspace), each
 * computed by the database (group-bys and counts), so a digest costs the same few queries at any data size.
 *
 * A team can be any size (a manager of 1,200 reps), and one IN list of it would pass SQLite's 999 bound values. The
 * lists and pages, whose order and cut-off only the database can say (its collation orders names), are one
 * statement each with the team as a single JSON value (ownerIn); the group-bys run once per chunk of the team and
 * add up, the chunks being disjoint.
 */
import { dateValue, type Provider } from "./bulk.ts";
import { asDate } from "./dates.ts";
import { chunksOf, IN_LIST_LIMIT } from "./paging.ts";
import { Prisma, type Db } from "./prisma.ts";

/** The key-client rule as a filter: revenue at or above, relationship since on or before. */
export interface KeyClientFilter {
  minAnnualRevenue: number;
  sinceOnOrBefore: Date;
}

/** Whose clients: some owners, or everyone's (null). */
export type Owners = readonly string[] | null;

export interface DigestClient {
  id: string;
  name: string;
  ownerSlackId: string | null;
  tier: string;
  score: number;
  annualRevenue: number | null;
  relationshipSince: Date | null;
  lastTouchAt: Date | null;
  followUp: { dueOn: Date } | null;
}

export interface DigestRisk {
  rule: string;
  reason: string;
  details: string | null;
  openedAt: Date;
  clearedAt: Date | null;
  client: { name: string; ownerSlackId: string | null };
}

export interface DigestTierMove {
  clientName: string;
  fromTier: string | null;
  toTier: string;
  reason: string;
  createdAt: Date;
}

/** `column IN (owners)` with the owners bound as one JSON array, which the database unpacks: one bound value at any team size. */
function ownerIn(provider: Provider, column: Prisma.Sql, owners: readonly string[]): Prisma.Sql {
  const json = JSON.stringify(owners);
  return provider === "sqlite"
    ? Prisma.sql`${column} IN (SELECT "value" FROM json_each(${json}))`
    : Prisma.sql`${column} IN (SELECT json_array_elements_text(CAST(${json} AS json)))`;
}

/** The owners filter of a raw statement on the clients aliased "c": nothing for the whole workspace. */
const teamFilter = (provider: Provider, owners: Owners): Prisma.Sql => (owners ? Prisma.sql`AND ${ownerIn(provider, Prisma.sql`"c"."ownerSlackId"`, owners)}` : Prisma.empty);

/**
 * The owners a Prisma group-by runs for, a chunk per statement: deduplicated, so that no owner's rows count twice;
 * `[null]` (one run over everyone) for the whole workspace, none for an empty team.
 */
const ownerChunks = (owners: Owners): (string[] | null)[] => (owners ? [...chunksOf([...new Set(owners)], IN_LIST_LIMIT)] : [null]);

/** LIMIT for a list that also reads its total from COUNT(*) OVER (): at least one row, or an empty list has no total. */
const limitFor = (take: number) => Prisma.raw(String(Math.max(1, Math.floor(take))));

export function digestInputRepository(db: Db, provider: Provider) {
  const key = (filter: KeyClientFilter) =>
    Prisma.sql`"c"."annualRevenue" >= ${filter.minAnnualRevenue} AND "c"."relationshipSince" <= ${dateValue(provider, filter.sinceOnOrBefore)}`;

  return {
    /** Key and A-tier clients, highest score first, with how many there are. */
    async highlights(workspaceId: string, owners: Owners, keyFilter: KeyClientFilter, take: number): Promise<{ items: DigestClient[]; total: number }> {
      const rows = await db.$queryRaw<
        (Omit<DigestClient, "followUp" | "relationshipSince" | "lastTouchAt"> & {
          relationshipSince: Date | string | null;
          lastTouchAt: Date | string | null;
          dueOn: Date | string | null;
          total: number | bigint;
        })[]
      >`
        SELECT "c"."id", "c"."name", "c"."ownerSlackId", "c"."tier", "c"."score", "c"."annualRevenue", "c"."relationshipSince", "c"."lastTouchAt",
          "f"."dueOn", COUNT(*) OVER () AS "total"
        FROM "Client" "c" LEFT JOIN "FollowUp" "f" ON "f"."clientId" = "c"."id"
        WHERE "c"."workspaceId" = ${workspaceId} AND "c"."archivedAt" IS NULL ${teamFilter(provider, owners)}
          AND ("c"."tier" = 'A' OR (${key(keyFilter)}))
        ORDER BY "c"."score" DESC, "c"."nameKey" ASC LIMIT ${limitFor(take)}`;
      return {
        items: rows.slice(0, take).map(({ dueOn, total: _total, relationshipSince, lastTouchAt, ...client }) => ({
          ...client,
          score: Number(client.score),
          relationshipSince: asDate(relationshipSince),
          lastTouchAt: asDate(lastTouchAt),
          followUp: dueOn === null ? null : { dueOn: asDate(dueOn)! },
        })),
        total: Number(rows[0]?.total ?? 0),
      };
    },

    /** Every key client's cadence inputs and last touch, a page at a time (coverage needs each one's cadence). */
    async keyClientsPage(workspaceId: string, owners: Owners, keyFilter: KeyClientFilter, afterId: string | undefined, take: number) {
      const rows = await db.$queryRaw<{ id: string; tier: string; relationshipType: string | null; cadenceDays: number | null; lastTouchAt: Date | string | null }[]>`
        SELECT "c"."id", "c"."tier", "c"."relationshipType", "c"."cadenceDays", "c"."lastTouchAt"
        FROM "Client" "c"
        WHERE "c"."workspaceId" = ${workspaceId} AND "c"."archivedAt" IS NULL ${teamFilter(provider, owners)} AND ${key(keyFilter)}
          ${afterId !== undefined ? Prisma.sql`AND "c"."id" > ${afterId}` : Prisma.empty}
        ORDER BY "c"."id" LIMIT ${Prisma.raw(String(Math.floor(take)))}`;
      return rows.map((row) => ({ ...row, cadenceDays: row.cadenceDays === null ? null : Number(row.cadenceDays), lastTouchAt: asDate(row.lastTouchAt) }));
    },

    /** How many follow-ups each owner has due before `before`. */
    async overdueByOwner(workspaceId: string, owners: Owners, before: Date): Promise<{ ownerSlackId: string; count: number }[]> {
      const counts: { ownerSlackId: string; count: number }[] = [];
      for (const chunk of ownerChunks(owners)) {
        const rows = await db.client.groupBy({
          by: ["ownerSlackId"],
          where: { workspaceId, archivedAt: null, ownerSlackId: chunk ? { in: chunk } : { not: null }, followUp: { is: { dueOn: { lt: before } } } },
          _count: { _all: true },
        });
        for (const r of rows) if (r.ownerSlackId) counts.push({ ownerSlackId: r.ownerSlackId, count: r._count._all });
      }
      return counts;
    },

    /** How many key clients (active ones, by the key-client rule) each owner has: one grouped count per chunk of the team. */
    async keyClientsByOwner(workspaceId: string, owners: Owners, keyFilter: KeyClientFilter): Promise<{ ownerSlackId: string; count: number }[]> {
      const counts: { ownerSlackId: string; count: number }[] = [];
      for (const chunk of ownerChunks(owners)) {
        const rows = await db.client.groupBy({
          by: ["ownerSlackId"],
          where: {
            workspaceId,
            archivedAt: null,
            ownerSlackId: chunk ? { in: chunk } : { not: null },
            annualRevenue: { gte: keyFilter.minAnnualRevenue },
            relationshipSince: { lte: keyFilter.sinceOnOrBefore },
          },
          _count: { _all: true },
        });
        for (const r of rows) if (r.ownerSlackId) counts.push({ ownerSlackId: r.ownerSlackId, count: r._count._all });
      }
      return counts;
    },

    /** Annual revenue summed by tier: the tiers' share of value. */
    async revenueByTier(workspaceId: string, owners: Owners): Promise<Record<string, number>> {
      const sums: Record<string, number> = {};
      for (const chunk of ownerChunks(owners)) {
        const rows = await db.client.groupBy({
          by: ["tier"],
          where: { workspaceId, archivedAt: null, ...(chunk ? { ownerSlackId: { in: chunk } } : {}) },
          _sum: { annualRevenue: true },
        });
        for (const r of rows) sums[r.tier] = (sums[r.tier] ?? 0) + (r._sum.annualRevenue ?? 0);
      }
      return sums;
    },

    /**
     * Each rep's touches logged in [from, to), by the touched client's tier and whether it is a prospect, with how
     * many were meetings: one grouped statement, the reps bound as one JSON value.
     */
    async effortByRep(workspaceId: string, reps: Owners, from: Date, to: Date): Promise<{ repSlackId: string; tier: string; prospect: boolean; touches: number; meetings: number }[]> {
      if (reps && reps.length === 0) return [];
      const rows = await db.$queryRaw<{ repSlackId: string; tier: string; prospect: number | bigint; touches: number | bigint; meetings: number | bigint }[]>`
        SELECT "i"."repSlackId", "c"."tier", CASE WHEN "c"."lifecycleStage" = 'prospect' THEN 1 ELSE 0 END AS "prospect",
          COUNT(*) AS "touches", SUM(CASE WHEN "i"."type" = 'meeting' THEN 1 ELSE 0 END) AS "meetings"
        FROM "Interaction" "i" JOIN "Client" "c" ON "c"."id" = "i"."clientId"
        WHERE "i"."workspaceId" = ${workspaceId} AND "i"."deletedAt" IS NULL
          AND "i"."occurredAt" >= ${dateValue(provider, from)} AND "i"."occurredAt" < ${dateValue(provider, to)}
          ${reps ? Prisma.sql`AND ${ownerIn(provider, Prisma.sql`"i"."repSlackId"`, reps)}` : Prisma.empty}
        GROUP BY "i"."repSlackId", "c"."tier", CASE WHEN "c"."lifecycleStage" = 'prospect' THEN 1 ELSE 0 END`;
      return rows.map((r) => ({ repSlackId: r.repSlackId, tier: r.tier, prospect: Number(r.prospect) === 1, touches: Number(r.touches), meetings: Number(r.meetings) }));
    },

    /**
     * Each owner's active clients grouped by tier and whether they are prospects: how many, and their annual revenue
     * (a rep's own portfolio, to weigh their touches against). One grouped statement, the owners bound as one JSON value.
     */
    async portfolioByOwnerAndTier(workspaceId: string, owners: Owners): Promise<{ ownerSlackId: string; tier: string; prospect: boolean; clients: number; revenue: number }[]> {
      if (owners && owners.length === 0) return [];
      const rows = await db.$queryRaw<{ ownerSlackId: string; tier: string; prospect: number | bigint; clients: number | bigint; revenue: number | bigint | null }[]>`
        SELECT "c"."ownerSlackId", "c"."tier", CASE WHEN "c"."lifecycleStage" = 'prospect' THEN 1 ELSE 0 END AS "prospect",
          COUNT(*) AS "clients", SUM("c"."annualRevenue") AS "revenue"
        FROM "Client" "c"
        WHERE "c"."workspaceId" = ${workspaceId} AND "c"."archivedAt" IS NULL AND "c"."ownerSlackId" IS NOT NULL ${teamFilter(provider, owners)}
        GROUP BY "c"."ownerSlackId", "c"."tier", CASE WHEN "c"."lifecycleStage" = 'prospect' THEN 1 ELSE 0 END`;
      return rows.map((r) => ({ ownerSlackId: r.ownerSlackId, tier: r.tier, prospect: Number(r.prospect) === 1, clients: Number(r.clients), revenue: Number(r.revenue ?? 0) }));
    },

    /** Tier moves (not creations) since `since`, newest first, with how many there are. */
    async tierMovesSince(workspaceId: string, owners: Owners, since: Date, take: number): Promise<{ items: DigestTierMove[]; total: number }> {
      const rows = await db.$queryRaw<(Omit<DigestTierMove, "createdAt"> & { createdAt: Date | string; total: number | bigint })[]>`
        SELECT "c"."name" AS "clientName", "t"."fromTier", "t"."toTier", "t"."reason", "t"."createdAt", COUNT(*) OVER () AS "total"
        FROM "TierChange" "t" JOIN "Client" "c" ON "c"."id" = "t"."clientId"
        WHERE "t"."workspaceId" = ${workspaceId} AND "t"."createdAt" >= ${dateValue(provider, since)} AND "t"."fromTier" IS NOT NULL
          AND "c"."workspaceId" = ${workspaceId} AND "c"."archivedAt" IS NULL ${teamFilter(provider, owners)}
        ORDER BY "t"."createdAt" DESC, "t"."id" DESC LIMIT ${limitFor(take)}`;
      return {
        items: rows.slice(0, take).map(({ total: _total, createdAt, ...move }) => ({ ...move, createdAt: asDate(createdAt)! })),
        total: Number(rows[0]?.total ?? 0),
      };
    },

    /** Risk states that began since `since`, newest first, with how many there are. */
    async risksOpenedSince(workspaceId: string, owners: Owners, since: Date, take: number): Promise<{ items: DigestRisk[]; total: number }> {
      // A team's states are found from its clients (their owner index, then each client's states), a workspace's
      // from the states opened since (their date index): never every state of the workspace for one team. CROSS JOIN
      // makes SQLite keep that order; PostgreSQL plans it from its statistics. The total rides along (COUNT OVER).
      const from = owners ? Prisma.sql`"Client" "c" CROSS JOIN "RiskFlag" "r"` : Prisma.sql`"RiskFlag" "r" JOIN "Client" "c" ON "c"."id" = "r"."clientId"`;
      const rows = await db.$queryRaw<(Omit<DigestRisk, "client" | "openedAt" | "clearedAt"> & { name: string; ownerSlackId: string | null; openedAt: Date | string; clearedAt: Date | string | null; total: number | bigint })[]>`
        SELECT "r"."rule", "r"."reason", "r"."details", "r"."openedAt", "r"."clearedAt", "c"."name", "c"."ownerSlackId", COUNT(*) OVER () AS "total"
        FROM ${from}
        WHERE "c"."workspaceId" = ${workspaceId} AND "r"."workspaceId" = ${workspaceId} AND "r"."clientId" = "c"."id" AND "c"."archivedAt" IS NULL ${teamFilter(provider, owners)}
          AND "r"."openedAt" >= ${dateValue(provider, since)}
        ORDER BY "r"."openedAt" DESC, "r"."id" DESC LIMIT ${limitFor(take)}`;
      return {
        items: rows.slice(0, take).map(({ name, ownerSlackId, total: _total, openedAt, clearedAt, ...risk }) => ({
          ...risk,
          openedAt: asDate(openedAt)!,
          clearedAt: asDate(clearedAt),
          client: { name, ownerSlackId },
        })),
        total: Number(rows[0]?.total ?? 0),
      };
    },
  };
}
export type DigestInputRepository = ReturnType<typeof digestInputRepository>;
