/**
 * The App Home tab: the person's follow-ups due this week with their buttons, their A-tier clients, the risks on
 * their clients, their team's totals (managers), the bot's operations (admins), and how to use the bot. Pure.
 */
import type { HomeView, KnownBlock } from "@slack/types";
import { LOG_USAGE } from "../../domain/log-command.ts";
import { plural } from "../../domain/text.ts";
import { formatDateForHumans } from "../../domain/when.ts";
import type { Home } from "../../services/home.ts";
import { context, header, mention, section, userText } from "./blocks.ts";
import { followUpItemBlocks } from "./follow-ups.ts";
import { operationsSection } from "./operations.ts";
import { riskRuleLabel } from "./risk-alert.ts";

const NAME_MAX = 80;

const HELP: KnownBlock[] = [
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
];

function followUpBlocks(list: Home["followUps"]): KnownBlock[] {
  if (list.items.length === 0) return [section("*Your follow-ups*: nothing due in the next 7 days. :tada:")];
  const overdue = list.items.filter((i) => i.daysLate > 0).length;
  const blocks: KnownBlock[] = [section(`*Your follow-ups*: ${overdue} overdue, ${list.items.length + list.more - overdue} due this week.`)];
  for (const item of list.items) blocks.push(...followUpItemBlocks(item, list.ownerId));
  if (list.more > 0) blocks.push(context(`…and ${list.more} more. \`/followups\` lists them.`));
  return blocks;
}

function topClientsBlock(top: Home["topClients"]): KnownBlock {
  if (top.items.length === 0) return section("*Your A-tier clients*: none yet.");
  const lines = top.items.map((c) => `• *${userText(c.name, NAME_MAX)}*: ${c.lastTouchOn ? `last touch ${formatDateForHumans(c.lastTouchOn)}` : "never touched"}`);
  const more = top.total > top.items.length ? `\n…and ${top.total - top.items.length} more: \`/client list A\`.` : "";
  return section(`*Your A-tier clients* (${top.total})\n${lines.join("\n")}${more}`);
}

function risksBlock(risks: Home["risks"]): KnownBlock {
  if (risks.length === 0) return section("*Risks on your clients*: none. :white_check_mark:");
  const lines = risks.map((r) => `• *${userText(r.client.name, NAME_MAX)}*: ${riskRuleLabel(r.rule).toLowerCase()}, ${userText(r.reason, 200)}`);
  return section(`*Risks on your clients*\n${lines.join("\n")}`);
}

function teamBlock(team: NonNullable<Home["team"]>): KnownBlock {
  const total = team.reduce((n, m) => n + m.overdue, 0);
  const lines = team.slice(0, 30).map((m) => `• ${mention(m.slackId)}: ${m.overdue} overdue`);
  const more = team.length > 30 ? `\n…and ${team.length - 30} more.` : "";
  return section(`*Your team*: ${plural(total, "overdue follow-up")} across ${plural(team.length, "person", "people")}\n${lines.join("\n")}${more}`);
}

/** The tab for `home`; without one (the store could not be read), the help alone. */
export function buildAppHome(home?: Home): HomeView {
  const blocks: KnownBlock[] = [header("Client follow-ups")];
  if (home) {
    blocks.push(...followUpBlocks(home.followUps), { type: "divider" }, topClientsBlock(home.topClients), risksBlock(home.risks));
    if (home.team) blocks.push(teamBlock(home.team));
    if (home.operations) blocks.push(operationsSection(home.operations, "recent"));
    blocks.push({ type: "divider" });
  } else {
    blocks.push(section("Keep every client relationship on cadence: log touches in seconds, see who is due, and know a client before the call."));
  }
  blocks.push(...HELP);
  return { type: "home", blocks };
}
