/** Risk reasons, risk notices, the weekly digest and the "left Slack" notice in Simplified Chinese. */
import { describe, expect, it } from "vitest";
import { RISK_RULES, riskDetailsJson, type RiskFlag } from "../../src/domain/risk.ts";
import type { Digest } from "../../src/services/digest.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildDigest } from "../../src/slack/views/digest.ts";
import { buildRepLeftNotice } from "../../src/slack/views/notices.ts";
import { buildRiskNotice, type RiskNoticeItem } from "../../src/slack/views/risk-alert.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";
import { englishLeft } from "../support/english-left.ts";

const EN = messagesFor("en");
const ZH = messagesFor("zh-CN");


const FLAGS: RiskFlag[] = [
  { rule: "overdue", days: 4, dueOn: "2026-11-19" },
  { rule: "silence", days: 96, cadenceDays: 30, neverTouched: false },
  { rule: "silence", days: 114, cadenceDays: 30, neverTouched: true },
  { rule: "negative", touchType: "meeting", on: "2026-11-20" },
  { rule: "satisfaction", satisfaction: 72, below: 90 },
  { rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: "2026-09-30" },
  { rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: null },
  { rule: "lifecycle" },
  { rule: "concentration", sharePercent: 98, limitPercent: 30 },
];

describe("risk reasons in Chinese", () => {
  it.each([
    [FLAGS[0]!, "跟进已逾期 4 天（应于 2026年11月19日周四完成）"],
    [FLAGS[1]!, "已 96 天未接触，跟进周期 30 天"],
    [FLAGS[2]!, "添加后 114 天未记录任何接触，跟进周期 30 天"],
    [FLAGS[3]!, "2026年11月20日周五的会议为负面反馈"],
    [FLAGS[4]!, "满意度 72，低于 90"],
    [FLAGS[5]!, "重点客户 2026 年第四季度尚未会面（上次会面：2026年9月30日周三）"],
    [FLAGS[6]!, "重点客户 2026 年第四季度尚未会面"],
    [FLAGS[7]!, "生命周期阶段为“有风险”"],
    [FLAGS[8]!, "占全部客户收入的 98%，超过 30% 的上限"],
  ])("words %o in Chinese", (flag, chinese) => {
    expect(ZH.risk.reason(flag)).toBe(chinese);
    expect(englishLeft(ZH.risk.reason(flag))).toEqual([]);
  });

  it("names every rule in Chinese, and keeps a rule it does not know as stored", () => {
    for (const rule of RISK_RULES) {
      expect(englishLeft(ZH.risk.ruleName(rule))).toEqual([]);
      expect(ZH.risk.ruleName(rule)).not.toBe(EN.risk.ruleName(rule));
    }
    expect(ZH.risk.ruleName("retired-rule")).toBe("retired-rule");
  });

  it("words a stored state from its details, and falls back to its English reason without them", () => {
    const flag = FLAGS[1]!;
    expect(ZH.risk.storedReason({ rule: flag.rule, reason: EN.risk.reason(flag), details: riskDetailsJson(flag) })).toBe("已 96 天未接触，跟进周期 30 天");
    expect(ZH.risk.storedReason({ rule: "silence", reason: "no touch for 96 days, cadence 30", details: null })).toBe("no touch for 96 days, cadence 30");
  });
});

const hostile = `<!channel> ${"名".repeat(190)} &amp; <@U999>`;
const item = (i: number, flag: RiskFlag, overrides: Partial<RiskNoticeItem> = {}): RiskNoticeItem => ({
  clientId: `c${i}`,
  clientName: `Client ${i}`,
  ownerSlackId: "U0OWNER",
  tier: "A",
  rule: flag.rule,
  reason: EN.risk.reason(flag),
  details: riskDetailsJson(flag),
  change: "entered",
  ...overrides,
});

