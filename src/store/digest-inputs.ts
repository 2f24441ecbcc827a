/**
 * The weekly digest's read model: highlights, counts and sums for one manager's team (or the whole workspace), each
 * computed by the database (group-bys and counts), so a digest costs the same few queries at any data size.
 */
import { dateValue, type Provider } from "./bulk.ts";
import { asDate } from "./dates.ts";
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

const TIER_VALUES = ["A", "B", "C"] as const;

const ownedBy = (owners: Owners): Prisma.ClientWhereInput => (owners ? { ownerSlackId: { in: [...owners] } } : {});
const keyClientWhere = (key: KeyClientFilter): Prisma.ClientWhereInput => ({
  annualRevenue: { gte: key.minAnnualRevenue },
  relationshipSince: { lte: key.sinceOnOrBefore },
});

export function digestInputRepository(db: Db, provider: Provider) {
  return {
    /** Key and A-tier clients, highest score first, with how many there are. */
    async highlights(workspaceId: string, owners: Owners, key: KeyClientFilter, take: number): Promise<{ items: DigestClient[]; total: number }> {
      const where: Prisma.ClientWhereInput = { workspaceId, archivedAt: null, ...ownedBy(owners), OR: [{ tier: "A" }, keyClientWhere(key)] };
      const [items, total] = await Promise.all([
        db.client.findMany({
          where,
          select: {
            id: true,
            name: true,
            ownerSlackId: true,
            tier: true,
            score: true,
            annualRevenue: true,
            relationshipSince: true,
            lastTouchAt: true,
            followUp: { select: { dueOn: true } },
          },
          orderBy: [{ score: "desc" }, { nameKey: "asc" }],
          take,
        }),
        db.client.count({ where }),
      ]);
      return { items, total };
    },

    /** Every key client's cadence inputs and last touch, a page at a time (coverage needs each one's cadence). */
    keyClientsPage(workspaceId: string, owners: Owners, key: KeyClientFilter, afterId: string | undefined, take: number) {
      return db.client.findMany({
        where: { workspaceId, archivedAt: null, ...ownedBy(owners), ...keyClientWhere(key), ...(afterId ? { id: { gt: afterId } } : {}) },
        select: { id: true, tier: true, relationshipType: true, cadenceDays: true, lastTouchAt: true },
        orderBy: { id: "asc" },
        take,
      });
    },

    /** How many follow-ups each owner has due before `before`. */
    async overdueByOwner(workspaceId: string, owners: Owners, before: Date): Promise<{ ownerSlackId: string; count: number }[]> {
      const rows = await db.client.groupBy({
        by: ["ownerSlackId"],
        where: { workspaceId, archivedAt: null, ownerSlackId: owners ? { in: [...owners] } : { not: null }, followUp: { is: { dueOn: { lt: before } } } },
        _count: { _all: true },
      });
      return rows.flatMap((r) => (r.ownerSlackId ? [{ ownerSlackId: r.ownerSlackId, count: r._count._all }] : []));
    },

    /** Annual revenue summed by tier: the tiers' share of value. */
    async revenueByTier(workspaceId: string, owners: Owners): Promise<Record<string, number>> {
      const rows = await db.client.groupBy({ by: ["tier"], where: { workspaceId, archivedAt: null, ...ownedBy(owners) }, _sum: { annualRevenue: true } });
      return Object.fromEntries(rows.map((r) => [r.tier, r._sum.annualRevenue ?? 0]));
    },

    /** Touches logged in [from, to) by each rep, split by the client's tier (one grouped count per tier). */
    async touchesByRepAndTier(workspaceId: string, reps: Owners, from: Date, to: Date): Promise<{ repSlackId: string; tier: string; count: number }[]> {
      const perTier = await Promise.all(
        TIER_VALUES.map(async (tier) => {
          const rows = await db.interaction.groupBy({
            by: ["repSlackId"],
            where: {
              workspaceId,
              deletedAt: null,
              occurredAt: { gte: from, lt: to },
              ...(reps ? { repSlackId: { in: [...reps] } } : {}),
              client: { tier },
            },
            _count: { _all: true },
          });
          return rows.map((r) => ({ repSlackId: r.repSlackId, tier, count: r._count._all }));
        }),
      );
      return perTier.flat();
    },

    /** Tier moves (not creations) since `since`, newest first, with how many there are. */
    async tierMovesSince(workspaceId: string, owners: Owners, since: Date, take: number): Promise<{ items: DigestTierMove[]; total: number }> {
      const where: Prisma.TierChangeWhereInput = { workspaceId, createdAt: { gte: since }, fromTier: { not: null }, client: { archivedAt: null, ...ownedBy(owners) } };
      const [rows, total] = await Promise.all([
        db.tierChange.findMany({
          where,
          select: { fromTier: true, toTier: true, reason: true, createdAt: true, client: { select: { name: true } } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take,
        }),
        db.tierChange.count({ where }),
      ]);
      return { items: rows.map(({ client, ...move }) => ({ clientName: client.name, ...move })), total };
    },

    /** Risk states that began since `since`, newest first, with how many there are. */
    async risksOpenedSince(workspaceId: string, owners: Owners, since: Date, take: number): Promise<{ items: DigestRisk[]; total: number }> {
      // A team's states are found from its clients (their owner index, then each client's states), a workspace's
      // from the states opened since (their date index): never every state of the workspace for one team. CROSS JOIN
      // makes SQLite keep that order; PostgreSQL plans it from its statistics. The total rides along (COUNT OVER).
      const from = owners ? Prisma.sql`"Client" "c" CROSS JOIN "RiskFlag" "r"` : Prisma.sql`"RiskFlag" "r" JOIN "Client" "c" ON "c"."id" = "r"."clientId"`;
      const team = owners ? Prisma.sql`AND "c"."ownerSlackId" IN (${owners.length > 0 ? Prisma.join([...owners]) : Prisma.sql`NULL`})` : Prisma.empty;
      const rows = await db.$queryRaw<(Omit<DigestRisk, "client" | "openedAt" | "clearedAt"> & { name: string; ownerSlackId: string | null; openedAt: Date | string; clearedAt: Date | string | null; total: number | bigint })[]>`
        SELECT "r"."rule", "r"."reason", "r"."details", "r"."openedAt", "r"."clearedAt", "c"."name", "c"."ownerSlackId", COUNT(*) OVER () AS "total"
        FROM ${from}
        WHERE "c"."workspaceId" = ${workspaceId} AND "r"."workspaceId" = ${workspaceId} AND "r"."clientId" = "c"."id" AND "c"."archivedAt" IS NULL ${team}
          AND "r"."openedAt" >= ${dateValue(provider, since)}
        ORDER BY "r"."openedAt" DESC, "r"."id" DESC LIMIT ${Prisma.raw(String(take))}`;
      return {
        items: rows.map(({ name, ownerSlackId, total: _total, openedAt, clearedAt, ...risk }) => ({
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
