/**
 * The sandbox's demo data through the real import on each store: every row accepted, tiers as the demo computed
 * them, follow-ups due as the demo promised, people's timezones stored, and a second seed changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/cadence.ts";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { createLogger } from "../../src/logger.ts";
import { buildDemoData, DEMO_TEAM } from "../../src/sandbox/demo-data.ts";
import { isSeeded, seedDemoData } from "../../src/sandbox/seed.ts";
import { dateToDb } from "../../src/store/dates.ts";
import type { Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const TODAY = "2026-11-23";
const clock = { now: () => new Date(`${TODAY}T09:00:00Z`) };
const demo = buildDemoData(TODAY, DEFAULT_RULES);
let database: TestDatabase;
let store: Store;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, createLogger("silent"));
});

afterAll(async () => {
  await store?.close();
  await database?.drop();
});

describe("seeding the demo workspace", () => {
  it("imports every person, client and touch", async () => {
    expect(await isSeeded(store, DEMO_TEAM.id)).toBe(false);
    const reports = await seedDemoData({ store, rules: DEFAULT_RULES, clock }, DEMO_TEAM.id, demo);
    expect(reports.users).toMatchObject({ imported: demo.people.length, skipped: 0 });
    expect(reports.clients).toMatchObject({ imported: demo.clients.length, created: demo.clients.length, skipped: 0 });
    expect(reports.interactions).toMatchObject({ imported: demo.touches.length, skipped: 0 });
    expect(await isSeeded(store, DEMO_TEAM.id)).toBe(true);
  });

  it("stores the tiers the demo data was built for, and each person's timezone", async () => {
    const { items } = await store.clients.list(DEMO_TEAM.id, {}, 100);
    const tiers = Object.fromEntries(items.map((c) => [c.name, c.tier]));
    expect(tiers).toEqual(Object.fromEntries(demo.clients.map((c) => [c.name, c.tier])));
    const mei = await store.users.find(DEMO_TEAM.id, "U0SBREP01");
    expect(mei).toMatchObject({ timezone: "Asia/Shanghai", role: "rep", managerSlackId: "U0SBMGR01" });
  });

  it("leaves each rep with follow-ups overdue and due today, as the morning nudge needs", async () => {
    for (const rep of demo.people.filter((p) => p.role === "rep")) {
      const { items } = await store.followUps.dueForOwner(DEMO_TEAM.id, rep.id, dateToDb(TODAY), 50);
      const expected = demo.clients.filter((c) => c.owner === rep.id && (c.state === "overdue" || c.state === "due-today" || c.state === "silent"));
      expect(items.map((i) => i.client.name).sort()).toEqual(expected.map((c) => c.name).sort());
      const overdue = items.filter((i) => i.dueOn < dateToDb(TODAY));
      expect(overdue.length).toBeGreaterThan(0);
    }
    const thisWeek = await store.followUps.dueForOwner(DEMO_TEAM.id, "U0SBREP01", dateToDb(addDays(TODAY, 7)), 50);
    expect(thisWeek.total).toBeGreaterThan(3);
  });

  it("changes nothing when seeded again (the import is idempotent)", async () => {
    const again = await seedDemoData({ store, rules: DEFAULT_RULES, clock }, DEMO_TEAM.id, demo);
    expect(again.clients).toMatchObject({ created: 0, skipped: 0 });
    expect(again.interactions).toMatchObject({ imported: 0 });
    const { total } = await store.clients.list(DEMO_TEAM.id, {}, 1);
    expect(total).toBe(demo.clients.length);
  });
});
