import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { CLIENT_LIST_FILTERS, type ClientListFilter } from "../../../services/clients.ts";
import { buildClientList } from "../../views/client-list.ts";
import { CLIENT_USAGE, clientCreated, clientExists, nameProblem, unknownSubcommand, usage } from "../../views/replies.ts";
import { parseUserMention } from "../../../domain/text.ts";
import { ephemeral } from "../../views/blocks.ts";
import { buildClientEditModal } from "../../views/client-edit-modal.ts";
import { archiveReply, assignReply, editRefused, historyReply, reassignAllReply } from "../../views/client-records.ts";
import { cardReplyForQuery, notFoundReply } from "../client-card-reply.ts";
import { answerCommand } from "../failures.ts";
import { contextOf, readerOf, readerOnce } from "../request-context.ts";

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
      // The form must open within Slack's 3-second trigger window: resolve and read the reader together, check, ack, then open.
      const [found, { t }] = await Promise.all([services.records.resolveForChange(ctx, argument), readerOf(services, ctx)]);
      if (found.kind !== "found") return void (await ack(notFoundReply(t, found, EDIT_USAGE)));
      if (!(await services.records.mayEdit(ctx, found.client))) return void (await ack(editRefused(t)));
      await ack();
      try {
        await client.views.open({ trigger_id: command.trigger_id, view: buildClientEditModal(t, found.client, services.rules.currency) });
      } catch (error) {
        logger.warn("could not open the edit form", error instanceof Error ? error.message : String(error));
        await respond(ephemeral(t.clients.editFormDidNotOpen)).catch(() => undefined);
      }
      return;
    }
    const reader = readerOnce(services, ctx);
    await answerCommand(logger, ack, reader, async () => {
      const { t } = await reader();
      switch (sub.toLowerCase()) {
        case "edit":
          return usage(t, EDIT_USAGE, t.clients.editWhichClient);
        case "add": {
          const result = await services.clients.add(ctx, argument);
          if (result.kind === "invalid") return nameProblem(t, result, CLIENT_USAGE);
          return result.kind === "created" ? clientCreated(t, result.client) : clientExists(t, result.client);
        }
        case "show":
          if (rest.length === 0) return usage(t, "/client show <name>", t.replies.whichClient);
          return cardReplyForQuery(services, ctx, argument, reader);
        case "list": {
          const filter = rest.length <= 1 ? listFilter(rest[0] ?? "") : undefined;
          if (!filter) return usage(t, LIST_USAGE, t.clients.listFilters);
          const { items, total, risks, overCap } = await services.clients.list(ctx, filter);
          return buildClientList(t, filter, items, total, risks, overCap);
        }
        case "assign": {
          const mentionWord = rest[rest.length - 1] ?? "";
          const newOwner = parseUserMention(mentionWord);
          const name = argument.slice(0, argument.length - mentionWord.length).trim();
          if (!newOwner || !name) return usage(t, ASSIGN_USAGE, t.clients.assignHow);
          const result = await services.records.assign(ctx, name, newOwner);
          return result.kind === "assigned" || result.kind === "refused" ? assignReply(t, result) : notFoundReply(t, result, ASSIGN_USAGE);
        }
        case "reassign": {
          const [from, to] = rest.map(parseUserMention);
          if (rest.length !== 2 || !from || !to) return usage(t, REASSIGN_USAGE, t.clients.reassignHow);
          return reassignAllReply(t, await services.records.reassignAll(ctx, from, to));
        }
        case "archive": {
          const result = await services.records.archive(ctx, argument);
          return result.kind === "none" || result.kind === "ambiguous" || result.kind === "empty"
            ? notFoundReply(t, result, "/client archive <name>")
            : archiveReply(t, result);
        }
        case "history": {
          const result = await services.records.history(ctx, argument);
          return result.kind === "none" || result.kind === "ambiguous" || result.kind === "empty"
            ? notFoundReply(t, result, "/client history <name>")
            : historyReply(t, result);
        }
        case "":
          return usage(t, CLIENT_HELP, t.clients.whatToDo);
        default:
          return unknownSubcommand(t, CLIENT_HELP, "/client", sub);
      }
    });
  });
}
