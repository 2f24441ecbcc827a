/** Replies for `/client assign`, `/client archive` and `/client history`. Pure. */
import type { KnownBlock } from "@slack/types";
import { plural } from "../../domain/text.ts";
import type { ArchiveResult, AssignResult, HistoryResult, ReassignAllResult } from "../../services/client-records.ts";
import type { AuditRow } from "../../store/audit.ts";
import { context, ephemeral, header, mention, section, userText, type EphemeralReply } from "./blocks.ts";

type Decided<T> = Extract<T, { kind: "assigned" | "archived" | "already-archived" | "history" | "refused" }>;

export function assignReply(result: Decided<AssignResult>): EphemeralReply {
  if (result.kind === "refused") return ephemeral("Only managers (for their team) and admins can reassign clients.");
  const from = result.previousOwner ? ` (was ${mention(result.previousOwner)})` : "";
  return ephemeral(`*${userText(result.client.name, 200)}* is now owned by ${mention(result.client.ownerSlackId ?? "")}${from}.`);
}

export function reassignAllReply(result: ReassignAllResult): EphemeralReply {
  switch (result.kind) {
    case "refused":
      return ephemeral("Only managers (for their team) and admins can move someone's clients.");
    case "same-person":
      return ephemeral("Name two different people: whose clients, then who takes them over.");
    case "reassigned":
      return ephemeral(
        result.count === 0
          ? `${mention(result.from)} owns no active clients; nothing moved.`
          : `Moved ${plural(result.count, "active client")} from ${mention(result.from)} to ${mention(result.to)}. Their follow-ups and risks moved with them.`,
      );
  }
}

export const editRefused = (): EphemeralReply =>
  ephemeral("Only the client's owner, their manager or an admin can edit it. `/tier` shows it to everyone.");

export function editSaved(clientName: string, changed: readonly string[], tier: string): EphemeralReply {
  if (changed.length === 0) return ephemeral(`Nothing changed on *${userText(clientName, 200)}*.`);
  return ephemeral(`Saved *${userText(clientName, 200)}* (${changed.length} field${changed.length === 1 ? "" : "s"} changed); tier ${tier}.`);
}

export function archiveReply(result: Decided<ArchiveResult>): EphemeralReply {
  switch (result.kind) {
    case "refused":
      return ephemeral("Only the client's owner, their manager or an admin can archive it.");
    case "already-archived":
      return ephemeral(`*${userText(result.client.name, 200)}* is already archived.`);
    case "archived":
      return ephemeral(`Archived *${userText(result.client.name, 200)}*. Its history is kept; it no longer appears in lists, lookups or follow-ups.`);
  }
}

const stamp = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Audit details are JSON written by the bot; shown as `key: value`, with user text escaped. */
function detailText(details: string | null): string {
  if (!details) return "";
  try {
    const parsed = JSON.parse(details) as Record<string, unknown>;
    return Object.entries(parsed)
      .map(([k, v]) => `${k}: ${typeof v === "string" && /^[UW][A-Z0-9]+$/.test(v) ? mention(v) : userText(String(v ?? "none"), 120)}`)
      .join(", ");
  } catch {
    return userText(details, 200);
  }
}

const historyLine = (e: AuditRow) => `• ${stamp(e.createdAt)} · ${e.actorSlackId === "cli" ? "CLI" : mention(e.actorSlackId)} · \`${e.action}\` ${detailText(e.details)}`;

export function historyReply(result: Decided<HistoryResult>): EphemeralReply {
  if (result.kind === "refused") return ephemeral("A client's change history is for admins.");
  const name = userText(result.client.name, 140);
  if (result.entries.length === 0) return ephemeral(`No recorded changes to *${name}* yet.`);
  const blocks: KnownBlock[] = [header(`History: ${result.client.name}`)];
  for (let i = 0; i < result.entries.length; i += 10) blocks.push(section(result.entries.slice(i, i + 10).map(historyLine).join("\n")));
  blocks.push(context("Newest first; the full trail is in `npm run export -- audit`."));
  return ephemeral(`History of ${name}: ${result.entries.length} changes`, blocks);
}
