/**
 * Risk notices: a client entered a risk state (with the rule and the reason, and a Log button), or is back to
 * normal. One post per owner and one per alert channel for each run, however many clients changed. Pure.
 */
import type { KnownBlock } from "@slack/types";
import type { RiskRule } from "../../domain/risk.ts";
import { escapeMrkdwn } from "../../domain/text.ts";
import { ACTIONS } from "../ids.ts";
import { button, context, header, LIMIT, mention, section, truncateMrkdwn, userText } from "./blocks.ts";

export const RISK_RULE_LABELS: Record<RiskRule, string> = {
  overdue: "Follow-up overdue",
  silence: "Gone quiet",
  negative: "Negative touch",
  satisfaction: "Low satisfaction",
  "key-meeting": "Key client without a meeting this quarter",
  lifecycle: "Lifecycle at-risk",
  concentration: "Revenue concentration",
};

export const riskRuleLabel = (rule: string): string => RISK_RULE_LABELS[rule as RiskRule] ?? rule;

export interface RiskNoticeItem {
  clientId: string;
  clientName: string;
  ownerSlackId: string | null;
  tier: string;
  rule: string;
  reason: string;
  change: "entered" | "left";
}

export interface RiskNoticeMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Clients per post; the rest are counted ("and N more"), keeping the post under Slack's 50 blocks. */
const MAX_CLIENTS = LIMIT.blocks - 5;
/** "Back to normal" lines share one section, so they stay well under its 3,000 characters. */
const MAX_LEFT_LINES = 10;

interface ClientGroup {
  clientId: string;
  clientName: string;
  ownerSlackId: string | null;
  tier: string;
  items: RiskNoticeItem[];
}

function byClient(items: readonly RiskNoticeItem[]): ClientGroup[] {
  const groups = new Map<string, ClientGroup>();
  for (const item of items) {
    const group = groups.get(item.clientId) ?? { clientId: item.clientId, clientName: item.clientName, ownerSlackId: item.ownerSlackId, tier: item.tier, items: [] };
    group.items.push(item);
    groups.set(item.clientId, group);
  }
  return [...groups.values()];
}

function enteredBlock(group: ClientGroup, forChannel: boolean): KnownBlock {
  const owner = forChannel ? ` · ${group.ownerSlackId ? mention(group.ownerSlackId) : "no owner"}` : "";
  const lines = group.items.map((i) => `• *${riskRuleLabel(i.rule)}*: ${escapeMrkdwn(i.reason)}`);
  return {
    ...section(`:warning: *${userText(group.clientName, 200)}* · tier ${group.tier}${owner}\n${lines.join("\n")}`),
    accessory: button("Log a touch", ACTIONS.openLogModal, group.clientId),
  };
}

function leftLine(group: ClientGroup): string {
  return `:white_check_mark: *${userText(group.clientName, 60)}* is back to normal: ${group.items.map((i) => riskRuleLabel(i.rule).toLowerCase()).join(", ")} no longer applies.`;
}

/** The post for one owner (`forChannel` false) or for the team's alert channel (owners are named). */
export function buildRiskNotice(items: readonly RiskNoticeItem[], forChannel: boolean): RiskNoticeMessage {
  const entered = byClient(items.filter((i) => i.change === "entered"));
  const left = byClient(items.filter((i) => i.change === "left"));
  const blocks: KnownBlock[] = [];
  const summary: string[] = [];
  if (entered.length > 0) {
    blocks.push(header(entered.length === 1 ? "A client needs attention" : `${entered.length} clients need attention`));
    for (const group of entered.slice(0, MAX_CLIENTS)) blocks.push(enteredBlock(group, forChannel));
    if (entered.length > MAX_CLIENTS) blocks.push(context(`…and ${entered.length - MAX_CLIENTS} more. \`/client list\` and \`/tier <client>\` show them all.`));
    summary.push(`Risk: ${entered.map((g) => `${g.clientName} (${g.items.map((i) => riskRuleLabel(i.rule).toLowerCase()).join(", ")})`).join("; ")}`);
  }
  if (left.length > 0) {
    const room = MAX_LEFT_LINES;
    const lines = left.slice(0, room).map(leftLine);
    if (left.length > room) lines.push(`…and ${left.length - room} more back to normal.`);
    blocks.push(section(lines.join("\n")));
    summary.push(`Back to normal: ${left.map((g) => g.clientName).join(", ")}`);
  }
  // The notification text is plain: client names are escaped but not cut mid-entity.
  return { text: truncateMrkdwn(escapeMrkdwn(summary.join(". ")), 3000), blocks };
}
