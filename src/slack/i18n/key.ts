/**
 * Key status as an event: a client joined or left the key list, and which threshold it now meets or misses (the
 * owner's notice, the card, the digest). Amounts are grouped digits and the rules' currency code.
 */
import type { KeyStatus } from "../../domain/scoring.ts";

const amount = (n: number, currency: string) => `${Math.round(n).toLocaleString("en-US")} ${currency}`;

function whyEn(s: KeyStatus, currency: string): string {
  const revenueOk = s.annualRevenue >= s.minAnnualRevenue;
  const yearsOk = s.relationshipYears >= s.minRelationshipYears;
  const revenue = `annual revenue ${amount(s.annualRevenue, currency)}, ${revenueOk ? "at or above" : "below"} ${amount(s.minAnnualRevenue, currency)}`;
  const years = `a relationship of ${s.relationshipYears} year${s.relationshipYears === 1 ? "" : "s"}, ${yearsOk ? "at least" : "under"} ${s.minRelationshipYears}`;
  if (s.key) return `${revenue} and ${years}`;
  return [revenueOk ? null : revenue, yearsOk ? null : years].filter(Boolean).join(" and ");
}

function whyZh(s: KeyStatus, currency: string): string {
  const revenueOk = s.annualRevenue >= s.minAnnualRevenue;
  const yearsOk = s.relationshipYears >= s.minRelationshipYears;
  const revenue = `年收入 ${amount(s.annualRevenue, currency)}，${revenueOk ? "达到" : "低于"} ${amount(s.minAnnualRevenue, currency)}`;
  const years = `合作 ${s.relationshipYears} 年，${yearsOk ? "达到" : "不足"} ${s.minRelationshipYears} 年`;
  if (s.key) return `${revenue}；${years}`;
  return [revenueOk ? null : revenue, yearsOk ? null : years].filter(Boolean).join("；");
}

export const en = {
  /** Why the client is or is not a key client now: plain text, to be escaped before mrkdwn. */
  why: whyEn,
  notice: {
    heading: "Key client list",
    /** `name` is escaped mrkdwn; `why` plain text (escape it). */
    joined: (name: string, why: string) => `:key: *${name}* is now a key client${why ? `: ${why}` : ""}.`,
    left: (name: string, why: string) => `:information_source: *${name}* is no longer a key client${why ? `: ${why}` : ""}.`,
    more: (count: number) => `…and ${count} more. \`/client list key\` shows the key list.`,
    summary: (joined: number, left: number) => [joined ? `${joined} joined the key list` : null, left ? `${left} left it` : null].filter(Boolean).join(", "),
  },
  /** The card's line: `on` a worded date. */
  cardJoined: (on: string) => `since ${on}`,
  cardLeft: (on: string, why: string) => `left the key list on ${on} (${why})`,
};

export const zhCN: typeof en = {
  why: whyZh,
  notice: {
    heading: "重点客户名单",
    joined: (name, why) => `:key: *${name}* 已成为重点客户${why ? `：${why}` : ""}。`,
    left: (name, why) => `:information_source: *${name}* 已不再是重点客户${why ? `：${why}` : ""}。`,
    more: (count) => `…另有 ${count} 个。使用 \`/client list key\` 查看重点客户名单。`,
    summary: (joined, left) => [joined ? `${joined} 个客户成为重点客户` : null, left ? `${left} 个客户不再是重点客户` : null].filter(Boolean).join("，"),
  },
  cardJoined: (on) => `自${on}起`,
  cardLeft: (on, why) => `${on}起不再是重点客户（${why}）`,
};
