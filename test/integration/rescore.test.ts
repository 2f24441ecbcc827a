/** The rescore job on a real store: tiers follow the rules as time passes, moves are recorded, reruns change nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { manualFiringKey, runJob } from "../../src/jobs/run-job.ts";
import { createLogger } from "../../src/logger.ts";
import { clientService } from "../../src/services/clients.ts";
import { rescoreService } from "../../src/services/rescore.ts";
import type { Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const TEAM = "T0RESCORE";
const logger = createLogger("silent");
let database: TestDatabase;
let store: Store;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, logger);
  db = createPrismaClient(database.target);
  await store.workspaces.ensure(TEAM);
});

afterAll(async () => {
  await db?.$disconnect();
  await store?.close();
  await database?.drop();
});

const fields = (name: string, overrides: Partial<Parameters<Store["clients"]["create"]>[1]> = {}) => ({
  name,
  nameKey: name.toLowerCase(),
  ownerSlackId: "U0REP",
  annualRevenue: 2_000_000,
  relationshipSince: new Date("2016-12-01T00:00:00Z"),
  relationshipType: null,
  lifecycleStage: "mature",
  riskLevel: "low",
  industry: "energy",
  region: null,
  satisfaction: 80,
  cadenceDays: null,
  tierOverride: null,
  tierOverrideReason: null,
  score: 0,
  tier: "C",
  ...overrides,
});

const deps = { get store() { return store; }, logger, now: () => new Date() };
const rescoreRunner = async (workspaceId: string, at: Date) => ({ stats: { ...(await rescoreService({ store, rules: DEFAULT_RULES }).rescore(workspaceId, at)) }, delivery: null });

describe("rescore", () => {
  it("moves a client up a tier on its tenth anniversary, records the move once, and reruns change nothing", async () => {
    const clients = clientService({ store, rules: DEFAULT_RULES, clock: { now: () => new Date("2026-11-23T00:00:00Z") } });
    const base = fields("Anniversary Power");
    // 30 (revenue) + 11 (9 years) + 15 (mature) + 15 (low risk) + 8 (satisfaction) + 5 (energy) = 84: A already.
    // Lower satisfaction to sit just under A until the anniversary adds 4 points (11 -> 15).
    const created = await store.clients.create(TEAM, { ...base, satisfaction: 20, ...clients.scored({ ...base, satisfaction: 20 }) }, "U0REP", "create");
    if (!created.created) throw new Error("client not created");
    expect(created.client).toMatchObject({ score: 78, tier: "A" });

    const rescore = rescoreService({ store, rules: { ...DEFAULT_RULES, tiers: { A: 80, B: 50 } } });
    const before = await rescore.rescore(TEAM, new Date("2026-11-30T00:00:00Z"));
    expect(before).toEqual({ checked: 1, rescored: 1, tierMoves: 1, followUpsRedated: 0, keyJoined: 0, keyLeft: 0 });
    const after = await rescore.rescore(TEAM, new Date("2026-12-01T00:00:00Z"));
    expect(after).toEqual({ checked: 1, rescored: 1, tierMoves: 1, followUpsRedated: 0, keyJoined: 0, keyLeft: 0 });
    const again = await rescore.rescore(TEAM, new Date("2026-12-01T00:00:00Z"));
    expect(again).toEqual({ checked: 1, rescored: 0, tierMoves: 0, followUpsRedated: 0, keyJoined: 0, keyLeft: 0 });

    const moves = await db.tierChange.findMany({ where: { workspaceId: TEAM, clientId: created.client.id }, orderBy: { createdAt: "asc" } });
    expect(moves.map((m) => [m.fromTier, m.toTier, m.score, m.reason])).toEqual([
      [null, "A", 78, "create"],
      ["A", "B", 78, "rescore"],
      ["B", "A", 82, "rescore"],
    ]);
  });

  it("keeps a manual override while the score moves", async () => {
    const base = fields("Overridden Water", { tierOverride: "A", tierOverrideReason: "board relationship", annualRevenue: 0 });
    const created = await store.clients.create(TEAM, { ...base, score: 0, tier: "A" }, "U0REP", "create");
    if (!created.created) throw new Error("client not created");
    await rescoreService({ store, rules: DEFAULT_RULES }).rescore(TEAM, new Date("2026-12-02T00:00:00Z"));
    const row = await store.clients.findById(TEAM, created.client.id);
    expect(row).toMatchObject({ tier: "A", tierOverride: "A" });
    expect(row?.score).toBeGreaterThan(0);
  });

  it("leaves an archived client's score as it was, and reads the pages through in id order", async () => {
    // A workspace of its own: the other tests count this one's clients.
    const team = "T0RESCOREARCHIVE";
    await store.workspaces.ensure(team);
    for (const name of ["Active Ports", "Active Grid"]) await store.clients.create(team, fields(name), "U0REP", "create");
    const archived = await store.clients.create(team, fields("Archived Rail", { score: 1, tier: "C" }), "U0REP", "create");
    if (!archived.created) throw new Error("client not created");
    await store.clients.archive(team, archived.client.id, new Date("2026-12-02T00:00:00Z"));
    const stats = await rescoreService({ store, rules: DEFAULT_RULES }).rescore(team, new Date("2026-12-02T12:00:00Z"));
    expect(stats).toMatchObject({ checked: 3, rescored: 2 });
    expect((await store.clients.findById(team, archived.client.id))?.score).toBe(1);
    // Pages of one client: each page starts after the last id, and every client comes once.
    const paged: string[] = [];
    for await (const client of store.clients.iterateForScoring(team, 1)) paged.push(client.id);
    expect(paged).toHaveLength(3);
    expect(paged).toEqual([...new Set(paged)].sort());
    expect(paged).toContain(archived.client.id);
  });

  it("runs by hand as a recorded job run", async () => {
    const at = new Date("2026-12-03T00:00:00Z");
    const outcome = await runJob(deps, "rescore", rescoreRunner, TEAM, at, manualFiringKey(at, new Date()));
    expect(outcome.kind).toBe("done");
    const runs = await store.jobRuns.recent(TEAM, 5);
    expect(runs[0]).toMatchObject({ job: "rescore", status: "done" });
    expect(JSON.parse(runs[0]!.stats ?? "{}")).toMatchObject({ checked: 2 });
  });

  it("claims a scheduled firing once, however many runners try", async () => {
    const at = new Date("2026-12-04T01:00:00Z");
    const outcomes = await Promise.all([1, 2, 3].map(() => runJob(deps, "rescore", rescoreRunner, TEAM, at, `scheduled:${at.toISOString()}`)));
    expect(outcomes.filter((o) => o.kind === "done")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "already-claimed")).toHaveLength(2);
  });

  it("stops between clients on shutdown: the run is not recorded, and the same firing runs in full on the next start", async () => {
    const at = new Date("2026-12-05T01:00:00Z");
    const key = `scheduled:${at.toISOString()}`;
    const stopped = new AbortController();
    stopped.abort();
    const interrupted = await runJob(deps, "rescore", (workspaceId, when) => rescoreService({ store, rules: DEFAULT_RULES }).rescore(workspaceId, when, stopped.signal).then((s) => ({ stats: { ...s }, delivery: null })), TEAM, at, key);
    expect(interrupted).toEqual({ kind: "interrupted" });
    expect((await store.jobRuns.recent(TEAM, 10)).map((r) => r.firingKey)).not.toContain(key);
    expect(await runJob(deps, "rescore", rescoreRunner, TEAM, at, key)).toMatchObject({ kind: "done", stats: { checked: 2 } });
  });
});
