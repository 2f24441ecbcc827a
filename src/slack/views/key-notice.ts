/** The owner's notice that clients joined or left the key list, each with the thresholds behind it. Pure. */
import type { KnownBlock } from "@slack/types";
import { keyStatusFromJson } from "../../domain/scoring.ts";
import { escapeMrkdwn } from "../../domain/text.ts";
import type { Messages } from "../i18n/index.ts";
import { context, header, section, truncateMrkdwn, userText } from "./blocks.ts";

export interface KeyNoticeItem {
  clientName: string;
  joined: boolean;
  /** KeyChange.details: the domain's KeyStatus as JSON. */
  details: string;
}

/** Lines in the post; the rest are counted. One section holds them, well under its 3,000 characters. */
const MAX_LINES = 10;

export function buildKeyNotice(t: Messages, items: readonly KeyNoticeItem[], currency: string): { text: string; blocks: KnownBlock[] } {
  const lines = items.slice(0, MAX_LINES).map((item) => {
    const status = keyStatusFromJson(item.details);
    const why = status ? escapeMrkdwn(t.key.why(status, currency)) : "";
    return (item.joined ? t.key.notice.joined : t.key.notice.left)(userText(item.clientName, 80), why);
  });
  const blocks: KnownBlock[] = [header(t.key.notice.heading), section(lines.join("\n"))];
  if (items.length > MAX_LINES) blocks.push(context(t.key.notice.more(items.length - MAX_LINES)));
  const joined = items.filter((i) => i.joined).length;
  return { text: truncateMrkdwn(escapeMrkdwn(t.key.notice.summary(joined, items.length - joined)), 3000), blocks };
}
