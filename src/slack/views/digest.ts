/**
 * The weekly digest DM: a manager's week in a handful of sections (among them the risk states the listed key and
 * A-tier clients are in now, worded as App Home words them), or one line for a quiet week. Pure.
 */
import type { KnownBlock } from "@slack/types";
import { addDays } from "../../domain/cadence.ts";
import type { TierCounts } from "../../domain/digest.ts";
import { escapeMrkdwn } from "../../domain/text.ts";
import type { Digest } from "../../services/digest.ts";
import type { Messages } from "../i18n/index.ts";
import { context, header, linesOfWholeGroups, mention, section, sections, userText } from "./blocks.ts";
import { operationsSection } from "./operations.ts";
import { riskReason } from "./risk-text.ts";

/** Client names in the digest's lists are cut shorter than elsewhere, so a full list stays one section. */
const NAME_MAX = 60;

const owner = (t: Messages, id: string | null) => (id ? mention(id) : t.digest.noOwner);
const more = (t: Messages, shown: number, total: number) => (total > shown ? `\n${t.digest.more(total - shown)}` : "");
const shares = (s: TierCounts) => `A ${s.A}% · B ${s.B}% · C ${s.C}%`;

function highlightsSection(t: Messages, digest: Digest): KnownBlock {
  const { items, total } = digest.highlights;
  if (items.length === 0) return section(t.digest.highlightsNone);
  const day = (d: string | null) => (d ? t.digest.shortDate(d) : null);
  const lines = items.map((c) => t.digest.highlight(userText(c.name, NAME_MAX), c.tier, c.keyClient, day(c.lastTouchOn), day(c.nextDueOn), owner(t, c.ownerSlackId)));
  return section(`${t.digest.highlightsHeading(total)}\n${lines.join("\n")}${more(t, items.length, total)}`);
}

/** Lines the "in a risk state now" section lists before it counts the remaining clients (one line per state). */
const NOW_LINES = 10;

/** The listed key and A-tier clients in a risk state now, one line per state as App Home has them, whole clients only. */
function risksNowBlocks(t: Messages, digest: Digest): KnownBlock[] {
  const now = digest.risksNow;
  if (now.clients === 0) return [section(t.digest.nowNone)];
  const { lines, shown } = linesOfWholeGroups(
    now.items,
    (client) => {
      const name = userText(client.name, NAME_MAX);
      return client.risks.map((risk) => t.digest.nowLine(name, owner(t, client.ownerSlackId), escapeMrkdwn(t.risk.ruleInline(risk.rule)), escapeMrkdwn(riskReason(t, risk))));
    },
    NOW_LINES,
  );
  const blocks: KnownBlock[] = sections([t.digest.nowHeading(now.clients, now.states), ...lines], NOW_LINES + 1);
  if (now.clients > shown) blocks.push(context(t.digest.nowMore(now.clients - shown)));
  return blocks;
}

function activitySection(t: Messages, digest: Digest): KnownBlock {
  const heading = t.digest.activityHeading(shares(digest.valueShare));
  if (digest.activity.length === 0) return section(`${heading}\n${t.digest.noActivity}`);
  const shown = digest.activity.slice(0, 15);
  const lines = shown.map(({ repSlackId, touches }) => {
    const count = touches.A + touches.B + touches.C;
    const pct = (n: number) => Math.round((n / count) * 100);
    return t.digest.activityLine(mention(repSlackId), count, shares({ A: pct(touches.A), B: pct(touches.B), C: pct(touches.C) }));
  });
  return section(`${heading}\n${lines.join("\n")}${more(t, shown.length, digest.activity.length)}`);
}

/** Key events the digest lists (the service reads no more). */
const LISTED_LINES = 10;

/** The week's key events (joined or left the key list) with the thresholds behind each, the rest counted; nothing when none. */
function keyChangesBlocks(t: Messages, digest: Digest): KnownBlock[] {
  const { items, joined, left } = digest.keyChanges;
  if (joined + left === 0) return [];
  const lines = items.map((c) =>
    t.digest.keyChangeLine(userText(c.clientName, NAME_MAX), owner(t, c.ownerSlackId), c.joined, t.digest.shortDate(c.on), c.status ? escapeMrkdwn(t.key.why(c.status, digest.currency)) : ""),
  );
  const rest = joined + left - items.length;
  return sections([t.digest.keyChangesHeading(joined, left), ...lines, ...(rest > 0 ? [t.digest.more(rest)] : [])], LISTED_LINES + 2);
}

