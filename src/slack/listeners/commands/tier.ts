import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { TIER_USAGE, usage } from "../../views/replies.ts";
import { cardReplyForQuery } from "../client-card-reply.ts";
import { answerCommand } from "../failures.ts";
import { contextOf } from "../request-context.ts";

/** `/tier <client>`: the client card, a choice list, or the closest names. */
export function registerTierCommand(app: App, services: Services): void {
  app.command(COMMANDS.tier, async ({ command, ack, logger }) => {
    await answerCommand(logger, ack, async () => {
      if (!command.text.trim()) return usage(TIER_USAGE, "Which client? `/tier` shows a client's tier, score, owner and next follow-up.");
      return cardReplyForQuery(services, contextOf(command), command.text);
    });
  });
}
