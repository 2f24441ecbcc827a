/**
 * `/client list`: active clients, one line each with the risk states each is in now (by the rules' names, as the
 * card and the alerts name them), with how many more match, in the reader's words; the key list also says who
 * carries more key clients than the rules suggest. Pure.
 */
import type { KnownBlock } from "@slack/types";
import type { RiskFlag } from "../../domain/risk.ts";
import { escapeMrkdwn } from "../../domain/text.ts";
import type { ClientListFilter, KeyOverCap } from "../../services/clients.ts";
import type { ClientRow } from "../../store/clients.ts";
import type { Messages } from "../i18n/index.ts";
import { context, ephemeral, header, mention, sections, userText, type EphemeralReply } from "./blocks.ts";

function line(t: Messages, client: ClientRow, risks: readonly RiskFlag[]): string {
  const owner = client.ownerSlackId ? mention(client.ownerSlackId) : t.common.unassigned;
  const touched = client.lastTouchAt ? t.clients.lastTouch(t.common.date(client.lastTouchAt.toISOString().slice(0, 10))) : t.clients.noTouchYet;
  const risky = risks.length > 0 ? ` · ${t.clients.listRisks(risks.length, escapeMrkdwn(t.risk.notice.rules(risks.map((r) => t.risk.ruleInline(r.rule)))))}` : "";
  return `• *${userText(client.name, 120)}* · ${t.common.tier(client.tier)} · ${owner} · ${touched}${risky}`;
}

/**
 * `risks`: the states each listed client is in now, by client id (a client in none need not be there); `overCap`:
 * the owners over the rules' key clients per rep (the key list's).
 */
export function buildClientList(
  t: Messages,
  filter: ClientListFilter,
  items: readonly ClientRow[],
  total: number,
  risks: ReadonlyMap<string, readonly RiskFlag[]> = new Map(),
  overCap: KeyOverCap = { maxPerRep: 0, owners: [] },
): EphemeralReply {
  const title = t.clients.listTitle[filter];
  if (items.length === 0) return ephemeral(t.clients.listEmpty(title, filter === "mine"));
  const heading = t.clients.listHeader(title, total);
  const blocks: KnownBlock[] = [header(heading)];
  blocks.push(...sections(items.map((c) => line(t, c, risks.get(c.id) ?? []))));
  const more = total - items.length;
  if (more > 0) blocks.push(context(t.clients.listMore(more)));
  const overLines = overCap.owners.map((o) => t.clients.keyOverCap(mention(o.ownerSlackId), o.keyClients, overCap.maxPerRep));
  blocks.push(...sections(overLines));
  const fallback = t.clients.listFallback(
    heading,
    items.map((c) => userText(c.name, 60)),
    more,
  );
  return ephemeral(overLines.length > 0 ? `${fallback}\n${overLines.join("\n")}` : fallback, blocks);
}
