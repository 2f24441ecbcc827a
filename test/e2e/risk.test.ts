/**
 * The risk job against the Slack emulator: an owner and the alert channel hear once when a client enters a risk
 * state (with the rule and the reason), nothing while it lasts, and a short note when a logged touch clears it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RULES, rulesSchema } from "../../src/domain/rules.ts";
import { createJobRunners } from "../../src/jobs/runners.ts";
import { createLogger } from "../../src/logger.ts";
import type { ImportKind } from "../../src/services/imports.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";
import { checkCall, isNotInSpecProblem } from "../support/slack-openapi.ts";
import { importCsv, startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
const logger = createLogger("silent");
const [REP, OTHER_REP] = ["U0RISK1", "U0RISK2"];
const ALERTS = "C0ALERTS";
const rules = rulesSchema.parse({ ...DEFAULT_RULES, alerts: { channel: ALERTS } });
let t: TestBot;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

/** The risk job by hand, as `npm run job -- risk --at` runs it. */
async function risk(at: string) {
  const { store, followUps } = t.bot.services;
  const runners = createJobRunners(
    { store, services: { followUps }, rules, logger, now: () => new Date(), adminUserIds: [], slack: { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 50 } },
    { byHand: true },
  );
  return (await runners.risk!(TEST_TEAM, new Date(at))).stats;
}

const postsTo = (channel: string) => t.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);

