/**
 * The nudges job against the Slack emulator: one DM per rep on their local business day, listing overdue and
 * due-today follow-ups; nothing on a weekend, for a paused or departed rep, or on a second run the same day.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { runNudges } from "../../src/jobs/nudges.ts";
import { createJobRunners } from "../../src/jobs/runners.ts";
import { createScheduler } from "../../src/jobs/scheduler.ts";
import { createSlackDelivery } from "../../src/jobs/slack-delivery.ts";
import { createLogger } from "../../src/logger.ts";
import type { ImportKind } from "../../src/services/imports.ts";
import { createPrismaClient } from "../../src/store/prisma.ts";
import { allText } from "../support/block-text.ts";
import { checkCall, isNotInSpecProblem } from "../support/slack-openapi.ts";
import { cliEnv, importCsv, startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
const logger = createLogger("silent");
const [REP, FAR_REP, PAUSED_REP, GONE_REP, LEAVING_REP, MANAGER] = ["U0NUDGE1", "U0NUDGE2", "U0NUDGE3", "U0NUDGE4", "U0NUDGE5", "U0NUDGEM"];
let t: TestBot;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

function nudge(at: string) {
  const { store, followUps } = t.bot.services;
  const delivery = createSlackDelivery({ store, botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, ratePerSecond: 50, logger, now: () => new Date() });
  return runNudges({ store, followUps, rules: DEFAULT_RULES, delivery, logger }, TEST_TEAM, new Date(at), true);
}

/** A bot replica's scheduler on the shared store, as the running bot builds it (scheduled, not by hand). */
function scheduledReplica() {
  const { store, followUps } = t.bot.services;
  const now = () => new Date();
  const slack = { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 50 };
  const runners = createJobRunners({ store, services: { followUps }, rules: DEFAULT_RULES, logger, now, adminUserIds: [], slack }, { byHand: false });
  return createScheduler({ store, schedules: DEFAULT_RULES.schedules, logger, now, runners });
}

const dmTo = (user: string) => t.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === `D${user}`);