/** The reps over the rules' key clients per rep, the first 10 named, the rest counted; nothing when none is. */
function keyLoadBlocks(t: Messages, digest: Digest): KnownBlock[] {
  const { over, maxPerRep } = digest.keyLoad;
  if (over.length === 0) return [];
  const shown = over.slice(0, LISTED_LINES);
  return [section(`${shown.map((o) => t.digest.keyLoadLine(mention(o.ownerSlackId), o.count, maxPerRep)).join("\n")}${more(t, shown.length, over.length)}`)];
}

/** The reps whose touches are furthest from their own portfolio's value, one line each; nothing when none is. */
function effortBlocks(t: Messages, digest: Digest): KnownBlock[] {
  if (digest.effort.length === 0) return [];
  const lines = digest.effort.map((m) => {
    const rep = mention(m.repSlackId);
    if (m.kind === "tier") return t.digest.effortTier(rep, m.touchPercent, m.tier, m.valuePercent, m.touches, m.tierTouches, m.tierMeetings);
    return m.kind === "noProspects" ? t.digest.effortNoProspects(rep, m.touches, m.prospects) : t.digest.effortOnlyProspects(rep, m.touches, m.existing);
  });
  return [section(`${t.digest.effortHeading}\n${lines.join("\n")}`)];
}

/** The digest in its reader's language (the manager's or admin's stored Slack locale). */
export function buildDigest(t: Messages, digest: Digest): { text: string; blocks: KnownBlock[] } {
  const whose = t.digest.whose[digest.scope];
  const week = t.digest.week(t.digest.shortDate(digest.day.from), t.digest.shortDate(addDays(digest.day.today, -1)));
  if (digest.quiet && !digest.operations) {
    const text = t.digest.quietWeek(whose, week);
    return { text, blocks: [section(text)] };
  }
  const { keyClients, covered } = digest.coverage;
  const coverage = keyClients ? t.digest.coverage(covered, keyClients, Math.round((covered / keyClients) * 100)) : t.digest.noKeyClients;
  const overdue = digest.overdue.length
    ? `${t.digest.overdueHeading}\n${digest.overdue.slice(0, 15).map((o) => t.digest.overdueLine(mention(o.ownerSlackId), o.count)).join("\n")}${more(t, Math.min(15, digest.overdue.length), digest.overdue.length)}`
    : t.digest.overdueNone;
  const risks = digest.newRisks.items.length
    ? `${t.digest.risksHeading}\n${digest.newRisks.items
        .map((r) => t.digest.riskLine(userText(r.clientName, NAME_MAX), owner(t, r.ownerSlackId), escapeMrkdwn(t.risk.ruleInline(r.rule)), escapeMrkdwn(riskReason(t, r)), r.cleared))
        .join("\n")}${more(t, digest.newRisks.items.length, digest.newRisks.total)}`
    : t.digest.risksNone;
  const moves = digest.tierMoves.items.length
    ? `${t.digest.movesHeading}\n${digest.tierMoves.items
        .map((m) => t.digest.moveLine(userText(m.clientName, NAME_MAX), m.fromTier, m.toTier, escapeMrkdwn(t.digest.moveReason(m.reason))))
        .join("\n")}${more(t, digest.tierMoves.items.length, digest.tierMoves.total)}`
    : t.digest.movesNone;
  const blocks: KnownBlock[] = [
    header(t.digest.header(digest.day.week)),
    context(`${t.digest.scope[digest.scope]} · ${week}`),
    ...(digest.quiet ? [section(t.digest.quietSection)] : [
      section(coverage),
      highlightsSection(t, digest),
      ...risksNowBlocks(t, digest),
      section(overdue),
      section(risks),
      section(moves),
      ...keyChangesBlocks(t, digest),
      ...keyLoadBlocks(t, digest),
      activitySection(t, digest),
      ...effortBlocks(t, digest),
    ]),
    ...(digest.operations ? [operationsSection(t, digest.operations, "week")] : []),
  ];
  const overdueCount = digest.overdue.reduce((n, o) => n + o.count, 0);
  const text = t.digest.fallback(whose, week, keyClients ? { covered, keyClients } : null, overdueCount, digest.newRisks.total, digest.tierMoves.total);
  return { text, blocks };
}
