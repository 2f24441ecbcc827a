/**
 * The shortcuts that open the log modal: the global "Log a touch", and "Log as a client touch" on a message, which
 * prefills the summary with the message and stores the touch with the message's permalink.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../src/store/prisma.ts";
import { allText } from "../support/block-text.ts";
import { startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
const REP = "U0SHORT";
let t: TestBot;
let clientId: string;

type OpenedModal = { id: string; callback_id: string; private_metadata: string; blocks: { block_id?: string; element?: { initial_value?: string; initial_option?: unknown } }[] };

beforeAll(async () => {
  t = await startTestBot({ clock });
  await t.slack.command("/client", "add Shortcut Shipping", { userId: REP });
  clientId = (await t.bot.services.store.clients.findByKey(TEST_TEAM, "shortcut shipping"))!.id;
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("shortcuts", () => {
  it("opens an empty log form from the global shortcut", async () => {
    const reply = await t.slack.shortcut({ callbackId: "log_touch", type: "shortcut", userId: REP });
    expect(reply.status).toBe(200);
    const opened = await t.emulator.waitForCall("views.open");
    const modal = opened.response!.body.view as OpenedModal;
    expect(modal.callback_id).toBe("log_interaction");
    expect(modal.blocks.find((b) => b.block_id === "client")?.element?.initial_option).toBeUndefined();
  });

  it("logs a Slack message as a touch, with its text as the summary and its permalink kept", async () => {
    const message = { type: "message", user: "U0CLIENTCHAT", ts: "1763892000.000100", text: "Lender call: term sheet &lt;v2&gt; agreed &amp; signed" };
    await t.slack.shortcut({ callbackId: "log_message", type: "message_action", userId: REP, channelId: "C0DEALS", message });
    const opened = await t.emulator.waitForCall("views.open");
    expect(t.emulator.callsTo("chat.getPermalink")[0]?.args).toMatchObject({ channel: "C0DEALS", message_ts: "1763892000.000100" });
    const modal = opened.response!.body.view as OpenedModal;
    expect(modal.blocks.find((b) => b.block_id === "summary")?.element?.initial_value).toBe("Lender call: term sheet <v2> agreed & signed");
    const permalink = (JSON.parse(modal.private_metadata) as { permalink: string }).permalink;
    expect(permalink).toMatch(/^https:\/\/.+\/archives\/C0DEALS\/p1763892000000100$/);

    const submitted = await t.slack.viewSubmission({
      callbackId: "log_interaction",
      viewId: modal.id,
      userId: REP,
      values: {
        client: { client_pick: { type: "external_select", selected_option: { text: { type: "plain_text", text: "Shortcut Shipping" }, value: clientId } } },
        type: { type: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Message" }, value: "message" } } },
        summary: { summary: { type: "plain_text_input", value: "Lender call: term sheet <v2> agreed & signed" } },
      },
    });
    expect(submitted.status).toBe(200);
    await t.emulator.waitForCall("chat.postMessage", (c) => String(c.args.text).includes("Logged a message"));
    const db = createPrismaClient(t.database.target);
    const stored = await db.interaction.findFirstOrThrow({ where: { workspaceId: TEST_TEAM, clientId }, select: { permalink: true, source: true, summary: true } });
    await db.$disconnect();
    expect(stored).toEqual({ permalink, source: "shortcut", summary: "Lender call: term sheet <v2> agreed & signed" });
    const card = await t.slack.command("/tier", "Shortcut Shipping", { userId: REP });
    expect(allText(card.json)).toContain(`term sheet &lt;v2&gt; agreed &amp; signed (<${permalink}|message>)`);
  });

  it("still opens the form, without a link, when the permalink cannot be had", async () => {
    t.emulator.inject({ method: "chat.getPermalink", kind: "error", error: "channel_not_found" });
    await t.slack.shortcut({ callbackId: "log_message", type: "message_action", userId: REP, message: { type: "message", ts: "1763892000.000200", text: "hello" } });
    const opened = await t.emulator.waitForCall("views.open");
    expect(JSON.parse((opened.response!.body.view as OpenedModal).private_metadata)).toEqual({});
  });
});
