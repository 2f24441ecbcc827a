/** `/client list`: active clients, one line each, with how many more match. Pure. */
import type { KnownBlock } from "@slack/types";
import { formatDateForHumans } from "../../domain/when.ts";
import type { ClientListFilter } from "../../services/clients.ts";
import type { ClientRow } from "../../store/clients.ts";
import { context, ephemeral, header, mention, section, userText, type EphemeralReply } from "./blocks.ts";

const TITLES: Record<ClientListFilter, string> = {
  all: "All clients",
  mine: "Your clients",
  A: "Tier A clients",
  B: "Tier B clients",
  C: "Tier C clients",
  key: "Key clients",
};

const LINES_PER_SECTION = 10;

function line(client: ClientRow): string {
  const owner = client.ownerSlackId ? mention(client.ownerSlackId) : "_unassigned_";
  const touched = client.lastTouchAt ? `last touch ${formatDateForHumans(client.lastTouchAt.toISOString().slice(0, 10))}` : "no touch yet";
  return `• *${userText(client.name, 120)}* · tier ${client.tier} · ${owner} · ${touched}`;
}

export function buildClientList(filter: ClientListFilter, items: readonly ClientRow[], total: number): EphemeralReply {
  const title = TITLES[filter];
  if (items.length === 0) return ephemeral(`${title}: none.${filter === "mine" ? " Add one with `/client add <name>`." : ""}`);
  const blocks: KnownBlock[] = [header(`${title} (${total})`)];
  for (let i = 0; i < items.length; i += LINES_PER_SECTION) blocks.push(section(items.slice(i, i + LINES_PER_SECTION).map(line).join("\n")));
  if (total > items.length) blocks.push(context(`…and ${total - items.length} more. Narrow it down with \`/client list mine|A|B|C|key\`, or use \`/tier <name>\`.`));
  const names = items.map((c) => userText(c.name, 60)).join(", ");
  return ephemeral(`${title} (${total}): ${names}${total > items.length ? ` and ${total - items.length} more` : ""}`, blocks);
}
