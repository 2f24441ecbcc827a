/** Replies for `/client assign`, `/client archive` and `/client history`, in the reader's words. Pure. */
import type { KnownBlock } from "@slack/types";
import type { ArchiveResult, AssignResult, HistoryResult, ReassignAllResult } from "../../services/client-records.ts";
import type { AuditRow } from "../../store/audit.ts";
import type { Messages } from "../i18n/index.ts";
import { context, ephemeral, header, mention, section, userText, type EphemeralReply } from "./blocks.ts";

type Decided<T> = Extract<T, { kind: "assigned" | "archived" | "already-archived" | "history" | "refused" }>;

export function assignReply(t: Messages, result: Decided<AssignResult>): EphemeralReply {
  if (result.kind === "refused") return ephemeral(t.clients.assignRefused);
  return ephemeral(t.clients.assigned(userText(result.client.name, 200), mention(result.client.ownerSlackId ?? ""), result.previousOwner ? mention(result.previousOwner) : null));
}

export function reassignAllReply(t: Messages, result: ReassignAllResult): EphemeralReply {
  switch (result.kind) {
    case "refused":
      return ephemeral(t.clients.reassignRefused);
    case "same-person":
      return ephemeral(t.clients.samePerson);
    case "reassigned":
      return ephemeral(
        result.count === 0 ? t.clients.nothingToMove(mention(result.from)) : t.clients.reassigned(result.count, mention(result.from), mention(result.to)),
      );
  }
}

export const editRefused = (t: Messages): EphemeralReply => ephemeral(t.clients.editRefused);

export function editSaved(t: Messages, clientName: string, changed: readonly string[], tier: string): EphemeralReply {
  const name = userText(clientName, 200);
  if (changed.length === 0) return ephemeral(t.clients.unchanged(name));
  return ephemeral(t.clients.saved(name, changed.length, t.common.tier(tier)));
}

export function archiveReply(t: Messages, result: Decided<ArchiveResult>): EphemeralReply {
  switch (result.kind) {
    case "refused":
      return ephemeral(t.clients.archiveRefused);
    case "already-archived":
      return ephemeral(t.clients.alreadyArchived(userText(result.client.name, 200)));
    case "archived":
      return ephemeral(t.clients.archived(userText(result.client.name, 200)));
  }
}

const stamp = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** One value of an audit entry: a Slack id as a mention, a change as `from → to`, anything else as escaped text. */
function detailValue(t: Messages, v: unknown): string {
  if (v === null || v === undefined) return t.clients.noValue;
  if (typeof v === "string" && /^[UW][A-Z0-9]+$/.test(v)) return mention(v);
  if (typeof v === "object" && !Array.isArray(v) && "from" in v && "to" in v) return `${detailValue(t, v.from)} → ${detailValue(t, v.to)}`;
  return userText(typeof v === "object" ? JSON.stringify(v) : String(v), 120);
}

/** Audit details are JSON written by the bot; shown as `key: value`, with user text escaped. */
function detailText(t: Messages, details: string | null): string {
  if (!details) return "";
  try {
    const parsed = JSON.parse(details) as Record<string, unknown>;
    return Object.entries(parsed)
      .map(([k, v]) => `${k}: ${detailValue(t, v)}`)
      .join(", ");
  } catch {
    return userText(details, 200);
  }
}

const historyLine = (t: Messages, e: AuditRow) =>
  `• ${stamp(e.createdAt)} · ${e.actorSlackId === "cli" ? "CLI" : mention(e.actorSlackId)} · \`${e.action}\` ${detailText(t, e.details)}`;

export function historyReply(t: Messages, result: Decided<HistoryResult>): EphemeralReply {
  if (result.kind === "refused") return ephemeral(t.clients.historyRefused);
  const name = userText(result.client.name, 140);
  if (result.entries.length === 0) return ephemeral(t.clients.historyEmpty(name));
  const blocks: KnownBlock[] = [header(t.clients.historyHeader(result.client.name))];
  for (let i = 0; i < result.entries.length; i += 10) {
    blocks.push(section(result.entries.slice(i, i + 10).map((e) => historyLine(t, e)).join("\n")));
  }
  blocks.push(context(t.clients.historyNote));
  return ephemeral(t.clients.historyFallback(name, result.entries.length), blocks);
}
