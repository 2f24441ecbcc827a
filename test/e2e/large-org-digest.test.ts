/**
 * The weekly digest for a large organisation (test/support/large-org.ts): 25 managers of 200 reps, one manager of
 * 1,200 (a team longer than one statement's list of ids), 3 admins, 100,000 clients, 40,000 touches, tier moves and
 * risk states. Each digest says exactly what the generated rows say for that team (or, for an admin, the whole
 * workspace): totals, the first of each list in order, counts per rep, shares of value. Then one run of the job
 * queues one digest per manager and admin, each within Block Kit's limits. Queue-only: delivery has tests of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestDayFor, isCovered, tierShares, type TierCounts } from "../../src/domain/digest.ts";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { todayInZone } from "../../src/domain/when.ts";
import { createJobRunners } from "../../src/jobs/runners.ts";
import { createLogger } from "../../src/logger.ts";
import { digestService, type Digest } from "../../src/services/digest.ts";
import { newId } from "../../src/store/bulk.ts";
import { dateToDb } from "../../src/store/dates.ts";
import { IN_LIST_LIMIT } from "../../src/store/paging.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
import { blockKitProblems } from "../support/block-kit-limits.ts";
import { bulkInsert, insertLargeOrg, managerId, type LargeOrg, type OrgClient } from "../support/large-org.ts";
import { startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const TODAY = "2026-11-23"; // a Monday, the digest day
const AT = new Date(`${TODAY}T10:00:00Z`);
const DAY = digestDayFor(AT, "UTC", DEFAULT_RULES.schedules, true)!;
const FROM = dateToDb(DAY.from);
const KEY_SINCE = "2023-11-23"; // three years before AT (the rules' minRelationshipYears)
const BIG_MANAGER = managerId(25);
const logger = createLogger("silent");
let t: TestBot;
let db: Db;
let org: LargeOrg;

/** What the generated rows hold besides clients: touches, tier moves and risk states, each in or before the week. */
const touches: { client: OrgClient; at: Date }[] = [];
const moves: { client: OrgClient; at: Date; fromTier: string | null }[] = [];
const risks: { client: OrgClient; at: Date; cleared: boolean }[] = [];
const seconds = (n: number) => new Date(FROM.getTime() + n * 1000);

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => AT } });
  await t.bot.services.store.workspaces.ensure(TEST_TEAM);
  org = await insertLargeOrg(t.database.target, { workspaceId: TEST_TEAM, asOf: TODAY, teams: [...Array.from({ length: 25 }, () => 200), 1_200] });
  for (const client of org.clients) {
    const i = client.index;
    // Distinct instants, so that "newest first" is one order whatever the store.
    if (i % 5 === 0) touches.push({ client, at: seconds(i) });
    if (i % 5 === 1) touches.push({ client, at: seconds(-86_400 - i) });
    if (i % 100 === 0) moves.push({ client, at: seconds(i / 100), fromTier: "B" });
    if (i % 100 === 50) moves.push({ client, at: seconds(i / 100), fromTier: null }); // a creation: not a move
    if (i % 100 === 25) moves.push({ client, at: seconds(-1 - i), fromTier: "C" }); // last week's
    if (i % 37 === 0) risks.push({ client, at: seconds(i / 37), cleared: i % 74 === 0 });
    if (i % 37 === 1) risks.push({ client, at: seconds(-1 - i), cleared: false });
  }
  db = createPrismaClient(t.database.target);
  const target = t.database.target;
  await bulkInsert(
    db,
    target,
    "Interaction",
    touches.map(({ client, at }) => ({ id: newId(), workspaceId: TEST_TEAM, clientId: client.id, repSlackId: client.ownerSlackId, type: "call", occurredAt: at, summary: "touch", sentiment: "neutral", source: "import", createdAt: at, updatedAt: at })),
  );
  await bulkInsert(
    db,
    target,
    "TierChange",
    moves.map(({ client, at, fromTier }) => ({ id: newId(), workspaceId: TEST_TEAM, clientId: client.id, fromTier, toTier: client.tier, score: client.score, reason: "rescore", actorSlackId: "rescore", createdAt: at })),
  );
  await bulkInsert(
    db,
    target,
    "RiskFlag",
    risks.map(({ client, at, cleared }) => ({ id: newId(), workspaceId: TEST_TEAM, clientId: client.id, rule: "overdue", reason: "late", openedAt: at, clearedAt: cleared ? seconds(700_000) : null, alertQueuedAt: at })),
  );
  await t.bot.services.store.refreshStatistics();
});

afterAll(async () => {
  await db?.$disconnect();
  await t?.stop();
});

