import type { App } from "@slack/bolt";
import { parseUserMention } from "../../../domain/text.ts";
import type { Services } from "../../../services/index.ts";
import { isRole } from "../../../services/team.ts";
import { COMMANDS } from "../../ids.ts";
import { usage } from "../../views/replies.ts";
import { buildTeam, roleChangeReply } from "../../views/team.ts";
import { answerCommand } from "../failures.ts";
import { contextOf } from "../request-context.ts";

export const TEAM_USAGE = "/team | /team set @person rep|manager|admin [@manager]";

/** `/team`: who is who; `/team set @person <role> [@manager]`: role changes, by admins. */
export function registerTeamCommand(app: App, services: Services): void {
  app.command(COMMANDS.team, async ({ command, ack, logger }) => {
    await answerCommand(logger, ack, async () => {
      const ctx = contextOf(command);
      const words = command.text.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) return buildTeam(await services.team.overview(ctx));
      const [sub, person, role, manager, ...extra] = words;
      if (sub?.toLowerCase() !== "set") return usage(TEAM_USAGE, `I don't know \`/team ${(sub ?? "").slice(0, 40).replace(/[&<>`]/g, "")}\`.`);
      const personId = person ? parseUserMention(person) : undefined;
      if (!personId) return usage(TEAM_USAGE, "Name the person with an @-mention.");
      const roleWord = role?.toLowerCase() ?? "";
      if (!isRole(roleWord)) return usage(TEAM_USAGE, "The role is rep, manager or admin.");
      const managerId = manager ? parseUserMention(manager) : null;
      if (managerId === undefined || extra.length > 0) return usage(TEAM_USAGE, "After the role, name at most one manager with an @-mention.");
      return roleChangeReply(await services.team.setRole(ctx, personId, roleWord, managerId));
    });
  });
}
