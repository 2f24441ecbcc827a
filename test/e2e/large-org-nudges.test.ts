/**
 * The nudges job for an organisation of 5,000 reps and 100,000 clients (test/support/large-org.ts): one run by hand
 * reaches every rep with something due, each once with their own list, and leaves out the paused and the departed.
 * It runs queue-only, as the benchmark does, and the test reads the outbox: delivering 4,000-odd DMs at the default
 * 20 posts a second would take minutes, and delivery has tests of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/cadence.ts";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { createJobRunners } from "../../src/jobs/runners.ts";
import { createLogger } from "../../src/logger.ts";
import { IN_LIST_LIMIT } from "../../src/store/paging.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
import { insertLargeOrg, type LargeOrg } from "../support/large-org.ts";
import { startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const TODAY = "2026-11-23"; // a Monday
const AT = new Date(`${TODAY}T10:00:00Z`);
const logger = createLogger("silent");
let t: TestBot;
let db: Db;
let org: LargeOrg;

const repIndex = (owner: string) => Number(owner.slice(-5));
const paused = new Set<string>();
const departed = new Set<string>();

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => AT } });
  await t.bot.services.store.workspaces.ensure(TEST_TEAM);
  org = await insertLargeOrg(t.database.target, {
    workspaceId: TEST_TEAM,
    asOf: TODAY,
    // A rep's 20 clients fall due on scattered days (index % 97 varies along a rep's clients); one rep in ten has
    // nothing due for a month.
    client: (c) => ({ followUpDueOn: repIndex(c.ownerSlackId) % 10 === 9 ? addDays(TODAY, 30) : addDays(TODAY, (c.index % 97) - 48) }),
  });
  db = createPrismaClient(t.database.target);
  for (const rep of org.reps.filter((_, r) => r % 500 === 1)) paused.add(rep);
  for (const rep of org.reps.filter((_, r) => r % 500 === 2)) departed.add(rep);
  await db.user.updateMany({ where: { workspaceId: TEST_TEAM, slackId: { in: [...paused] } }, data: { nudgesPausedUntil: new Date(`${addDays(TODAY, 7)}T00:00:00Z`) } });
  await db.user.updateMany({ where: { workspaceId: TEST_TEAM, slackId: { in: [...departed] } }, data: { active: false } });
  await db.user.update({ where: { workspaceId_slackId: { workspaceId: TEST_TEAM, slackId: org.reps[0]! } }, data: { locale: "zh-CN" } });
  await t.bot.services.store.refreshStatistics();
});

afterAll(async () => {
  await db?.$disconnect();
  await t?.stop();
});

// A run here takes 5-12 s alone; beside other test files on two cores, three times that. The timeout bounds a hang
// and judges no speed.
describe("nudges for 5,000 reps", { timeout: 90_000 }, () => {
  it("queues one DM for each rep with something due, with their own list, in one run", async () => {
    const { store, followUps } = t.bot.services;
    const slack = { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 20 };
    const runners = createJobRunners({ store, services: { followUps }, rules: DEFAULT_RULES, logger, now: () => new Date(), adminUserIds: [], slack }, { byHand: true, queueOnly: true });
    await runners.nudges!(TEST_TEAM, AT);

    const dueByRep = new Map<string, string[]>();
    for (const c of org.clients) {
      if (c.followUpDueOn !== null && c.followUpDueOn <= TODAY) dueByRep.set(c.ownerSlackId, [...(dueByRep.get(c.ownerSlackId) ?? []), c.name]);
    }
    const expected = [...dueByRep.keys()].filter((rep) => !paused.has(rep) && !departed.has(rep)).sort();
    // Far more reps than one statement's list of ids: the run that crashed on 2,000 (issue 14).
    expect(expected.length).toBeGreaterThan(4 * IN_LIST_LIMIT);
    expect(expected.length).toBeLessThan(org.reps.length);

    const rows = await db.outboundMessage.findMany({ where: { workspaceId: TEST_TEAM, kind: "nudge" }, select: { recipient: true, period: true, payload: true } });
    expect(rows.map((r) => r.recipient).sort()).toEqual(expected);
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set([TODAY]));
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(0);

    // Each DM lists its own rep's due clients and no one else's (a rep has at most 20 clients, the list's length).
    const payloadOf = new Map(rows.map((r) => [r.recipient, r.payload]));
    for (const rep of [expected[1]!, expected[Math.floor(expected.length / 2)]!, expected[expected.length - 1]!]) {
      const payload = payloadOf.get(rep)!;
      const notDue = org.clients.filter((c) => c.ownerSlackId === rep && c.followUpDueOn! > TODAY).map((c) => c.name);
      expect(notDue.length).toBeGreaterThan(0);
      expect(dueByRep.get(rep)!.filter((name) => !payload.includes(name))).toEqual([]);
      expect(notDue.filter((name) => payload.includes(name))).toEqual([]);
      expect(payload).toContain("Good morning!");
    }
    // Each in their own language: the first rep reads Slack in Chinese.
    expect(payloadOf.get(org.reps[0]!)).toContain("早上好");
  });
});
