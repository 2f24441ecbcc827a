/** Small Block Kit helpers that keep Slack's limits (SLACK.md) and escape user text for mrkdwn. */
import type { Button, ContextBlock, HeaderBlock, KnownBlock, Overflow, SectionBlock } from "@slack/types";
import { escapeMrkdwn, truncateText } from "../../domain/text.ts";

export const LIMIT = { sectionText: 3000, header: 150, buttonText: 75, buttonValue: 2000, field: 2000, blocks: 50, overflowOptions: 5, optionText: 75, optionValue: 150 } as const;

/** User-provided text, escaped so `<!channel>` and friends render literally. */
export const userText = (s: string, max = 500) => escapeMrkdwn(truncateText(s, max));

export const mention = (userId: string) => `<@${userId}>`;

/**
 * Cuts mrkdwn to `max` code points without ending inside an entity (`&lt;` cut to `&l`) or a `<…>` token
 * (`<@U123>` cut to `<@U1`): Slack would show either as raw text. User text is escaped, so a `<` is the bot's.
 */
export function truncateMrkdwn(text: string, max: number): string {
  const cut = truncateText(text, max);
  return cut === text ? text : cut.replace(/(?:&[a-z]{0,3}|<[^<>]*)…$/, "…");
}

export function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncateMrkdwn(text, LIMIT.sectionText), verbatim: true } };
}

/**
 * Lines as few sections as fit: at most `maxLines` lines and Slack's 3,000 characters each, a line never split
 * between two (only a single line over the limit is cut).
 */
export function sections(lines: readonly string[], maxLines = 10): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let current: string[] = [];
  let length = 0;
  for (const line of lines) {
    const size = [...line].length + 1;
    if (current.length > 0 && (current.length >= maxLines || length + size > LIMIT.sectionText)) {
      blocks.push(section(current.join("\n")));
      current = [];
      length = 0;
    }
    current.push(line);
    length += size;
  }
  if (current.length > 0) blocks.push(section(current.join("\n")));
  return blocks;
}

export function fields(pairs: readonly (readonly [string, string])[]): SectionBlock {
  return {
    type: "section",
    fields: pairs.slice(0, 10).map(([label, value]) => ({ type: "mrkdwn" as const, text: truncateMrkdwn(`*${label}*\n${value}`, LIMIT.field), verbatim: true })),
  };
}

export function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: truncateText(text, LIMIT.header), emoji: true } };
}

export function context(text: string): ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncateMrkdwn(text, LIMIT.sectionText), verbatim: true }] };
}

export function button(text: string, actionId: string, value: string, style?: "primary" | "danger"): Button {
  return {
    type: "button",
    text: { type: "plain_text", text: truncateText(text, LIMIT.buttonText), emoji: true },
    action_id: actionId,
    value: value.slice(0, LIMIT.buttonValue),
    ...(style ? { style } : {}),
  };
}

/**
 * An overflow menu (the "⋯" beside a row's buttons), at most 5 options. Values are the bot's own ids and fit
 * Slack's 150 characters; one that would not is left out rather than cut, since a cut value names another record.
 */
export function overflow(actionId: string, options: readonly { text: string; value: string }[]): Overflow {
  return {
    type: "overflow",
    action_id: actionId,
    options: options
      .filter((o) => [...o.value].length <= LIMIT.optionValue)
      .slice(0, LIMIT.overflowOptions)
      .map((o) => ({ text: { type: "plain_text", text: truncateText(o.text, LIMIT.optionText), emoji: true }, value: o.value })),
  };
}

/** An ephemeral slash-command reply: Block Kit plus the plain-text fallback that notifications use. */
export interface EphemeralReply {
  response_type: "ephemeral";
  text: string;
  blocks: KnownBlock[];
}

export function ephemeral(text: string, blocks?: KnownBlock[]): EphemeralReply {
  return { response_type: "ephemeral", text: truncateMrkdwn(text, 3000), blocks: (blocks ?? [section(text)]).slice(0, LIMIT.blocks) };
}

/**
 * The lines of whole groups (a client's risk states, say) up to `max` lines: a group is never cut, but the first is
 * always shown (at most `max` of its lines). `shown`: how many groups made it, so the rest can be counted.
 */
export function linesOfWholeGroups<G>(groups: readonly G[], linesOf: (group: G) => string[], max: number): { lines: string[]; shown: number } {
  const lines: string[] = [];
  let shown = 0;
  for (const group of groups) {
    const own = linesOf(group);
    if (shown > 0 && lines.length + own.length > max) break;
    lines.push(...own.slice(0, max));
    shown += 1;
  }
  return { lines, shown };
}
