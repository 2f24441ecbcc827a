import type { App } from "@slack/bolt";
import { parseUserMention } from "../../../domain/text.ts";
import type { Services } from "../../../services/index.ts";
import { COMMANDS } from "../../ids.ts";
import { buildFollowUpList, followUpsRefused, pauseReply } from "../../views/follow-ups.ts";
import { usage } from "../../views/replies.ts";
import { answerCommand } from "../failures.ts";
import { contextOf, readerOnce } from "../request-context.ts";

/**
 * `/followups`: the caller's overdue and coming follow-ups; `/followups @person` for their manager or an admin;
 * `/followups pause <until>` and `/followups resume` for the caller's morning nudges.
 */
export function registerFollowUpsCommand(app: App, services: Services): void {
  app.command(COMMANDS.followups, async ({ command, ack, logger }) => {
    const ctx = contextOf(command);
    const reader = readerOnce(services, ctx);
    await answerCommand(logger, ack, reader, async () => {
      const { t } = await reader();
      const text = command.text.trim();
      const [word, ...rest] = text.split(/\s+/);
      if (word?.toLowerCase() === "pause") return pauseReply(t, await services.followUps.pauseNudges(ctx, rest.join(" ")));
      if (word?.toLowerCase() === "resume" && rest.length === 0) return pauseReply(t, await services.followUps.pauseNudges(ctx, null));
      const ownerId = text ? parseUserMention(text) : ctx.userId;
      if (!ownerId) return usage(t, t.followUps.usageLine, t.followUps.usageProblem);
      const list = await services.followUps.list(ctx, ownerId);
      return list.kind === "refused" ? followUpsRefused(t, list.ownerId) : buildFollowUpList(t, list);
    });
  });
}
