import { Prisma, type Db } from "./prisma.ts";
import type { DirectSql } from "./direct-sql.ts";
import { isUniqueViolation } from "./errors.ts";
import { chunksOf, inChunks, inPages, IN_LIST_LIMIT } from "./paging.ts";
import type { ScoringInput } from "../domain/scoring.ts";
import { nameKeyTails } from "../domain/text.ts";
import { dateValue, insertRows, newId, type Provider } from "./bulk.ts";
import { asDate } from "./dates.ts";

/** The key-client rule as a filter (domain keyClientFilter): revenue at or above, relationship since on or before. */
export interface KeyFilter {
  minAnnualRevenue: number;
  sinceOnOrBefore: Date;
}

const keyWhere = (key: KeyFilter): Prisma.ClientWhereInput => ({ annualRevenue: { gte: key.minAnnualRevenue }, relationshipSince: { lte: key.sinceOnOrBefore } });
/** The clients the key rule leaves out: a missing revenue or start date counts as short of it. */
const notKeyWhere = (key: KeyFilter): Prisma.ClientWhereInput => ({
  OR: [{ annualRevenue: null }, { annualRevenue: { lt: key.minAnnualRevenue } }, { relationshipSince: null }, { relationshipSince: { gt: key.sinceOnOrBefore } }],
});

/** A key client's cadence inputs, owner and last touch: what team coverage reads of each (see keyCoveragePage). */
export interface KeyCoverageRow {
  id: string;
  ownerSlackId: string | null;
  tier: string;
  relationshipType: string | null;
  cadenceDays: number | null;
  lastTouchAt: Date | null;
}

/** Past the last character: `key <= x < key + END` holds exactly for the strings that start with key. */
const PREFIX_END = "\u{10FFFF}";
const prefixRange = (key: string) => ({ gte: key, lt: key + PREFIX_END });

const tailRows = (workspaceId: string, clientId: string, nameKey: string) =>
  nameKeyTails(nameKey).map((tail) => ({ workspaceId, clientId, tail }));

export const clientSelect = {
  id: true,
  name: true,
  nameKey: true,
  ownerSlackId: true,
  annualRevenue: true,
  relationshipSince: true,
  relationshipType: true,
  lifecycleStage: true,
  riskLevel: true,
  industry: true,
  region: true,
  satisfaction: true,
  cadenceDays: true,
  score: true,
  tier: true,
  tierOverride: true,
  tierOverrideReason: true,
  lastTouchAt: true,
  archivedAt: true,
  createdAt: true,
} as const satisfies Prisma.ClientSelect;

export type ClientRow = Prisma.ClientGetPayload<{ select: typeof clientSelect }>;

/** The columns of `clientSelect` (of the table aliased `alias`), for raw statements that return ClientRow. */
export const clientColumns = (alias: string) =>
  Prisma.raw(
    Object.keys(clientSelect)
      .map((column) => `"${alias}"."${column}"`)
      .join(", "),
  );

const CLIENT_COLUMNS = clientColumns("c");

/**
 * Whether a client (of the table aliased `alias`) is archived, as a column `"archived"` that is 1 or 0: the pages
 * that read every client need only that, not the date to decode. Read it with {@link isArchived}.
 */
export const archivedColumn = (alias: string) => Prisma.raw(`CASE WHEN "${alias}"."archivedAt" IS NULL THEN 0 ELSE 1 END AS "archived"`);
export const isArchived = (archived: number | bigint): boolean => Number(archived) === 1;

/** What `rescore` reads of a client (see iterateForScoring). */
export interface ClientScoringRow extends ScoringInput {
  id: string;
  archived: boolean;
  score: number;
  tier: string;
  tierOverride: string | null;
}

/** The scoring inputs and profile of a client, as written by `/client add`, edits and imports. */
export type ClientFields = Omit<ClientRow, "id" | "lastTouchAt" | "archivedAt" | "createdAt">;

export type CreateClientResult = { created: true; client: ClientRow } | { created: false; existing: ClientRow };

