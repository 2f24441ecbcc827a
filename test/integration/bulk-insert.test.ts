/**
 * The import's bulk insert sends each chunk of rows as one JSON value that the database unpacks: whatever text,
 * numbers and dates a CSV holds come back through Prisma exactly as they went in, on each store (property-based).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storableText } from "../../src/domain/text.ts";
import { createLogger } from "../../src/logger.ts";
import { insertRows, newId } from "../../src/store/bulk.ts";
import { clientSelect } from "../../src/store/clients.ts";
import type { Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const TEAM = "T0BULK";
let database: TestDatabase;
let store: Store;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, createLogger("silent"));
  await store.workspaces.ensure(TEAM);
  db = createPrismaClient(database.target);
});

afterAll(async () => {
  await db?.$disconnect();
  await store?.close();
  await database?.drop();
});

// What an import stores: text as storableText leaves it (no NUL, no lone surrogate), amounts up to 1e15 with many
// decimals (at extreme exponents, far outside any amount, Prisma's own model writes change the last digit too),
// whole milliseconds over centuries.
const text = fc.string({ unit: "binary", maxLength: 40 }).map(storableText);
const row = fc.record({
  name: text,
  industry: fc.option(text, { nil: null }),
  annualRevenue: fc.option(
    fc.oneof(fc.constant(0), fc.double({ noNaN: true, min: 1e-24, max: 1e15 }), fc.integer({ min: 0, max: 2 ** 53 - 1 })),
    { nil: null },
  ),
  satisfaction: fc.option(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), { nil: null }),
  relationshipSince: fc.option(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }), { nil: null }),
});

let batch = 0;

describe("insertRows", () => {
  it("stores every value as Prisma reads it back", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
        batch += 1;
        const now = new Date("2026-11-29T10:00:00.123Z");
        const stored = rows.map((r, i) => ({ id: newId(), workspaceId: TEAM, nameKey: `bulk ${batch} ${i}`, score: i, tier: "C", createdAt: now, updatedAt: now, ...r }));
        await db.$transaction((tx) => insertRows(tx, database.target.provider, "Client", stored));
        const read = await db.client.findMany({ where: { workspaceId: TEAM, id: { in: stored.map((s) => s.id) } }, select: { ...clientSelect, updatedAt: true } });
        const byId = new Map(read.map((r) => [r.id, r]));
        for (const s of stored) {
          expect(byId.get(s.id)).toMatchObject({
            name: s.name,
            nameKey: s.nameKey,
            industry: s.industry,
            annualRevenue: s.annualRevenue,
            satisfaction: s.satisfaction,
            relationshipSince: s.relationshipSince,
            score: s.score,
            tier: "C",
            createdAt: now,
            updatedAt: now,
          });
        }
      }),
      { numRuns: 25 },
    );
  });
});
