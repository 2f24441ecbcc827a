/**
 * Risk states: the rules' names, their reasons (from the structured flag the domain gives) and the risk notice
 * (the alert when a client enters a state, the "back to normal" note). Names and reasons are also shown on the
 * client card (in the notice's words: `item`), in App Home, `/client list` and the weekly digest.
 */
import { riskFlagOf, type ClearCause, type RiskFlag, type RiskRule, type StoredRiskReason } from "../../domain/risk.ts";
import * as common from "./common.ts";


const RULE_EN = {
  overdue: "Follow-up overdue",
  silence: "Gone quiet",
  negative: "Negative touch",
  satisfaction: "Low satisfaction",
  "key-meeting": "Key client without a meeting this quarter",
  lifecycle: "Lifecycle at-risk",
  concentration: "Revenue concentration",
} satisfies Record<RiskRule, string>;

const RULE_ZH: typeof RULE_EN = {
  overdue: "跟进逾期",
  silence: "长期未接触",
  negative: "负面接触",
  satisfaction: "满意度偏低",
  "key-meeting": "重点客户本季度未会面",
  lifecycle: "生命周期有风险",
  concentration: "收入集中度过高",
};


/** Words a stored reason from its details, or gives the English text it was stored with when there are none. */
const storedIn = (reason: (flag: RiskFlag) => string) => (stored: StoredRiskReason) => {
  const flag = riskFlagOf(stored);
  return flag ? reason(flag) : stored.reason;
};

function reasonEn(flag: RiskFlag): string {
  switch (flag.rule) {
    case "overdue":
      return `follow-up overdue by ${common.en.days(flag.days)} (due ${flag.dueOn})`;
    case "silence":
      return flag.neverTouched ? `no touch logged in ${flag.days} days since added, cadence ${flag.cadenceDays}` : `no touch for ${flag.days} days, cadence ${flag.cadenceDays}`;
    case "negative":
      return `negative ${common.nameOf(common.en.interactionType, flag.touchType)} on ${flag.on}`;
    case "satisfaction":
      return `satisfaction ${flag.satisfaction}, below ${flag.below}`;
    case "key-meeting":
      return `key client with no meeting in Q${flag.quarter} ${flag.year}${flag.lastMeetingOn ? ` (last ${flag.lastMeetingOn})` : ""}`;
    case "lifecycle":
      return "lifecycle stage is at-risk";
    case "concentration":
      return `${flag.sharePercent}% of the workspace's revenue, above ${flag.limitPercent}%`;
  }
}

const QUARTER_ZH = ["", "一", "二", "三", "四"];

function reasonZh(flag: RiskFlag): string {
  switch (flag.rule) {
    case "overdue":
      return `跟进已逾期 ${flag.days} 天（应于 ${common.zhCN.date(flag.dueOn)}完成）`;
    case "silence":
      return flag.neverTouched ? `添加后 ${flag.days} 天未记录任何接触，跟进周期 ${flag.cadenceDays} 天` : `已 ${flag.days} 天未接触，跟进周期 ${flag.cadenceDays} 天`;
    case "negative":
      return `${common.zhCN.date(flag.on)}的${common.nameOf(common.zhCN.interactionType, flag.touchType)}为负面反馈`;
    case "satisfaction":
      return `满意度 ${flag.satisfaction}，低于 ${flag.below}`;
    case "key-meeting":
      return `重点客户 ${flag.year} 年第${QUARTER_ZH[flag.quarter] ?? flag.quarter}季度尚未会面${flag.lastMeetingOn ? `（上次会面：${common.zhCN.date(flag.lastMeetingOn)}）` : ""}`;
    case "lifecycle":
      return "生命周期阶段为“有风险”";
    case "concentration":
      return `占全部客户收入的 ${flag.sharePercent}%，超过 ${flag.limitPercent}% 的上限`;
  }
}

function clearedEn(c: ClearCause): string {
  const { date } = common.en;
  switch (c.cause) {
    case "touched":
      return `a touch was logged on ${date(c.on)}`;
    case "moved":
      return `the follow-up now falls due on ${date(c.dueOn)} (re-dated or snoozed; no touch yet)`;
    case "no-follow-up":
      return "no follow-up is due any more (no touch yet)";
    case "cadence":
      return `the cadence is now ${c.cadenceDays} days, so the silence limit is ${c.limitDays} days (no touch yet)`;
    case "aged":
      return `the negative touch is now more than ${c.lookbackDays} days old`;
    case "removed":
      return "the negative touch was changed or removed";
    case "improved":
      return `satisfaction is now ${c.satisfaction}`;
    case "unknown":
      return "the satisfaction score was removed";
    case "met":
      return `a meeting was logged on ${date(c.on)}`;
    case "not-key":
      return "no longer a key client, so the quarterly-meeting rule no longer applies";
    case "new-quarter":
      return `a new quarter began (Q${c.quarter} ${c.year}): the meeting is expected from its second month`;
    case "changed":
      return `the lifecycle stage is now ${c.stage ? common.nameOf(common.en.lifecycleStage, c.stage) : "not set"}`;
    case "share":
      return `its share of revenue is now ${c.sharePercent}%, within ${c.limitPercent}%`;
  }
}

