/**
 * Store calls given lists longer than SQLite binds values in one statement (999; IN_LIST_LIMIT is 900): people,
 * risk states, a team of 1,200 owners, a re-import updating 1,500 clients. Each answers as it does for a short
 * list: a team that is every owner reads exactly what the whole workspace does, and an import's later row wins.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { createLogger } from "../../src/logger.ts";
import { importService } from "../../src/services/imports.ts";
import { insertRows, newId } from "../../src/store/bulk.ts";
import type { Owners } from "../../src/store/digest-inputs.ts";
import type { Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { IN_LIST_LIMIT } from "../../src/store/paging.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const TEAM = "T0LONG";
/** The re-import's own workspace, so that its clients stay out of the team's. */
const IMPORTS = "T0LONGIMP";
const OWNERS = 1_200;
const CLIENTS = 2 * OWNERS;
const owner = (i: number) => `U0OWN${String(i).padStart(5, "0")}`;
const WEEK_START = new Date("2026-11-16T00:00:00Z");
const NOW = new Date("2026-11-23T10:00:00Z");
let database: TestDatabase;
let store: Store;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, createLogger("silent"));
  await store.workspaces.ensure(TEAM);
  db = createPrismaClient(database.target);
  const provider = database.target.provider;
  const at = new Date("2026-01-01T00:00:00Z");
  // Client i belongs to owner i % 1,200: every owner has two, spread so that no chunk of owners is a run of clients.
  const clients = Array.from({ length: CLIENTS }, (_, i) => ({
    id: newId(),
    workspaceId: TEAM,
    name: `Long List ${String(i).padStart(5, "0")}`,
    nameKey: `long list ${String(i).padStart(5, "0")}`,
    ownerSlackId: owner(i % OWNERS),
    annualRevenue: i % 5 === 0 ? 5_000_000 : 1_000 + i,
    relationshipSince: new Date(i % 5 === 0 ? "2010-01-01T00:00:00Z" : "2025-01-01T00:00:00Z"),
    lastTouchAt: new Date(Date.UTC(2026, 9, 1 + (i % 60))),
    score: (i * 37) % 100,
    tier: i % 3 === 0 ? "A" : "C",
    createdAt: at,
    updatedAt: at,
  }));
  await db.$transaction(async (tx) => {
    await insertRows(tx, provider, "Client", clients);
    await insertRows(
      tx,
      provider,
      "FollowUp",
      clients.map((c, i) => ({ id: newId(), workspaceId: TEAM, clientId: c.id, dueOn: new Date(i % 2 === 0 ? "2026-11-01T00:00:00Z" : "2026-12-30T00:00:00Z"), basis: "cadence", createdAt: at, updatedAt: at })),
    );
    const some = (every: number) => clients.filter((_, i) => i % every === 0);
    await insertRows(
      tx,
      provider,
      "Interaction",
      some(4).map((c, n) => ({ id: newId(), workspaceId: TEAM, clientId: c.id, repSlackId: c.ownerSlackId, type: "call", occurredAt: new Date(WEEK_START.getTime() + n * 60_000), summary: "x", sentiment: "neutral", source: "import", createdAt: at, updatedAt: at })),
    );
    await insertRows(
      tx,
      provider,
      "TierChange",
      some(6).map((c, n) => ({ id: newId(), workspaceId: TEAM, clientId: c.id, fromTier: "B", toTier: c.tier, score: c.score, reason: "rescore", createdAt: new Date(WEEK_START.getTime() + (n % 50) * 3_600_000) })),
    );
    await insertRows(
      tx,
      provider,
      "RiskFlag",
      some(7).map((c, n) => ({ id: newId(), workspaceId: TEAM, clientId: c.id, rule: "overdue", reason: "late", openedAt: new Date(WEEK_START.getTime() + (n % 40) * 3_600_000) })),
    );
  });
});

afterAll(async () => {
  await db?.$disconnect();
  await store?.close();
  await database?.drop();
});

