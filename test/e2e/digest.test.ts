/**
 * The digest job against the Slack emulator: one DM per manager per ISO week with their team's key clients,
 * overdue follow-ups, new risks, tier moves, coverage and activity; one line for a quiet week; the workspace and
 * its operations for an admin; nothing twice, and nothing before the manager's local digest time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { manualFiringKey, runJob } from "../../src/jobs/run-job.ts";
import { createJobRunners } from "../../src/jobs/runners.ts";
import { createLogger } from "../../src/logger.ts";
import type { ImportKind } from "../../src/services/imports.ts";
import { createPrismaClient } from "../../src/store/prisma.ts";
import { blockKitProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";
import { checkCall, isNotInSpecProblem } from "../support/slack-openapi.ts";
import { importCsv, startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
const logger = createLogger("silent");
const [MANAGER, REP1, REP2, ADMIN, QUIET_MANAGER, QUIET_REP, LONE_REP] = ["U0MGR", "U0REP1", "U0REP2", "U0ADMIN", "U0QMGR", "U0QREP", "U0LONE"];
/** On the manager's team: SKEWED spends the week on a C client of little value, EVEN on the B client that is most of theirs. */
const [SKEWED, EVEN] = ["U0SKEW", "U0EVEN"];
let t: TestBot;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

/** The digest job as the CLI (by hand) or the scheduler runs it, recorded as a job run. */
async function digest(at: string, byHand = true, rules = DEFAULT_RULES) {
  const { store, followUps } = t.bot.services;
  const now = () => new Date();
  const runners = createJobRunners(
    { store, services: { followUps }, rules, logger, now, adminUserIds: [], slack: { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 50 } },
    { byHand },
  );
  const outcome = await runJob({ store, logger, now }, "digest", runners.digest!, TEST_TEAM, new Date(at), manualFiringKey(new Date(at), now()));
  if (outcome.kind !== "done") throw new Error(`digest ${outcome.kind}`);
  return outcome.stats;
}

const dmTo = (user: string) => t.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === `D${user}`);