/** The digest the rows call for, for one team (its owners) or the whole workspace (null). */
function expectedDigest(owners: ReadonlySet<string> | null) {
  const mine = (c: OrgClient) => owners === null || owners.has(c.ownerSlackId);
  const isKey = (c: OrgClient) => c.annualRevenue >= 100_000 && c.relationshipSince <= dateToDb(KEY_SINCE);
  const highlighted = org.clients.filter((c) => mine(c) && (c.tier === "A" || isKey(c))).sort((a, b) => b.score - a.score || (a.nameKey < b.nameKey ? -1 : 1));
  const overdue = new Map<string, number>();
  for (const c of org.clients) if (mine(c) && c.followUpDueOn! < TODAY) overdue.set(c.ownerSlackId, (overdue.get(c.ownerSlackId) ?? 0) + 1);
  const newest = <T extends { at: Date; client: OrgClient }>(rows: T[]) => rows.filter((r) => mine(r.client) && r.at >= FROM).sort((a, b) => b.at.getTime() - a.at.getTime());
  const newRisks = newest(risks);
  const tierMoves = newest(moves.filter((m) => m.fromTier !== null));
  const keyClients = org.clients.filter((c) => mine(c) && isKey(c));
  const activity = new Map<string, TierCounts>();
  for (const { client, at } of touches) {
    if (!mine(client) || at < FROM) continue;
    const counts = activity.get(client.ownerSlackId) ?? { A: 0, B: 0, C: 0 };
    counts[client.tier] += 1;
    activity.set(client.ownerSlackId, counts);
  }
  const revenue: TierCounts = { A: 0, B: 0, C: 0 };
  for (const c of org.clients) if (mine(c)) revenue[c.tier] += c.annualRevenue;
  return {
    highlights: { total: highlighted.length, names: highlighted.slice(0, 15).map((c) => c.name) },
    overdue,
    newRisks: { total: newRisks.length, names: newRisks.slice(0, 10).map((r) => r.client.name) },
    tierMoves: { total: tierMoves.length, names: tierMoves.slice(0, 10).map((m) => m.client.name) },
    coverage: { keyClients: keyClients.length, covered: keyClients.filter((c) => isCovered(todayInZone(c.lastTouchAt, "UTC"), c.cadenceDays, TODAY)).length },
    activity,
    valueShare: tierShares(revenue),
  };
}

/** The parts of a built digest the rows decide, in the oracle's shape. */
function digestFacts(digest: Digest) {
  return {
    highlights: { total: digest.highlights.total, names: digest.highlights.items.map((c) => c.name) },
    overdue: new Map(digest.overdue.map((o) => [o.ownerSlackId, o.count])),
    newRisks: { total: digest.newRisks.total, names: digest.newRisks.items.map((r) => r.clientName) },
    tierMoves: { total: digest.tierMoves.total, names: digest.tierMoves.items.map((m) => m.clientName) },
    coverage: digest.coverage,
    activity: new Map(digest.activity.map((a) => [a.repSlackId, a.touches])),
    valueShare: digest.valueShare,
  };
}

function build(recipient: string, members: readonly string[] | null, isAdmin: boolean): Promise<Digest> {
  return digestService({ store: t.bot.services.store, rules: DEFAULT_RULES }).build(TEST_TEAM, { recipient, members, isAdmin }, DAY, AT);
}

// A run here takes 5-12 s alone; beside other test files on two cores, three times that. The timeout bounds a hang
// and judges no speed.
describe("the weekly digest of a large organisation", { timeout: 90_000 }, () => {
  it("gives a manager of 200 exactly their team's week", async () => {
    const manager = managerId(10);
    const team = [manager, ...org.reportsOf.get(manager)!];
    const facts = digestFacts(await build(manager, team, false));
    const expected = expectedDigest(new Set(team));
    expect(facts).toEqual(expected);
    // Not an empty week by accident: every part has something in it.
    expect(expected.highlights.total).toBeGreaterThan(15);
    expect(expected.newRisks.total).toBeGreaterThan(10);
    expect(expected.tierMoves.total).toBeGreaterThan(10);
    expect(expected.coverage.covered).toBeLessThan(expected.coverage.keyClients);
    expect(expected.overdue.size).toBeGreaterThan(50);
  });

  it("gives a manager of 1,200 reports exactly their team's week: more than one statement's list of ids", async () => {
    const team = [BIG_MANAGER, ...(await t.bot.services.store.users.reportsOf(TEST_TEAM, BIG_MANAGER))];
    expect(team.length).toBeGreaterThan(IN_LIST_LIMIT);
    expect(digestFacts(await build(BIG_MANAGER, team, false))).toEqual(expectedDigest(new Set(team)));
  });

  it("gives an admin exactly the workspace's week, with the operations part", async () => {
    const digest = await build(org.admins[0]!, null, true);
    expect(digest.scope).toBe("workspace");
    expect(digest.operations).not.toBeNull();
    expect(digestFacts(digest)).toEqual(expectedDigest(null));
  });

  it("queues one digest per manager and admin in one run, each within Block Kit's limits", async () => {
    const { store, followUps } = t.bot.services;
    const slack = { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 20 };
    const runners = createJobRunners({ store, services: { followUps }, rules: DEFAULT_RULES, logger, now: () => new Date(), adminUserIds: [], slack }, { byHand: true, queueOnly: true });
    await runners.digest!(TEST_TEAM, AT);
    const rows = await db.outboundMessage.findMany({ where: { workspaceId: TEST_TEAM, kind: "digest" }, select: { recipient: true, period: true, payload: true } });
    expect(rows.map((r) => r.recipient).sort()).toEqual([...org.managers, ...org.admins].sort());
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set([DAY.week]));
    for (const row of rows) expect(blockKitProblems(JSON.parse(row.payload) as { text: string; blocks?: unknown[] })).toEqual([]);
    // The big team's digest leads with its own best client.
    const big = rows.find((r) => r.recipient === BIG_MANAGER)!;
    expect(big.payload).toContain(expectedDigest(new Set([BIG_MANAGER, ...org.reportsOf.get(BIG_MANAGER)!])).highlights.names[0]);
  });
});