describe("lists past one statement's bound values", () => {
  it("reads the profiles of 2,000 people, known and unknown", async () => {
    await store.users.importMany(TEAM, Array.from({ length: 1_000 }, (_, i) => ({ slackId: owner(i), role: "rep" })));
    const asked = Array.from({ length: 2_000 }, (_, i) => owner(i));
    const profiles = await store.users.nudgeProfiles(TEAM, asked);
    expect(profiles.map((p) => p.slackId).sort()).toEqual(asked.slice(0, 1_000));
  });

  it("finds 1,200 digest recipients named only as someone's manager", async () => {
    const managers = Array.from({ length: 1_200 }, (_, i) => `U0MGR${String(i).padStart(5, "0")}`);
    // Half of them have a row of their own (as reps, with a zone), half none.
    await store.users.importMany(TEAM, [
      ...managers.map((m, i) => ({ slackId: `U0REP${String(i).padStart(5, "0")}`, managerSlackId: m })),
      ...managers.filter((_, i) => i % 2 === 0).map((m) => ({ slackId: m })),
    ]);
    await db.user.updateMany({ where: { workspaceId: TEAM, slackId: { in: managers.filter((_, i) => i % 2 === 0).slice(0, 100) } }, data: { timezone: "Asia/Shanghai" } });
    const recipients = await store.users.digestRecipients(TEAM);
    expect(recipients.filter((r) => r.hasReports).map((r) => r.slackId).sort()).toEqual(managers);
    expect(recipients.filter((r) => r.timezone === "Asia/Shanghai")).toHaveLength(100);
  });

  it("imports people set-based: later rows win field by field, a blank field keeps what is stored, new people are reps", async () => {
    const person = (i: number) => `U0IMP${String(i).padStart(5, "0")}`;
    await store.users.importMany(TEAM, Array.from({ length: 3_000 }, (_, i) => ({ slackId: person(i), role: i % 2 === 0 ? "manager" : undefined, managerSlackId: "U0BOSS" })));
    await store.users.importMany(TEAM, [
      ...Array.from({ length: 3_000 }, (_, i) => ({ slackId: person(i), managerSlackId: i < 1_500 ? "U0NEWBOSS" : undefined })),
      { slackId: person(0), role: "admin" },
      { slackId: person(0), role: "rep" },
    ]);
    const stored = new Map((await store.users.list(TEAM)).filter((u) => u.slackId.startsWith("U0IMP")).map((u) => [u.slackId, u]));
    expect(stored.size).toBe(3_000);
    expect(stored.get(person(0))).toMatchObject({ role: "rep", managerSlackId: "U0NEWBOSS", active: true });
    expect(stored.get(person(2))).toMatchObject({ role: "manager", managerSlackId: "U0NEWBOSS" });
    expect(stored.get(person(1))).toMatchObject({ role: "rep", managerSlackId: "U0NEWBOSS" });
    expect(stored.get(person(2_999))).toMatchObject({ role: "rep", managerSlackId: "U0BOSS" });
    expect(stored.get(person(2_998))).toMatchObject({ role: "manager", managerSlackId: "U0BOSS" });
  });

  it("closes 2,000 risk states in one call", async () => {
    const client = await db.client.findFirstOrThrow({ where: { workspaceId: TEAM }, select: { id: true } });
    const opened = new Date("2026-11-01T00:00:00Z");
    await store.riskFlags.record(TEAM, { enter: Array.from({ length: 2_000 }, (_, i) => ({ clientId: client.id, rule: `rule-${i}`, reason: "r", details: null })), leave: [] }, opened);
    const open = await db.riskFlag.findMany({ where: { workspaceId: TEAM, openedAt: opened }, select: { id: true } });
    expect(open).toHaveLength(2_000);
    // Half ended one way, half each its own way: both groupings stay within the bound values.
    const cause = (i: number) => (i % 2 === 0 ? JSON.stringify({ rule: "lifecycle", cause: "changed", stage: "active" }) : JSON.stringify({ rule: "overdue", cause: "touched", on: `2026-11-${String((i % 28) + 1).padStart(2, "0")}` }));
    await store.riskFlags.record(TEAM, { enter: [], leave: open.map((f, i) => ({ id: f.id, clearCause: cause(i) })) }, NOW);
    expect(await db.riskFlag.count({ where: { workspaceId: TEAM, openedAt: opened, clearedAt: NOW } })).toBe(2_000);
    expect(await db.riskFlag.count({ where: { workspaceId: TEAM, openedAt: opened, clearCause: cause(0) } })).toBe(1_000);
  });

  it("re-imports 1,500 existing clients in one batch, recording each tier move", async () => {
    const header = "name,owner,annual_revenue,relationship_since,lifecycle_stage,risk_level,satisfaction";
    const csv = (line: (i: number) => string) => `${header}\n${Array.from({ length: 1_500 }, (_, i) => line(i)).join("\n")}\n`;
    const importer = importService({ store, rules: DEFAULT_RULES, clock: { now: () => NOW } });
    const load = (text: string) => importer.importCsv("clients", IMPORTS, Readable.from([text]), { fileName: "clients.csv" });
    await load(csv((i) => `Reimported ${i},U0IMPORT,1000,2025-01-01,prospect,high,`));
    const report = await load(csv((i) => `Reimported ${i},U0IMPORT,20000000,2005-01-01,mature,low,100`));
    expect(report).toMatchObject({ imported: 1_500, created: 0, updated: 1_500, skipped: 0 });
    const moved = await db.tierChange.count({ where: { workspaceId: IMPORTS, fromTier: "C", toTier: "A" } });
    expect(moved).toBe(1_500);
  });
});

