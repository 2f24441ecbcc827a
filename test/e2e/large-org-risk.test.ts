/**
 * The risk job on a large organisation (test/support/large-org.ts: 5,000 reps, 100,000 clients): 6,000 key clients
 * with a negative touch three days ago and no meeting this quarter enter two states each at once (12,000; a page of
 * 500 clients opens and later closes 1,000, more ids than SQLite binds in one statement). Every owner hears of each
 * of their clients, the alert channel of all of them in a post per batch within Block Kit's limits; a run six weeks
 * later (a new quarter, past the negative touches' lookback) closes every state and says so, once. Queue-only: the
 * test reads the outbox (thousands of DMs at 20 a second would take minutes; delivery has tests of its own).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/cadence.ts";
import { DEFAULT_RULES, rulesSchema } from "../../src/domain/rules.ts";
import { createJobRunners } from "../../src/jobs/runners.ts";
import { createLogger } from "../../src/logger.ts";
import { newId } from "../../src/store/bulk.ts";
import { dateToDb } from "../../src/store/dates.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
import { blockKitProblems } from "../support/block-kit-limits.ts";
import { bulkInsert, insertLargeOrg, type LargeOrg, type OrgClient } from "../support/large-org.ts";
import { startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const OPENS = "2026-11-23"; // Q4, its second month: a key client not met this quarter is at risk
const CLEARS = "2027-01-05"; // Q1, its first month, and 46 days after the negative touches (lookback 30)
const AT_RISK = 6_000;
const ALERTS = "C0ALERTS";
const rules = rulesSchema.parse({ ...DEFAULT_RULES, alerts: { channel: ALERTS } });
const logger = createLogger("silent");
let t: TestBot;
let db: Db;
let org: LargeOrg;
let atRisk: OrgClient[];

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => new Date(`${OPENS}T10:00:00Z`) } });
  await t.bot.services.store.workspaces.ensure(TEST_TEAM);
  // Only the first 6,000 clients are key clients; every client was touched lately and is due in two months, with
  // a 90-day cadence and no satisfaction score, so no other rule fires on either day.
  org = await insertLargeOrg(t.database.target, {
    workspaceId: TEST_TEAM,
    asOf: OPENS,
    client: (c) => ({
      lastTouchAt: dateToDb(addDays(OPENS, -3)),
      followUpDueOn: addDays(OPENS, 60),
      ...(c.index < AT_RISK ? { annualRevenue: 2_000_000, relationshipSince: dateToDb("2012-01-01") } : { annualRevenue: 50_000, relationshipSince: dateToDb("2025-06-01") }),
    }),
  });
  atRisk = org.clients.slice(0, AT_RISK);
  db = createPrismaClient(t.database.target);
  const at = dateToDb(addDays(OPENS, -3));
  await bulkInsert(
    db,
    t.database.target,
    "Interaction",
    atRisk.map((c) => ({ id: newId(), workspaceId: TEST_TEAM, clientId: c.id, repSlackId: c.ownerSlackId, type: "call", occurredAt: at, summary: "unhappy", sentiment: "negative", source: "import", createdAt: at, updatedAt: at })),
  );
  await t.bot.services.store.refreshStatistics();
});

afterAll(async () => {
  await db?.$disconnect();
  await t?.stop();
});

function risk(day: string) {
  const { store, followUps } = t.bot.services;
  const slack = { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 20 };
  const runners = createJobRunners({ store, services: { followUps }, rules, logger, now: () => new Date(), adminUserIds: [], slack }, { byHand: true, queueOnly: true });
  return runners.risk!(TEST_TEAM, new Date(`${day}T10:00:00Z`));
}

const riskPosts = () => db.outboundMessage.findMany({ where: { workspaceId: TEST_TEAM, kind: "risk" }, select: { id: true, recipient: true, payload: true } });

/** Checks the posts of one run: every owner hears of each of their clients; the channel, in posts within limits. */
function expectEveryOwnerTold(posts: { recipient: string; payload: string }[]) {
  for (const post of posts) expect(blockKitProblems(JSON.parse(post.payload) as { text: string; blocks?: unknown[] })).toEqual([]);
  const toOwners = posts.filter((p) => p.recipient !== ALERTS);
  expect(new Set(toOwners.map((p) => p.recipient))).toEqual(new Set(org.reps));
  const heard = new Map<string, string>();
  for (const post of toOwners) heard.set(post.recipient, (heard.get(post.recipient) ?? "") + post.payload);
  expect(atRisk.filter((c) => !heard.get(c.ownerSlackId)!.includes(c.name)).map((c) => c.name)).toEqual([]);
  // One channel post per batch of notices (5,000), however many clients.
  const toChannel = posts.filter((p) => p.recipient === ALERTS);
  expect(toChannel.length).toBeGreaterThan(1);
  expect(toChannel.length).toBeLessThan(5);
}

// A run here takes 5-12 s alone; beside other test files on two cores, three times that. The timeout bounds a hang
// and judges no speed.
describe("risk states for thousands of clients at once", { timeout: 120_000 }, () => {
  it("opens two states for each of 6,000 clients and tells every owner and the channel", async () => {
    await risk(OPENS);
    const open = await db.riskFlag.groupBy({ by: ["rule"], where: { workspaceId: TEST_TEAM, clearedAt: null }, _count: { _all: true } });
    expect(Object.fromEntries(open.map((r) => [r.rule, r._count._all]))).toEqual({ negative: AT_RISK, "key-meeting": AT_RISK });
    const flagged = await db.riskFlag.findMany({ where: { workspaceId: TEST_TEAM }, select: { clientId: true }, distinct: ["clientId"] });
    expect(new Set(flagged.map((f) => f.clientId))).toEqual(new Set(atRisk.map((c) => c.id)));
    expect(await db.riskFlag.count({ where: { workspaceId: TEST_TEAM, alertQueuedAt: null } })).toBe(0);
    expectEveryOwnerTold(await riskPosts());
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("closes all 12,000 on a later run, and tells each owner once why each state ended", async () => {
    const before = new Set((await riskPosts()).map((p) => p.id));
    await risk(CLEARS);
    expect(await db.riskFlag.count({ where: { workspaceId: TEST_TEAM, clearedAt: null } })).toBe(0);
    expect(await db.riskFlag.count({ where: { workspaceId: TEST_TEAM, clearedAt: new Date(`${CLEARS}T10:00:00Z`), clearQueuedAt: { not: null } } })).toBe(2 * AT_RISK);
    const notes = (await riskPosts()).filter((p) => !before.has(p.id));
    expectEveryOwnerTold(notes);
    // A new quarter and an aged-out touch end the states without resolving them: said as such, never "back to normal".
    const toOwners = notes.filter((p) => p.recipient !== ALERTS);
    expect(toOwners.every((p) => p.payload.includes("Key client without a meeting this quarter ended: a new quarter began"))).toBe(true);
    expect(toOwners.every((p) => p.payload.includes("Negative touch ended: the negative touch is now more than 30 days old"))).toBe(true);
    expect(toOwners.some((p) => /back to normal/i.test(p.payload))).toBe(false);

    // Nothing changed since: a third run opens, closes and queues nothing.
    const count = (await riskPosts()).length;
    await risk(CLEARS);
    expect(await db.riskFlag.count({ where: { workspaceId: TEST_TEAM } })).toBe(2 * AT_RISK);
    expect(await riskPosts()).toHaveLength(count);
  });
});
