/**
 * Follow-ups in the reader's language through signed HTTP: `/followups`, its buttons, the snooze modal and the
 * App Home for a reader whose Slack locale is Chinese; and the nudges job writing each rep's morning DM in the
 * rep's stored language (Chinese for zh-CN, English for the rest).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { runNudges } from "../../src/jobs/nudges.ts";
import { createSlackDelivery } from "../../src/jobs/slack-delivery.ts";
import { createLogger } from "../../src/logger.ts";
import type { ImportKind } from "../../src/services/imports.ts";
import { blockKitProblems } from "../support/block-kit-limits.ts";
import { allText, asEphemeral, buttonValue, overflowChoice, overflowOption } from "../support/block-text.ts";
import { importCsv, startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

// Monday 23 November 2026, morning in UTC and in Shanghai.
const NOW = new Date("2026-11-23T09:00:00Z");
const clock = { now: () => NOW };
const logger = createLogger("silent");
const [ZH_READER, ZH_REP, EN_REP, UNSEEN_REP] = ["U0ZHFOLLOW", "U0ZHNUDGE", "U0ENNUDGE", "U0NOPROFILE"];
let t: TestBot;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

async function followups(text: string, userId = ZH_READER) {
  const reply = await t.slack.command("/followups", text, { userId });
  expect(reply.status).toBe(200);
  return asEphemeral(reply.json);
}

function nudge(at: string) {
  const { store, followUps } = t.bot.services;
  const delivery = createSlackDelivery({ store, botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, ratePerSecond: 50, logger, now: () => new Date() });
  return runNudges({ store, followUps, rules: DEFAULT_RULES, delivery, logger }, TEST_TEAM, new Date(at), true);
}

const dmTo = (user: string) => t.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === `D${user}`);

beforeAll(async () => {
  t = await startTestBot({ clock });
  await load("users", `slack_id,role\n${ZH_READER},rep\n${ZH_REP},rep\n${EN_REP},rep\n`);
  // Tier C, cadence 90 days: 2026-08-01 -> due 2026-10-30 (overdue 24 days); 2026-08-25 -> due 2026-11-23 (today);
  // 2026-08-28 -> due 2026-11-26 (this week).
  await load(
    "clients",
    ["name,owner", `长江航运,${ZH_READER}`, `三峡新能源,${ZH_READER}`, `华能国际,${ZH_READER}`, `华东电力,${ZH_REP}`, `Eastern Energy,${EN_REP}`, `Unseen Utilities,${UNSEEN_REP}`].join("\n"),
  );
  await load(
    "interactions",
    [
      "client,rep,type,occurred_at,summary",
      `长江航运,${ZH_READER},call,2026-08-01T10:00:00Z,首次沟通`,
      `三峡新能源,${ZH_READER},email,2026-08-25T10:00:00Z,发送条款`,
      `华能国际,${ZH_READER},visit,2026-08-28T10:00:00Z,现场拜访`,
      `华东电力,${ZH_REP},call,2026-08-01T10:00:00Z,a`,
      `Eastern Energy,${EN_REP},call,2026-08-25T10:00:00Z,b`,
      `Unseen Utilities,${UNSEEN_REP},call,2026-08-25T10:00:00Z,c`,
    ].join("\n"),
  );
  t.emulator.setUser(ZH_READER, { locale: "zh-CN", tz: "Asia/Shanghai" });
  // The nudges job reads the language each rep's profile was stored with (from Slack, when they last used the bot).
  const { store } = t.bot.services;
  await store.users.saveProfile(TEST_TEAM, ZH_REP, { timezone: "Asia/Shanghai", locale: "zh-CN" }, NOW);
  await store.users.saveProfile(TEST_TEAM, EN_REP, { timezone: "UTC", locale: "en-US" }, NOW);
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("/followups for a reader whose Slack locale is Chinese", () => {
  it("lists what is due in Chinese, overdue first, with Chinese buttons", async () => {
    const reply = await followups("");
    const text = allText(reply);
    expect(text).toContain("您的跟进\n1 项逾期，2 项本周到期。");
    expect(text).toContain("*长江航运* · C 级 · *已逾期 24 天*（2026年10月30日周五到期）");
    expect(text).toContain("*三峡新能源* · C 级 · *今天到期*（2026年11月23日周一）");
    expect(text).toContain("*华能国际* · C 级 · 3 天后到期（2026年11月26日周四）");
    expect(text.indexOf("长江航运")).toBeLessThan(text.indexOf("三峡新能源"));
    for (const label of ["完成", "延后 1 天", "延后 1 周", "延后至…", "记录接触"]) expect(text).toContain(label);
    expect(reply.text).toContain("您的跟进：长江航运（逾期 24 天）、三峡新能源（今天到期）");
    expect(text).not.toMatch(/overdue|Snooze|Done/);
    expect(blockKitProblems(reply)).toEqual([]);
  });

  it("answers pause, resume and a misread date in Chinese", async () => {
    expect((await followups("pause wed")).text).toBe(":palm_tree: 您的晨间提醒已暂停，将于 2026年11月25日周三恢复；输入 `/followups resume` 可提前恢复。");
    expect((await followups("resume")).text).toBe(":bell: 您的晨间提醒已恢复。");
    const bad = await followups("pause someday");
    expect(bad.text).toContain("无法识别这个日期。您输入的是 `someday`。");
    expect(bad.text).toContain("未做任何更改。");
    expect(allText(await followups("everyone please"))).toContain("用法：`/followups [@某人] | /followups pause <日期> | /followups resume`");
  });

  it("redraws the list in Chinese after Done, and opens the snooze modal in Chinese with its errors in Chinese", async () => {
    const done = buttonValue(await followups(""), "followup_done", "长江航运");
    await t.slack.blockAction({ actionId: "followup_done", value: done, userId: ZH_READER });
    const redrawn = await t.emulator.waitForResponse();
    expect(allText(redrawn.body)).toContain(":white_check_mark: *长江航运* 已完成：下次跟进 2027年2月21日周日。");
    expect(allText(redrawn.body)).toContain("0 项逾期，2 项本周到期。");

    const option = overflowOption(await followups(""), "followup_snooze_until", "华能国际");
    expect(option.text.text).toBe("延后至…");
    await t.slack.blockAction({ actionId: "followup_more", action: overflowChoice(option), userId: ZH_READER });
    const opened = await t.emulator.waitForCall("views.open");
    const modal = opened.response!.body.view as { id: string; title: { text: string }; submit: { text: string }; close: { text: string } };
    expect([modal.title.text, modal.submit.text, modal.close.text]).toEqual(["延后跟进", "延后", "取消"]);
    expect(allText(modal)).toContain("*华能国际*，2026年11月26日周四到期。");
    const submit = (until: string, reason: string) =>
      t.slack.viewSubmission({
        callbackId: "followup_snooze",
        viewId: modal.id,
        userId: ZH_READER,
        values: { until: { until: { type: "datepicker", selected_date: until } }, reason: { reason: { type: "plain_text_input", value: reason } } },
      });
    // Today in Shanghai is 23 November: not after today.
    expect((await submit("2026-11-23", "")).json).toEqual({ response_action: "errors", errors: { until: "请选择今天之后的日期。" } });
    const saved = await submit("2026-12-15", "客户出差");
    expect(allText(saved.json)).toContain(":zzz: *华能国际* 已延后至 2026年12月15日周二（客户出差）。");
    expect((saved.json as { view: { close: { text: string } } }).view.close.text).toBe("关闭");
  });

  it("publishes the App Home in Chinese", async () => {
    await t.slack.event({ type: "app_home_opened", user: ZH_READER, channel: `D${ZH_READER}`, tab: "home" });
    const publish = await t.emulator.waitForCall("views.publish", (c) => c.args.user_id === ZH_READER);
    const view = publish.args.view as { blocks: unknown[] };
    const text = allText(view);
    expect(text).toContain("客户跟进");
    expect(text).toContain("*您的跟进*：0 项逾期，1 项本周到期。");
    expect(text).toContain("*您的其他 A 级客户*：无。");
    expect(text).toContain("*您的客户风险*");
    expect(text).toContain("*`/tier <客户>`*：客户卡片");
    expect(text).not.toContain("Your follow-ups");
    expect(blockKitProblems({ type: "home", blocks: view.blocks as never })).toEqual([]);
  });
});

describe("the morning nudge in each rep's language", () => {
  it("sends a zh-CN rep a Chinese DM and an English rep an English one, English when the language is unknown", async () => {
    const stats = await nudge("2026-11-23T10:00:00Z");
    expect(stats.failed).toBe(0);
    const [zh] = dmTo(ZH_REP);
    expect(dmTo(ZH_REP)).toHaveLength(1);
    const zhText = allText(zh!.args);
    expect(zh!.args.text).toMatch(/^早上好！今天有 1 项跟进需要您处理（其中 1 项已逾期）。 您的跟进：华东电力（逾期 24 天）/);
    expect(zhText).toContain("*华东电力* · C 级 · *已逾期 24 天*（2026年10月30日周五到期）");
    expect(zhText).toContain("完成");
    expect(zhText).not.toMatch(/Good morning|overdue|Snooze/);
    expect(JSON.stringify(zh!.args.blocks)).toContain('"action_id":"followup_done"');

    const [en] = dmTo(EN_REP);
    expect(allText(en!.args)).toContain("Good morning! 1 follow-up needs you today.");
    expect(allText(en!.args)).toContain("*Eastern Energy* · tier C · *due today* (Mon 23 Nov 2026)");
    expect(allText(en!.args)).not.toMatch(/早上好/);

    const [unseen] = dmTo(UNSEEN_REP);
    expect(allText(unseen!.args)).toContain("Good morning! 1 follow-up needs you today.");
  });
});
