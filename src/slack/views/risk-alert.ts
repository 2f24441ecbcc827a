/**
 * Risk notices: a client entered a risk state (with the rule and the reason, and a Log button), or is back to
 * normal. One post per owner and one per alert channel for each run, however many clients changed. Pure.
 */
import type { KnownBlock } from "@slack/types";
import { clearCauseFromJson, isResolved, type ClearCause, type StoredRiskReason } from "../../domain/risk.ts";
import { escapeMrkdwn } from "../../domain/text.ts";
import type { Messages } from "../i18n/index.ts";
import { ACTIONS } from "../ids.ts";
import { button, context, header, LIMIT, linesOfWholeGroups, mention, section, truncateMrkdwn, userText } from "./blocks.ts";
import { riskItem } from "./risk-text.ts";

export interface RiskNoticeItem extends StoredRiskReason {
  clientId: string;
  clientName: string;
  ownerSlackId: string | null;
  tier: string;
  change: "entered" | "left";
  /** For a state that left: why (ClearCause as JSON); null for states closed before causes were kept. */
  clearCause?: string | null;
}

export interface RiskNoticeMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Clients per post; the rest are counted ("and N more"), keeping the post under Slack's 50 blocks. */
const MAX_CLIENTS = LIMIT.blocks - 5;
/** "Back to normal" and "ended" lines share one section, so they stay well under its 3,000 characters. */
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

function enteredBlock(t: Messages, group: ClientGroup, forChannel: boolean): KnownBlock {
  const owner = forChannel ? (group.ownerSlackId ? mention(group.ownerSlackId) : t.risk.notice.noOwner) : "";
  const lines = group.items.map((i) => riskItem(t, i));
  return {
    ...section(`${t.risk.notice.client(userText(group.clientName, 200), t.common.tier(group.tier), owner)}\n${lines.join("\n")}`),
    accessory: button(t.risk.notice.logTouch, ACTIONS.openLogModal, group.clientId),
  };
}

const inlineRules = (t: Messages, group: ClientGroup) => t.risk.notice.rules(group.items.map((i) => t.risk.ruleInline(i.rule)));

/** Each ended state with its cause on a line of its own; states closed before causes were kept, as one line. */
function leftLines(t: Messages, group: ClientGroup): string[] {
  const name = userText(group.clientName, 60);
  const withCause = group.items.flatMap((i) => {
    const cause = clearCauseFromJson(i.clearCause ?? null);
    return cause ? [{ item: i, cause }] : [];
  });
  const legacy = group.items.filter((i) => !withCause.some((w) => w.item === i));
  const line = ({ item, cause }: { item: RiskNoticeItem; cause: ClearCause }) =>
    (isResolved(cause) ? t.risk.notice.resolved : t.risk.notice.ended)(name, escapeMrkdwn(t.risk.ruleName(item.rule)), escapeMrkdwn(t.risk.cleared(cause)));
  return [...withCause.map(line), ...(legacy.length ? [t.risk.notice.backToNormal(name, escapeMrkdwn(inlineRules(t, { ...group, items: legacy })))] : [])];
}

/** Whether every state of the client that left was resolved (or closed before causes were kept). */
const allResolved = (group: ClientGroup) =>
  group.items.every((i) => {
    const cause = clearCauseFromJson(i.clearCause ?? null);
    return !cause || isResolved(cause);
  });

/**
 * The post for one owner (`forChannel` false, in the owner's language) or for the team's alert channel (owners
 * are named; DEFAULT_MESSAGES).
 */
export function buildRiskNotice(t: Messages, items: readonly RiskNoticeItem[], forChannel: boolean): RiskNoticeMessage {
  const entered = byClient(items.filter((i) => i.change === "entered"));
  const left = byClient(items.filter((i) => i.change === "left"));
  const blocks: KnownBlock[] = [];
  const summary: string[] = [];
  if (entered.length > 0) {
    blocks.push(header(t.risk.notice.heading(entered.length)));
    for (const group of entered.slice(0, MAX_CLIENTS)) blocks.push(enteredBlock(t, group, forChannel));
    if (entered.length > MAX_CLIENTS) blocks.push(context(t.risk.notice.more(entered.length - MAX_CLIENTS)));
    summary.push(t.risk.notice.riskSummary(entered.map((g) => t.risk.notice.riskClient(g.clientName, inlineRules(t, g)))));
  }
  if (left.length > 0) {
    const room = MAX_LEFT_LINES;
    // Lines, not clients, are capped: a client can end several states at once.
    const { lines, shown } = linesOfWholeGroups(left, (group) => leftLines(t, group), room);
    if (left.length > shown) lines.push(t.risk.notice.moreBackToNormal(left.length - shown));
    blocks.push(section(lines.join("\n")));
    const back = left.filter(allResolved);
    const ended = left.filter((g) => !allResolved(g));
    if (back.length > 0) summary.push(t.risk.notice.backSummary(back.map((g) => g.clientName)));
    if (ended.length > 0) summary.push(t.risk.notice.endedSummary(ended.map((g) => g.clientName)));
  }
  // The notification text is plain: client names are escaped but not cut mid-entity.
  return { text: truncateMrkdwn(escapeMrkdwn(t.risk.notice.summary(summary)), 3000), blocks };
}
