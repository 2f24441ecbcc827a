import type { App } from "@slack/bolt";
import { parseUserMention } from "../../../domain/text.ts";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { buildFollowUpList, followUpsRefused, pauseReply } from "../../views/follow-ups.ts";
import { usage } from "../../views/replies.ts";
import { answerCommand } from "../failures.ts";
import { contextOf } from "../request-context.ts";

export const FOLLOWUPS_USAGE = "/followups [@person] | /followups pause <until> | /followups resume";

/**
 * `/followups`: the caller's overdue and coming follow-ups; `/followups @person` for their manager or an admin;
 * `/followups pause <until>` and `/followups resume` for the caller's morning nudges.
 */
export function registerFollowUpsCommand(app: App, services: Services): void {
  app.command(COMMANDS.followups, async ({ command, ack, logger }) => {
    await answerCommand(logger, ack, async () => {
      const ctx = contextOf(command);
      const text = command.text.trim();
      const [word, ...rest] = text.split(/\s+/);
      if (word?.toLowerCase() === "pause") return pauseReply(await services.followUps.pauseNudges(ctx, rest.join(" ")));
      if (word?.toLowerCase() === "resume" && rest.length === 0) return pauseReply(await services.followUps.pauseNudges(ctx, null));
      const ownerId = text ? parseUserMention(text) : ctx.userId;
      if (!ownerId) return usage(FOLLOWUPS_USAGE, "Name one person with an @-mention, or nothing for your own list; `pause 2w` or `resume` for your morning nudges.");
      const list = await services.followUps.list(ctx, ownerId);
      return list.kind === "refused" ? followUpsRefused(list.ownerId) : buildFollowUpList(list);
    });
  });
}
