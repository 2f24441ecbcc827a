/**
 * Slack retries and duplicate deliveries: an event that arrives again (with or without X-Slack-Retry-Num) and a
 * command, button click or form submission that arrives twice (same trigger) are answered with a 200 and change
 * nothing the second time; different payloads are all handled.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { allText, asEphemeral } from "../support/block-text.ts";
import { startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

let t: TestBot;
const NOW = new Date("2026-11-23T03:00:00Z");
const ADMIN = "U0RETRYADMIN";

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => NOW }, env: { ADMIN_USER_IDS: ADMIN } });
  t.emulator.setUser("U0TEST", { tz: "Asia/Shanghai" });
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => t.emulator.reset());

const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

describe("events", () => {
  const homeOpened = { type: "app_home_opened", user: "U0TEST", channel: "D0TEST", tab: "home" };

  it.each([
    ["with X-Slack-Retry-Num", { retryNum: 1, retryReason: "http_timeout" }],
    ["without a retry header", {}],
  ])("handles an event once when it arrives again %s", async (_label, retry) => {
    const eventId = `Ev0HOME${Object.keys(retry).length}`;
    const first = await t.slack.event(homeOpened, { eventId });
    const again = await t.slack.event(homeOpened, { eventId, ...retry });
    expect([first.status, again.status]).toEqual([200, 200]);
    await t.emulator.waitForCall("views.publish");
    await settle();
    expect(t.emulator.callsTo("views.publish")).toHaveLength(1);
  });

  it("handles every event with its own event_id", async () => {
    await t.slack.event(homeOpened, { eventId: "Ev0HOMEA" });
    await t.slack.event(homeOpened, { eventId: "Ev0HOMEB" });
    await expect.poll(() => t.emulator.callsTo("views.publish").length).toBe(2);
  });
});

describe("commands", () => {
  it("stores a /log delivered twice once, and says so the second time", async () => {
    await t.slack.command("/client", "add Twice Told Energy");
    const text = "Twice Told Energy call only once please";
    const first = asEphemeral((await t.slack.command("/log", text, { triggerId: "trigger-log-twice" })).json);
    const again = await t.slack.command("/log", text, { triggerId: "trigger-log-twice" });
    expect(again.status).toBe(200);
    expect(allText(first)).toContain("Logged a call with *Twice Told Energy*");
    expect(allText(asEphemeral(again.json))).toContain("reached me twice");
    const card = allText(asEphemeral((await t.slack.command("/tier", "Twice Told Energy")).json));
    expect(card.match(/only once please/g)).toHaveLength(1);
  });

  it("records a role change delivered twice once", async () => {
    const change = () => t.slack.command("/team", "set <@U0PROMOTED|promoted> manager", { userId: ADMIN, triggerId: "trigger-team-twice" });
    expect((await change()).status).toBe(200);
    expect((await change()).status).toBe(200);
    const entries = await t.bot.services.store.audit.forEntity(TEST_TEAM, "user", "U0PROMOTED", 10);
    expect(entries.filter((e) => e.action === "role.change")).toHaveLength(1);
  });

  it("handles two invocations (two triggers) as two", async () => {
    await t.slack.command("/client", "add Said Twice Co");
    await t.slack.command("/log", "Said Twice Co note said it");
    await t.slack.command("/log", "Said Twice Co email said it");
    const card = allText(asEphemeral((await t.slack.command("/tier", "Said Twice Co")).json));
    expect(card.match(/said it/g)).toHaveLength(2);
  });
});

describe("interactions", () => {
  it("answers a button click delivered twice once", async () => {
    const added = asEphemeral((await t.slack.command("/client", "add Clicked Twice Co")).json);
    const clientId = JSON.stringify(added.blocks).match(/"value":"([^"]+)"/)?.[1] ?? "";
    t.emulator.reset();
    const click = () => t.slack.blockAction({ actionId: "client_show", value: clientId, triggerId: "trigger-click-twice" });
    expect((await click()).status).toBe(200);
    expect((await click()).status).toBe(200);
    await t.emulator.waitForResponse();
    await settle();
    expect(t.emulator.responses).toHaveLength(1);
  });

  it("stores a log form submission delivered twice once", async () => {
    const added = asEphemeral((await t.slack.command("/client", "add Submitted Twice Co")).json);
    const clientId = JSON.stringify(added.blocks).match(/"value":"([^"]+)"/)?.[1] ?? "";
    t.emulator.reset();
    const values = {
      client: { client_pick: { type: "external_select", selected_option: { text: { type: "plain_text", text: "Submitted Twice Co" }, value: clientId } } },
      type: { type: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Call" }, value: "call" } } },
      date: { date: { type: "datepicker", selected_date: null } },
      sentiment: { sentiment: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "Neutral" }, value: "neutral" } } },
      summary: { summary: { type: "plain_text_input", value: "submitted in one click" } },
      next: { next: { type: "datepicker", selected_date: null } },
    };
    const submit = (viewId: string) => t.slack.viewSubmission({ callbackId: "log_interaction", values, viewId, triggerId: "trigger-submit-twice" });
    expect((await submit("V0TWICE1")).status).toBe(200);
    expect((await submit("V0TWICE1")).status).toBe(200);
    await t.emulator.waitForCall("chat.postMessage");
    await settle();
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(1);
    const card = allText(asEphemeral((await t.slack.command("/tier", "Submitted Twice Co")).json));
    expect(card.match(/submitted in one click/g)).toHaveLength(1);
  });
});
