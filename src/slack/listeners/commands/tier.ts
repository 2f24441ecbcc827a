import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { TIER_USAGE, usage } from "../../views/replies.ts";
import { cardReplyForQuery } from "../client-card-reply.ts";
import { answerCommand } from "../failures.ts";
import { contextOf, readerOnce } from "../request-context.ts";

/** `/tier <client>`: the client card, a choice list, or the closest names. */
export function registerTierCommand(app: App, services: Services): void {
  app.command(COMMANDS.tier, async ({ command, ack, logger }) => {
    const ctx = contextOf(command);
    const reader = readerOnce(services, ctx);
    await answerCommand(logger, ack, reader, async () => {
      if (!command.text.trim()) {
        const { t } = await reader();
        return usage(t, TIER_USAGE, t.replies.tierWhichClient);
      }
      return cardReplyForQuery(services, ctx, command.text, reader);
    });
  });
}
