/** Ephemeral replies for commands: confirmations, choices, and one message per failure kind, in the reader's words. Pure. */
import type { KnownBlock } from "@slack/types";
import { LOG_USAGE, type LogCommandError } from "../../domain/log-command.ts";
import type { WhenError } from "../../domain/when.ts";
import type { NameProblem } from "../../services/clients.ts";
import type { FollowUpDue } from "../../domain/cadence.ts";
import type { EditResult } from "../../services/interactions.ts";
import type { ClientRow } from "../../store/clients.ts";
import type { Messages } from "../i18n/index.ts";
import { ACTIONS } from "../ids.ts";
import { button, context, ephemeral, LIMIT, section, userText, type EphemeralReply } from "./blocks.ts";
import { named } from "./client-card.ts";

export const TIER_USAGE = "/tier <client name>";
export const CLIENT_USAGE = "/client add <name>";

/** The command's syntax, with what was missing or wrong above it (`problem` is mrkdwn from the catalogue). */
export function usage(t: Messages, usageLine: string, problem?: string): EphemeralReply {
  return ephemeral(t.replies.usage(usageLine, problem));
}

export function logUsage(t: Messages, problem?: string): EphemeralReply {
  const blocks: KnownBlock[] = [section(t.replies.logUsage(LOG_USAGE, problem)), context(t.replies.logHelp)];
  return ephemeral(t.replies.logUsageFallback(LOG_USAGE, problem), blocks);
}

export function logParseError(t: Messages, error: LogCommandError): EphemeralReply {
  const say = t.replies.logProblem;
  switch (error.code) {
    case "empty":
      return logUsage(t);
    case "missing-type":
      return logUsage(t, say.missingType);
    case "missing-client":
      return logUsage(t, say.missingClient);
    case "missing-summary":
      return logUsage(t, say.missingSummary);
    case "bad-sentiment":
      return logUsage(t, say.badSentiment(userText(error.value, 40)));
    case "duplicate-option":
      return logUsage(t, say.duplicateOption(error.option));
    case "client-name-too-long":
      return logUsage(t, say.clientNameTooLong(error.limit, error.actual));
    case "summary-too-long":
      return logUsage(t, say.summaryTooLong(error.limit, error.actual));
    case "command-too-long":
      return logUsage(t, say.commandTooLong(error.limit, error.actual));
  }
}

export function badNextDate(t: Messages, error: WhenError, text: string): EphemeralReply {
  return ephemeral(t.replies.badNextDate(t.replies.whenProblem[error], userText(text, 40)));
}

export function nameProblem(t: Messages, problem: NameProblem, usageLine: string): EphemeralReply {
  if (problem.problem === "name-empty") return usage(t, usageLine, t.replies.nameEmpty);
  return usage(t, usageLine, t.replies.nameTooLong(problem.limit, problem.length));
}

export function clientCreated(t: Messages, client: ClientRow): EphemeralReply {
  const text = t.clients.created(userText(client.name, 200), t.common.tier(client.tier));
  return ephemeral(text, [
    section(text),
    {
      type: "actions",
      elements: [button(t.card.logTouch, ACTIONS.openLogModal, client.id, "primary"), button(t.replies.showCard, ACTIONS.showClientCard, client.id)],
    },
  ]);
}

export function clientExists(t: Messages, client: ClientRow): EphemeralReply {
  const text = t.clients.exists(userText(client.name, 200), client.archivedAt !== null);
  return ephemeral(text, [section(text), { type: "actions", elements: [button(t.replies.showCard, ACTIONS.showClientCard, client.id)] }]);
}

export function clientUnknown(t: Messages, query: string, suggestions: readonly string[]): EphemeralReply {
  const q = userText(query, 200);
  if (suggestions.length === 0) return ephemeral(t.replies.noClientMatches(q));
  const names = suggestions.map((s) => userText(s, 200));
  return ephemeral(t.replies.noClientMatchesDidYouMean(q, names), [
    section(`${t.replies.noClientMatchesPick(q)}\n${names.map((n) => `• ${n}`).join("\n")}`),
    context(t.replies.orAddItWith(q)),
  ]);
}

/** A button's client that is gone (archived or removed) since the message was posted. */
export const clientGone = (t: Messages): EphemeralReply => ephemeral(t.replies.clientGone);

export function clientChoices(t: Messages, query: string, matches: readonly ClientRow[]): EphemeralReply {
  const q = userText(query, 200);
  const blocks: KnownBlock[] = [section(t.replies.severalMatch(q))];
  // Every match the service found gets its button, as far as one message holds (intro and note included).
  const shown = matches.slice(0, LIMIT.blocks - 2);
  for (const m of shown) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*${userText(m.name, 200)}* · ${t.common.tier(m.tierOverride ?? m.tier)}`, verbatim: true },
      accessory: button(t.replies.showCard, ACTIONS.showClientCard, m.id),
    });
  }
  if (matches.length > shown.length) blocks.push(context(t.replies.moreMatches(matches.length - shown.length)));
  return ephemeral(
    t.replies.severalMatchFallback(
      q,
      matches.map((m) => userText(m.name, 200)),
    ),
    blocks,
  );
}

export function interactionLogged(t: Messages, clientName: string, type: string, followUp: Pick<FollowUpDue, "dueOn" | "basis">, interactionId: string): EphemeralReply {
  const follow = t.replies.loggedFollowUp(t.common.date(followUp.dueOn), followUp.dueOn, followUp.basis === "logged");
  const text = t.replies.touchLogged(named(t.common.interactionType, type), userText(clientName, 200), follow);
  return ephemeral(text, [section(text), touchActions(t, interactionId)]);
}

/** Edit and Undo, on a touch's confirmation. */
const touchActions = (t: Messages, interactionId: string): KnownBlock => ({
  type: "actions",
  elements: [button(t.replies.edit, ACTIONS.editTouch, interactionId), button(t.replies.undo, ACTIONS.undoTouch, interactionId, "danger")],
});

export function touchEdited(t: Messages, result: Extract<EditResult, { kind: "edited" }>): EphemeralReply {
  const follow = result.followUp ? t.replies.editedFollowUp(t.common.date(result.followUp.dueOn), result.followUp.dueOn) : "";
  const text = `${t.replies.touchEdited(named(t.common.interactionType, result.type), userText(result.clientName, 200))}${follow}`;
  return ephemeral(text, [section(text), touchActions(t, result.interactionId)]);
}

export const touchNotEditable = (t: Messages): EphemeralReply => ephemeral(t.replies.touchNotEditable);

export function touchUndone(t: Messages, summary: string): EphemeralReply {
  return ephemeral(t.replies.touchUndone(userText(summary, 200)));
}

export const touchNotUndoable = (t: Messages): EphemeralReply => ephemeral(t.replies.touchNotUndoable);

export function duplicateInteraction(t: Messages, clientName: string): EphemeralReply {
  return ephemeral(t.replies.duplicateTouch(userText(clientName, 200)));
}

export const somethingWentWrong = (t: Messages): EphemeralReply => ephemeral(t.replies.somethingWentWrong);
export type { EphemeralReply } from "./blocks.ts";

export const alreadyHandled = (t: Messages): EphemeralReply => ephemeral(t.replies.alreadyHandled);

/** A subcommand the command does not have: `command` is the command and the word typed, cleaned to show as code. */
export const unknownSubcommand = (t: Messages, usageLine: string, command: string, word: string): EphemeralReply =>
  usage(t, usageLine, t.replies.unknownCommand(`${command} ${word.slice(0, 40).replace(/[&<>`]/g, "")}`));
