/** The log form (log modal, edit form, the problems on its fields) in the reader's language: English and Simplified Chinese. */
import type { ViewStateValue } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { describe, expect, it } from "vitest";
import { INTERACTION_TYPES, LIMITS, SENTIMENTS } from "../../src/domain/interaction.ts";
import type { TouchToEdit } from "../../src/services/interactions.ts";
import { messagesFor, type Messages } from "../../src/slack/i18n/index.ts";
import { LOG_MODAL } from "../../src/slack/ids.ts";
import { readTouchForm } from "../../src/slack/listeners/views/touch-form.ts";
import { buildEditTouchModal, buildLogModal } from "../../src/slack/views/log-modal.ts";
import { BLOCK_KIT_LIMITS, blockKitProblems } from "../support/block-kit-limits.ts";

const EN = messagesFor("en");
const ZH = messagesFor("zh-CN");
const TODAY = "2026-06-15";
const LATIN = /[A-Za-z]/;
const TOUCH: TouchToEdit = { id: "int1", clientName: "华能国际电力", type: "visit", sentiment: "positive", summary: "现场拜访", touchedOn: TODAY, next: "2026-07-01" };

/** Every plain_text a person sees in a view: title, submit, close, labels, placeholders, hints, option texts. */
function plainTexts(view: unknown): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${where}[${i}]`));
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (record.type === "plain_text" && typeof record.text === "string") out.push({ where, text: record.text });
    for (const [key, value] of Object.entries(record)) walk(value, where ? `${where}.${key}` : key);
  };
  walk(view, "");
  return out;
}

const textAt = (view: ModalView, block: string, path: "label" | "hint") =>
  (view.blocks.find((b) => b.block_id === block) as unknown as Record<string, { text: string }> | undefined)?.[path]?.text;
const optionTexts = (view: ModalView, block: string) =>
  ((view.blocks.find((b) => b.block_id === block) as unknown as { element: { options: { text: { text: string } }[] } }).element.options ?? []).map((o) => o.text.text);

describe("the log modal in Chinese", () => {
  const modal = buildLogModal(ZH, { today: TODAY });

  it("has its title, buttons, labels, placeholder, hint and options in Chinese", () => {
    expect(modal.title.text).toBe("记录接触");
    expect(modal.submit?.text).toBe("记录");
    expect(modal.close?.text).toBe("取消");
    expect(textAt(modal, LOG_MODAL.client.block, "label")).toBe("客户");
    expect(textAt(modal, LOG_MODAL.type.block, "label")).toBe("接触方式");
    expect(textAt(modal, LOG_MODAL.date.block, "label")).toBe("接触日期");
    expect(textAt(modal, LOG_MODAL.sentiment.block, "label")).toBe("客户态度");
    expect(textAt(modal, LOG_MODAL.summary.block, "label")).toBe("内容摘要");
    expect(textAt(modal, LOG_MODAL.next.block, "label")).toBe("下次跟进");
    expect(textAt(modal, LOG_MODAL.next.block, "hint")).toBe("留空则按该客户的跟进周期安排。");
    expect(JSON.stringify(modal)).toContain('"placeholder":{"type":"plain_text","text":"输入客户名称搜索"}');
    expect(optionTexts(modal, LOG_MODAL.type.block)).toEqual(["电话", "会议", "邮件", "拜访", "消息", "备注"]);
    expect(optionTexts(modal, LOG_MODAL.sentiment.block)).toEqual(["正面", "中性", "负面"]);
  });

  it("leaves no English in anything a person reads, and keeps the values and ids as they are", () => {
    const texts = plainTexts(modal);
    expect(texts.length).toBeGreaterThan(15);
    expect(texts.filter(({ text }) => LATIN.test(text))).toEqual([]);
    const english = buildLogModal(EN, { today: TODAY });
    const skeleton = (view: ModalView) => JSON.stringify(view, (key, value: unknown) => (key === "text" ? "" : value));
    expect(skeleton(modal)).toBe(skeleton(english));
  });

  it("is within Slack's limits: title, submit and close at most 24 characters, options at most 75", () => {
    expect(blockKitProblems(modal)).toEqual([]);
    for (const t of [EN, ZH]) {
      for (const text of [t.log.title, t.log.submit, t.log.close, t.log.editTitle, t.log.editSubmit]) expect([...text].length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.modalTitle);
      for (const text of [...INTERACTION_TYPES.map((type) => t.log.typeOption[type]), ...SENTIMENTS.map((s) => t.log.sentimentOption[s])]) {
        expect([...text].length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.optionText);
      }
    }
  });

  it("keeps a prefilled client and summary as they are, within limits", () => {
    const prefilled = buildLogModal(ZH, { today: TODAY, client: { id: "c1", name: "Sunrise Solar" }, summary: "x".repeat(LIMITS.summary + 10) });
    expect(blockKitProblems(prefilled)).toEqual([]);
    expect(JSON.stringify(prefilled)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Sunrise Solar"},"value":"c1"}');
  });
});

describe("the edit form in Chinese", () => {
  const form = buildEditTouchModal(ZH, TOUCH);

  it("speaks Chinese, prefilled with the touch, within limits", () => {
    expect(blockKitProblems(form)).toEqual([]);
    expect(form.title.text).toBe("修改接触记录");
    expect(form.submit?.text).toBe("保存");
    expect(form.close?.text).toBe("取消");
    expect(plainTexts(form).filter(({ text }) => LATIN.test(text))).toEqual([]);
    expect(JSON.stringify(form)).toContain('"initial_option":{"text":{"type":"plain_text","text":"拜访"},"value":"visit"}');
    expect(JSON.stringify(form)).toContain('"initial_option":{"text":{"type":"plain_text","text":"正面"},"value":"positive"}');
  });

  it("stays English for an English reader", () => {
    const english = buildEditTouchModal(EN, TOUCH);
    expect([english.title.text, english.submit?.text, english.close?.text]).toEqual(["Edit a touch", "Save", "Cancel"]);
  });
});

describe("the log form's field problems", () => {
  const values = (fields: { type?: string; sentiment?: string; summary?: string; date?: string | null; next?: string | null }) =>
    ({
      type: { type: { type: "static_select", selected_option: fields.type ? { text: { type: "plain_text", text: fields.type }, value: fields.type } : null } },
      sentiment: { sentiment: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "x" }, value: fields.sentiment ?? "neutral" } } },
      summary: { summary: { type: "plain_text_input", value: fields.summary ?? "ok" } },
      date: { date: { type: "datepicker", selected_date: fields.date ?? null } },
      next: { next: { type: "datepicker", selected_date: fields.next ?? null } },
    }) as unknown as Record<string, Record<string, ViewStateValue>>;
  const errorsOf = (t: Messages, fields: Parameters<typeof values>[0]) => {
    const form = readTouchForm(t, values(fields), TODAY);
    return form.ok ? {} : form.errors;
  };

  it("says every problem in Chinese to a Chinese reader", () => {
    expect(errorsOf(ZH, { sentiment: "great", summary: "  ", date: "2026-06-16", next: "2026-06-14" })).toEqual({
      type: "请选择接触方式。",
      sentiment: "请选择客户态度。",
      summary: "请填写简要摘要。",
      date: "接触日期不能晚于今天。",
      next: "下次跟进日期不能早于今天。",
    });
    expect(errorsOf(ZH, { type: "call", summary: "长".repeat(LIMITS.summary + 1), date: "15/06/2026", next: "soon" })).toEqual({
      summary: `最多 ${LIMITS.summary} 个字符（当前 ${LIMITS.summary + 1} 个）。`,
      date: "请从日历中选择日期。",
      next: "请从日历中选择日期。",
    });
    expect(ZH.log.error.pickClient).toBe("请从列表中选择客户。");
  });

  it("keeps the English problems for an English reader", () => {
    expect(errorsOf(EN, { type: "call", summary: "  ", next: "2026-06-14" })).toEqual({
      summary: "Write a short summary.",
      next: "The next follow-up can't be in the past.",
    });
    expect(readTouchForm(EN, values({ type: "call", summary: "fine", next: TODAY }), TODAY)).toMatchObject({ ok: true, type: "call", next: TODAY });
  });

  it("has no English left in the Chinese catalogue but the `/log` command", () => {
    const strings = (node: unknown): string[] =>
      typeof node === "string" ? [node] : typeof node === "function" ? [String((node as (...a: number[]) => string)(3000, 3001))] : node && typeof node === "object" ? Object.values(node).flatMap(strings) : [];
    expect(strings(ZH.log).filter((s) => LATIN.test(s.replace("`/log`", "")))).toEqual([]);
  });
});
