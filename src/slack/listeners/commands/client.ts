import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { CLIENT_LIST_FILTERS, type ClientListFilter } from "../../../services/clients.ts";
import { buildClientList } from "../../views/client-list.ts";
import { clientCreated, clientExists, nameProblem, usage } from "../../views/replies.ts";
import { parseUserMention } from "../../../domain/text.ts";
import { ephemeral } from "../../views/blocks.ts";
import { buildClientEditModal } from "../../views/client-edit-modal.ts";
import { archiveReply, assignReply, editRefused, historyReply, reassignAllReply } from "../../views/client-records.ts";
import { cardReplyForQuery, notFoundReply } from "../client-card-reply.ts";
import { answerCommand } from "../failures.ts";
import { contextOf } from "../request-context.ts";

const CLIENT_HELP =
  "/client add <name> | show <name> | edit <name> | list [mine|A|B|C|key] | assign <name> @person | reassign @from @to | archive <name> | history <name>";
const ASSIGN_USAGE = "/client assign <name> @person";
const REASSIGN_USAGE = "/client reassign @from @to";
const EDIT_USAGE = "/client edit <name>";
const LIST_USAGE = "/client list [mine|A|B|C|key]";

/** The filter word, case-insensitive for mine/key and the tier letters. */
function listFilter(word: string): ClientListFilter | undefined {
  if (!word) return "all";
  const canonical = /^[abc]$/i.test(word) ? word.toUpperCase() : word.toLowerCase();
  return (CLIENT_LIST_FILTERS as readonly string[]).includes(canonical) ? (canonical as ClientListFilter) : undefined;
}

/** `/client <subcommand> ...`: client records. */
export function registerClientCommand(app: App, services: Services): void {
  app.command(COMMANDS.client, async ({ command, ack, client, respond, logger }) => {
    const ctx = contextOf(command);
    const [sub = "", ...rest] = command.text.trim().split(/\s+/);
    const argument = command.text.trim().slice(sub.length).trim();
    if (sub.toLowerCase() === "edit" && command.trigger_id && argument) {
      // The form must open within Slack's 3-second trigger window: resolve, check, ack, then open.
      const found = await services.records.resolveForChange(ctx, argument);
      if (found.kind !== "found") return void (await ack(notFoundReply(found, EDIT_USAGE)));
      if (!(await services.records.mayEdit(ctx, found.client))) return void (await ack(editRefused()));
      await ack();
      try {
        await client.views.open({ trigger_id: command.trigger_id, view: buildClientEditModal(found.client, services.rules.currency) });
      } catch (error) {
        logger.warn("could not open the edit form", error instanceof Error ? error.message : String(error));
        await respond(ephemeral("The edit form didn't open in time; please run the command again.")).catch(() => undefined);
      }
      return;
    }
    await answerCommand(logger, ack, async () => {
      switch (sub.toLowerCase()) {
        case "edit":
          return usage(EDIT_USAGE, "Which client? The edit form opens for the full name.");
        case "add": {
          const result = await services.clients.add(ctx, argument);
          if (result.kind === "invalid") return nameProblem(result, "/client add <name>");
          return result.kind === "created" ? clientCreated(result.client) : clientExists(result.client);
        }
        case "show":
          if (rest.length === 0) return usage("/client show <name>", "Which client?");
          return cardReplyForQuery(services, ctx, argument);
        case "list": {
          const filter = rest.length <= 1 ? listFilter(rest[0] ?? "") : undefined;
          if (!filter) return usage(LIST_USAGE, "List all clients, yours (`mine`), a tier (`A`, `B`, `C`) or the key clients (`key`).");
          const { items, total } = await services.clients.list(ctx, filter);
          return buildClientList(filter, items, total);
        }
        case "assign": {
          const mentionWord = rest[rest.length - 1] ?? "";
          const newOwner = parseUserMention(mentionWord);
          const name = argument.slice(0, argument.length - mentionWord.length).trim();
          if (!newOwner || !name) return usage(ASSIGN_USAGE, "Give the client's name, then the new owner as an @-mention.");
          const result = await services.records.assign(ctx, name, newOwner);
          return result.kind === "assigned" || result.kind === "refused" ? assignReply(result) : notFoundReply(result, ASSIGN_USAGE);
        }
        case "reassign": {
          const [from, to] = rest.map(parseUserMention);
          if (rest.length !== 2 || !from || !to) return usage(REASSIGN_USAGE, "Name whose clients move, then who takes them over, both as @-mentions.");
          return reassignAllReply(await services.records.reassignAll(ctx, from, to));
        }
        case "archive": {
          const result = await services.records.archive(ctx, argument);
          return result.kind === "none" || result.kind === "ambiguous" || result.kind === "empty" ? notFoundReply(result, "/client archive <name>") : archiveReply(result);
        }
        case "history": {
          const result = await services.records.history(ctx, argument);
          return result.kind === "none" || result.kind === "ambiguous" || result.kind === "empty" ? notFoundReply(result, "/client history <name>") : historyReply(result);
        }
        case "":
          return usage(CLIENT_HELP, "What would you like to do with a client?");
        default:
          return usage(CLIENT_HELP, `I don't know \`/client ${sub.slice(0, 40).replace(/[&<>`]/g, "")}\`.`);
      }
    });
  });
}
