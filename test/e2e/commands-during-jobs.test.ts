/**
 * A job never blocks slash commands: while the nudges job waits on a slow Slack, `/tier` and `/log` still answer
 * at once, and the job then finishes its posts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { createJobRunners } from "../../src/jobs/runners.ts";
import { createLogger } from "../../src/logger.ts";
import { allText, asEphemeral } from "../support/block-text.ts";
import { importCsv, startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const NOW = new Date("2026-11-23T10:00:00Z");
const REPS = ["U0SLOW1", "U0SLOW2", "U0SLOW3"];
let t: TestBot;

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => NOW } });
  await importCsv(t, "users", ["slack_id,role", ...REPS.map((rep) => `${rep},rep`)].join("\n"));
  await importCsv(t, "clients", ["name,owner", ...REPS.map((rep, i) => `Slow Station ${i + 1},${rep}`)].join("\n"));
  await importCsv(t, "interactions", ["client,rep,type,occurred_at,summary", ...REPS.map((rep, i) => `Slow Station ${i + 1},${rep},call,2026-08-01T10:00:00Z,x`)].join("\n"));
});

afterAll(async () => {
  await t?.stop();
});

describe("slash commands while a job runs", () => {
  it("answer at once while the nudges job waits on Slack, and the job still posts each DM", async () => {
    const { store, followUps } = t.bot.services;
    const now = () => NOW;
    const slack = { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 50 };
    const runners = createJobRunners({ store, services: { followUps }, rules: DEFAULT_RULES, logger: createLogger("silent"), now, adminUserIds: [], slack }, { byHand: true });
    // Each DM takes Slack 2.5 s to answer.
    t.emulator.inject({ method: "chat.postMessage", kind: "latency", ms: 2500, times: REPS.length });

    let jobDone = false;
    const job = runners.nudges!(TEST_TEAM, NOW).finally(() => (jobDone = true));
    // The first DM is on its way (recorded as it arrives, answered 2.5 s later).
    await vi.waitFor(() => expect(t.emulator.callsTo("chat.postMessage").length).toBeGreaterThan(0), { timeout: 5000 });

    const tier = await t.slack.command("/tier", "Slow Station 1", { userId: REPS[0] });
    expect(allText(asEphemeral(tier.json))).toContain("Why this score");
    const log = await t.slack.command("/log", "Slow Station 2 call Checked in", { userId: REPS[1] });
    expect(allText(asEphemeral(log.json))).toContain("Logged a call with *Slow Station 2*");
    expect(jobDone).toBe(false);

    expect((await job).stats).toMatchObject({ sent: REPS.length });
  });
});
