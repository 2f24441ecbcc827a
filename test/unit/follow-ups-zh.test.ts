/** Follow-ups, the nudge DM, the snooze modal and the App Home in Simplified Chinese (and English kept as it was). */
import type { ModalView } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { FollowUpItem, FollowUpList } from "../../src/services/follow-ups.ts";
import type { Home } from "../../src/services/home.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { SNOOZE_MODAL } from "../../src/slack/ids.ts";
import { buildAppHome } from "../../src/slack/views/app-home.ts";
import { buildFollowUpList, dueText, followUpNotice, followUpsRefused, pauseReply } from "../../src/slack/views/follow-ups.ts";
import { buildNudge } from "../../src/slack/views/nudge.ts";
import { operationsSection } from "../../src/slack/views/operations.ts";
import { buildSnoozeModal, buildSnoozeOutcome } from "../../src/slack/views/snooze-modal.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";
import { englishLeft } from "../support/english-left.ts";

const EN = messagesFor("en");
const ZH = messagesFor("zh-CN");
const ME = "U0ME";
const REPORT = "U0REPORT";
const TODAY = "2026-11-23";


const item = (i: number, overrides: Partial<FollowUpItem> = {}): FollowUpItem => ({
  clientId: `c${i}`,
  clientName: `长江航运 ${i}`,
  tier: "B",
  dueOn: "2026-11-20",
  daysLate: 3,
  ...overrides,
});

const list = (items: FollowUpItem[], more = 0, isSelf = true): Extract<FollowUpList, { kind: "list" }> => ({
  kind: "list",
  ownerId: isSelf ? ME : REPORT,
  isSelf,
  today: TODAY,
  items,
  more,
});

