/**
 * The weekly digest DM a manager (or an admin) gets, and the other notices the bot sends managers on its own
 * (someone on their team left Slack). Risk names and reasons are in `t.risk`.
 */
import { plural } from "../../domain/text.ts";
import { nameOf } from "./common.ts";

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const dayAndMonth = (day: string) => {
  const [, month, date] = day.split("-").map(Number) as [number, number, number];
  return { month, date };
};

/** The values a tier move's reason is stored as (src/services: create, import, edit, override, rescore, assign). */
const MOVE_REASONS_EN: Record<string, string> = { create: "create", import: "import", edit: "edit", override: "override", rescore: "rescore", assign: "assign" };

export const en = {
  /** A day of the digest's week, short: "16 Nov". */
  shortDate: (day: string) => {
    const { month, date } = dayAndMonth(day);
    return `${date} ${MONTHS_EN[month - 1]}`;
  },
  /** The week looked back on: two `shortDate`s. */
  week: (from: string, to: string) => `${from} – ${to}`,
  header: (isoWeek: string) => `Weekly digest · ${isoWeek}`,
  /** Whose week it is, in the context line and in sentences. */
  scope: { team: "Your team", workspace: "Whole workspace" },
  whose: { team: "your team", workspace: "the workspace" },
  /** The whole digest of a quiet week (also its notification text). */
  quietWeek: (whose: string, week: string) => `Quiet week for ${whose} (${week}): no touches logged, nothing overdue, no new risks or tier moves.`,
  /** A quiet week in an admin's digest, above the operations. */
  quietSection: "Quiet week: no touches logged, nothing overdue, no new risks or tier moves.",
  coverage: (covered: number, keyClients: number, percent: number) => `*Coverage*: ${covered} of ${plural(keyClients, "key client")} touched within cadence (${percent}%).`,
  noKeyClients: "*Coverage*: no key clients yet.",
  highlightsNone: "*Key and A-tier clients*: none yet.",
  highlightsHeading: (total: number) => `*Key and A-tier clients* (${total})`,
  /** One key or A-tier client: `name` is escaped mrkdwn, `owner` a mention or `noOwner`, dates `shortDate`s. */
  highlight: (name: string, tier: string, key: boolean, lastTouchOn: string | null, nextDueOn: string | null, owner: string) =>
    `• *${name}* · ${tier}${key ? " · key" : ""} · ${lastTouchOn ? `last touch ${lastTouchOn}` : "never touched"}${nextDueOn ? ` · next ${nextDueOn}` : ""} · ${owner}`,
  noOwner: "no owner",
  /** The rest of a list that was cut. */
  more: (count: number) => `…and ${count} more.`,
  overdueHeading: "*Overdue follow-ups*",
  overdueNone: "*Overdue follow-ups*: none. :tada:",
  /** `owner` is a mention. */
  overdueLine: (owner: string, count: number) => `• ${owner}: ${count}`,
  /** How many of the key and A-tier clients listed above are in a risk state now, and in how many states in all. */
  nowHeading: (clients: number, states: number) => `*In a risk state now*: ${plural(states, "risk state")} on ${clients} of the clients above`,
  nowNone: "*In a risk state now*: none of the clients above. :white_check_mark:",
  /** One state now: `name` and `reason` are escaped mrkdwn, `owner` a mention or `noOwner`, `rule` the rule's inline name. */
  nowLine: (name: string, owner: string, rule: string, reason: string) => `• *${name}* (${owner}): ${rule}, ${reason}`,
  /** The clients in a risk state now that the digest does not list. */
  nowMore: (clients: number) => `…and ${clients} more of them: \`/tier <client>\` shows why.`,
  risksHeading: "*New risks*",
  risksNone: "*New risks*: none.",
  /** One new risk: `name` and `reason` are escaped mrkdwn, `owner` a mention or `noOwner`, `rule` the rule's inline name. */
  riskLine: (name: string, owner: string, rule: string, reason: string, cleared: boolean) => `• *${name}* (${owner}): ${rule}, ${reason}${cleared ? " (cleared since)" : ""}`,
  movesHeading: "*Tier moves*",
  movesNone: "*Tier moves*: none.",
  /** One tier move: `name` and `reason` are escaped mrkdwn; `fromTier` null for a new client. */
  moveLine: (name: string, fromTier: string | null, toTier: string, reason: string) => `• *${name}*: ${fromTier ?? "new"} → ${toTier} (${reason})`,
  /** Why a tier moved, from its stored value (a value the bot does not know, as stored). */
  moveReason: (stored: string) => nameOf(MOVE_REASONS_EN, stored),
  /** `shares` is "A 70% · B 20% · C 10%". */
  activityHeading: (shares: string) => `*Activity* (touches by client tier; the tiers' share of value is ${shares})`,
  noActivity: "No touches logged this week.",
  /** One rep's touches: `rep` is a mention, `shares` as in the heading. */
  activityLine: (rep: string, touches: number, shares: string) => `• ${rep}: ${plural(touches, "touch", "touches")} (${shares})`,
  /** The reps whose week of touches is furthest from their own portfolio's value (at most a handful, one line each). */
  effortHeading: "*Effort against value* (this week's touches against the revenue of each rep's own clients)",
  /** `rep` is a mention; `touches` the rep's touches this week, `tierTouches` and `tierMeetings` those on that tier. */
  effortTier: (rep: string, touchPercent: number, tier: string, valuePercent: number, touches: number, tierTouches: number, tierMeetings: number) =>
    `• ${rep}: ${touchPercent}% of touches on ${tier} clients (${tierTouches} of ${touches}${tierMeetings ? `, ${plural(tierMeetings, "meeting")} among them` : ""}), which hold ${valuePercent}% of their portfolio's revenue`,
  effortNoProspects: (rep: string, touches: number, prospects: number) => `• ${rep}: ${plural(touches, "touch", "touches")}, none on their ${plural(prospects, "prospect")}`,
  effortOnlyProspects: (rep: string, touches: number, existing: number) =>
    `• ${rep}: all ${plural(touches, "touch", "touches")} on prospects, none on their ${plural(existing, "existing client")}`,
  /** Key events of the week: how many clients joined and left the key list. */
  keyChangesHeading: (joined: number, left: number) => `*Joined / left the key list this week*: ${joined} joined, ${left} left`,
  /** One key event: `name` is escaped mrkdwn, `owner` a mention or `noOwner`, `on` a `shortDate`, `why` escaped `t.key.why` (may be empty). */
  keyChangeLine: (name: string, owner: string, joined: boolean, on: string, why: string) =>
    `• ${joined ? ":key: " : ""}*${name}* (${owner}) ${joined ? "joined" : "left"} on ${on}${why ? `: ${why}` : ""}`,
  /** A rep over the rules' key clients per rep: `rep` is a mention. */
  keyLoadLine: (rep: string, count: number, max: number) =>
    `• ${rep} carries ${count} key clients, over the ${max} the rules suggest: raise the key-client thresholds in the rules file, or accept it.`,
  /** The notification text; `coverage` is null without key clients. */
  fallback: (whose: string, week: string, coverage: { covered: number; keyClients: number } | null, overdue: number, risks: number, moves: number) =>
    `Weekly digest for ${whose} (${week}): ${coverage ? `${coverage.covered}/${coverage.keyClients} key clients covered, ` : ""}${overdue} overdue, ${risks} new risks, ${moves} tier moves.`,

  /** To a manager: someone on their team left Slack. `rep` is a mention. */
  repLeft: (rep: string, activeClients: number) =>
    `${rep} has left Slack: the bot can no longer message them, so their nudges have stopped. ${
      activeClients
        ? `They own ${plural(activeClients, "active client")}; \`/client reassign @them @new-owner\` hands them all to someone on your team in one step.`
        : "They own no active clients."
    }`,
};

const MOVE_REASONS_ZH: Record<string, string> = { create: "新建", import: "导入", edit: "编辑", override: "人工调整", rescore: "重新评分", assign: "更换负责人" };

export const zhCN: typeof en = {
  shortDate: (day) => {
    const { month, date } = dayAndMonth(day);
    return `${month}月${date}日`;
  },
  week: (from, to) => `${from}至${to}`,
  header: (isoWeek) => `每周简报 · ${isoWeek}`,
  scope: { team: "您的团队", workspace: "整个工作区" },
  whose: { team: "您的团队", workspace: "整个工作区" },
  quietWeek: (whose, week) => `${whose}本周（${week}）无动态：没有接触记录，没有逾期跟进，没有新增风险或等级变动。`,
  quietSection: "本周无动态：没有接触记录，没有逾期跟进，没有新增风险或等级变动。",
  coverage: (covered, keyClients, percent) => `*覆盖率*：${keyClients} 个重点客户中有 ${covered} 个在跟进周期内接触过（${percent}%）。`,
  noKeyClients: "*覆盖率*：暂无重点客户。",
  highlightsNone: "*重点客户和 A 级客户*：暂无。",
  highlightsHeading: (total) => `*重点客户和 A 级客户*（${total}）`,
  highlight: (name, tier, key, lastTouchOn, nextDueOn, owner) =>
    `• *${name}* · ${tier} 级${key ? " · 重点" : ""} · ${lastTouchOn ? `最近接触 ${lastTouchOn}` : "从未接触"}${nextDueOn ? ` · 下次跟进 ${nextDueOn}` : ""} · ${owner}`,
  noOwner: "未分配",
  more: (count) => `…另有 ${count} 项。`,
  overdueHeading: "*逾期跟进*",
  overdueNone: "*逾期跟进*：无。:tada:",
  overdueLine: (owner, count) => `• ${owner}：${count}`,
  nowHeading: (clients, states) => `*当前处于风险状态*：上列客户中有 ${clients} 个，共 ${states} 项风险`,
  nowNone: "*当前处于风险状态*：上列客户均无。:white_check_mark:",
  nowLine: (name, owner, rule, reason) => `• *${name}*（${owner}）：${rule}，${reason}`,
  nowMore: (clients) => `…另有 ${clients} 个：\`/tier 客户名\` 可查看原因。`,
  risksHeading: "*新增风险*",
  risksNone: "*新增风险*：无。",
  riskLine: (name, owner, rule, reason, cleared) => `• *${name}*（${owner}）：${rule}，${reason}${cleared ? "（现已解除）" : ""}`,
  movesHeading: "*等级变动*",
  movesNone: "*等级变动*：无。",
  moveLine: (name, fromTier, toTier, reason) => `• *${name}*：${fromTier ?? "新增"} → ${toTier}（${reason}）`,
  moveReason: (stored) => nameOf(MOVE_REASONS_ZH, stored),
  activityHeading: (shares) => `*接触情况*（按客户等级统计接触次数；各等级的价值占比为 ${shares}）`,
  noActivity: "本周没有接触记录。",
  activityLine: (rep, touches, shares) => `• ${rep}：${touches} 次接触（${shares}）`,
  effortHeading: "*投入与价值*（本周接触次数对比各销售自己名下客户的收入）",
  effortTier: (rep, touchPercent, tier, valuePercent, touches, tierTouches, tierMeetings) =>
    `• ${rep}：${touchPercent}% 的接触在 ${tier} 级客户上（${touches} 次中的 ${tierTouches} 次${tierMeetings ? `，其中会面 ${tierMeetings} 次` : ""}），而这些客户只占其名下客户收入的 ${valuePercent}%`,
  effortNoProspects: (rep, touches, prospects) => `• ${rep}：${touches} 次接触，没有一次在其名下的 ${prospects} 个潜在客户上`,
  effortOnlyProspects: (rep, touches, existing) => `• ${rep}：${touches} 次接触全部在潜在客户上，其名下 ${existing} 个现有客户一次也没有`,
  keyChangesHeading: (joined, left) => `*本周进入 / 退出重点客户名单*：进入 ${joined} 个，退出 ${left} 个`,
  keyChangeLine: (name, owner, joined, on, why) => `• ${joined ? ":key: " : ""}*${name}*（${owner}）${on}${joined ? "成为重点客户" : "不再是重点客户"}${why ? `：${why}` : ""}`,
  keyLoadLine: (rep, count, max) => `• ${rep} 负责 ${count} 个重点客户，超过规则建议的 ${max} 个：可在规则文件中提高重点客户门槛，或接受现状。`,
  fallback: (whose, week, coverage, overdue, risks, moves) =>
    `${whose}每周简报（${week}）：${coverage ? `${coverage.covered}/${coverage.keyClients} 个重点客户已覆盖，` : ""}逾期 ${overdue} 项，新增风险 ${risks} 项，等级变动 ${moves} 项。`,

  repLeft: (rep, activeClients) =>
    `${rep} 已离开 Slack：机器人无法再向其发送消息，其晨间提醒已停止。${
      activeClients
        ? `其名下有 ${activeClients} 个活跃客户；使用 \`/client reassign @该成员 @新负责人\` 可一次性全部转给您团队中的其他人。`
        : "其名下没有活跃客户。"
    }`,
};
