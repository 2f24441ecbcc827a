/**
 * Words every surface shares: dates, day counts, and the names of the domain's values (touch types, sentiments,
 * relationship types with their playbook hints, lifecycle stages, risk levels). English first; the Chinese
 * catalogue has the same shape, which the compiler checks.
 */
import type { InteractionType, Sentiment } from "../../domain/interaction.ts";
import type { LifecycleStage, RelationshipType, RiskLevel } from "../../domain/rules.ts";
import { plural } from "../../domain/text.ts";
import { formatDateForHumans } from "../../domain/when.ts";

/**
 * A stored value's name from one of the catalogue's tables, or the value as stored when the table does not know it
 * (a value from an older version, or typed by hand). The caller escapes what reaches mrkdwn.
 */
export function nameOf<K extends string>(names: Readonly<Record<K, string>>, value: string): string {
  return Object.hasOwn(names, value) ? names[value as K] : value;
}

export const en = {
  /** A calendar date (YYYY-MM-DD) for people: "Mon 30 Nov 2026". */
  date: (ymd: string) => formatDateForHumans(ymd, "en"),
  days: (n: number) => plural(n, "day"),
  /** How far a due date is from today: negative is overdue. */
  dueIn: (days: number) => (days < 0 ? `overdue by ${plural(-days, "day")}` : days === 0 ? "due today" : `in ${plural(days, "day")}`),
  /** A list joined for reading: "a, b and c". */
  list: (items: readonly string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`),
  tier: (tier: string) => `tier ${tier}`,
  unassigned: "_unassigned_",
  interactionType: { call: "call", meeting: "meeting", email: "email", visit: "visit", message: "message", note: "note" } satisfies Record<InteractionType, string>,
  sentiment: { positive: "positive", neutral: "neutral", negative: "negative" } satisfies Record<Sentiment, string>,
  relationshipType: {
    "strategic-cooperative": "strategic-cooperative",
    "transactional-standard": "transactional-standard",
    "partnership-trust": "partnership-trust",
    "problem-solving-service": "problem-solving-service",
  } satisfies Record<RelationshipType, string>,
  /** The one-line playbook hint of each relationship type, shown on the client card. */
  relationshipHint: {
    "strategic-cooperative": "Senior-level sponsorship; align on multi-year plans each quarter.",
    "transactional-standard": "Keep it efficient: fast turnaround, clear pricing, no surprises.",
    "partnership-trust": "Invest in the relationship; share market views before they ask.",
    "problem-solving-service": "Lead with solutions; close every open issue before the next touch.",
  } satisfies Record<RelationshipType, string>,
  lifecycleStage: {
    prospect: "prospect",
    onboarding: "onboarding",
    active: "active",
    mature: "mature",
    "at-risk": "at risk",
    dormant: "dormant",
  } satisfies Record<LifecycleStage, string>,
  riskLevel: { low: "low", medium: "medium", high: "high" } satisfies Record<RiskLevel, string>,
};

export const zhCN: typeof en = {
  date: (ymd) => formatDateForHumans(ymd, "zh-CN"),
  days: (n) => `${n} 天`,
  dueIn: (days) => (days < 0 ? `已逾期 ${-days} 天` : days === 0 ? "今天到期" : `${days} 天后`),
  list: (items) => items.join("、"),
  tier: (tier) => `${tier} 级`,
  unassigned: "_未分配_",
  interactionType: { call: "电话", meeting: "会议", email: "邮件", visit: "拜访", message: "消息", note: "备注" },
  sentiment: { positive: "正面", neutral: "中性", negative: "负面" },
  relationshipType: {
    "strategic-cooperative": "战略合作型",
    "transactional-standard": "标准交易型",
    "partnership-trust": "信任伙伴型",
    "problem-solving-service": "问题解决型",
  },
  relationshipHint: {
    "strategic-cooperative": "争取高层支持；每季度对齐多年合作规划。",
    "transactional-standard": "讲求效率：响应快、定价清楚、不出意外。",
    "partnership-trust": "用心经营关系；在客户开口之前分享市场观点。",
    "problem-solving-service": "以解决方案开路；下次接触前关闭所有未决问题。",
  },
  lifecycleStage: { prospect: "潜在客户", onboarding: "导入期", active: "活跃", mature: "成熟", "at-risk": "有风险", dormant: "休眠" },
  riskLevel: { low: "低", medium: "中", high: "高" },
};
