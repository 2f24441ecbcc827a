/**
 * The App Home tab: the person's follow-ups due this week with their buttons, their key clients with each one's next
 * follow-up, their other A-tier clients, the risk states their clients are in now, their team's totals and key-client
 * coverage (managers), the bot's operations (admins), and how to use the bot. Pure.
 */
import type { HomeView, KnownBlock } from "@slack/types";
import type { Home } from "../../services/home.ts";
import type { Messages } from "../i18n/index.ts";
import { context, header, linesOfWholeGroups, mention, section, sections, userText } from "./blocks.ts";
import { dueText, followUpItemBlocks } from "./follow-ups.ts";
import { operationsSection } from "./operations.ts";
import { riskReason } from "./risk-text.ts";

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

function keyClientsBlock(t: Messages, key: Home["keyClients"]): KnownBlock {
  if (key.items.length === 0) return section(t.home.keyClientsNone);
  const lines = key.items.map((c) =>
    t.home.keyClient(userText(c.name, NAME_MAX), t.common.tier(c.tier), c.score, c.nextFollowUp ? dueText(t, c.nextFollowUp) : null),
  );
  const more = key.total > key.items.length ? `\n${t.home.keyClientsMore(key.total - key.items.length)}` : "";
  return section(`${t.home.keyClientsHeading(key.total)}\n${lines.join("\n")}${more}`);
}

function topClientsBlock(t: Messages, top: Home["topClients"]): KnownBlock {
  if (top.items.length === 0) return section(t.home.topClientsNone);
  const lines = top.items.map((c) => t.home.topClient(userText(c.name, NAME_MAX), c.lastTouchOn ? t.common.date(c.lastTouchOn) : null));
  const more = top.total > top.items.length ? `\n${t.home.topClientsMore(top.total - top.items.length)}` : "";
  return section(`${t.home.topClientsHeading(top.total)}\n${lines.join("\n")}${more}`);
}

/** Lines the risk section lists before it counts the remaining clients instead (one line per state). */
const RISK_LINES = 10;

/**
 * The risk states the person's clients are in now, one line per state (the rule and the reason, as the card has
 * them), whole clients only, most states first; the clients left out are counted.
 */
function risksBlocks(t: Messages, risks: Home["risks"]): KnownBlock[] {
  if (risks.clients === 0) return [section(t.home.risksNone)];
  const { lines, shown } = linesOfWholeGroups(
    risks.items,
    (client) => {
      const name = userText(client.name, NAME_MAX);
      return client.risks.map((risk) => t.home.risk(name, userText(t.risk.ruleInline(risk.rule), 100), userText(riskReason(t, risk), 200)));
    },
    RISK_LINES,
  );
  const blocks: KnownBlock[] = sections([t.home.risksHeading(risks.clients, risks.states), ...lines], RISK_LINES + 1);
  if (risks.clients > shown) blocks.push(context(t.home.risksMore(risks.clients - shown)));
  return blocks;
}

function teamBlock(t: Messages, team: NonNullable<Home["team"]>): KnownBlock {
  const total = team.reduce((n, m) => n + m.overdue, 0);
  const lines = team.slice(0, 30).map((m) => t.home.teamMember(mention(m.slackId), m.overdue));
  const more = team.length > 30 ? `\n${t.home.teamMore(team.length - 30)}` : "";
  return section(`${t.home.team(total, team.length)}\n${lines.join("\n")}${more}`);
}

function coverageBlock(t: Messages, coverage: NonNullable<Home["coverage"]>): KnownBlock {
  if (coverage.percent === null) return section(t.home.coverageNone);
  const heading = t.home.coverage(coverage.covered, coverage.keyClients, coverage.percent);
  if (coverage.mostUncovered.length === 0) return section(`${heading}\n${t.home.allCovered}`);
  const lines = coverage.mostUncovered.map((m) => t.home.mostUncovered(mention(m.slackId), m.uncovered));
  return section(`${heading}\n${t.home.mostUncoveredHeading}\n${lines.join("\n")}`);
}

/** The tab for `home`; without one (the store could not be read), the help alone. */
export function buildAppHome(t: Messages, home?: Home): HomeView {
  const blocks: KnownBlock[] = [header(t.home.title)];
  if (home) {
    blocks.push(...followUpBlocks(t, home.followUps), { type: "divider" }, keyClientsBlock(t, home.keyClients), topClientsBlock(t, home.topClients), ...risksBlocks(t, home.risks));
    if (home.team) blocks.push(teamBlock(t, home.team));
    if (home.coverage) blocks.push(coverageBlock(t, home.coverage));
    if (home.operations) blocks.push(operationsSection(t, home.operations, "recent"));
    blocks.push({ type: "divider" });
  } else {
    blocks.push(section(t.home.intro));
  }
  blocks.push(...helpBlocks(t));
  return { type: "home", blocks };
}