describe("a digest's team of 1,200 owners", () => {
  const everyone = Array.from({ length: OWNERS }, (_, i) => owner(i));
  // Every owner, out of order and one twice: the team reads exactly what the workspace does (all its clients are theirs).
  const team: Owners = [...everyone.slice(600), ...everyone.slice(0, 600), owner(7)];
  const key = { minAnnualRevenue: 100_000, sinceOnOrBefore: new Date("2023-11-23T00:00:00Z") };
  const inputs = () => store.digestInputs;
  const byOwner = <T extends { ownerSlackId?: string | null; repSlackId?: string; tier?: string; prospect?: boolean }>(rows: T[]) =>
    [...rows].sort((a, b) => `${a.ownerSlackId ?? a.repSlackId}${a.tier ?? ""}${a.prospect ?? ""}`.localeCompare(`${b.ownerSlackId ?? b.repSlackId}${b.tier ?? ""}${b.prospect ?? ""}`));

  it("is longer than one statement's list", () => {
    expect(team.length).toBeGreaterThan(IN_LIST_LIMIT);
  });

  it("lists highlights, tier moves and new risks as the workspace does, with the same totals", async () => {
    expect(await inputs().highlights(TEAM, team, key, 15)).toEqual(await inputs().highlights(TEAM, null, key, 15));
    const highlights = await inputs().highlights(TEAM, team, key, 15);
    expect(highlights.total).toBe(Array.from({ length: CLIENTS }, (_, i) => i).filter((i) => i % 3 === 0 || i % 5 === 0).length);
    expect(highlights.items.map((c) => c.score)).toEqual([...highlights.items.map((c) => c.score)].sort((a, b) => b - a));
    const moves = await inputs().tierMovesSince(TEAM, team, WEEK_START, 10);
    expect(moves).toEqual(await inputs().tierMovesSince(TEAM, null, WEEK_START, 10));
    expect(moves.total).toBe(CLIENTS / 6);
    const risks = await inputs().risksOpenedSince(TEAM, team, WEEK_START, 10);
    expect(risks).toEqual(await inputs().risksOpenedSince(TEAM, null, WEEK_START, 10));
    expect(risks.total).toBe(Math.ceil(CLIENTS / 7));
  });

  it("pages through every key client once", async () => {
    const ids: string[] = [];
    for (let after: string | undefined; ; ) {
      const page = await inputs().keyClientsPage(TEAM, team, key, after, 100);
      ids.push(...page.map((c) => c.id));
      if (page.length < 100) break;
      after = page[page.length - 1]!.id;
    }
    expect(ids).toHaveLength(CLIENTS / 5);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("counts overdue follow-ups, revenue and touches as the workspace does, each owner once", async () => {
    const overdue = await inputs().overdueByOwner(TEAM, team, NOW);
    expect(byOwner(overdue)).toEqual(byOwner(await inputs().overdueByOwner(TEAM, null, NOW)));
    expect(overdue).toHaveLength(OWNERS / 2); // the even clients are overdue, and client i's owner is i % 1,200
    expect(await inputs().revenueByTier(TEAM, team)).toEqual(await inputs().revenueByTier(TEAM, null));
    const touches = await inputs().effortByRep(TEAM, team, WEEK_START, NOW);
    expect(byOwner(touches)).toEqual(byOwner(await inputs().effortByRep(TEAM, null, WEEK_START, NOW)));
    expect(touches.reduce((sum, t) => sum + t.touches, 0)).toBe(CLIENTS / 4);
    const portfolio = await inputs().portfolioByOwnerAndTier(TEAM, team);
    expect(byOwner(portfolio)).toEqual(byOwner(await inputs().portfolioByOwnerAndTier(TEAM, null)));
    expect(portfolio.reduce((sum, p) => sum + p.clients, 0)).toBe(CLIENTS);
    const keyCounts = await inputs().keyClientsByOwner(TEAM, team, key);
    expect(byOwner(keyCounts)).toEqual(byOwner(await inputs().keyClientsByOwner(TEAM, null, key)));
    expect(keyCounts.reduce((sum, c) => sum + c.count, 0)).toBe(CLIENTS / 5);
  });

  it("reads nothing for an empty team", async () => {
    expect(await inputs().highlights(TEAM, [], key, 15)).toEqual({ items: [], total: 0 });
    expect(await inputs().overdueByOwner(TEAM, [], NOW)).toEqual([]);
    expect(await inputs().revenueByTier(TEAM, [])).toEqual({});
    expect(await inputs().effortByRep(TEAM, [], WEEK_START, NOW)).toEqual([]);
    expect(await inputs().portfolioByOwnerAndTier(TEAM, [])).toEqual([]);
  });
});