describe("buildRiskNotice in Chinese", () => {
  it("alerts an owner in Chinese: the rules, their reasons, the tier and the Log button", () => {
    const message = buildRiskNotice(ZH, [item(1, FLAGS[1]!), item(1, FLAGS[0]!), item(2, FLAGS[7]!, { change: "left" })], false);
    const text = allText(message.blocks);
    expect(text).toContain("有 1 个客户需要关注");
    expect(text).toContain(":warning: *Client 1* · A 级");
    expect(text).toContain("• *长期未接触*：已 96 天未接触，跟进周期 30 天");
    expect(text).toContain("• *跟进逾期*：跟进已逾期 4 天");
    expect(text).toContain("记录接触");
    expect(text).toContain("*Client 2* 已恢复正常：生命周期有风险的情况已解除。");
    expect(message.text).toBe("风险：Client 1（长期未接触、跟进逾期）。恢复正常：Client 2。");
    expect(englishLeft(`${text}\n${message.text}`, ["Client 1", "Client 2"])).toEqual([]);
    expect(blockKitProblems(message)).toEqual([]);
  });

  it("names a client without an owner in Chinese in a channel post", () => {
    const text = allText(buildRiskNotice(ZH, [item(1, FLAGS[4]!, { ownerSlackId: null })], true).blocks);
    expect(text).toContain("· 未分配");
  });

  it("stays within Slack's limits for a flood of hostile names", () => {
    const items = [
      ...Array.from({ length: 120 }, (_, i) => item(i, FLAGS[5]!, { clientName: hostile })),
      ...Array.from({ length: 40 }, (_, i) => item(1000 + i, FLAGS[0]!, { clientName: hostile, change: "left", ownerSlackId: null })),
    ];
    for (const forChannel of [false, true]) {
      const message = buildRiskNotice(ZH, items, forChannel);
      expect(blockKitProblems(message)).toEqual([]);
      expect(mentionProblems(message, ["U0OWNER"])).toEqual([]);
      const json = JSON.stringify(message.blocks);
      expect(json).toContain("…另有 75 个客户。");
      expect(json).toContain("…另有 30 个客户的风险状态已结束。");
    }
  });
});

function digest(overrides: Partial<Digest> = {}): Digest {
  return {
    recipient: "U0MGR",
    day: { today: "2026-11-23", week: "2026-W48", from: "2026-11-16" },
    scope: "team",
    highlights: {
      items: [
        { id: "c1", name: "Key Kestrel", ownerSlackId: "U0REP1", tier: "A", keyClient: true, lastTouchOn: "2026-11-19", nextDueOn: "2026-12-03" },
        { id: "c2", name: "Ace Alder", ownerSlackId: null, tier: "A", keyClient: false, lastTouchOn: null, nextDueOn: null },
      ],
      total: 20,
    },
    risksNow: { items: [{ id: "c1", name: "Key Kestrel", ownerSlackId: "U0REP1", tier: "A", risks: [FLAGS[4]!] }], clients: 1, states: 1 },
    overdue: [{ ownerSlackId: "U0REP2", count: 3 }],
    newRisks: {
      items: [
        { ...item(0, FLAGS[0]!), clientName: "Overdue Otter", ownerSlackId: "U0REP2", openedOn: "2026-11-20", cleared: false },
        { clientName: "Old Oak", ownerSlackId: null, rule: "silence", reason: "no touch for 96 days, cadence 30", details: null, openedOn: "2026-11-18", cleared: true },
      ],
      total: 2,
    },
    tierMoves: {
      items: [
        { clientName: "Overdue Otter", fromTier: "B", toTier: "C", reason: "rescore" },
        { clientName: "New Newt", fromTier: null, toTier: "B", reason: "create" },
      ],
      total: 2,
    },
    coverage: { keyClients: 4, covered: 3 },
    keyChanges: { items: [{ clientName: "Key Kestrel", ownerSlackId: "U0REP1", joined: true, status: { key: true, annualRevenue: 20_000_000, minAnnualRevenue: 100_000, relationshipYears: 16, minRelationshipYears: 3 }, on: "2026-11-18" }], joined: 1, left: 0 },
    keyLoad: { maxPerRep: 15, over: [] },
    currency: "CNY",
    activity: [{ repSlackId: "U0REP1", touches: { A: 2, B: 0, C: 0 } }],
    effort: [{ kind: "tier", repSlackId: "U0REP1", tier: "C", touchPercent: 50, valuePercent: 2, touches: 8, tierTouches: 4, tierMeetings: 0, gap: 48 }],
    valueShare: { A: 70, B: 20, C: 10 },
    operations: null,
    quiet: false,
    ...overrides,
  };
}

const NAMES = ["Key Kestrel", "Ace Alder", "Overdue Otter", "Old Oak", "New Newt"];

