import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { CLIENT_LIST_FILTERS, type ClientListFilter } from "../../../services/clients.ts";
import { buildClientList } from "../../views/client-list.ts";
import { clientCreated, clientExists, nameProblem, usage } from "../../views/replies.ts";
import { cardReplyForQuery } from "../client-card-reply.ts";
import { answerCommand } from "../failures.ts";
import { contextOf } from "../request-context.ts";

const CLIENT_HELP = "/client add <name> | /client show <name> | /client list [mine|A|B|C|key]";
const LIST_USAGE = "/client list [mine|A|B|C|key]";

/** The filter word, case-insensitive for mine/key and the tier letters. */
function listFilter(word: string): ClientListFilter | undefined {
  if (!word) return "all";
  const canonical = /^[abc]$/i.test(word) ? word.toUpperCase() : word.toLowerCase();
  return (CLIENT_LIST_FILTERS as readonly string[]).includes(canonical) ? (canonical as ClientListFilter) : undefined;
}

/** `/client <subcommand> ...`: client records. */
export function registerClientCommand(app: App, services: Services): void {
  app.command(COMMANDS.client, async ({ command, ack, logger }) => {
    await answerCommand(logger, ack, async () => {
      const ctx = contextOf(command);
      const [sub = "", ...rest] = command.text.trim().split(/\s+/);
      const argument = command.text.trim().slice(sub.length).trim();
      switch (sub.toLowerCase()) {
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
        case "":
          return usage(CLIENT_HELP, "What would you like to do with a client?");
        default:
          return usage(CLIENT_HELP, `I don't know \`/client ${sub.slice(0, 40).replace(/[&<>`]/g, "")}\`.`);
      }
    });
  });
}
