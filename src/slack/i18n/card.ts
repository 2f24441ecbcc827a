/** The client card (`/tier`, `/client show`, the Show card buttons). */
import type { Dimension } from "../../domain/scoring.ts";

export const en = {
  dimension: {
    contribution: "contribution",
    relationship: "relationship",
    lifecycle: "lifecycle",
    risk: "risk",
    satisfaction: "satisfaction",
    strategicFit: "strategic fit",
  } satisfies Record<Dimension, string>,
  noFollowUp: "None yet: log a touch to start the cadence",
  tierLabel: "Tier",
  scoreLabel: "Score",
  ownerLabel: "Owner",
  nextFollowUpLabel: "Next follow-up",
  /** Where the follow-up's date comes from: the cadence moves it when the tier or cadence changes; the others stay. */
  followUpBasis: { cadence: "from the cadence", logged: "set on a logged touch", snoozed: "snoozed" } as Record<string, string>,
  /** `reason` is escaped mrkdwn (or empty). */
  override: (reason: string) => `override${reason ? `: ${reason}` : ""}`,
  whyThisScore: "Why this score:",
  keyClient: ":key: *Key client*",
  /** The relationship type, with its playbook hint when the rules know the type. */
  relationship: (type: string, hint: string | null) => `*${type}*${hint ? `: ${hint}` : ""}`,
  cadence: (days: number) => `cadence ${days} days`,
  risks: "Risks",
  lastTouches: "Last touches",
  noTouches: "_No touches logged yet._",
  /**
   * One touch: `summary` is escaped mrkdwn, `by` a mention, `sentiment` worded (t.common.sentiment), so the
   * coloured dot before the line is never the only place it is said.
   */
  touch: (date: string, type: string, by: string, sentiment: string, summary: string) => `${date}, ${type} by ${by} (${sentiment}): ${summary}`,
  messageLink: "message",
  logTouch: "Log a touch",
  /** The notification text: `name` is escaped. */
  fallback: (name: string, tier: string, score: number, followUp: string) => `${name}: tier ${tier}, score ${score}/100. Next follow-up: ${followUp}`,
};

export const zhCN: typeof en = {
  dimension: {
    contribution: "业务贡献",
    relationship: "合作年限",
    lifecycle: "生命周期",
    risk: "风险",
    satisfaction: "满意度",
    strategicFit: "战略契合",
  },
  noFollowUp: "暂无：记录一次接触即开始跟进周期",
  tierLabel: "等级",
  scoreLabel: "评分",
  ownerLabel: "负责人",
  nextFollowUpLabel: "下次跟进",
  followUpBasis: { cadence: "按跟进周期", logged: "记录接触时指定", snoozed: "已延后" },
  override: (reason) => `人工调整${reason ? `：${reason}` : ""}`,
  whyThisScore: "评分依据：",
  keyClient: ":key: *重点客户*",
  relationship: (type, hint) => `*${type}*${hint ? `：${hint}` : ""}`,
  cadence: (days) => `跟进周期 ${days} 天`,
  risks: "风险",
  lastTouches: "最近接触",
  noTouches: "_尚无接触记录。_",
  touch: (date, type, by, sentiment, summary) => `${date}，${by} ${type}（${sentiment}）：${summary}`,
  messageLink: "消息",
  logTouch: "记录接触",
  fallback: (name, tier, score, followUp) => `${name}：${tier} 级，评分 ${score}/100。下次跟进：${followUp}`,
};
