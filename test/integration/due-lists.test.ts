/**
 * Several owners' due follow-ups read in one statement (the nudges job's selection, and `/followups`): each owner's
 * first few, most overdue first, with how many there are in all; archived clients, later dates, other owners and
 * other workspaces left out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import type { Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { clientRow } from "../support/rows.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const TEAM = "T0DUE";
const OTHER = "T0DUE2";
let database: TestDatabase;
let store: Store;

/** A client of `owner` whose follow-up is due on `day`. */
async function dueClient(team: string, owner: string, name: string, day: string): Promise<string> {
  const { id: _id, lastTouchAt: _l, archivedAt: _a, createdAt: _c, ...fields } = clientRow({ name, nameKey: name.toLowerCase(), ownerSlackId: owner });
  const made = await store.clients.create(team, fields, owner, "create");
  if (!made.created) throw new Error(`${name} exists`);
  await store.interactions.record(
    team,
    { clientId: made.client.id, repSlackId: owner, type: "call", occurredAt: new Date("2026-01-01T10:00:00Z"), summary: "x", sentiment: "neutral", nextFollowUpOn: null, source: "command" },
    { dueOn: new Date(`${day}T00:00:00Z`), basis: "cadence", cadenceDays: 30 },
  );
  return made.client.id;
}

const names = (list: { items: { client: { name: string } }[] } | undefined) => list?.items.map((f) => f.client.name);

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, createLogger("silent"));
  await store.workspaces.ensure(TEAM);
  await store.workspaces.ensure(OTHER);
  for (const [name, day] of [["Ann C", "2026-11-20"], ["Ann A", "2026-11-10"], ["Ann B", "2026-11-20"], ["Ann D", "2026-11-25"], ["Ann Later", "2026-12-10"]] as const) {
    await dueClient(TEAM, "U0ANN", name, day);
  }
  const archived = await dueClient(TEAM, "U0ANN", "Ann Archived", "2026-11-01");
  await store.clients.archive(TEAM, archived, new Date());
  await dueClient(TEAM, "U0BOB", "Bob Only", "2026-11-28");
  await dueClient(TEAM, "U0CAT", "Cat Not Asked", "2026-11-01");
  await dueClient(OTHER, "U0ANN", "Ann Elsewhere", "2026-11-01");
});

afterAll(async () => {
  await store?.close();
  await database?.drop();
});

describe("dueForOwners", () => {
  it("ranks each owner's follow-ups by due date (then client) and keeps the first few, counting them all", async () => {
    const lists = await store.followUps.dueForOwners(TEAM, ["U0ANN", "U0BOB", "U0NOBODY"], new Date("2026-11-30T00:00:00Z"), 3);
    expect([...lists.keys()].sort()).toEqual(["U0ANN", "U0BOB"]);
    const ann = lists.get("U0ANN");
    expect(ann?.total).toBe(4);
    expect(ann?.items).toHaveLength(3);
    expect(ann?.items[0]).toMatchObject({ dueOn: new Date("2026-11-10T00:00:00Z"), basis: "cadence", client: { name: "Ann A", tier: "B", tierOverride: null } });
    // Ann B and Ann C fall due the same day: by client id, which is creation order here.
    expect(names(ann)).toEqual(["Ann A", "Ann C", "Ann B"]);
    expect(names(lists.get("U0BOB"))).toEqual(["Bob Only"]);
  });

  it("is the same list one owner at a time", async () => {
    const through = new Date("2026-11-20T00:00:00Z");
    expect(await store.followUps.dueForOwner(TEAM, "U0ANN", through, 10)).toEqual((await store.followUps.dueForOwners(TEAM, ["U0ANN"], through, 10)).get("U0ANN"));
    expect(names(await store.followUps.dueForOwner(TEAM, "U0ANN", through, 10))).toEqual(["Ann A", "Ann C", "Ann B"]);
    expect(await store.followUps.dueForOwner(TEAM, "U0NOBODY", through, 10)).toEqual({ items: [], total: 0 });
  });
});
