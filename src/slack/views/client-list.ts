/** `/client list`: active clients, one line each, with how many more match, in the reader's words. Pure. */
import type { KnownBlock } from "@slack/types";
import type { ClientListFilter } from "../../services/clients.ts";
import type { ClientRow } from "../../store/clients.ts";
import type { Messages } from "../i18n/index.ts";
import { context, ephemeral, header, mention, section, userText, type EphemeralReply } from "./blocks.ts";

const LINES_PER_SECTION = 10;

function line(t: Messages, client: ClientRow): string {
  const owner = client.ownerSlackId ? mention(client.ownerSlackId) : t.common.unassigned;
  const touched = client.lastTouchAt ? t.clients.lastTouch(t.common.date(client.lastTouchAt.toISOString().slice(0, 10))) : t.clients.noTouchYet;
  return `• *${userText(client.name, 120)}* · ${t.common.tier(client.tier)} · ${owner} · ${touched}`;
}

export function buildClientList(t: Messages, filter: ClientListFilter, items: readonly ClientRow[], total: number): EphemeralReply {
  const title = t.clients.listTitle[filter];
  if (items.length === 0) return ephemeral(t.clients.listEmpty(title, filter === "mine"));
  const heading = t.clients.listHeader(title, total);
  const blocks: KnownBlock[] = [header(heading)];
  for (let i = 0; i < items.length; i += LINES_PER_SECTION) {
    blocks.push(section(items.slice(i, i + LINES_PER_SECTION).map((c) => line(t, c)).join("\n")));
  }
  const more = total - items.length;
  if (more > 0) blocks.push(context(t.clients.listMore(more)));
  return ephemeral(
    t.clients.listFallback(
      heading,
      items.map((c) => userText(c.name, 60)),
      more,
    ),
    blocks,
  );
}