beforeAll(async () => {
  t = await startTestBot({ clock });
  await load("clients", ["name,owner", `Quiet Quay,${REP}`, `Negative North,${REP}`, `Healthy Harbour,${REP}`, `Other Oasis,${OTHER_REP}`, "Ownerless Oak,"].join("\n"));
  // Tier C, cadence 90: Quiet Quay last touched 2026-05-01 is overdue and silent (206 days > 2 x 90).
  await load(
    "interactions",
    [
      "client,rep,type,occurred_at,summary,sentiment",
      `Quiet Quay,${REP},call,2026-05-01T10:00:00Z,old call,neutral`,
      `Negative North,${REP},meeting,2026-11-20T10:00:00Z,they are unhappy <!channel>,negative`,
      `Healthy Harbour,${REP},call,2026-11-20T10:00:00Z,fine,positive`,
      `Other Oasis,${OTHER_REP},call,2026-11-20T10:00:00Z,fine,neutral`,
      `Ownerless Oak,${REP},call,2026-05-01T10:00:00Z,old,neutral`,
    ].join("\n"),
  );
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("risk alerts", () => {
  it("alerts the owner once, in one post, and the alert channel, naming each rule and its reason", async () => {
    const stats = await risk("2026-11-23T10:00:00Z");
    expect(stats).toMatchObject({ checked: 5, entered: 5, left: 0, posts: 2, sent: 2, failed: 0 });
    const [dm] = postsTo(`D${REP}`);
    expect(postsTo(`D${REP}`)).toHaveLength(1);
    const text = allText(dm!.args);
    expect(text).toContain("Quiet Quay");
    expect(text).toContain("Follow-up overdue");
    expect(text).toContain("no touch for 206 days, cadence 90");
    expect(text).toContain("Negative North");
    expect(text).toContain("negative meeting on 2026-11-20");
    expect(text).not.toContain("Healthy Harbour");
    expect(text).not.toContain("Ownerless Oak");
    expect(JSON.stringify(dm!.args.blocks)).toContain('"action_id":"log_open"');
    expect(postsTo(`D${OTHER_REP}`)).toHaveLength(0);

    const [channel] = postsTo(ALERTS);
    expect(postsTo(ALERTS)).toHaveLength(1);
    const channelText = allText(channel!.args);
    expect(channelText).toContain(`<@${REP}>`);
    expect(channelText).toContain("Ownerless Oak");
    expect(channelText).toContain("no owner");

    for (const call of t.emulator.callsTo("chat.postMessage")) {
      const payload = { text: String(call.args.text), blocks: call.args.blocks as never };
      expect(blockKitProblems(payload)).toEqual([]);
      expect(mentionProblems(payload, [REP])).toEqual([]);
    }
    for (const call of t.emulator.calls) {
      expect(checkCall(call.method, call.args).filter((p) => !isNotInSpecProblem(p) && !/metadata/.test(p))).toEqual([]);
    }
  });

  it("says nothing more while the states last", async () => {
    const stats = await risk("2026-11-23T16:00:00Z");
    expect(stats).toMatchObject({ entered: 0, left: 0, posts: 0, sent: 0 });
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("notes 'back to normal' once when a logged touch clears a client's states", async () => {
    const reply = await t.slack.command("/log", "Quiet Quay call caught up, all good", { userId: REP });
    expect(reply.status).toBe(200);
    t.emulator.reset();
    const stats = await risk("2026-11-23T17:00:00Z");
    expect(stats).toMatchObject({ entered: 0, left: 2, posts: 2, sent: 2 });
    const text = allText(postsTo(`D${REP}`)[0]!.args);
    expect(text).toContain("*Quiet Quay* is back to normal: Follow-up overdue: a touch was logged on Mon 23 Nov 2026.");
    expect(text).toContain("*Quiet Quay* is back to normal: Gone quiet: a touch was logged on Mon 23 Nov 2026.");
    expect(text).not.toContain("Negative North");
    expect(allText(postsTo(ALERTS)[0]!.args)).toContain("back to normal");

    t.emulator.reset();
    expect(await risk("2026-11-23T18:00:00Z")).toMatchObject({ entered: 0, left: 0, posts: 0 });
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("a key client that stops qualifying: the quarterly-meeting state ends as no longer applying, not as back to normal", async () => {
    // Key (revenue 2,000,000 since 2015) with no meeting this quarter: alerted.
    await load("clients", `name,owner,annual_revenue,relationship_since\nMekong Hydro Consortium,${REP},2000000,2015-01-01`);
    await load("interactions", `client,rep,type,occurred_at,summary\nMekong Hydro Consortium,${REP},call,2026-11-22T10:00:00Z,checked in`);
    t.emulator.reset();
    await risk("2026-11-23T19:00:00Z");
    expect(allText(postsTo(`D${REP}`)[0]!.args)).toContain("Key client without a meeting this quarter");
    // The revenue is cut by import: no longer a key client, and nothing was done about the meeting.
    await load("clients", "name,owner,annual_revenue\nMekong Hydro Consortium,U0RISK1,50000");
    t.emulator.reset();
    await risk("2026-11-23T20:00:00Z");
    const text = allText(postsTo(`D${REP}`)[0]!.args);
    expect(text).toContain("*Mekong Hydro Consortium*: Key client without a meeting this quarter ended: no longer a key client, so the quarterly-meeting rule no longer applies.");
    expect(text).not.toContain("Mekong Hydro Consortium* is back to normal");
    expect(postsTo(`D${REP}`)[0]!.args.text).toContain("Risk state ended, not resolved: Mekong Hydro Consortium");
    // Leaving the key list is an event of its own, told to the owner with the threshold it now misses, once.
    const keyPosts = postsTo(`D${REP}`).filter((p) => allText(p.args).includes("Key client list"));
    expect(keyPosts).toHaveLength(1);
    expect(allText(keyPosts[0]!.args)).toContain("*Mekong Hydro Consortium* is no longer a key client: annual revenue 50,000 CNY, below 100,000 CNY.");
    const { store } = t.bot.services;
    const client = (await store.clients.list(TEST_TEAM, {}, 100)).items.find((c) => c.name === "Mekong Hydro Consortium")!;
    expect(await store.keyChanges.latestFor(TEST_TEAM, client.id)).toMatchObject({ joined: false });
    const audit = await store.audit.forEntity(TEST_TEAM, "client", client.id, 10);
    expect(audit.map((a) => a.action)).toContain("key.leave");
    // The card says when and why it left the key list.
    const card = allText((await t.slack.command("/tier", "Mekong Hydro Consortium", { userId: REP })).json);
    expect(card).toContain("left the key list on Mon 23 Nov 2026 (annual revenue 50,000 CNY, below 100,000 CNY)");
    expect(card).not.toContain("Key client*");
    t.emulator.reset();
    await risk("2026-11-23T21:00:00Z");
    expect(postsTo(`D${REP}`)).toHaveLength(0);
  });

  it("shows the client's active risks on its card, as the job sees them", async () => {
    const reply = await t.slack.command("/tier", "Negative North", { userId: REP });
    expect(allText(reply.json)).toContain("negative meeting on 2026-11-20");
  });

  it("notes 'back to normal' when every state an owner was alerted about ends together", async () => {
    // One state, one alert; later the same state, alone, ends: the note is not the alert a second time.
    const LONE_REP = "U0RISK3";
    await load("clients", `name,owner\nLonely Lake,${LONE_REP}`);
    await load("interactions", `client,rep,type,occurred_at,summary,sentiment\nLonely Lake,${LONE_REP},call,2026-11-22T10:00:00Z,upset,negative`);
    t.emulator.reset();
    await risk("2026-11-23T19:00:00Z");
    expect(postsTo(`D${LONE_REP}`)).toHaveLength(1);
    t.emulator.reset();
    await risk("2026-12-24T10:00:00Z"); // 32 days on: past the negative lookback (30)
    const notes = postsTo(`D${LONE_REP}`);
    expect(notes).toHaveLength(1);
    // Time passing is no resolution: the note says the state ended, and why.
    expect(allText(notes[0]!.args)).toContain("*Lonely Lake*: Negative touch ended: the negative touch is now more than 30 days old.");
  });
});
