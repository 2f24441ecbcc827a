/** Ephemeral replies for commands: confirmations, choices, and one message per failure kind. Pure. */
import type { KnownBlock } from "@slack/types";
import { LOG_USAGE, type LogCommandError } from "../../domain/log-command.ts";
import { formatDateForHumans, type WhenError } from "../../domain/when.ts";
import type { NameProblem } from "../../services/clients.ts";
import type { EditResult, FollowUpDue } from "../../services/interactions.ts";
import type { ClientRow } from "../../store/clients.ts";
import { ACTIONS } from "../ids.ts";
import { button, context, ephemeral, LIMIT, section, userText, type EphemeralReply } from "./blocks.ts";

export const TIER_USAGE = "/tier <client name>";
export const CLIENT_USAGE = "/client add <name>";

export function usage(usageLine: string, problem?: string): EphemeralReply {
  const text = `${problem ? `${problem}\n` : ""}Usage: \`${usageLine}\``;
  return ephemeral(text);
}

export function logUsage(problem?: string): EphemeralReply {
  const blocks: KnownBlock[] = [
    section(`${problem ? `${problem}\n` : ""}*Usage:* \`${LOG_USAGE}\``),
    context("Types: call, meeting, email, visit, message, note. `next:` takes 3d, 2w, 1m, a weekday or YYYY-MM-DD. Type `/log` alone to open the form."),
  ];
  return ephemeral(`${problem ? `${problem} ` : ""}Usage: ${LOG_USAGE}`, blocks);
}

export function logParseError(error: LogCommandError): EphemeralReply {
  switch (error.code) {
    case "empty":
      return logUsage();
    case "missing-type":
      return logUsage("I couldn't find the kind of touch: put one of call, meeting, email, visit, message or note after the client's name.");
    case "missing-client":
      return logUsage("Which client? Put the client's name before the kind of touch.");
    case "missing-summary":
      return logUsage("Add a short summary after the kind of touch.");
    case "bad-sentiment":
      return logUsage(`\`sentiment:${userText(error.value, 40)}\` isn't one I know: use positive, neutral or negative.`);
    case "duplicate-option":
      return logUsage(`\`${error.option}:\` is given twice: keep one.`);
    case "client-name-too-long":
      return logUsage(`A client name is at most ${error.limit} characters; this one has ${error.actual}.`);
    case "summary-too-long":
      return logUsage(`The summary is ${error.actual} characters; the limit is ${error.limit}. Shorten it, or use \`/log\` alone for the form.`);
    case "command-too-long":
      return logUsage(`That's ${error.actual} characters; a /log is at most ${error.limit}.`);
  }
}

const WHEN_PROBLEMS: Record<WhenError, string> = {
  empty: "`next:` needs a date.",
  unrecognised: "I couldn't read that `next:` date.",
  past: "That `next:` date is in the past.",
  "invalid-date": "That `next:` date doesn't exist on the calendar.",
  "too-far": "That `next:` date is more than 5 years away.",
};

export function badNextDate(error: WhenError, text: string): EphemeralReply {
  return ephemeral(
    `${WHEN_PROBLEMS[error]} You wrote \`next:${userText(text, 40)}\`. Use 3d, 2w, 1m, a weekday (mon…sun) or YYYY-MM-DD, today or later. Nothing was logged.`,
  );
}

export function nameProblem(problem: NameProblem, usageLine: string): EphemeralReply {
  if (problem.problem === "name-empty") return usage(usageLine, "Give the client's name.");
  return usage(usageLine, `A client name is at most ${problem.limit} characters; this one has ${problem.length}. Nothing was saved.`);
}

export function clientCreated(client: ClientRow): EphemeralReply {
  const text = `Added *${userText(client.name, 200)}* (tier ${client.tier}), owned by you.`;
  return ephemeral(text, [
    section(text),
    { type: "actions", elements: [button("Log a touch", ACTIONS.openLogModal, client.id, "primary"), button("Show card", ACTIONS.showClientCard, client.id)] },
  ]);
}

