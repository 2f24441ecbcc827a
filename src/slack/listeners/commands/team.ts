import type { App } from "@slack/bolt";
import { parseUserMention } from "../../../domain/text.ts";
import type { Services } from "../../../services/index.ts";
import { isRole } from "../../../services/team.ts";
import { COMMANDS } from "../../ids.ts";
import { unknownSubcommand, usage } from "../../views/replies.ts";
import { buildTeam, roleChangeReply } from "../../views/team.ts";
import { answerCommand } from "../failures.ts";
import { contextOf, readerOnce } from "../request-context.ts";

export const TEAM_USAGE = "/team | /team set @person rep|manager|admin [@manager]";

/** `/team`: who is who; `/team set @person <role> [@manager]`: role changes, by admins. */
export function registerTeamCommand(app: App, services: Services): void {
  app.command(COMMANDS.team, async ({ command, ack, logger }) => {
    const ctx = contextOf(command);
    const reader = readerOnce(services, ctx);
    await answerCommand(logger, ack, reader, async () => {
      const { t } = await reader();
      const words = command.text.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) return buildTeam(t, await services.team.overview(ctx));
      const [sub, person, role, manager, ...extra] = words;
      if (sub?.toLowerCase() !== "set") return unknownSubcommand(t, TEAM_USAGE, "/team", sub ?? "");
      const personId = person ? parseUserMention(person) : undefined;
      if (!personId) return usage(t, TEAM_USAGE, t.team.namePerson);
      const roleWord = role?.toLowerCase() ?? "";
      if (!isRole(roleWord)) return usage(t, TEAM_USAGE, t.team.roleWords);
      const managerId = manager ? parseUserMention(manager) : null;
      if (managerId === undefined || extra.length > 0) return usage(t, TEAM_USAGE, t.team.oneManager);
      return roleChangeReply(t, await services.team.setRole(ctx, personId, roleWord, managerId));
    });
  });
}
