/**
 * Risk alerts, the weekly digest and the "left Slack" notice in the reader's language, against the Slack emulator:
 * an owner whose Slack locale is Chinese hears of their clients' risks in Chinese while the alert channel (and an
 * English owner) get English; the English reason is what the store keeps, the details let every reader see it in
 * their language; a Chinese manager's digest, and their notice that someone on the team left, are in Chinese.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { riskFlagOf } from "../../src/domain/risk.ts";
import { DEFAULT_RULES, rulesSchema } from "../../src/domain/rules.ts";
import { manualFiringKey, runJob } from "../../src/jobs/run-job.ts";
import { createJobRunners } from "../../src/jobs/runners.ts";
import { createLogger } from "../../src/logger.ts";
import type { ImportKind } from "../../src/services/imports.ts";
import { createPrismaClient } from "../../src/store/prisma.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";
import { allText, asEphemeral } from "../support/block-text.ts";
import { importCsv, startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
const logger = createLogger("silent");
const [ZH_REP, EN_REP, ZH_MANAGER] = ["U0ZHREP", "U0ENREP", "U0ZHMGR"];
const ALERTS = "C0ALERTS";
const rules = rulesSchema.parse({ ...DEFAULT_RULES, alerts: { channel: ALERTS } });
const CHINESE = /[\u4e00-\u9fff]/;
let t: TestBot;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

function runners() {
  const { store, followUps } = t.bot.services;
  return createJobRunners(
    { store, services: { followUps }, rules, logger, now: () => new Date(), adminUserIds: [], slack: { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 50 } },
    { byHand: true },
  );
}

/** The risk job by hand, as `npm run job -- risk --at` runs it. */
const risk = async (at: string) => (await runners().risk!(TEST_TEAM, new Date(at))).stats;

/** The digest job by hand, recorded as a job run. */
async function digest(at: string) {
  const { store } = t.bot.services;
  const now = () => new Date();
  const outcome = await runJob({ store, logger, now }, "digest", runners().digest!, TEST_TEAM, new Date(at), manualFiringKey(new Date(at), now()));
  if (outcome.kind !== "done") throw new Error(`digest ${outcome.kind}`);
  return outcome.stats;
}

const postsTo = (channel: string) => t.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);
const textOf = (call: { args: Record<string, unknown> }) => `${String(call.args.text)}\n${allText(call.args.blocks)}`;