export function clientExists(client: ClientRow): EphemeralReply {
  const text = `*${userText(client.name, 200)}* already exists${client.archivedAt ? " (archived)" : ""}. Names are unique in the workspace, ignoring case and spacing.`;
  return ephemeral(text, [
    section(text),
    { type: "actions", elements: [button("Show card", ACTIONS.showClientCard, client.id)] },
  ]);
}

export function clientUnknown(query: string, suggestions: readonly string[]): EphemeralReply {
  const found = `No client matches *${userText(query, 200)}*.`;
  if (suggestions.length === 0) return ephemeral(`${found} Add it with \`/client add ${userText(query, 200)}\`.`);
  const list = suggestions.map((s) => `• ${userText(s, 200)}`).join("\n");
  return ephemeral(`${found} Did you mean: ${suggestions.map((s) => userText(s, 200)).join(", ")}?`, [
    section(`${found} Did you mean:\n${list}`),
    context(`Or add it with \`/client add ${userText(query, 200)}\`.`),
  ]);
}

export function clientChoices(query: string, matches: readonly ClientRow[]): EphemeralReply {
  const intro = `Several clients match *${userText(query, 200)}*: pick one.`;
  const blocks: KnownBlock[] = [section(intro)];
  // Every match the service found gets its button, as far as one message holds (intro and note included).
  const shown = matches.slice(0, LIMIT.blocks - 2);
  for (const m of shown) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*${userText(m.name, 200)}* · tier ${m.tierOverride ?? m.tier}`, verbatim: true },
      accessory: button("Show card", ACTIONS.showClientCard, m.id),
    });
  }
  if (matches.length > shown.length) blocks.push(context(`${matches.length - shown.length} more: type more of the name.`));
  return ephemeral(`Several clients match ${userText(query, 200)}: ${matches.map((m) => userText(m.name, 200)).join(", ")}`, blocks);
}

export function interactionLogged(clientName: string, type: string, followUp: FollowUpDue, interactionId: string): EphemeralReply {
  const follow = `Next follow-up: *${formatDateForHumans(followUp.dueOn)}* (${followUp.dueOn})${followUp.basis === "logged" ? ", as you asked" : ", from the cadence"}.`;
  const text = `Logged a ${type} with *${userText(clientName, 200)}*. ${follow}`;
  return ephemeral(text, [
    section(text),
    touchActions(interactionId),
  ]);
}

/** Edit and Undo, on a touch's confirmation. */
const touchActions = (interactionId: string): KnownBlock => ({
  type: "actions",
  elements: [button("Edit", ACTIONS.editTouch, interactionId), button("Undo", ACTIONS.undoTouch, interactionId, "danger")],
});

export function touchEdited(result: Extract<EditResult, { kind: "edited" }>): EphemeralReply {
  const follow = result.followUp ? ` Next follow-up: *${formatDateForHumans(result.followUp.dueOn)}* (${result.followUp.dueOn}).` : "";
  const text = `Saved your changes to the ${result.type} with *${userText(result.clientName, 200)}*.${follow}`;
  return ephemeral(text, [section(text), touchActions(result.interactionId)]);
}

export const touchNotEditable = (): EphemeralReply => ephemeral("That touch can't be edited: only the rep who logged it can, and not once it is undone.");

export function touchUndone(summary: string): EphemeralReply {
  return ephemeral(`Undone: the touch "${userText(summary, 200)}" is no longer logged, and the follow-up is back to what the other touches say.`);
}

export const touchNotUndoable = (): EphemeralReply =>
  ephemeral("That touch can't be undone: only its rep can, within a day of logging it, and only once.");

export function duplicateInteraction(clientName: string): EphemeralReply {
  return ephemeral(`That touch with *${userText(clientName, 200)}* is already logged; nothing changed.`);
}

export const somethingWentWrong = (): EphemeralReply =>
  ephemeral("Sorry, that didn't work on our side, and nothing was saved. Please try again in a moment.");
export type { EphemeralReply } from "./blocks.ts";

export const alreadyHandled = (): EphemeralReply =>
  ephemeral("That command reached me twice; I handled it the first time, so nothing changed now.");
