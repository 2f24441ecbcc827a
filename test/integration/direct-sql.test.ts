/**
 * Statements sent past Prisma to its own driver adapter (src/store/direct-sql.ts), on each store: the same rows and
 * types as `$queryRaw`, the same counts as `$executeRaw`, transactions that commit together or not at all, and a
 * connection that comes back after Prisma lets it go.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation } from "../../src/store/errors.ts";
import { createDatabase, Prisma, type Database } from "../../src/store/prisma.ts";
import { createLogger } from "../../src/logger.ts";
import { openStore } from "../../src/store/open.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

let testDb: TestDatabase;
let database: Database;
const TEAM = "T0DIRECT";

beforeAll(async () => {
  testDb = await createTestDatabase();
  // Migrated (where the template is not) the way the bot opens it.
  await (await openStore(testDb.target, createLogger("silent"))).close();
  database = createDatabase(testDb.target);
  await database.db.workspace.create({ data: { id: TEAM } });
});

afterAll(async () => {
  await database?.db.$disconnect();
  await testDb?.drop();
});

const touchCount = () => database.db.interaction.count({ where: { workspaceId: TEAM } });

describe("direct statements", () => {
  it("read rows exactly as $queryRaw does: dates, nulls, floats, integers and counts", async () => {
    const { db, sql } = database;
    await db.client.create({
      data: {
        id: "c-direct-1",
        workspaceId: TEAM,
        name: "Acme",
        nameKey: "acme",
        annualRevenue: 1234567.89,
        relationshipSince: new Date("2019-03-04T00:00:00Z"),
        score: 42,
        tier: "B",
        lastTouchAt: new Date("2026-11-20T10:11:12.345Z"),
      },
    });
    const statements = [
      Prisma.sql`SELECT "id", "name", "annualRevenue", "relationshipSince", "score", "lastTouchAt", "archivedAt", "satisfaction" FROM "Client" WHERE "workspaceId" = ${TEAM}`,
      Prisma.sql`SELECT COUNT(*) AS "n", SUM("annualRevenue") AS "total", MAX("lastTouchAt") AS "latest" FROM "Client" WHERE "workspaceId" = ${TEAM}`,
      Prisma.sql`SELECT "id" FROM "Client" WHERE "workspaceId" = ${TEAM} AND "lastTouchAt" > ${new Date("2030-01-01T00:00:00Z")}`,
    ];
    for (const statement of statements) {
      const direct = await sql.query(statement);
      expect(direct).toEqual(await db.$queryRaw(statement));
    }
    const [row] = await sql.query<{ relationshipSince: Date; lastTouchAt: Date }>(statements[0]!);
    expect(row!.lastTouchAt).toEqual(new Date("2026-11-20T10:11:12.345Z"));
  });

  it("binds any text a user can type as a value, never as SQL (property)", async () => {
    const { db, sql } = database;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (text) => {
        const statement = Prisma.sql`SELECT ${text} AS "text", ${TEAM} AS "team"`;
        const [direct] = await sql.query<{ text: string }>(statement);
        expect(direct!.text).toBe(text);
        expect([direct]).toEqual(await db.$queryRaw(statement));
      }),
      { numRuns: 50 },
    );
  });

  it("writes a transaction's statements together, and none of them when one fails", async () => {
    const { sql } = database;
    // Touches at different minutes: one client's rep cannot log two of a type at the same instant.
    const insert = (id: string, minute: number) => Prisma.sql`
      INSERT INTO "Interaction" ("id", "workspaceId", "clientId", "repSlackId", "type", "occurredAt", "summary", "sentiment", "source", "createdAt", "updatedAt")
      VALUES (${id}, ${TEAM}, ${"c-direct-1"}, ${"U0REP"}, ${"call"}, ${`2026-11-21T09:0${minute}:00.000+00:00`}, ${"talked"}, ${"neutral"}, ${"command"}, ${"2026-11-21T09:00:00.000+00:00"}, ${"2026-11-21T09:00:00.000+00:00"})`;
    const before = await touchCount();
    expect(await sql.transaction([insert("t-direct-1", 1), insert("t-direct-2", 2)])).toEqual([1, 1]);
    expect(await touchCount()).toBe(before + 2);

    // The same id again: the second statement fails on the primary key.
    const failure = await sql.transaction([insert("t-direct-3", 3), insert("t-direct-1", 4)]).catch((error: unknown) => error);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(await touchCount()).toBe(before + 2);
    // The failed transaction let go of the connection: the next statements run.
    expect(await sql.execute(Prisma.sql`UPDATE "Client" SET "score" = ${43} WHERE "id" = ${"c-direct-1"} AND "workspaceId" = ${TEAM}`)).toBe(1);
  });

  it("waits for Prisma's own transaction instead of writing inside it", async () => {
    const { db, sql } = database;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const prismaTx = db.$transaction(async (tx) => {
      await tx.client.update({ where: { id: "c-direct-1" }, data: { score: 50 } });
      await held;
      throw new Error("rolled back on purpose");
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const direct = sql.transaction([Prisma.sql`UPDATE "Client" SET "tier" = ${"A"} WHERE "id" = ${"c-direct-1"} AND "workspaceId" = ${TEAM}`]);
    release();
    await expect(prismaTx).rejects.toThrow("rolled back on purpose");
    await direct;
    const client = await db.client.findUniqueOrThrow({ where: { id: "c-direct-1" } });
    // Prisma's change was rolled back without taking the direct one with it.
    expect({ score: client.score, tier: client.tier }).toEqual({ score: 43, tier: "A" });
  });

  it("connects through Prisma when it has not yet, and again after Prisma disconnects", async () => {
    const fresh = createDatabase(testDb.target);
    try {
      expect(await fresh.sql.query(Prisma.sql`SELECT ${1} AS "one"`)).toHaveLength(1);
      await fresh.db.$disconnect();
      expect(await fresh.sql.query<{ id: string }>(Prisma.sql`SELECT "id" FROM "Client" WHERE "workspaceId" = ${TEAM}`)).toEqual([{ id: "c-direct-1" }]);
    } finally {
      await fresh.db.$disconnect();
    }
  });
});
