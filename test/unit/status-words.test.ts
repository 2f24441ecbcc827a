/**
 * A status is never told by colour alone: with every emoji taken out (a screen reader reading `:red_circle:` as
 * nothing, a browser without an emoji font), each follow-up, touch, risk and notice still says in words whether it
 * is overdue, due today or coming, how the touch went, what is at risk, in English and in Simplified Chinese.
 */
import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { riskDetailsJson, type RiskFlag } from "../../src/domain/risk.ts";
import { scoreClient } from "../../src/domain/scoring.ts";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import type { ClientCard } from "../../src/services/clients.ts";
import type { FollowUpItem, FollowUpList } from "../../src/services/follow-ups.ts";
import type { Home } from "../../src/services/home.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildAppHome } from "../../src/slack/views/app-home.ts";
import { buildClientCard } from "../../src/slack/views/client-card.ts";
import { buildFollowUpList } from "../../src/slack/views/follow-ups.ts";
import { buildNudge } from "../../src/slack/views/nudge.ts";
import { buildRiskNotice, type RiskNoticeItem } from "../../src/slack/views/risk-alert.ts";
import { allText } from "../support/block-text.ts";
import { clientRow, interactionRow } from "../support/rows.ts";

const EN = messagesFor("en");
const ZH = messagesFor("zh-CN");
const ME = "U0ME";
const TODAY = "2026-11-23";

/** What is left to read without emoji: `:shortcodes:` and pictographs removed. */
const withoutEmoji = (text: string) => text.replace(/:[a-z0-9_+-]+:/g, "").replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, "");

/** The emoji-free line of a payload's blocks (not its notification text) that names `name`. */
function lineOf(payload: { blocks: unknown[] }, name: string): string {
  const line = withoutEmoji(allText(payload.blocks))
    .split("\n")
    .find((l) => l.includes(name));
  if (line === undefined) throw new Error(`no line names ${name}`);
  return line;
}

const item = (name: string, dueOn: string, daysLate: number): FollowUpItem => ({ clientId: `c-${name}`, clientName: name, tier: "B", dueOn, daysLate });
const ITEMS = [item("Late Larch", "2026-11-20", 3), item("Today Teak", TODAY, 0), item("Soon Spruce", "2026-11-26", -3)];
const list = (items = ITEMS): Extract<FollowUpList, { kind: "list" }> => ({ kind: "list", ownerId: ME, isSelf: true, today: TODAY, items, more: 0 });

const LANGUAGES = [
  { lang: "English", t: EN, late: "overdue by 3 days", today: "due today", soon: "due in 3 days", positive: "(positive)", neutral: "(neutral)", negative: "(negative)" },
  { lang: "Chinese", t: ZH, late: "已逾期 3 天", today: "今天到期", soon: "3 天后到期", positive: "（正面）", neutral: "（中性）", negative: "（负面）" },
] as const;

describe.each(LANGUAGES)("status in words, $lang", ({ t, late, today, soon, positive, neutral, negative }) => {
  const home: Home = {
    role: "rep",
    today: TODAY,
    followUps: list(),
    keyClients: { items: [], total: 0 },
    topClients: { items: [], total: 0 },
    risks: { items: [], clients: 0, states: 0 },
    team: null,
    coverage: null,
    operations: null,
  };

  it.each([
    ["the /followups list", () => buildFollowUpList(t, list())],
    ["the morning nudge", () => buildNudge(t, list(ITEMS.slice(0, 2)))],
    ["the App Home", () => buildAppHome(t, home)],
  ] as const)("%s says overdue, due today and coming in words", (_surface, build) => {
    const payload = build();
    expect(lineOf(payload, "Late Larch")).toContain(late);
    expect(lineOf(payload, "Today Teak")).toContain(today);
    if (ITEMS.every((i) => allText(payload).includes(i.clientName))) expect(lineOf(payload, "Soon Spruce")).toContain(soon);
  });

  it("the App Home's key clients say each one's next follow-up in the list's words", () => {
    const keyClients = {
      items: ITEMS.map((i) => ({ id: i.clientId, name: `Key ${i.clientName}`, tier: "A", score: 90, nextFollowUp: { dueOn: i.dueOn, daysLate: i.daysLate } })),
      total: 3,
    };
    const payload = buildAppHome(t, { ...home, followUps: list([]), keyClients });
    expect(lineOf(payload, "Key Late Larch")).toContain(late);
    expect(lineOf(payload, "Key Today Teak")).toContain(today);
    expect(lineOf(payload, "Key Soon Spruce")).toContain(soon);
  });

  it("the notification text of a list says it too", () => {
    const { text } = buildFollowUpList(t, list());
    expect(text).toContain(t === EN ? "Late Larch (overdue 3d)" : "Late Larch（逾期 3 天）");
    expect(text).toContain(t === EN ? "Today Teak (due today)" : "Today Teak（今天到期）");
    expect(text).toContain(t === EN ? "Soon Spruce (due 2026-11-26)" : "Soon Spruce（2026-11-26到期）");
  });

  it("the client card says how each touch went, the follow-up's state and each risk", () => {
    const client = clientRow();
    const { score, breakdown } = scoreClient(client, DEFAULT_RULES, new Date(`${TODAY}T08:00:00Z`));
    const flag: RiskFlag = { rule: "silence", days: 96, cadenceDays: 30, neverTouched: false };
    const card: ClientCard = {
      client,
      tier: "B",
      overridden: false,
      score,
      breakdown,
      keyClient: false,
      keyEvent: null,
      currency: "CNY",
      cadenceDays: 30,
      relationshipType: null,
      followUp: { dueOn: "2026-11-20", basis: "cadence" },
      recent: [
        interactionRow({ summary: "Happy Hawk", sentiment: "positive" }),
        interactionRow({ summary: "Flat Finch", sentiment: "neutral" }),
        interactionRow({ summary: "Cross Crow", sentiment: "negative" }),
      ],
      risks: [flag],
    };
    const reply = buildClientCard(t, card, TODAY);
    expect(lineOf(reply, "Happy Hawk")).toContain(positive);
    expect(lineOf(reply, "Flat Finch")).toContain(neutral);
    expect(lineOf(reply, "Cross Crow")).toContain(negative);
    expect(withoutEmoji(allText(reply))).toContain(t.common.dueIn(-3));
    const risks = (reply.blocks as KnownBlock[]).find((b) => b.type === "section" && b.text?.text.includes(`*${t.card.risks}*`));
    // Each state by the rule's name and its reason, in words.
    expect(withoutEmoji(allText(risks)).split("\n")[1]?.trim()).toBe(t.risk.item(t.risk.ruleName(flag.rule), t.risk.reason(flag)));
  });

  it("a risk notice says the client needs attention, and one back to normal says so", () => {
    const flag: RiskFlag = { rule: "silence", days: 96, cadenceDays: 30, neverTouched: false };
    const base = { ownerSlackId: ME, tier: "A", rule: flag.rule, reason: EN.risk.reason(flag), details: riskDetailsJson(flag) };
    const items: RiskNoticeItem[] = [
      { ...base, clientId: "c1", clientName: "Quiet Quail", change: "entered" },
      { ...base, clientId: "c2", clientName: "Well Wren", change: "left" },
    ];
    const notice = buildRiskNotice(t, items, false);
    const text = withoutEmoji(allText(notice));
    expect(text).toContain(t.risk.notice.heading(1));
    expect(text).toContain(t.risk.reason(flag));
    expect(lineOf(notice, "Well Wren")).toContain(t === EN ? "is back to normal" : "已恢复正常");
  });
});
