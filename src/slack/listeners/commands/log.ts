import type { App } from "@slack/bolt";
import type { LogCommandResult } from "../../../services/interactions.ts";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { buildLogModal } from "../../views/log-modal.ts";
import {
  badNextDate,
  clientChoices,
  clientUnknown,
  duplicateInteraction,
  interactionLogged,
  logParseError,
  logUsage,
  type EphemeralReply,
} from "../../views/replies.ts";
import type { Messages } from "../../i18n/index.ts";
import { answerCommand } from "../failures.ts";
import { contextOf, messagesOrDefault, readerOnce } from "../request-context.ts";

function replyFor(t: Messages, result: LogCommandResult): EphemeralReply {
  switch (result.kind) {
    case "logged":
      return interactionLogged(t, result.client.name, result.interaction.type, result.followUp, result.interaction.id);
    case "duplicate":
      return duplicateInteraction(t, result.client.name);
    case "parse-error":
      return logParseError(t, result.error);
    case "client-ambiguous":
      return clientChoices(t, result.query, result.matches);
    case "client-unknown":
      return clientUnknown(t, result.query, result.suggestions);
    case "bad-next":
      return badNextDate(t, result.error, result.text);
    case "summary-too-long":
      return logParseError(t, { code: "summary-too-long", limit: result.limit, actual: result.length });
  }
}

/** `/log <client> <type> <summary> [next:<when>] [sentiment:<s>]`; bare `/log` opens the log modal. */
export function registerLogCommand(app: App, services: Services): void {
  app.command(COMMANDS.log, async ({ command, ack, client, respond, logger }) => {
    const ctx = contextOf(command);
    const reader = readerOnce(services, ctx);
    if (!command.text.trim() && command.trigger_id) {
      await ack();
      try {
        const { t, today } = await reader();
        await client.views.open({ trigger_id: command.trigger_id, view: buildLogModal(t, { today }) });
      } catch (error) {
        logger.warn("could not open the log modal", error instanceof Error ? error.message : String(error));
        const t = await messagesOrDefault(reader);
        await respond(logUsage(t, t.replies.logFormDidNotOpen)).catch(() => undefined);
      }
      return;
    }
    await answerCommand(logger, ack, reader, async () => {
      // The trigger is unique per invocation: the same command delivered twice is stored once.
      const result = await services.interactions.logFromCommand(ctx, command.text, command.trigger_id ? `command:${command.trigger_id}` : undefined);
      return replyFor((await reader()).t, result);
    });
  });
}
