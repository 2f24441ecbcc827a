/** The App Home tab: what the bot does and how to use it. Pure. */
import type { HomeView } from "@slack/types";
import { LOG_USAGE } from "../../domain/log-command.ts";
import { context, header, section } from "./blocks.ts";

export function buildAppHome(): HomeView {
  return {
    type: "home",
    blocks: [
      header("Client follow-ups"),
      section("Keep every client relationship on cadence: log touches in seconds, see who is due, and know a client before the call."),
      { type: "divider" },
      section(
        [
          "*`/tier <client>`*: the client card, with tier, an explained score, owner, last touches and next follow-up.",
          `*\`${LOG_USAGE}\`*: log a touch. \`/log\` alone opens the form.`,
          "*`/followups`*: what is due, overdue first, with Done and Snooze buttons.",
          "*`/team`*: who is a rep, a manager or an admin.",
          "*`/client add|show|edit|archive|history <name>`*, *`/client assign <name> @person`*, *`/client list [mine|A|B|C|key]`*: client records.",
        ].join("\n"),
      ),
      context("Dates like `next:3d`, `next:2w`, `next:fri` or `next:2026-12-01` are read in your Slack timezone."),
    ],
  };
}
