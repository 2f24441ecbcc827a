/**
 * The App Home tab: the person's follow-ups due this week with their buttons, their A-tier clients, the risks on
 * their clients, their team's totals (managers), the bot's operations (admins), and how to use the bot. Pure.
 */
import type { HomeView, KnownBlock } from "@slack/types";
import type { Home } from "../../services/home.ts";
import type { Messages } from "../i18n/index.ts";
import { context, header, mention, section, userText } from "./blocks.ts";
import { followUpItemBlocks } from "./follow-ups.ts";
import { operationsSection } from "./operations.ts";

const NAME_MAX = 80;

function helpBlocks(t: Messages): KnownBlock[] {
  return [section(t.home.help.join("\n")), context(t.home.helpDates)];
}

function followUpBlocks(t: Messages, list: Home["followUps"]): KnownBlock[] {
  if (list.items.length === 0) return [section(t.home.followUpsNone)];
  const overdue = list.items.filter((i) => i.daysLate > 0).length;
  const blocks: KnownBlock[] = [section(t.home.followUpsCounts(overdue, list.items.length + list.more - overdue))];
  for (const item of list.items) blocks.push(...followUpItemBlocks(t, item, list.ownerId));
  if (list.more > 0) blocks.push(context(t.home.followUpsMore(list.more)));
  return blocks;
}

function topClientsBlock(t: Messages, top: Home["topClients"]): KnownBlock {
  if (top.items.length === 0) return section(t.home.topClientsNone);
  const lines = top.items.map((c) => t.home.topClient(userText(c.name, NAME_MAX), c.lastTouchOn ? t.common.date(c.lastTouchOn) : null));
  const more = top.total > top.items.length ? `\n${t.home.topClientsMore(top.total - top.items.length)}` : "";
  return section(`${t.home.topClientsHeading(top.total)}\n${lines.join("\n")}${more}`);
}

/** The rule and the reason of a risk state in the reader's language (its stored English reason when it has no details). */
const riskText = (t: Messages, risk: Home["risks"][number]) => ({ rule: userText(t.risk.ruleInline(risk.rule), 100), reason: userText(t.risk.storedReason(risk), 200) });

function risksBlock(t: Messages, risks: Home["risks"]): KnownBlock {
  if (risks.length === 0) return section(t.home.risksNone);
  const lines = risks.map((r) => {
    const { rule, reason } = riskText(t, r);
    return t.home.risk(userText(r.client.name, NAME_MAX), rule, reason);
  });
  return section(`${t.home.risksHeading}\n${lines.join("\n")}`);
}

function teamBlock(t: Messages, team: NonNullable<Home["team"]>): KnownBlock {
  const total = team.reduce((n, m) => n + m.overdue, 0);
  const lines = team.slice(0, 30).map((m) => t.home.teamMember(mention(m.slackId), m.overdue));
  const more = team.length > 30 ? `\n${t.home.teamMore(team.length - 30)}` : "";
  return section(`${t.home.team(total, team.length)}\n${lines.join("\n")}${more}`);
}

/** The tab for `home`; without one (the store could not be read), the help alone. */
export function buildAppHome(t: Messages, home?: Home): HomeView {
  const blocks: KnownBlock[] = [header(t.home.title)];
  if (home) {
    blocks.push(...followUpBlocks(t, home.followUps), { type: "divider" }, topClientsBlock(t, home.topClients), risksBlock(t, home.risks));
    if (home.team) blocks.push(teamBlock(t, home.team));
    if (home.operations) blocks.push(operationsSection(t, home.operations, "recent"));
    blocks.push({ type: "divider" });
  } else {
    blocks.push(section(t.home.intro));
  }
  blocks.push(...helpBlocks(t));
  return { type: "home", blocks };
}