beforeAll(async () => {
  t = await startTestBot({ clock });
  await load("users", `slack_id,role\n${REP},rep\n${FAR_REP},rep\n${PAUSED_REP},rep\n${GONE_REP},rep\n`);
  await load("clients", ["name,owner", `Late Lighthouse,${REP}`, `Due Dam,${REP}`, `Shanghai Shipping,${FAR_REP}`, `Paused Port,${PAUSED_REP}`, `Gone Grid,${GONE_REP}`, `Future Fields,${REP}`].join("\n"));
  // Tier C, cadence 90 days: 2026-08-01 -> due 2026-10-30 (overdue); 2026-08-25 -> due 2026-11-23; 2026-10-01 -> not due.
  await load(
    "interactions",
    [
      "client,rep,type,occurred_at,summary",
      `Late Lighthouse,${REP},call,2026-08-01T10:00:00Z,a`,
      `Due Dam,${REP},call,2026-08-25T10:00:00Z,b`,
      `Future Fields,${REP},call,2026-10-01T10:00:00Z,c`,
      `Shanghai Shipping,${FAR_REP},call,2026-08-25T10:00:00Z,d`,
      `Paused Port,${PAUSED_REP},call,2026-08-01T10:00:00Z,e`,
      `Gone Grid,${GONE_REP},call,2026-08-01T10:00:00Z,f`,
    ].join("\n"),
  );
  const { store } = t.bot.services;
  await store.users.saveProfile(TEST_TEAM, FAR_REP, { timezone: "Asia/Shanghai", locale: "en-US" }, new Date());
  await store.users.markInactive(TEST_TEAM, GONE_REP);
  const db = createPrismaClient(t.database.target);
  await db.user.update({ where: { workspaceId_slackId: { workspaceId: TEST_TEAM, slackId: PAUSED_REP } }, data: { nudgesPausedUntil: new Date("2026-12-01T00:00:00Z") } });
  await db.$disconnect();
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("nudges", () => {
  it("posts nothing on a Saturday", async () => {
    const stats = await nudge("2026-11-28T10:00:00Z");
    expect(stats).toMatchObject({ queued: 0, sent: 0 });
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("sends each due rep one DM with everything overdue or due today, and skips paused and departed reps", async () => {
    const stats = await nudge("2026-11-23T10:00:00Z");
    expect(stats).toMatchObject({ queued: 2, sent: 2, paused: 1 });
    const [mine] = dmTo(REP);
    expect(dmTo(REP)).toHaveLength(1);
    const text = allText(mine!.args);
    expect(text).toContain("Good morning! 2 follow-ups need you today (1 overdue).");
    expect(text).toContain("Late Lighthouse");
    expect(text).toContain("Due Dam");
    expect(text).not.toContain("Future Fields");
    expect(JSON.stringify(mine!.args.blocks)).toContain('"action_id":"followup_done"');
    expect(mine!.args.metadata).toMatchObject({ event_type: "followups_outbox" });
    expect(dmTo(FAR_REP)).toHaveLength(1);
    expect(dmTo(PAUSED_REP)).toHaveLength(0);
    expect(dmTo(GONE_REP)).toHaveLength(0);
    for (const call of t.emulator.calls) {
      expect(checkCall(call.method, call.args).filter((p) => !isNotInSpecProblem(p) && !/metadata/.test(p))).toEqual([]);
    }
  });

  it("posts nothing new when run again the same day", async () => {
    const stats = await nudge("2026-11-23T15:00:00Z");
    expect(stats).toMatchObject({ queued: 0, sent: 0 });
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("fires a scheduled slot once across two replicas: one job run per workspace, one DM per rep", async () => {
    const slot = new Date("2026-11-25T09:15:00Z"); // Wednesday; after 09:00 in UTC and in Shanghai
    const [first, second] = await Promise.all([scheduledReplica().fire("nudges", slot), scheduledReplica().fire("nudges", slot)]);
    const outcomes = [...first!, ...second!].map((o) => o.kind).sort();
    expect(outcomes).toEqual(["already-claimed", "done"]);
    expect(dmTo(REP)).toHaveLength(1);
    expect(dmTo(FAR_REP)).toHaveLength(1);
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("waits for each rep's local morning on a scheduled run", async () => {
    const scheduler = scheduledReplica();
    // Thursday 01:30 UTC: 09:30 in Shanghai (nudged), 01:30 in UTC (too early).
    await scheduler.fire("nudges", new Date("2026-11-26T01:30:00Z"));
    expect(dmTo(FAR_REP)).toHaveLength(1);
    expect(dmTo(REP)).toHaveLength(0);
  });

  it("marks a rep who left Slack inactive and tells their manager once, in the same run", async () => {
    await load("users", `slack_id,role,manager\n${MANAGER},manager,\n${LEAVING_REP},rep,${MANAGER}\n`);
    await load("clients", `name,owner\nLeaving Lagoon,${LEAVING_REP}\nLeaving Loch,${LEAVING_REP}\n`);
    await load("interactions", `client,rep,type,occurred_at,summary\nLeaving Lagoon,${LEAVING_REP},call,2026-08-01T10:00:00Z,g\n`);
    t.emulator.setUser(LEAVING_REP, { deleted: true });
    const stats = await nudge("2026-11-30T10:00:00Z");
    expect(stats).toMatchObject({ failed: 1 });
    expect(await t.bot.services.store.users.find(TEST_TEAM, LEAVING_REP)).toMatchObject({ active: false });
    expect(dmTo(MANAGER)).toHaveLength(1);
    expect(allText(dmTo(MANAGER)[0]!.args)).toContain(`<@${LEAVING_REP}> has left Slack: the bot can no longer message them, so their nudges have stopped. They own 2 active clients; \`/client reassign @them @new-owner\` hands them all`);
    t.emulator.reset();
    await nudge("2026-12-01T10:00:00Z");
    expect(dmTo(MANAGER)).toHaveLength(0);
    expect(t.emulator.callsTo("conversations.open").filter((c) => c.args.users === LEAVING_REP)).toHaveLength(0);
  });

  it("runs by hand from the command line, as operators do", async () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const { stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/job.ts", "nudges", "--at", "2026-11-24T10:00"], {
      cwd: root,
      env: cliEnv(t),
    });
    expect(stderr).toContain("running nudges for workspace T0TEST as of 2026-11-24T10:00:00.000Z");
    expect(stderr).toMatch(/nudges done: .*2 nudges queued.*; posts: 2 sent, 0 failed\.$/m);
    expect(dmTo(REP)).toHaveLength(1);
  });

  it("queue-only (as the benchmark runs it) leaves the DMs in the outbox for the next run that delivers", async () => {
    const { store, followUps } = t.bot.services;
    const slack = { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 50 };
    const queueOnly = createJobRunners({ store, services: { followUps }, rules: DEFAULT_RULES, logger, now: () => new Date(), adminUserIds: [], slack }, { byHand: true, queueOnly: true });
    const { stats: queued } = await queueOnly.nudges!(TEST_TEAM, new Date("2026-12-03T10:00:00Z"));
    expect(queued).toMatchObject({ sent: 0, failed: 0 });
    expect(queued.queued).toBeGreaterThan(0);
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(0);

    const delivered = await nudge("2026-12-03T11:00:00Z");
    expect(delivered).toMatchObject({ queued: 0, sent: queued.queued });
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(queued.queued!);
  });
});
