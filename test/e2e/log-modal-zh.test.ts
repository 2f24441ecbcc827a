/**
 * The log form in the reader's language, end to end: a rep whose Slack locale is Simplified Chinese gets the log
 * modal (bare `/log`, the shortcuts) and the edit form in Chinese, and the problems on its fields in Chinese.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

// Monday 23 November 2026, 11:00 in Shanghai.
const NOW = new Date("2026-11-23T03:00:00Z");
const ZH_REP = "U0ZHLOG";
const EN_REP = "U0ENLOG";
const LATIN = /[A-Za-z]/;
let t: TestBot;
let clientId = "";

type OpenedModal = {
  id: string;
  callback_id: string;
  title: { text: string };
  submit: { text: string };
  close: { text: string };
  blocks: { block_id?: string; label?: { text: string }; hint?: { text: string }; element?: { options?: { text: { text: string }; value: string }[] } }[];
};

/** Every plain_text a person reads in a view. */
function plainTexts(view: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (record.type === "plain_text" && typeof record.text === "string") out.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(view);
  return out;
}

const labelOf = (modal: OpenedModal, block: string) => modal.blocks.find((b) => b.block_id === block)?.label?.text;
const selected = (value: string) => ({ text: { type: "plain_text", text: value }, value });
const values = (overrides: { next?: string | null; summary?: string; client?: string | null } = {}) => ({
  client: { client_pick: { type: "external_select", selected_option: overrides.client === null ? null : selected(overrides.client ?? clientId) } },
  type: { type: { type: "static_select", selected_option: selected("visit") } },
  date: { date: { type: "datepicker", selected_date: null } },
  sentiment: { sentiment: { type: "radio_buttons", selected_option: selected("neutral") } },
  summary: { summary: { type: "plain_text_input", value: overrides.summary ?? "拜访冶炼厂现场" } },
  next: { next: { type: "datepicker", selected_date: overrides.next ?? null } },
});

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => NOW } });
  t.emulator.setUser(ZH_REP, { locale: "zh-CN", tz: "Asia/Shanghai" });
  t.emulator.setUser(EN_REP, { locale: "en-US", tz: "Asia/Shanghai" });
  await t.slack.command("/client", "add Jinling Metals", { userId: ZH_REP });
  clientId = (await t.bot.services.store.clients.findByKey(TEST_TEAM, "jinling metals"))!.id;
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("the log modal for a Chinese reader", () => {
  it("opens in Chinese for bare /log", async () => {
    const reply = await t.slack.command("/log", "", { userId: ZH_REP, triggerId: "trigger-zh-1" });
    expect(reply.status).toBe(200);
    const open = await t.emulator.waitForCall("views.open");
    expect(open.args.trigger_id).toBe("trigger-zh-1");
    const modal = open.response!.body.view as OpenedModal;
    expect(modal.callback_id).toBe("log_interaction");
    expect([modal.title.text, modal.submit.text, modal.close.text]).toEqual(["记录接触", "记录", "取消"]);
    expect(["client", "type", "date", "sentiment", "summary", "next"].map((block) => labelOf(modal, block))).toEqual([
      "客户",
      "接触方式",
      "接触日期",
      "客户态度",
      "内容摘要",
      "下次跟进",
    ]);
    expect(modal.blocks.find((b) => b.block_id === "type")?.element?.options?.map((o) => o.text.text)).toEqual(["电话", "会议", "邮件", "拜访", "消息", "备注"]);
    expect(modal.blocks.find((b) => b.block_id === "next")?.hint?.text).toBe("留空则按该客户的跟进周期安排。");
    expect(plainTexts(modal).filter((text) => LATIN.test(text))).toEqual([]);
    for (const text of [modal.title.text, modal.submit.text, modal.close.text]) expect([...text].length).toBeLessThanOrEqual(24);
  });

  it("puts a past next follow-up's error on its field in Chinese", async () => {
    const reply = await t.slack.viewSubmission({ callbackId: "log_interaction", userId: ZH_REP, values: values({ next: "2001-01-01" }) });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ response_action: "errors", errors: { next: "下次跟进日期不能早于今天。" } });
  });

  it("asks for a client and a summary in Chinese", async () => {
    const reply = await t.slack.viewSubmission({ callbackId: "log_interaction", userId: ZH_REP, values: values({ client: null, summary: "  " }) });
    expect(reply.json).toEqual({ response_action: "errors", errors: { client: "请从列表中选择客户。", summary: "请填写简要摘要。" } });
  });

  it("keeps the errors in English for an English reader", async () => {
    const reply = await t.slack.viewSubmission({ callbackId: "log_interaction", userId: EN_REP, values: values({ next: "2001-01-01" }) });
    expect(reply.json).toEqual({ response_action: "errors", errors: { next: "The next follow-up can't be in the past." } });
  });

  it("opens in Chinese from the global shortcut and from the client's Log button", async () => {
    await t.slack.shortcut({ callbackId: "log_touch", type: "shortcut", userId: ZH_REP });
    const fromShortcut = (await t.emulator.waitForCall("views.open")).response!.body.view as OpenedModal;
    expect(fromShortcut.title.text).toBe("记录接触");
    t.emulator.reset();
    await t.slack.blockAction({ actionId: "log_open", value: clientId, userId: ZH_REP });
    const fromButton = (await t.emulator.waitForCall("views.open")).response!.body.view as OpenedModal;
    expect(fromButton.title.text).toBe("记录接触");
    // The client's name is the client's, as typed: everything else is Chinese.
    expect(plainTexts(fromButton).filter((text) => LATIN.test(text))).toEqual(["Jinling Metals"]);
  });

  it("says in Chinese when the message shortcut could not open the form", async () => {
    t.emulator.inject({ method: "views.open", kind: "error", error: "expired_trigger_id" });
    await t.slack.shortcut({ callbackId: "log_message", type: "message_action", userId: ZH_REP, message: { type: "message", ts: "1763892000.000300", text: "您好" } });
    const answer = await t.emulator.waitForResponse();
    expect((answer.body as { text?: string }).text).toBe("暂时无法打开记录表单。请稍后重试，或使用 `/log`。");
  });

  it("opens the edit form of a logged touch in Chinese, and says its problems in Chinese", async () => {
    const logged = await t.slack.viewSubmission({ callbackId: "log_interaction", userId: ZH_REP, values: values({ summary: "首次拜访" }), viewId: "V0ZHLOGGED" });
    expect(logged.status).toBe(200);
    const confirmation = await t.emulator.waitForCall("chat.postMessage");
    const touchId = JSON.stringify(confirmation.args.blocks).match(/"action_id":"touch_edit","value":"([^"]+)"/)?.[1] ?? "";
    expect(touchId).not.toBe("");
    t.emulator.reset();

    await t.slack.blockAction({ actionId: "touch_edit", value: touchId, userId: ZH_REP });
    const form = (await t.emulator.waitForCall("views.open")).response!.body.view as OpenedModal;
    expect(form.callback_id).toBe("touch_edit_form");
    expect([form.title.text, form.submit.text, form.close.text]).toEqual(["修改接触记录", "保存", "取消"]);
    expect(plainTexts(form).filter((text) => LATIN.test(text))).toEqual([]);

    const edited = await t.slack.viewSubmission({
      callbackId: "touch_edit_form",
      viewId: form.id,
      userId: ZH_REP,
      values: {
        type: { type: { type: "static_select", selected_option: selected("visit") } },
        date: { date: { type: "datepicker", selected_date: "2026-11-24" } },
        sentiment: { sentiment: { type: "radio_buttons", selected_option: selected("neutral") } },
        summary: { summary: { type: "plain_text_input", value: "" } },
        next: { next: { type: "datepicker", selected_date: null } },
      },
    });
    expect(edited.json).toEqual({ response_action: "errors", errors: { date: "接触日期不能晚于今天。", summary: "请填写简要摘要。" } });
  });
});