describe("buildDigest in Chinese", () => {
  it("gives a manager their week in Chinese", () => {
    const message = buildDigest(ZH, digest());
    const text = allText(message.blocks);
    expect(text).toContain("每周简报 · 2026-W48");
    expect(text).toContain("您的团队 · 11月16日至11月22日");
    expect(text).toContain("*覆盖率*：4 个重点客户中有 3 个在跟进周期内接触过（75%）。");
    expect(text).toContain("*重点客户和 A 级客户*（20）");
    expect(text).toContain("• *Key Kestrel* · A 级 · 重点 · 最近接触 11月19日 · 下次跟进 12月3日 · <@U0REP1>");
    expect(text).toContain("• *Ace Alder* · A 级 · 从未接触 · 未分配");
    expect(text).toContain("…另有 18 项。");
    expect(text).toContain(`*当前处于风险状态*：上列客户中有 1 个，共 1 项风险\n• *Key Kestrel*（<@U0REP1>）：${ZH.risk.ruleInline(FLAGS[4]!.rule)}，${ZH.risk.reason(FLAGS[4]!)}`);
    expect(text).toContain("• <@U0REP2>：3");
    expect(text).toContain("• *Overdue Otter*（<@U0REP2>）：跟进逾期，跟进已逾期 4 天（应于 2026年11月19日周四完成）");
    // A state recorded before details were kept keeps its English reason.
    expect(text).toContain("• *Old Oak*（未分配）：长期未接触，no touch for 96 days, cadence 30（现已解除）");
    expect(text).toContain("• *Overdue Otter*：B → C（重新评分）");
    expect(text).toContain("• *New Newt*：新增 → B（新建）");
    expect(text).toContain("*接触情况*（按客户等级统计接触次数；各等级的价值占比为 A 70% · B 20% · C 10%）");
    expect(text).toContain("• <@U0REP1>：2 次接触（A 100% · B 0% · C 0%）");
    expect(text).toContain("• <@U0REP1>：50% 的接触在 C 级客户上（8 次中的 4 次），而这些客户只占其名下客户收入的 2%");
    expect(text).toContain("*本周进入 / 退出重点客户名单*：进入 1 个，退出 0 个\n• :key: *Key Kestrel*（<@U0REP1>）11月18日成为重点客户：年收入 20,000,000 CNY，达到 100,000 CNY；合作 16 年，达到 3 年");
    expect(message.text).toBe("您的团队每周简报（11月16日至11月22日）：3/4 个重点客户已覆盖，逾期 3 项，新增风险 2 项，等级变动 2 项。");
    expect(englishLeft(text.replace("no touch for 96 days, cadence 30", ""), NAMES)).toEqual([]);
    expect(englishLeft(message.text)).toEqual([]);
    expect(blockKitProblems(message)).toEqual([]);
  });

  it("says a quiet week in one Chinese line, for the workspace too", () => {
    const quiet = { quiet: true, operations: null, activity: [], overdue: [] };
    expect(buildDigest(ZH, digest(quiet)).text).toBe("您的团队本周（11月16日至11月22日）无动态：没有接触记录，没有逾期跟进，没有新增风险或等级变动。");
    expect(buildDigest(ZH, digest({ ...quiet, scope: "workspace" })).text).toMatch(/^整个工作区本周/);
  });

  it("says 'none' in Chinese for empty sections", () => {
    const text = allText(
      buildDigest(ZH, digest({ highlights: { items: [], total: 0 }, risksNow: { items: [], clients: 0, states: 0 }, overdue: [], newRisks: { items: [], total: 0 }, tierMoves: { items: [], total: 0 }, coverage: { keyClients: 0, covered: 0 }, activity: [], effort: [], keyChanges: { items: [], joined: 0, left: 0 } })).blocks,
    );
    for (const none of ["*覆盖率*：暂无重点客户。", "*重点客户和 A 级客户*：暂无。", "*当前处于风险状态*：上列客户均无。", "*逾期跟进*：无。", "*新增风险*：无。", "*等级变动*：无。", "本周没有接触记录。"]) expect(text).toContain(none);
    expect(englishLeft(text)).toEqual([]);
  });

  it("keeps the English digest word for word", () => {
    const text = allText(buildDigest(EN, digest()).blocks);
    expect(text).toContain("• *Overdue Otter* (<@U0REP2>): follow-up overdue, follow-up overdue by 4 days (due 2026-11-19)");
    expect(text).toContain("• *Overdue Otter*: B → C (rescore)");
    expect(text).toContain("• *Key Kestrel* · A · key · last touch 19 Nov · next 3 Dec · <@U0REP1>");
  });
});

describe("buildRepLeftNotice in Chinese", () => {
  it("tells a manager in Chinese, keeping the command as typed", () => {
    const notice = buildRepLeftNotice(ZH, "U0GONE", 3);
    expect(notice.text).toBe(
      "<@U0GONE> 已离开 Slack：机器人无法再向其发送消息，其晨间提醒已停止。其名下有 3 个活跃客户；使用 `/client reassign @该成员 @新负责人` 可一次性全部转给您团队中的其他人。",
    );
    expect(buildRepLeftNotice(ZH, "U0GONE", 0).text).toContain("其名下没有活跃客户。");
    expect(englishLeft(allText(notice.blocks).replaceAll("Slack", ""))).toEqual([]);
    expect(buildRepLeftNotice(EN, "U0GONE", 1).text).toContain("They own 1 active client; `/client reassign @them @new-owner`");
  });
});