export function clientRepository(db: Db, sql: DirectSql, provider: Provider) {
  // Every command that names a client starts here: one statement past Prisma (direct-sql.ts).
  const findByKey = async (workspaceId: string, nameKey: string): Promise<ClientRow | null> => {
    const [row] = await sql.query<ClientRow>(Prisma.sql`SELECT ${CLIENT_COLUMNS} FROM "Client" "c" WHERE "c"."workspaceId" = ${workspaceId} AND "c"."nameKey" = ${nameKey}`);
    return row ?? null;
  };

  return {
    findByKey,

    findById(workspaceId: string, id: string): Promise<ClientRow | null> {
      return db.client.findFirst({ where: { workspaceId, id }, select: clientSelect });
    },

    /**
     * Active clients with a word whose start matches the fragment (the fragment is already a name key): "acme",
     * "trading" and "acme trad" all find "Acme Trading Co". An index range over the name tails, so it costs the
     * same at any table size. The matches are ordered by name key.
     */
    async search(workspaceId: string, keyFragment: string, limit: number): Promise<ClientRow[]> {
      if (keyFragment === "" || limit <= 0) return [];
      const found = new Map<string, ClientRow>();
      // A name matching at several of its words comes back once per word: read a little more than asked.
      const rows = await db.clientNameTail.findMany({
        where: { workspaceId, tail: prefixRange(keyFragment), client: { archivedAt: null } },
        select: { client: { select: clientSelect } },
        orderBy: { tail: "asc" },
        take: limit * 2,
      });
      for (const { client } of rows) if (found.size < limit) found.set(client.id, client);
      return [...found.values()].sort((a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0));
    },

    /** Names with a word starting with any of the fragments, as candidates for "did you mean" ranking. */
    async namesSharing(workspaceId: string, fragments: readonly string[], limit: number): Promise<string[]> {
      if (fragments.length === 0) return [];
      const each = Math.max(1, Math.ceil(limit / fragments.length));
      const pages = await Promise.all(
        fragments.map((fragment) =>
          db.clientNameTail.findMany({
            where: { workspaceId, tail: prefixRange(fragment), client: { archivedAt: null } },
            select: { client: { select: { name: true } } },
            orderBy: { tail: "asc" },
            take: each,
          }),
        ),
      );
      return [...new Set(pages.flat().map((r) => r.client.name))].slice(0, limit);
    },

    async create(workspaceId: string, fields: ClientFields, actorSlackId: string, reason: string): Promise<CreateClientResult> {
      try {
        const client = await db.$transaction(async (tx) => {
          const row = await tx.client.create({ data: { workspaceId, ...fields }, select: clientSelect });
          await tx.clientNameTail.createMany({ data: tailRows(workspaceId, row.id, row.nameKey) });
          await tx.tierChange.create({
            data: { workspaceId, clientId: row.id, fromTier: null, toTier: row.tier, score: row.score, reason, actorSlackId },
          });
          return row;
        });
        return { created: true, client };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await findByKey(workspaceId, fields.nameKey);
        if (!existing) throw error;
        return { created: false, existing };
      }
    },

    /** Updates a client and records a tier move when the tier changed. */
    async update(workspaceId: string, id: string, fields: Partial<ClientFields>, actorSlackId: string, reason: string): Promise<ClientRow> {
      return db.$transaction(async (tx) => {
        const before = await tx.client.findFirstOrThrow({ where: { workspaceId, id }, select: { tier: true } });
        const row = await tx.client.update({ where: { id }, data: fields, select: clientSelect });
        if (fields.nameKey !== undefined) {
          await tx.clientNameTail.deleteMany({ where: { clientId: id } });
          await tx.clientNameTail.createMany({ data: tailRows(workspaceId, id, row.nameKey) });
        }
        if (row.tier !== before.tier) {
          await tx.tierChange.create({
            data: { workspaceId, clientId: id, fromTier: before.tier, toTier: row.tier, score: row.score, reason, actorSlackId },
          });
        }
        return row;
      });
    },

    /**
     * Every client (archived ones too) with what `rescore` reads: the scoring inputs and the stored score and tier,
     * no more, in id order (creation order, as rows are laid down: see risk-inputs.ts). A page is one statement past
     * Prisma (direct-sql.ts), whose model queries cost more memory and time than the rows at 1,000 per page.
     */
    iterateForScoring(workspaceId: string, pageSize = 1000): AsyncGenerator<ClientScoringRow> {
      return inPages(
        async (after, take) =>
          (
            await sql.query<Omit<ClientScoringRow, "archived"> & { archived: number }>(Prisma.sql`
              SELECT "c"."id", ${archivedColumn("c")}, "c"."annualRevenue", "c"."relationshipSince", "c"."lifecycleStage",
                "c"."riskLevel", "c"."satisfaction", "c"."industry", "c"."region", "c"."score", "c"."tier", "c"."tierOverride"
              FROM "Client" "c" WHERE "c"."workspaceId" = ${workspaceId} ${after !== undefined ? Prisma.sql`AND "c"."id" > ${after}` : Prisma.empty}
              ORDER BY "c"."id" LIMIT ${Prisma.raw(String(take))}`)
          ).map((row) => ({ ...row, archived: isArchived(row.archived) })),
        (row) => row.id,
        pageSize,
      );
    },

    /** Pages through every client of a workspace in key order, for exports. */
    iterate(workspaceId: string, pageSize = 1000): AsyncGenerator<ClientRow> {
      return inPages(
        (after, take) =>
          db.client.findMany({ where: { workspaceId, ...(after ? { nameKey: { gt: after } } : {}) }, select: clientSelect, orderBy: { nameKey: "asc" }, take }),
        (row) => row.nameKey,
        pageSize,
      );
    },

    /** Moves every active client of one owner to another in one statement; returns how many moved. */
    async reassignAll(workspaceId: string, fromSlackId: string, toSlackId: string): Promise<number> {
      const { count } = await db.client.updateMany({ where: { workspaceId, ownerSlackId: fromSlackId, archivedAt: null }, data: { ownerSlackId: toSlackId } });
      return count;
    },

    /** Archives a client (kept, hidden from lists and lookups); false when it was already archived. */
    async archive(workspaceId: string, id: string, at: Date): Promise<boolean> {
      const { count } = await db.client.updateMany({ where: { workspaceId, id, archivedAt: null }, data: { archivedAt: at } });
      return count === 1;
    },

    /**
     * Active clients matching a filter, by name (or highest score first, then by name), with how many match in all.
     * `key` keeps the key clients, `notKey` the others.
     */
    async list(
      workspaceId: string,
      filter: { ownerSlackId?: string; tier?: string; key?: KeyFilter; notKey?: KeyFilter },
      take: number,
      order: "name" | "score" = "name",
    ): Promise<{ items: ClientRow[]; total: number }> {
      const where: Prisma.ClientWhereInput = {
        workspaceId,
        archivedAt: null,
        ...(filter.ownerSlackId ? { ownerSlackId: filter.ownerSlackId } : {}),
        ...(filter.tier ? { tier: filter.tier } : {}),
        ...(filter.key ? keyWhere(filter.key) : {}),
        ...(filter.notKey ? notKeyWhere(filter.notKey) : {}),
      };
      const orderBy: Prisma.ClientOrderByWithRelationInput[] = order === "score" ? [{ score: "desc" }, { nameKey: "asc" }] : [{ nameKey: "asc" }];
      const [items, total] = await Promise.all([db.client.findMany({ where, select: clientSelect, orderBy, take }), db.client.count({ where })]);
      return { items, total };
    },

    /** One owner's active key clients, highest score first, each with its next follow-up, and how many there are. */
    async keyClientsOf(
      workspaceId: string,
      ownerSlackId: string,
      key: KeyFilter,
      take: number,
    ): Promise<{ items: (ClientRow & { followUp: { dueOn: Date } | null })[]; total: number }> {
      const where: Prisma.ClientWhereInput = { workspaceId, archivedAt: null, ownerSlackId, ...keyWhere(key) };
      const [items, total] = await Promise.all([
        db.client.findMany({
          where,
          select: { ...clientSelect, followUp: { select: { dueOn: true } } },
          orderBy: [{ score: "desc" }, { nameKey: "asc" }],
          take,
        }),
        db.client.count({ where }),
      ]);
      return { items, total };
    },

    /** How many active key clients each of `owners` has (owners with none are left out), a chunk of owners per query. */
    async keyClientCounts(workspaceId: string, owners: readonly string[], key: KeyFilter): Promise<{ ownerSlackId: string; count: number }[]> {
      const counts: { ownerSlackId: string; count: number }[] = [];
      for (const chunk of chunksOf([...new Set(owners)], IN_LIST_LIMIT)) {
        const rows = await db.client.groupBy({
          by: ["ownerSlackId"],
          where: { workspaceId, archivedAt: null, ownerSlackId: { in: chunk }, ...keyWhere(key) },
          _count: { _all: true },
        });
        for (const r of rows) if (r.ownerSlackId) counts.push({ ownerSlackId: r.ownerSlackId, count: r._count._all });
      }
      return counts;
    },

    /**
     * The active key clients of a team, a page at a time in id order, with what coverage needs of each. The team is
     * bound as one JSON array that the database unpacks, so a team of any size is one bound value.
     */
    async keyCoveragePage(workspaceId: string, owners: readonly string[], key: KeyFilter, afterId: string | undefined, take: number): Promise<KeyCoverageRow[]> {
      const json = JSON.stringify([...new Set(owners)]);
      const team =
        provider === "sqlite"
          ? Prisma.sql`"c"."ownerSlackId" IN (SELECT "value" FROM json_each(${json}))`
          : Prisma.sql`"c"."ownerSlackId" IN (SELECT json_array_elements_text(CAST(${json} AS json)))`;
      const rows = await db.$queryRaw<(Omit<KeyCoverageRow, "lastTouchAt" | "cadenceDays"> & { cadenceDays: number | bigint | null; lastTouchAt: Date | string | null })[]>`
        SELECT "c"."id", "c"."ownerSlackId", "c"."tier", "c"."relationshipType", "c"."cadenceDays", "c"."lastTouchAt"
        FROM "Client" "c"
        WHERE "c"."workspaceId" = ${workspaceId} AND "c"."archivedAt" IS NULL AND ${team}
          AND "c"."annualRevenue" >= ${key.minAnnualRevenue} AND "c"."relationshipSince" <= ${dateValue(provider, key.sinceOnOrBefore)}
          ${afterId !== undefined ? Prisma.sql`AND "c"."id" > ${afterId}` : Prisma.empty}
        ORDER BY "c"."id" LIMIT ${Prisma.raw(String(Math.max(1, Math.floor(take))))}`;
      return rows.map((row) => ({ ...row, cadenceDays: row.cadenceDays === null ? null : Number(row.cadenceDays), lastTouchAt: asDate(row.lastTouchAt) }));
    },

    /** The workspace's total annual revenue over active clients, summed by the database. */
    async revenueTotal(workspaceId: string): Promise<number> {
      const total = await db.client.aggregate({ where: { workspaceId, archivedAt: null }, _sum: { annualRevenue: true } });
      return total._sum.annualRevenue ?? 0;
    },

    /**
     * The sum and number of the workspace's `take` largest annual revenues over active clients: an index range, a
     * lower bound of revenueTotal that often settles the concentration rule without it (see revenueTotalFor).
     */
    async largestRevenues(workspaceId: string, take: number): Promise<{ sum: number; count: number }> {
      const rows = await db.client.findMany({
        where: { workspaceId, archivedAt: null, annualRevenue: { not: null } },
        select: { annualRevenue: true },
        orderBy: { annualRevenue: "desc" },
        take,
      });
      return { sum: rows.reduce((sum, row) => sum + (row.annualRevenue ?? 0), 0), count: rows.length };
    },

    /** Clients by name key, a chunk of keys per query (Prisma allows at most 999 parameters on SQLite). */
    async findManyByKeys(workspaceId: string, nameKeys: readonly string[]): Promise<ClientRow[]> {
      const keys = [...new Set(nameKeys)];
      const rows: ClientRow[] = [];
      for (const chunk of chunksOf(keys, IN_LIST_LIMIT)) {
        rows.push(...(await db.client.findMany({ where: { workspaceId, nameKey: { in: chunk } }, select: clientSelect })));
      }
      return rows;
    },

    /**
     * Writes one import batch in one transaction and records every tier move (creation included) with the reason.
     * A name created meanwhile by someone else rolls the batch back and is reported, so the caller can re-plan it.
     */
    async importBatch(workspaceId: string, batch: ClientImportBatch, actorSlackId: string, reason: string): Promise<ClientImportResult> {
      try {
        await db.$transaction(async (tx) => {
          const moves: Prisma.TierChangeCreateManyInput[] = [];
          if (batch.updates.length > 0) {
            // A batch can update thousands of clients (10,000 rows by default): their tiers are read in chunks.
            const before = await inChunks(
              batch.updates.map((u) => u.id),
              (ids) => tx.client.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true, tier: true } }),
            );
            const tierBefore = new Map(before.map((b) => [b.id, b.tier]));
            for (const { id, fields } of batch.updates) {
              const row = await tx.client.update({ where: { id }, data: fields, select: { tier: true, score: true } });
              const from = tierBefore.get(id) ?? null;
              if (row.tier !== from) moves.push({ workspaceId, clientId: id, fromTier: from, toTier: row.tier, score: row.score, reason, actorSlackId });
            }
          }
          if (batch.creates.length > 0) {
            // Raw multi-row inserts: at 100,000 clients Prisma's createMany spends most of the import building queries.
            const now = new Date();
            const created = batch.creates.map((fields) => ({ id: newId(), workspaceId, ...fields, lastTouchAt: null, archivedAt: null, createdAt: now, updatedAt: now }));
            await insertRows(tx, provider, "Client", created);
            await insertRows(tx, provider, "ClientNameTail", created.flatMap((row) => tailRows(workspaceId, row.id, row.nameKey)));
            for (const row of created) moves.push({ workspaceId, clientId: row.id, fromTier: null, toTier: row.tier, score: row.score, reason, actorSlackId });
          }
          const movedAt = new Date();
          await insertRows(tx, provider, "TierChange", moves.map((m) => ({ id: newId(), ...m, fromTier: m.fromTier ?? null, actorSlackId: m.actorSlackId ?? null, createdAt: movedAt })));
        }, BATCH_TRANSACTION);
        return { ok: true };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, reason: "name-taken" };
        throw error;
      }
    },
  };
}
export type ClientRepository = ReturnType<typeof clientRepository>;

/** One batch of an import: new clients, and existing ones with their full new fields. */
export interface ClientImportBatch {
  creates: ClientFields[];
  updates: { id: string; fields: ClientFields }[];
}

export type ClientImportResult = { ok: true } | { ok: false; reason: "name-taken" };

// Interactive transactions default to 5 s; a 500-row batch on a distant PostgreSQL needs more.
const BATCH_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;