beforeAll(async () => {
  t = await startTestBot({ clock });
  await load(
    "users",
    [
      "slack_id,role,manager",
      `${MANAGER},manager,`,
      `${REP1},rep,${MANAGER}`,
      `${REP2},rep,${MANAGER}`,
      `${ADMIN},admin,`,
      `${QUIET_MANAGER},manager,`,
      `${QUIET_REP},rep,${QUIET_MANAGER}`,
      `${LONE_REP},rep,`,
      `${SKEWED},rep,${MANAGER}`,
      `${EVEN},rep,${MANAGER}`,
    ].join("\n"),
  );
  await load(
    "clients",
    [
      "name,owner,annual_revenue,relationship_since,lifecycle_stage,risk_level,satisfaction",
      `Key Kestrel,${REP1},20000000,2010-01-01,mature,low,95`,
      `Overdue Otter,${REP2},50000,2025-01-01,active,medium,`,
      `Lone Larch,${LONE_REP},50000,2025-01-01,active,medium,`,
      `Big Bison,${SKEWED},20000000,2025-01-01,active,medium,`,
      `Small Shrew,${SKEWED},500000,2025-01-01,active,medium,`,
      `Even Elm,${EVEN},2000000,2025-01-01,active,medium,`,
    ].join("\n"),
  );
  await load(
    "interactions",
    [
      "client,rep,type,occurred_at,summary",
      `Key Kestrel,${REP1},meeting,2026-11-17T10:00:00Z,quarterly review`,
      `Key Kestrel,${REP1},call,2026-11-19T10:00:00Z,follow-up`,
      `Overdue Otter,${REP2},call,2026-05-01T10:00:00Z,old call`,
      `Lone Larch,${LONE_REP},call,2026-11-18T10:00:00Z,hello`,
      ...[16, 17, 18, 19, 20, 21].map((d) => `Small Shrew,${SKEWED},${d === 18 ? "meeting" : "call"},2026-11-${d}T10:00:00Z,check-in`),
      ...[16, 17, 18, 19, 20].map((d) => `Even Elm,${EVEN},call,2026-11-${d}T10:00:00Z,check-in`),
    ].join("\n"),
  );
  const db = createPrismaClient(t.database.target);
  const otter = await db.client.findFirstOrThrow({ where: { workspaceId: TEST_TEAM, name: "Overdue Otter" } });
  await db.tierChange.create({ data: { workspaceId: TEST_TEAM, clientId: otter.id, fromTier: "B", toTier: "C", score: 40, reason: "rescore", actorSlackId: "rescore", createdAt: new Date("2026-11-20T01:00:00Z") } });
  await db.riskFlag.create({ data: { workspaceId: TEST_TEAM, clientId: otter.id, rule: "overdue", reason: "follow-up overdue by 25 days (due 2026-10-29)", openedAt: new Date("2026-11-20T01:00:00Z"), alertQueuedAt: new Date("2026-11-20T01:00:00Z") } });
  // Key events: Key Kestrel (the team's) joined this week, and once before the week; Lone Larch (not the team's) left.
  const kestrel = await db.client.findFirstOrThrow({ where: { workspaceId: TEST_TEAM, name: "Key Kestrel" } });
  const larch = await db.client.findFirstOrThrow({ where: { workspaceId: TEST_TEAM, name: "Lone Larch" } });
  const status = (key: boolean, annualRevenue: number, relationshipYears: number) => JSON.stringify({ key, annualRevenue, minAnnualRevenue: 100_000, relationshipYears, minRelationshipYears: 3 });
  await db.keyChange.createMany({
    data: [
      { workspaceId: TEST_TEAM, clientId: kestrel.id, joined: true, details: status(true, 20_000_000, 16), cause: "edit", createdAt: new Date("2026-11-18T03:00:00Z") },
      { workspaceId: TEST_TEAM, clientId: kestrel.id, joined: false, details: status(false, 50_000, 16), cause: "edit", createdAt: new Date("2026-11-10T03:00:00Z") },
      { workspaceId: TEST_TEAM, clientId: larch.id, joined: false, details: status(false, 50_000, 1), cause: "rescore", createdAt: new Date("2026-11-19T03:00:00Z") },
    ],
  });
  await db.user.update({ where: { workspaceId_slackId: { workspaceId: TEST_TEAM, slackId: MANAGER } }, data: { timezone: "Asia/Shanghai" } });
  await db.$disconnect();
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("weekly digest", () => {
  it("sends nothing before the manager's local digest time, and nothing on another day", async () => {
    // Monday 00:30 UTC is 08:30 in Shanghai, before the 09:00 digest time; Tuesday is not the digest day.
    expect(await digest("2026-11-23T00:30:00Z", false)).toMatchObject({ queued: 0 });
    expect(await digest("2026-11-24T10:00:00Z", false)).toMatchObject({ queued: 0 });
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("gives each manager their team's week in one DM", async () => {
    // Monday 01:15 UTC: 09:15 in Shanghai (the manager), 01:15 for everyone else (too early).
    expect(await digest("2026-11-23T01:15:00Z", false)).toMatchObject({ queued: 1, sent: 1 });
    expect(dmTo(MANAGER)).toHaveLength(1);
    const text = allText(dmTo(MANAGER)[0]!.args);
    expect(text).toContain("Weekly digest · 2026-W48");
    expect(text).toContain("Key Kestrel");
    expect(text).toContain("1 of 1 key client touched within cadence (100%)");
    expect(text).toContain(`<@${REP2}>: 1`);
    expect(text).toContain("Overdue Otter");
    expect(text).toContain("follow-up overdue by 25 days");
    expect(text).toContain("B → C (rescore)");
    expect(text).toContain(`<@${REP1}>: 2 touches (A 100% · B 0% · C 0%)`);
    // Effort against value: SKEWED's week is all on Small Shrew (C), 2% of their own portfolio's revenue; EVEN's
    // is all on Even Elm (B), all of theirs.
    expect(text).toContain("*Effort against value*");
    expect(text).toContain(`<@${SKEWED}>: 100% of touches on C clients (6 of 6, 1 meeting among them), which hold 2% of their portfolio's revenue`);
    expect(text).toContain(`<@${EVEN}>: 5 touches (A 0% · B 100% · C 0%)`);
    expect(text).not.toMatch(new RegExp(`<@${EVEN}>: [^\n]*portfolio`));
    expect(text).toContain(
      `*Joined / left the key list this week*: 1 joined, 0 left\n• :key: *Key Kestrel* (<@${REP1}>) joined on 18 Nov: annual revenue 20,000,000 CNY, at or above 100,000 CNY and a relationship of 16 years, at least 3`,
    );
    expect(text).not.toContain("Lone Larch");
    expect(text).not.toContain("Operations");
  });

  it("says a quiet week in one line, and gives an admin the workspace and its operations", async () => {
    expect(await digest("2026-11-23T10:00:00Z")).toMatchObject({ queued: 2, alreadySent: 1 });
    expect(dmTo(MANAGER)).toHaveLength(0);
    const quiet = dmTo(QUIET_MANAGER)[0]!.args;
    expect(quiet.blocks).toHaveLength(1);
    expect(String(quiet.text)).toMatch(/^Quiet week for your team \(16 Nov – 22 Nov\): no touches logged, nothing overdue, no new risks or tier moves\.$/);
    const admin = allText(dmTo(ADMIN)[0]!.args);
    expect(admin).toContain("Whole workspace");
    expect(admin).toContain("Key Kestrel");
    expect(admin).toContain(`<@${LONE_REP}>: 1 touch (A 0% · B 0% · C 100%)`);
    expect(admin).toContain("*Joined / left the key list this week*: 1 joined, 1 left");
    expect(admin).toContain(`• *Lone Larch* (<@${LONE_REP}>) left on 19 Nov: annual revenue 50,000 CNY, below 100,000 CNY and a relationship of 1 year, under 3`);
    expect(admin).toContain("Operations");
    expect(admin).toContain("No delivery failures this week.");
    expect(admin).toMatch(/• digest done at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(dmTo(LONE_REP)).toHaveLength(0);
    for (const call of t.emulator.callsTo("chat.postMessage")) {
      expect(blockKitProblems({ text: String(call.args.text), blocks: call.args.blocks as never })).toEqual([]);
    }
    for (const call of t.emulator.calls) {
      expect(checkCall(call.method, call.args).filter((p) => !isNotInSpecProblem(p) && !/metadata/.test(p))).toEqual([]);
    }
  });

  it("sends nothing new when run again in the same week", async () => {
    expect(await digest("2026-11-26T10:00:00Z")).toMatchObject({ queued: 0, alreadySent: 3 });
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("catches up a week's digest missed on its day for those who had last week's, once; a first week waits for the day", async () => {
    // The bot was down all Monday 30 November (2026-W49). Tuesday's scheduled check: the three readers of W48's
    // digest get W49's now; a manager new this week never had one, and waits for the next Monday.
    await load("users", "slack_id,role,manager\nU0NEWMGR,manager,\n");
    expect(await digest("2026-12-01T10:00:00Z", false)).toMatchObject({ recipients: 4, queued: 3, notDue: 1 });
    expect(dmTo(MANAGER)).toHaveLength(1);
    expect(dmTo("U0NEWMGR")).toHaveLength(0);
    expect(await digest("2026-12-02T10:00:00Z", false)).toMatchObject({ queued: 0, alreadySent: 3 });
  });

  it("names a rep who carries more key clients than the rules suggest, and no one within them", async () => {
    // REP1 takes a second key client; with the rules' limit at 1, the manager's next digest (2026-W50) says so.
    await load("clients", `name,owner,annual_revenue,relationship_since,lifecycle_stage,risk_level\nKey Kite,${REP1},30000000,2012-01-01,mature,low\n`);
    const oneEach = { ...DEFAULT_RULES, keyClient: { ...DEFAULT_RULES.keyClient, maxPerRep: 1 } };
    expect(await digest("2026-12-07T10:00:00Z", true, oneEach)).toMatchObject({ queued: 4, sent: 4 });
    const text = allText(dmTo(MANAGER)[0]!.args);
    expect(text).toContain(`• <@${REP1}> carries 2 key clients, over the 1 the rules suggest: raise the key-client thresholds in the rules file, or accept it.`);
    expect(text).not.toMatch(new RegExp(`<@(${REP2}|${SKEWED}|${EVEN})> carries`));
  });
});
