/** One-off notices the bot posts on its own. Pure. */
import type { KnownBlock } from "@slack/types";
import type { Messages } from "../i18n/index.ts";
import { mention, section } from "./blocks.ts";

/** To a manager, in their language: someone on their team left Slack (their DMs fail), and their clients need a new owner. */
export function buildRepLeftNotice(t: Messages, repSlackId: string, activeClients: number): { text: string; blocks: KnownBlock[] } {
  const text = t.digest.repLeft(mention(repSlackId), activeClients);
  return { text, blocks: [section(`:wave: ${text}`)] };
}
