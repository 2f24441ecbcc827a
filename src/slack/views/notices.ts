/** One-off notices the bot posts on its own. Pure. */
import type { KnownBlock } from "@slack/types";
import { plural } from "../../domain/text.ts";
import { mention, section } from "./blocks.ts";

/** To a manager: someone on their team left Slack (their DMs fail), and their clients need a new owner. */
export function buildRepLeftNotice(repSlackId: string, activeClients: number): { text: string; blocks: KnownBlock[] } {
  const clients = activeClients
    ? `They own ${plural(activeClients, "active client")}; \`/client reassign @them @new-owner\` hands them all to someone on your team in one step.`
    : "They own no active clients.";
  const text = `${mention(repSlackId)} has left Slack: the bot can no longer message them, so their nudges have stopped. ${clients}`;
  return { text, blocks: [section(`:wave: ${text}`)] };
}