beforeAll(async () => {
  t = await startTestBot({ clock });
  await load("users", ["slack_id,role,manager", `${ZH_MANAGER},manager,`, `${ZH_REP},rep,${ZH_MANAGER}`, `${EN_REP},rep,${ZH_MANAGER}`].join("\n"));
  await load("clients", ["name,owner", `Quiet Quay,${ZH_REP}`, `Negative North,${ZH_REP}`, `Healthy Harbour,${ZH_REP}`, `English Elm,${EN_REP}`].join("\n"));
  // Tier C, cadence 90: last touched 2026-05-01, Quiet Quay and English Elm are overdue and silent (206 days > 2 x 90).
  await load(
    "interactions",
    [
      "client,rep,type,occurred_at,summary,sentiment",
      `Quiet Quay,${ZH_REP},call,2026-05-01T10:00:00Z,old call,neutral`,
      `Negative North,${ZH_REP},meeting,2026-11-20T10:00:00Z,they are unhappy,negative`,
      `Healthy Harbour,${ZH_REP},call,2026-11-20T10:00:00Z,fine,positive`,
      `English Elm,${EN_REP},call,2026-05-01T10:00:00Z,old call,neutral`,
    ].join("\n"),
  );
  // Their Slack locales, as the bot learns them when they first use it.
  t.emulator.setUser(ZH_REP, { locale: "zh-CN", tz: "Asia/Shanghai" });
  t.emulator.setUser(ZH_MANAGER, { locale: "zh-CN", tz: "Asia/Shanghai" });
  t.emulator.setUser(EN_REP, { locale: "en-US", tz: "UTC" });
  for (const user of [ZH_REP, ZH_MANAGER, EN_REP]) expect((await t.slack.command("/tier", "Healthy Harbour", { userId: user })).status).toBe(200);
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("risk alerts in the owner's language", () => {
  it("alerts a Chinese owner in Chinese, an English owner and the alert channel in English", async () => {
    expect(await risk("2026-11-23T10:00:00Z")).toMatchObject({ entered: 5, posts: 3, sent: 3, failed: 0 });

    expect(postsTo(`D${ZH_REP}`)).toHaveLength(1);
    const zh = textOf(postsTo(`D${ZH_REP}`)[0]!);
    expect(zh).toContain("有 2 个客户需要关注");
    expect(zh).toContain("*Quiet Quay* · C 级");
    expect(zh).toContain("• *长期未接触*：已 206 天未接触，跟进周期 90 天");
    expect(zh).toContain("• *跟进逾期*：跟进已逾期");
    expect(zh).toContain("• *负面接触*：2026年11月20日周五的会议为负面反馈");
    expect(zh).toContain("记录接触");
    expect(String(postsTo(`D${ZH_REP}`)[0]!.args.text)).toMatch(/^风险：.*Quiet Quay（跟进逾期、长期未接触）/);
    expect(zh).not.toMatch(/need attention|no touch|Log a touch|Risk:/);

    const en = textOf(postsTo(`D${EN_REP}`)[0]!);
    expect(en).toContain("A client needs attention");
    expect(en).toContain("*Gone quiet*: no touch for 206 days, cadence 90");
    expect(en).not.toMatch(CHINESE);

    expect(postsTo(ALERTS)).toHaveLength(1);
    const channel = textOf(postsTo(ALERTS)[0]!);
    expect(channel).toContain("3 clients need attention");
    expect(channel).toContain(`<@${ZH_REP}>`);
    expect(channel).toContain("no touch for 206 days, cadence 90");
    expect(channel).toContain("*Negative touch*: negative meeting on 2026-11-20");
    expect(channel).not.toMatch(CHINESE);

    for (const call of t.emulator.callsTo("chat.postMessage")) {
      const payload = { text: String(call.args.text), blocks: call.args.blocks as never };
      expect(blockKitProblems(payload)).toEqual([]);
      expect(mentionProblems(payload, [ZH_REP, EN_REP])).toEqual([]);
    }
  });

  it("keeps the reason in English in the store, with the details every reader's language is made from", async () => {
    const db = createPrismaClient(t.database.target);
    const flags = await db.riskFlag.findMany({ where: { workspaceId: TEST_TEAM, client: { name: "Quiet Quay" } }, orderBy: { rule: "asc" } });
    await db.$disconnect();
    const silence = flags.find((f) => f.rule === "silence")!;
    expect(silence.reason).toBe("no touch for 206 days, cadence 90");
    expect(riskFlagOf(silence)).toEqual({ rule: "silence", days: 206, cadenceDays: 90, neverTouched: false });
  });

  it("shows a Chinese reader the client's risks in Chinese on its card", async () => {
    const card = allText(asEphemeral((await t.slack.command("/tier", "Negative North", { userId: ZH_REP })).json));
    expect(card).toContain("• *负面接触*：2026年11月20日周五的会议为负面反馈");
    expect(card).not.toContain("negative meeting");
  });

  it("notes 'back to normal' in Chinese to the Chinese owner, in English to the channel", async () => {
    expect((await t.slack.command("/log", "Quiet Quay call caught up, all good", { userId: ZH_REP })).status).toBe(200);
    t.emulator.reset();
    expect(await risk("2026-11-23T17:00:00Z")).toMatchObject({ entered: 0, left: 2, posts: 2, sent: 2 });
    const zh = textOf(postsTo(`D${ZH_REP}`)[0]!);
    expect(zh).toContain("*Quiet Quay* 已恢复正常：跟进逾期：已于2026年11月23日周一记录接触。");
    expect(zh).toContain("*Quiet Quay* 已恢复正常：长期未接触：已于2026年11月23日周一记录接触。");
    expect(zh).toContain("恢复正常：Quiet Quay");
    const channel = textOf(postsTo(ALERTS)[0]!);
    expect(channel).toContain("*Quiet Quay* is back to normal: Follow-up overdue: a touch was logged on Mon 23 Nov 2026.");
    expect(channel).not.toMatch(CHINESE);
  });
});

describe("the weekly digest in the manager's language", () => {
  it("gives a Chinese manager their team's week in Chinese, with the new risks' reasons in Chinese", async () => {
    expect(await digest("2026-11-23T18:00:00Z")).toMatchObject({ queued: 1, sent: 1 });
    const calls = postsTo(`D${ZH_MANAGER}`);
    expect(calls).toHaveLength(1);
    const text = textOf(calls[0]!);
    expect(text).toContain("每周简报 · 2026-W48");
    expect(text).toContain("您的团队 · ");
    expect(text).toContain("*新增风险*");
    expect(text).toContain(`• *English Elm*（<@${EN_REP}>）：长期未接触，已 206 天未接触，跟进周期 90 天`);
    expect(text).toContain(`• *Quiet Quay*（<@${ZH_REP}>）：长期未接触，已 206 天未接触，跟进周期 90 天（现已解除）`);
    expect(text).toContain("负面接触，2026年11月20日周五的会议为负面反馈");
    expect(text).toContain("*接触情况*");
    expect(text).toMatch(/^您的团队每周简报（/);
    expect(text).not.toMatch(/Weekly digest|New risks|no touch for|Coverage/);
    expect(blockKitProblems({ text: String(calls[0]!.args.text), blocks: calls[0]!.args.blocks as never })).toEqual([]);
  });
});

describe("the 'left Slack' notice in the manager's language", () => {
  it("tells a Chinese manager in Chinese that someone on their team left", async () => {
    const LEAVING = "U0ZHGONE";
    await load("users", `slack_id,role,manager\n${LEAVING},rep,${ZH_MANAGER}\n`);
    await load("clients", `name,owner\nLeaving Lagoon,${LEAVING}\n`);
    await load("interactions", `client,rep,type,occurred_at,summary\nLeaving Lagoon,${LEAVING},call,2026-08-01T10:00:00Z,old\n`);
    t.emulator.setUser(LEAVING, { deleted: true });
    await runners().nudges!(TEST_TEAM, new Date("2026-11-30T10:00:00Z"));
    const notices = postsTo(`D${ZH_MANAGER}`);
    expect(notices).toHaveLength(1);
    const text = textOf(notices[0]!);
    expect(text).toContain(`<@${LEAVING}> 已离开 Slack：机器人无法再向其发送消息，其晨间提醒已停止。其名下有 1 个活跃客户；使用 \`/client reassign @该成员 @新负责人\``);
    expect(text).not.toContain("has left Slack");
  });
});
