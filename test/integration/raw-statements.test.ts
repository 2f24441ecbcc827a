/**
 * The raw statements behind `/tier` and `/log` (the request claim, the client lookup, the card's read model and the
 * touch record), the risk rules' pages (the job's, and the scopes App Home, the list and the digest read) and the digest's new risk states, on each store: the same answers as the model queries they replaced, scoped
 * to the workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import type { ClientFields, ClientRow } from "../../src/store/clients.ts";
import type { Store } from "../../src/store/index.ts";
import type { NewInteraction } from "../../src/store/interactions.ts";
import type { RiskScope } from "../../src/store/risk-inputs.ts";
import { openStore } from "../../src/store/open.ts";
import { clientRow } from "../support/rows.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const TEAM = "T0HOT";
const OTHER = "T0HOT2";
let database: TestDatabase;
let store: Store;

function fields(name: string, annualRevenue: number | null): ClientFields {
  const { id: _id, lastTouchAt: _last, archivedAt: _archived, createdAt: _created, ...rest } = clientRow({ name, nameKey: name.toLowerCase(), annualRevenue });
  return rest;
}

async function client(team: string, name: string, annualRevenue: number | null = null): Promise<ClientRow> {
  const result = await store.clients.create(team, fields(name, annualRevenue), "U0REP", "create");
  if (!result.created) throw new Error(`${name} exists`);
  return result.client;
}

const touch = (clientId: string, at: string, overrides: Partial<NewInteraction> = {}): NewInteraction => ({
  clientId,
  repSlackId: "U0REP",
  type: "call",
  occurredAt: new Date(at),
  summary: `touch at ${at}`,
  sentiment: "neutral",
  nextFollowUpOn: null,
  source: "command",
  ...overrides,
});
const due = (day: string) => ({ dueOn: new Date(`${day}T00:00:00Z`), basis: "cadence", cadenceDays: 30 });

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, createLogger("silent"));
  await store.workspaces.ensure(TEAM);
  await store.workspaces.ensure(OTHER);
});

afterAll(async () => {
  await store?.close();
  await database?.drop();
});

describe("the request claim", () => {
  it("is won once per key and workspace, and can be given back", async () => {
    const at = new Date("2026-11-29T10:00:00.123Z");
    expect(await store.processedRequests.claim(TEAM, "command:1", at)).toBe(true);
    expect(await store.processedRequests.claim(TEAM, "command:1", at)).toBe(false);
    expect(await store.processedRequests.claim(OTHER, "command:1", at)).toBe(true);
    await store.processedRequests.release(TEAM, "command:1");
    expect(await store.processedRequests.claim(TEAM, "command:1", at)).toBe(true);
    // Stored as Prisma stores dates: the model query that prunes compares them.
    expect(await store.processedRequests.prune(new Date("2026-11-29T10:00:00.124Z"))).toBe(2);
  });
});

describe("the client lookup by name key", () => {
  it("returns the whole row, in this workspace only", async () => {
    const made = await client(TEAM, "Lookup Lines", 1_000);
    expect(await store.clients.findByKey(TEAM, "lookup lines")).toEqual(made);
    expect(await store.clients.findByKey(OTHER, "lookup lines")).toBeNull();
    expect(await store.clients.findByKey(TEAM, "lookup")).toBeNull();
  });
});

describe("recording a touch", () => {
  it("moves the last touch and the follow-up only for the latest touch, and reports an identical touch as a duplicate", async () => {
    const c = await client(TEAM, "Record Rail");
    const first = await store.interactions.record(TEAM, touch(c.id, "2026-11-20T10:00:00.000Z", { nextFollowUpOn: new Date("2026-12-01T00:00:00Z") }), due("2026-12-01"));
    expect(first).toMatchObject({ stored: true, interaction: { clientId: c.id, type: "call", nextFollowUpOn: new Date("2026-12-01T00:00:00Z") } });
    expect((await store.clients.findByKey(TEAM, "record rail"))?.lastTouchAt).toEqual(new Date("2026-11-20T10:00:00.000Z"));
    expect(await store.followUps.forClient(TEAM, c.id)).toEqual({ dueOn: new Date("2026-12-01T00:00:00Z"), basis: "cadence", snoozeReason: null });

    // An older touch is stored, and changes neither.
    expect(await store.interactions.record(TEAM, touch(c.id, "2026-11-01T10:00:00.000Z"), due("2026-11-15"))).toMatchObject({ stored: true });
    expect((await store.clients.findByKey(TEAM, "record rail"))?.lastTouchAt).toEqual(new Date("2026-11-20T10:00:00.000Z"));
    expect(await store.followUps.forClient(TEAM, c.id)).toMatchObject({ dueOn: new Date("2026-12-01T00:00:00Z") });

    // A newer one moves both, over a snoozed follow-up.
    await store.followUps.snooze(TEAM, c.id, new Date("2026-12-01T00:00:00Z"), new Date("2026-12-05T00:00:00Z"), "travel", "U0REP");
    await store.interactions.record(TEAM, touch(c.id, "2026-11-25T10:00:00.000Z"), due("2026-12-25"));
    expect(await store.followUps.forClient(TEAM, c.id)).toEqual({ dueOn: new Date("2026-12-25T00:00:00Z"), basis: "cadence", snoozeReason: null });

    expect(await store.interactions.record(TEAM, touch(c.id, "2026-11-25T10:00:00.000Z"), due("2026-12-26"))).toEqual({ stored: false, reason: "duplicate" });
    expect(await store.interactions.record(TEAM, touch(c.id, "2026-11-26T10:00:00.000Z", { requestKey: "command:k" }), null)).toMatchObject({ stored: true });
    expect(await store.interactions.record(TEAM, touch(c.id, "2026-11-27T10:00:00.000Z", { requestKey: "command:k" }), null)).toEqual({ stored: false, reason: "duplicate" });
    // Nothing of the duplicates was written: the last stored touch is the one with the request key.
    expect((await store.clients.findByKey(TEAM, "record rail"))?.lastTouchAt).toEqual(new Date("2026-11-26T10:00:00.000Z"));
  });

  it("moves no client of another workspace, nor its follow-up", async () => {
    const theirs = await client(OTHER, "Their Rail");
    await store.interactions.record(TEAM, touch(theirs.id, "2026-11-20T10:00:00.000Z"), due("2026-12-01"));
    expect((await store.clients.findByKey(OTHER, "their rail"))?.lastTouchAt).toBeNull();
    expect(await store.followUps.forClient(OTHER, theirs.id)).toBeNull();
  });
});

describe("the card's read model", () => {
  it("reads the follow-up, the recent, latest face-to-face and latest negative touches, and the largest other revenues", async () => {
    const c = await client(TEAM, "Card Capital", 500);
    const others = [900, 100, 300];
    for (const [i, revenue] of others.entries()) await client(TEAM, `Other ${i}`, revenue);
    await client(OTHER, "Elsewhere Big", 1_000_000);
    await store.interactions.record(TEAM, touch(c.id, "2026-10-01T10:00:00.000Z", { type: "meeting" }), due("2026-11-01"));
    await store.interactions.record(TEAM, touch(c.id, "2026-10-05T10:00:00.000Z", { sentiment: "negative", type: "email" }), due("2026-11-05"));
    await store.interactions.record(TEAM, touch(c.id, "2026-10-07T10:00:00.000Z", { type: "visit" }), due("2026-11-07"));
    await store.interactions.record(TEAM, touch(c.id, "2026-10-08T10:00:00.000Z"), due("2026-11-08"));
    await store.interactions.record(TEAM, touch(c.id, "2026-10-09T10:00:00.000Z", { type: "note" }), due("2026-11-09"));

    const inputs = await store.cardInputs.of(TEAM, c.id, 3, 2);
    expect(inputs.followUp).toEqual({ dueOn: new Date("2026-11-09T00:00:00Z"), basis: "cadence" });
    expect(inputs.recent.map((t) => [t.type, t.occurredAt.toISOString()])).toEqual([
      ["note", "2026-10-09T10:00:00.000Z"],
      ["call", "2026-10-08T10:00:00.000Z"],
      ["visit", "2026-10-07T10:00:00.000Z"],
    ]);
    expect(inputs.recent[0]).toMatchObject({ summary: "touch at 2026-10-09T10:00:00.000Z", repSlackId: "U0REP", source: "command", permalink: null });
    expect(inputs.lastMeeting).toEqual({ occurredAt: new Date("2026-10-07T10:00:00.000Z"), type: "visit" });
    expect(inputs.lastNegative).toEqual({ occurredAt: new Date("2026-10-05T10:00:00.000Z"), type: "email" });
    // The two largest others of this workspace (Lookup Lines, from above, and Other 0): not the client itself, nor
    // another workspace's.
    expect(inputs.largestOthers).toEqual({ sum: 1_000 + 900, count: 2 });
  });

  it("is empty for a client with no touches, and another workspace's id reads nothing", async () => {
    const c = await client(TEAM, "Quiet Quays");
    const expected = { followUp: null, recent: [], lastMeeting: null, lastNegative: null };
    expect(await store.cardInputs.of(TEAM, c.id, 3, 50)).toMatchObject(expected);
    const theirs = await client(OTHER, "Their Quays");
    await store.interactions.record(OTHER, touch(theirs.id, "2026-10-01T10:00:00.000Z", { sentiment: "negative" }), due("2026-11-01"));
    expect(await store.cardInputs.of(TEAM, theirs.id, 3, 50)).toMatchObject(expected);
  });
});

describe("the risk job's page", () => {
  it("reads each client with its follow-up, latest meeting and latest recent negative touch, in id order", async () => {
    const a = await client(OTHER, "Risk Alpha");
    const b = await client(OTHER, "Risk Beta");
    await store.interactions.record(OTHER, touch(a.id, "2026-09-01T10:00:00.000Z", { type: "visit" }), due("2026-10-01"));
    await store.interactions.record(OTHER, touch(a.id, "2026-10-01T10:00:00.000Z", { type: "meeting" }), due("2026-11-01"));
    await store.interactions.record(OTHER, touch(a.id, "2026-10-20T10:00:00.000Z", { type: "email", sentiment: "negative" }), due("2026-11-20"));
    await store.interactions.record(OTHER, touch(a.id, "2026-11-10T10:00:00.000Z", { type: "call", sentiment: "negative" }), due("2026-12-10"));
    await store.interactions.record(OTHER, touch(a.id, "2026-11-12T10:00:00.000Z", { type: "note" }), due("2026-12-12"));
    // Beta's only negative touch is older than the look-back.
    await store.interactions.record(OTHER, touch(b.id, "2026-08-01T10:00:00.000Z", { type: "meeting", sentiment: "negative" }), null);

    await store.clients.update(OTHER, b.id, { tierOverride: "A", tierOverrideReason: "strategic", satisfaction: 2, cadenceDays: 20 }, "U0REP", "edit");
    await store.clients.archive(OTHER, b.id, new Date("2026-11-20T00:00:00Z"));

    const page = await store.riskInputs.page(OTHER, undefined, 10, new Date("2026-10-15T00:00:00Z"));
    const ids = page.map((row) => row.id);
    expect(ids).toEqual([...ids].sort());
    // Every client of the workspace: the active ones and archived Beta.
    const active = (await store.clients.list(OTHER, {}, 100)).items.map((c) => c.id);
    expect(new Set(ids)).toEqual(new Set([...active, b.id]));
    const alpha = (await store.clients.findByKey(OTHER, "risk alpha"))!;
    expect(page.find((row) => row.id === alpha.id)).toEqual({
      id: alpha.id,
      name: "Risk Alpha",
      ownerSlackId: alpha.ownerSlackId,
      archived: false,
      tier: alpha.tier,
      createdAt: alpha.createdAt,
      lastTouchAt: new Date("2026-11-12T10:00:00.000Z"),
      annualRevenue: alpha.annualRevenue,
      relationshipSince: alpha.relationshipSince,
      relationshipType: alpha.relationshipType,
      lifecycleStage: alpha.lifecycleStage,
      satisfaction: alpha.satisfaction,
      cadenceDays: alpha.cadenceDays,
      followUpDueOn: "2026-12-12",
      lastMeetingAt: new Date("2026-10-01T10:00:00.000Z"),
      lastNegative: { at: new Date("2026-11-10T10:00:00.000Z"), type: "call" },
    });
    // The override is the tier the rules read; an archived client is still read (its states close).
    expect(page.find((row) => row.id === b.id)).toMatchObject({ tier: "A", archived: true, satisfaction: 2, cadenceDays: 20, followUpDueOn: null, lastMeetingAt: new Date("2026-08-01T10:00:00.000Z"), lastNegative: null });
    // The next page starts after the last id; another workspace's clients never appear.
    expect((await store.riskInputs.page(OTHER, ids[1], 1, new Date("2026-10-15T00:00:00Z"))).map((row) => row.id)).toEqual([ids[2]]);
    expect((await store.riskInputs.page(TEAM, undefined, 100, new Date("2026-10-15T00:00:00Z"))).map((row) => row.id)).not.toContain(alpha.id);
  });

  it("reads a scope of the workspace in the same statement: an owner's clients or listed ones, active only", async () => {
    const WS = "T0HOTSCOPE";
    const THEIRS = "T0HOTSCOPE2";
    await store.workspaces.ensure(WS);
    await store.workspaces.ensure(THEIRS);
    const made = async (team: string, name: string, owner: string) => {
      const result = await store.clients.create(team, { ...fields(name, null), ownerSlackId: owner }, owner, "create");
      if (!result.created) throw new Error(name);
      return result.client.id;
    };
    const ann = await made(WS, "Scope Ann", "U0ANN");
    const annToo = await made(WS, "Scope Ann Too", "U0ANN");
    const annGone = await made(WS, "Scope Ann Gone", "U0ANN");
    const bob = await made(WS, "Scope Bob", "U0BOB");
    const theirs = await made(THEIRS, "Their Ann", "U0ANN");
    await store.clients.archive(WS, annGone, new Date("2026-11-20T00:00:00Z"));
    const since = new Date("2026-10-15T00:00:00Z");
    const names = async (scope: RiskScope, team = WS) => (await store.riskInputs.page(team, undefined, 100, since, scope)).map((row) => row.name).sort();

    expect(await names({ kind: "owner", ownerSlackId: "U0ANN" })).toEqual(["Scope Ann", "Scope Ann Too"]);
    expect(await names({ kind: "owner", ownerSlackId: "U0ANN" }, THEIRS)).toEqual(["Their Ann"]);
    expect(await names({ kind: "clients", ids: [bob, annGone, theirs] })).toEqual(["Scope Bob"]);
    expect(await names({ kind: "clients", ids: [] })).toEqual([]);
    // A scoped page pages by id like the workspace's.
    const first = await store.riskInputs.page(WS, undefined, 1, since, { kind: "owner", ownerSlackId: "U0ANN" });
    const rest = await store.riskInputs.page(WS, first[0]!.id, 100, since, { kind: "owner", ownerSlackId: "U0ANN" });
    expect([...first, ...rest].map((row) => row.id)).toEqual([ann, annToo].sort());
  });
});

describe("the digest's new risk states", () => {
  it("lists a team's (or the workspace's) states opened since a day, newest first, with how many there are", async () => {
    const WS = "T0HOTDIGEST";
    await store.workspaces.ensure(WS);
    const made = async (name: string, owner: string) => {
      const result = await store.clients.create(WS, { ...fields(name, null), ownerSlackId: owner }, owner, "create");
      if (!result.created) throw new Error(name);
      return result.client.id;
    };
    const [ann1, ann2, bob, gone] = [await made("Ann One", "U0ANN"), await made("Ann Two", "U0ANN"), await made("Bob One", "U0BOB"), await made("Ann Gone", "U0ANN")];
    const state = (clientId: string, rule: string) => ({ clientId, rule, reason: `${rule} reason`, details: null });
    await store.riskFlags.record(WS, { enter: [state(ann1, "overdue")], leave: [] }, new Date("2026-11-01T02:00:00Z"));
    await store.riskFlags.record(WS, { enter: [state(ann1, "silent"), state(bob, "overdue"), state(gone, "overdue")], leave: [] }, new Date("2026-11-23T02:00:00Z"));
    await store.riskFlags.record(WS, { enter: [state(ann2, "negative")], leave: [] }, new Date("2026-11-24T02:00:00Z"));
    await store.clients.archive(WS, gone, new Date());
    const since = new Date("2026-11-23T00:00:00Z");

    const team = await store.digestInputs.risksOpenedSince(WS, ["U0ANN"], since, 10);
    expect(team.total).toBe(2);
    expect(team.items.map((r) => [r.client.name, r.rule, r.openedAt.toISOString(), r.clearedAt])).toEqual([
      ["Ann Two", "negative", "2026-11-24T02:00:00.000Z", null],
      ["Ann One", "silent", "2026-11-23T02:00:00.000Z", null],
    ]);
    expect(team.items[0]).toMatchObject({ reason: "negative reason", details: null, client: { ownerSlackId: "U0ANN" } });

    const workspace = await store.digestInputs.risksOpenedSince(WS, null, since, 2);
    expect(workspace.total).toBe(3);
    expect(workspace.items.map((r) => r.client.name)).toEqual(["Ann Two", expect.any(String)]);
    expect(await store.digestInputs.risksOpenedSince(WS, [], since, 10)).toEqual({ items: [], total: 0 });
    expect(await store.digestInputs.risksOpenedSince(TEAM, null, since, 10)).toEqual({ items: [], total: 0 });
  });
});

describe("refreshing the planner's statistics (after an import or a first risk run)", () => {
  it("analyzes one table or the whole store", async () => {
    await expect(store.refreshStatistics("RiskFlag")).resolves.toBeUndefined();
    await expect(store.refreshStatistics()).resolves.toBeUndefined();
  });
});
