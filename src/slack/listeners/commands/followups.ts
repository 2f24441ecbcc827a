import type { App } from "@slack/bolt";
import { parseUserMention } from "../../../domain/text.ts";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { buildFollowUpList, followUpsRefused } from "../../views/follow-ups.ts";
import { usage } from "../../views/replies.ts";
import { answerCommand } from "../failures.ts";
import { contextOf } from "../request-context.ts";

export const FOLLOWUPS_USAGE = "/followups [@person]";

/** `/followups`: the caller's overdue and coming follow-ups; `/followups @person` for their manager or an admin. */
export function registerFollowUpsCommand(app: App, services: Services): void {
  app.command(COMMANDS.followups, async ({ command, ack, logger }) => {
    await answerCommand(logger, ack, async () => {
      const ctx = contextOf(command);
      const text = command.text.trim();
      const ownerId = text ? parseUserMention(text) : ctx.userId;
      if (!ownerId) return usage(FOLLOWUPS_USAGE, "Name one person with an @-mention, or nothing for your own list.");
      const list = await services.followUps.list(ctx, ownerId);
      return list.kind === "refused" ? followUpsRefused(list.ownerId) : buildFollowUpList(list);
    });
  });
}
