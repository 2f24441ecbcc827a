import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { clientCreated, clientExists, nameProblem, usage } from "../../views/replies.ts";
import { cardReplyForQuery } from "../client-card-reply.ts";
import { answerCommand } from "../failures.ts";
import { contextOf } from "../request-context.ts";

const CLIENT_HELP = "/client add <name> | /client show <name>";

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
        case "":
          return usage(CLIENT_HELP, "What would you like to do with a client?");
        default:
          return usage(CLIENT_HELP, `I don't know \`/client ${sub.slice(0, 40).replace(/[&<>`]/g, "")}\`.`);
      }
    });
  });
}