const plainTexts = (view: ModalView) => [view.title.text, view.submit?.text, view.close?.text, ...Array.from(JSON.stringify(view.blocks).matchAll(/"plain_text","text":"([^"]*)"/g), (m) => m[1])];

describe("the follow-up list in Chinese", () => {
  const items = [item(1), item(2, { dueOn: TODAY, daysLate: 0 }), item(3, { dueOn: "2026-11-26", daysLate: -3, tier: "A" })];

  it("says what is overdue, due today and due this week, with Chinese buttons", () => {
    const reply = buildFollowUpList(ZH, list(items, 4));
    const text = allText(reply);
    expect(text).toContain("您的跟进\n1 项逾期，2 项本周到期。");
    expect(text).toContain("*长江航运 1* · B 级 · *已逾期 3 天*（2026年11月20日周五到期）");
    expect(text).toContain("*长江航运 2* · B 级 · *今天到期*（2026年11月23日周一）");
    expect(text).toContain("*长江航运 3* · A 级 · 3 天后到期（2026年11月26日周四）");
    for (const label of ["完成", "延后 1 天", "延后 1 周", "延后至…", "记录接触"]) expect(text).toContain(label);
    expect(text).toContain("…另有 4 项。处理掉一些后再运行 `/followups`。");
    expect(reply.text).toBe("您的跟进：长江航运 1（逾期 3 天）、长江航运 2（今天到期）、长江航运 3（2026-11-26到期），另有 4 项");
    expect(englishLeft(text)).toEqual([]);
    expect(englishLeft(reply.text)).toEqual([]);
  });

  it("names whose list it is, and says plainly when nothing is due", () => {
    const others = buildFollowUpList(ZH, list([item(1)], 0, false));
    expect(allText(others.blocks)).toContain(`跟进事项\n<@${REPORT}>：1 项逾期，0 项本周到期。`);
    expect(others.text).toContain(`<@${REPORT}> 的跟进：`);
    const empty = buildFollowUpList(ZH, list([]), "通知");
    expect(empty.text).toBe("通知 您的跟进：未来 7 天内没有到期的跟进。:tada:");
    expect(englishLeft(allText(followUpsRefused(ZH, REPORT)))).toEqual([]);
  });

  it("keeps a full page of long, hostile names within Slack's limits", () => {
    const hostile = Array.from({ length: 20 }, (_, i) => item(i, { clientName: `<!channel> ${"名".repeat(190)} &amp; <@U999>` }));
    const reply = buildFollowUpList(ZH, list(hostile, 7), ZH.followUps.noticeStale);
    expect(blockKitProblems(reply)).toEqual([]);
    expect(mentionProblems(reply, [ME])).toEqual([]);
  });

  it("words each button's outcome and each pause answer in Chinese", () => {
    const notices = [
      followUpNotice(ZH, { kind: "done", clientName: "<!here> 长江", nextDueOn: "2027-02-21" }),
      followUpNotice(ZH, { kind: "snoozed", clientName: "长江", until: "2026-12-01", reason: "客户休假" }),
      followUpNotice(ZH, { kind: "stale" }),
      followUpNotice(ZH, { kind: "refused" }),
      followUpNotice(ZH, { kind: "unknown-client" }),
    ];
    expect(notices[0]).toBe(":white_check_mark: *&lt;!here&gt; 长江* 已完成：下次跟进 2027年2月21日周日。");
    expect(notices[1]).toBe(":zzz: *长江* 已延后至 2026年12月1日周二（客户休假）。");
    const pauses = [
      pauseReply(ZH, { kind: "paused", resumeOn: "2026-12-07" }),
      pauseReply(ZH, { kind: "resumed" }),
      ...(["empty", "unrecognised", "past", "invalid-date", "too-far"] as const).map((error) => pauseReply(ZH, { kind: "bad-date", error, text: "<!here> someday" })),
    ];
    expect(pauses[0]!.text).toContain("您的晨间提醒已暂停，将于 2026年12月7日周一恢复");
    expect(pauses[3]!.text).toContain("无法识别这个日期。您输入的是 `&lt;!here&gt; someday`。");
    for (const text of [...notices.slice(1), ...pauses.map((p) => p.text)]) expect(englishLeft(text)).toEqual([]);
  });

  it("keeps English as it was", () => {
    expect(dueText(EN, { dueOn: "2026-11-20", daysLate: 3 })).toBe("*overdue by 3 days* (due Fri 20 Nov 2026)");
    expect(allText(buildFollowUpList(EN, list(items)))).toContain("Your follow-ups\n1 overdue, 2 due this week.");
    expect(followUpNotice(EN, { kind: "snoozed", clientName: "Acme", until: "2026-12-01", reason: "holiday" })).toBe(":zzz: *Acme* snoozed until Tue 1 Dec 2026 (holiday).");
  });
});

describe("the nudge DM in Chinese", () => {
  it("greets the rep in Chinese above their list", () => {
    const nudge = buildNudge(ZH, list([item(1), item(2, { dueOn: TODAY, daysLate: 0 })], 1));
    expect(nudge.text.startsWith("早上好！今天有 3 项跟进需要您处理（其中 1 项已逾期）。 您的跟进：")).toBe(true);
    expect(englishLeft(allText(nudge))).toEqual([]);
    expect(blockKitProblems(nudge)).toEqual([]);
    expect(buildNudge(ZH, list([item(1, { dueOn: TODAY, daysLate: 0 })])).text).toContain("早上好！今天有 1 项跟进需要您处理。");
  });

  it("still greets an English rep in English", () => {
    expect(buildNudge(EN, list([item(1)])).text).toContain("Good morning! 1 follow-up needs you today (1 overdue).");
  });
});

describe("the snooze modal in Chinese", () => {
  const modal = buildSnoozeModal(ZH, { clientName: "<!here> 长江航运", dueOn: "2026-11-20", today: TODAY, origin: { buttonValue: "c1|2026-11-20|U0ME", fromHome: false } });

  it("has its title, buttons, labels and hint in Chinese, within Slack's limits", () => {
    expect(modal.title.text).toBe("延后跟进");
    expect(modal.submit?.text).toBe("延后");
    expect(modal.close?.text).toBe("取消");
    expect(allText(modal.blocks)).toContain("*&lt;!here&gt; 长江航运*，2026年11月20日周五到期。");
    const json = JSON.stringify(modal.blocks);
    expect(json).toContain(`"block_id":"${SNOOZE_MODAL.until.block}","label":{"type":"plain_text","text":"延后至"}`);
    expect(json).toContain('"text":"原因"');
    expect(json).toContain("随跟进一起保存");
    for (const text of plainTexts(modal)) expect(englishLeft(text ?? "")).toEqual([]);
    for (const text of [modal.title.text, modal.submit?.text, modal.close?.text]) expect([...(text ?? "")].length).toBeLessThanOrEqual(24);
    expect(blockKitProblems(modal)).toEqual([]);
    const outcome = buildSnoozeOutcome(ZH, ZH.followUps.noticeStale);
    expect(outcome.close?.text).toBe("关闭");
    expect(blockKitProblems(outcome)).toEqual([]);
  });

  it("has its field errors in Chinese", () => {
    const s = ZH.followUps.snooze;
    for (const error of [s.pickDay, s.pickFromCalendar, s.afterToday, s.tooLong(200)]) expect(englishLeft(error)).toEqual([]);
  });
});

describe("the App Home in Chinese", () => {
  const home = (overrides: Partial<Home> = {}): Home => ({
    role: "rep",
    today: TODAY,
    followUps: list([item(1), item(2, { dueOn: "2026-11-25", daysLate: -2 })], 2),
    keyClients: {
      items: [
        { id: "k1", name: "国家电网", tier: "A", score: 92, nextFollowUp: { dueOn: "2026-11-20", daysLate: 3 } },
        { id: "k2", name: "南方水务", tier: "B", score: 70, nextFollowUp: null },
      ],
      total: 11,
    },
    topClients: { items: [{ id: "a1", name: "三峡新能源", tier: "A", lastTouchOn: "2026-11-20" }, { id: "a2", name: "华能国际", tier: "A", lastTouchOn: null }], total: 12 },
    risks: { items: [{ id: "c1", name: "长江航运", ownerSlackId: ME, tier: "A", risks: [{ rule: "silence", days: 96, cadenceDays: 30, neverTouched: false }] }], clients: 1, states: 1 },
    team: null,
    coverage: null,
    operations: null,
    ...overrides,
  });

  it("shows a rep their follow-ups, A-tier clients, risks and the help in Chinese", () => {
    const view = buildAppHome(ZH, home());
    const text = allText(view);
    expect(text).toContain("客户跟进");
    expect(text).toContain("*您的跟进*：1 项逾期，3 项本周到期。");
    expect(text).toContain("…另有 2 项，`/followups` 可查看全部。");
    expect(text).toContain("*您的重点客户*（11），按评分从高到低\n• *国家电网* · A 级 · 评分 92 · 下次跟进：*已逾期 3 天*（2026年11月20日周五到期）\n• *南方水务* · B 级 · 评分 70 · 未设跟进\n…另有 9 个：`/client list key`。");
    expect(text).toContain("*您的其他 A 级客户*（12）\n• *三峡新能源*：最近接触 2026年11月20日周五\n• *华能国际*：尚未接触\n…另有 10 个：`/client list A`。");
    expect(text).toContain("*您的客户风险*：1 个客户共 1 项风险\n• *长江航运*：长期未接触，已 96 天未接触，跟进周期 30 天");
    expect(text).toContain("*`/tier <客户>`*：客户卡片");
    expect(text).toContain("按您的 Slack 时区理解");
    expect(text).not.toContain("您的团队");
    expect(englishLeft(text)).toEqual([]);
    expect(blockKitProblems(view)).toEqual([]);
  });

  it("shows a manager the team's overdue totals in Chinese", () => {
    const team = Array.from({ length: 32 }, (_, i) => ({ slackId: `U0REP${i}`, overdue: i % 3 }));
    const coverage = { keyClients: 40, covered: 27, percent: 67, mostUncovered: [{ slackId: "U0REP3", uncovered: 6 }, { slackId: "U0REP1", uncovered: 4 }] };
    const view = buildAppHome(
      ZH,
      home({ role: "manager", team, coverage, risks: { items: [], clients: 0, states: 0 }, keyClients: { items: [], total: 0 }, topClients: { items: [], total: 0 }, followUps: list([]) }),
    );
    const text = allText(view);
    expect(text).toContain("*您的团队*：32 人共有 31 项逾期跟进\n• <@U0REP0>：0 项逾期\n• <@U0REP1>：1 项逾期");
    expect(text).toContain("…另有 2 人。");
    expect(text).toContain("*您的跟进*：未来 7 天内没有到期的跟进。:tada:");
    expect(text).toContain("*您的重点客户*：无。");
    expect(text).toContain("*您的其他 A 级客户*：无。");
    expect(text).toContain("*团队的重点客户*：40 个中有 27 个已覆盖（67%），即在跟进周期内有过接触\n未覆盖重点客户最多的成员：\n• <@U0REP3>：6 个未覆盖\n• <@U0REP1>：4 个未覆盖");
    expect(text).toContain("*您的客户风险*：无。:white_check_mark:");
    expect(englishLeft(text)).toEqual([]);
    expect(blockKitProblems(view)).toEqual([]);
    expect(mentionProblems(view, team.map((m) => m.slackId))).toEqual([]);
  });

  it("shows an admin the bot's operations in Chinese, the stored names and errors as they are", () => {
    const operations = {
      failures: [{ id: "f1", kind: "nudge", recipient: "U0GONE", period: TODAY, attempts: 3, lastError: "account_inactive", failedAt: new Date(), createdAt: new Date() }],
      waiting: { retry: 0, nextRetryAt: null, due: 0, sending: 0 },
      jobRuns: [{ id: "j1", job: "nudges", firingKey: "k", status: "done", stats: null, error: null, startedAt: new Date("2026-11-23T09:00:00Z"), finishedAt: null }],
    };
    const text = allText({ blocks: [operationsSection(ZH, operations, "recent")] });
    expect(text).toBe("*运行状况*（管理员可见）\n发送失败：\n• 发给 <@U0GONE> 的 `nudge` 尝试 3 次后失败：account_inactive\n最近的任务运行：\n• `nudges` 已完成（2026-11-23 09:00 UTC）");
    expect(allText({ blocks: [operationsSection(ZH, { failures: [], waiting: { retry: 0, nextRetryAt: null, due: 0, sending: 0 }, jobRuns: [] }, "week")] })).toBe("*运行状况*（管理员可见）\n本周没有发送失败。\n尚无任务运行记录。");
    expect(allText({ blocks: [operationsSection(EN, operations, "recent")] })).toContain("• nudge to <@U0GONE> failed after 3 attempts: account_inactive");
  });

  it("shows an admin the posts still waiting to be sent, in both languages, and nothing of them when none wait", () => {
    const waiting = { failures: [], waiting: { retry: 2, nextRetryAt: new Date("2026-11-23T09:07:30Z"), due: 1, sending: 3 }, jobRuns: [] };
    expect(allText({ blocks: [operationsSection(EN, waiting, "recent")] })).toBe(
      "*Operations* (admins)\nNo delivery failures.\nWaiting to be sent:\n• 2 posts waiting for a retry (the next at 2026-11-23 09:07 UTC)\n• 1 post due and not yet picked up\n• 3 posts being sent now\nNo job runs yet.",
    );
    const zh = allText({ blocks: [operationsSection(ZH, waiting, "recent")] });
    expect(zh).toContain("等待发送：\n• 2 条消息等待重试（下一次在 2026-11-23 09:07 UTC）\n• 1 条消息已到发送时间，尚未开始发送\n• 3 条消息正在发送");
    expect(englishLeft(zh)).toEqual([]);
  });

  it("shows the help alone in Chinese when there is no data", () => {
    const view = buildAppHome(ZH);
    expect(allText(view)).toContain("让每段客户关系按节奏推进");
    expect(englishLeft(allText(view))).toEqual([]);
    expect(blockKitProblems(view)).toEqual([]);
  });
});