function clearedZh(c: ClearCause): string {
  const { date } = common.zhCN;
  switch (c.cause) {
    case "touched":
      return `已于${date(c.on)}记录接触`;
    case "moved":
      return `跟进日期已改为${date(c.dueOn)}（重新排期或延后，尚未接触）`;
    case "no-follow-up":
      return "已没有待办跟进（尚未接触）";
    case "cadence":
      return `跟进周期现为 ${c.cadenceDays} 天，未接触上限为 ${c.limitDays} 天（尚未接触）`;
    case "aged":
      return `该负面接触已超过 ${c.lookbackDays} 天`;
    case "removed":
      return "该负面接触已被修改或删除";
    case "improved":
      return `满意度现为 ${c.satisfaction}`;
    case "unknown":
      return "满意度评分已被删除";
    case "met":
      return `已于${date(c.on)}记录会面`;
    case "not-key":
      return "已不再是重点客户，因此季度会面规则不再适用";
    case "new-quarter":
      return `已进入新季度（${c.year} 年第${QUARTER_ZH[c.quarter] ?? c.quarter}季度）：从该季度第二个月起需要会面`;
    case "changed":
      return `生命周期阶段现为${c.stage ? common.nameOf(common.zhCN.lifecycleStage, c.stage) : "未设置"}`;
    case "share":
      return `收入占比现为 ${c.sharePercent}%，未超过 ${c.limitPercent}%`;
  }
}

export const en = {
  /** The rules' names, as a heading ("Gone quiet"). */
  rule: RULE_EN,
  /** A rule's name as a heading; a rule the bot does not know, as stored. */
  ruleName: (rule: string) => common.nameOf(RULE_EN, rule),
  /** A rule's name inside a sentence ("gone quiet"). */
  ruleInline: (rule: string) => common.nameOf(RULE_EN, rule).toLowerCase(),
  /** Why a rule fires: plain text, to be escaped before it reaches mrkdwn. */
  reason: reasonEn,
  /** Why a stored state began (the digest's new risks, notices): from its details, else the English it was stored with. Plain text. */
  storedReason: storedIn(reasonEn),
  /** Why a state ended (see ClearCause): plain text, to be escaped before it reaches mrkdwn. */
  cleared: clearedEn,
  /** A risk state as the card and the risk notice show it: `rule` its name (ruleName), `reason` escaped mrkdwn. */
  item: (rule: string, reason: string) => `• *${rule}*: ${reason}`,

  /** The risk notice (to an owner, or to the alert channel). */
  notice: {
    /** Header (at most 150 characters). */
    heading: (clients: number) => (clients === 1 ? "A client needs attention" : `${clients} clients need attention`),
    /** `name` is escaped mrkdwn, `tier` worded (t.common.tier); `owner` a mention or `noOwner`, empty in an owner's own post. */
    client: (name: string, tier: string, owner: string) => `:warning: *${name}* · ${tier}${owner ? ` · ${owner}` : ""}`,
    noOwner: "no owner",
    /** Button label. */
    logTouch: "Log a touch",
    more: (count: number) => `…and ${count} more. \`/client list\` and \`/tier <client>\` show them all.`,
    /** `name` is escaped mrkdwn; `rules` the rules' inline names, already joined. */
    backToNormal: (name: string, rules: string) => `:white_check_mark: *${name}* is back to normal: ${rules} no longer applies.`,
    /** A state resolved: `name` and `why` are escaped mrkdwn, `rule` the rule's heading name. */
    resolved: (name: string, rule: string, why: string) => `:white_check_mark: *${name}* is back to normal: ${rule}: ${why}.`,
    /** A state that ended without being resolved (the rule no longer applies, a date moved): not "back to normal". */
    ended: (name: string, rule: string, why: string) => `:information_source: *${name}*: ${rule} ended: ${why}.`,
    moreBackToNormal: (count: number) => `…and ${count} more clients whose risk states ended.`,
    /** The notification text (plain; escaped as a whole afterwards). */
    rules: (rules: readonly string[]) => rules.join(", "),
    riskClient: (name: string, rules: string) => `${name} (${rules})`,
    riskSummary: (clients: readonly string[]) => `Risk: ${clients.join("; ")}`,
    backSummary: (names: readonly string[]) => `Back to normal: ${names.join(", ")}`,
    endedSummary: (names: readonly string[]) => `Risk state ended, not resolved: ${names.join(", ")}`,
    summary: (parts: readonly string[]) => parts.join(". "),
  },
};

export const zhCN: typeof en = {
  rule: RULE_ZH,
  ruleName: (rule) => common.nameOf(RULE_ZH, rule),
  ruleInline: (rule) => common.nameOf(RULE_ZH, rule),
  reason: reasonZh,
  storedReason: storedIn(reasonZh),
  cleared: clearedZh,
  item: (rule, reason) => `• *${rule}*：${reason}`,

  notice: {
    heading: (clients) => (clients === 1 ? "有 1 个客户需要关注" : `有 ${clients} 个客户需要关注`),
    client: (name, tier, owner) => `:warning: *${name}* · ${tier}${owner ? ` · ${owner}` : ""}`,
    noOwner: "未分配",
    logTouch: "记录接触",
    more: (count) => `…另有 ${count} 个客户。使用 \`/client list\` 和 \`/tier 客户名\` 查看全部。`,
    backToNormal: (name, rules) => `:white_check_mark: *${name}* 已恢复正常：${rules}的情况已解除。`,
    resolved: (name, rule, why) => `:white_check_mark: *${name}* 已恢复正常：${rule}：${why}。`,
    ended: (name, rule, why) => `:information_source: *${name}*：${rule}已结束：${why}。`,
    moreBackToNormal: (count) => `…另有 ${count} 个客户的风险状态已结束。`,
    rules: (rules) => rules.join("、"),
    riskClient: (name, rules) => `${name}（${rules}）`,
    riskSummary: (clients) => `风险：${clients.join("；")}`,
    backSummary: (names) => `恢复正常：${names.join("、")}`,
    endedSummary: (names) => `风险状态已结束（并非已解决）：${names.join("、")}`,
    summary: (parts) => `${parts.join("。")}。`,
  },
};
