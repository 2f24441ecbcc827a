/** The weekly digest DM: a manager's week in a handful of sections, or one line for a quiet week. Pure. */
import type { KnownBlock } from "@slack/types";
import { addDays } from "../../domain/cadence.ts";
import type { TierCounts } from "../../domain/digest.ts";
import { escapeMrkdwn, plural } from "../../domain/text.ts";
import type { Digest } from "../../services/digest.ts";
import { context, header, mention, section, userText } from "./blocks.ts";
import { operationsSection } from "./operations.ts";
import { riskRuleLabel } from "./risk-alert.ts";

/** Client names in the digest's lists are cut shorter than elsewhere, so a full list stays one section. */
const NAME_MAX = 60;

const shortDate = (day: string) => {
  const [, month, date] = day.split("-").map(Number) as [number, number, number];
  return `${date} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]}`;
};

const owner = (id: string | null) => (id ? mention(id) : "no owner");
const more = (shown: number, total: number) => (total > shown ? `\n…and ${total - shown} more.` : "");
const shares = (s: TierCounts) => `A ${s.A}% · B ${s.B}% · C ${s.C}%`;

function highlightsSection(digest: Digest): KnownBlock {
  const { items, total } = digest.highlights;
  if (items.length === 0) return section("*Key and A-tier clients*: none yet.");
  const lines = items.map((c) => {
    const last = c.lastTouchOn ? `last touch ${shortDate(c.lastTouchOn)}` : "never touched";
    const next = c.nextDueOn ? ` · next ${shortDate(c.nextDueOn)}` : "";
    return `• *${userText(c.name, NAME_MAX)}* · ${c.tier}${c.keyClient ? " · key" : ""} · ${last}${next} · ${owner(c.ownerSlackId)}`;
  });
  return section(`*Key and A-tier clients* (${total})\n${lines.join("\n")}${more(items.length, total)}`);
}

function activitySection(digest: Digest): KnownBlock {
  const heading = `*Activity* (touches by client tier; the tiers' share of value is ${shares(digest.valueShare)})`;
  if (digest.activity.length === 0) return section(`${heading}\nNo touches logged this week.`);
  const shown = digest.activity.slice(0, 15);
  const lines = shown.map(({ repSlackId, touches }) => {
    const count = touches.A + touches.B + touches.C;
    const pct = (n: number) => Math.round((n / count) * 100);
    return `• ${mention(repSlackId)}: ${plural(count, "touch", "touches")} (A ${pct(touches.A)}% · B ${pct(touches.B)}% · C ${pct(touches.C)}%)`;
  });
  return section(`${heading}\n${lines.join("\n")}${more(shown.length, digest.activity.length)}`);
}

export function buildDigest(digest: Digest): { text: string; blocks: KnownBlock[] } {
  const whose = digest.scope === "team" ? "your team" : "the workspace";
  const week = `${shortDate(digest.day.from)} – ${shortDate(addDays(digest.day.today, -1))}`;
  if (digest.quiet && !digest.operations) {
    const text = `Quiet week for ${whose} (${week}): no touches logged, nothing overdue, no new risks or tier moves.`;
    return { text, blocks: [section(text)] };
  }
  const { keyClients, covered } = digest.coverage;
  const coverage = keyClients
    ? `*Coverage*: ${covered} of ${plural(keyClients, "key client")} touched within cadence (${Math.round((covered / keyClients) * 100)}%).`
    : "*Coverage*: no key clients yet.";
  const overdue = digest.overdue.length
    ? `*Overdue follow-ups*\n${digest.overdue.slice(0, 15).map((o) => `• ${mention(o.ownerSlackId)}: ${o.count}`).join("\n")}${more(Math.min(15, digest.overdue.length), digest.overdue.length)}`
    : "*Overdue follow-ups*: none. :tada:";
  const risks = digest.newRisks.items.length
    ? `*New risks*\n${digest.newRisks.items
        .map((r) => `• *${userText(r.clientName, NAME_MAX)}* (${owner(r.ownerSlackId)}): ${riskRuleLabel(r.rule).toLowerCase()}, ${escapeMrkdwn(r.reason)}${r.cleared ? " (cleared since)" : ""}`)
        .join("\n")}${more(digest.newRisks.items.length, digest.newRisks.total)}`
    : "*New risks*: none.";
  const moves = digest.tierMoves.items.length
    ? `*Tier moves*\n${digest.tierMoves.items.map((m) => `• *${userText(m.clientName, NAME_MAX)}*: ${m.fromTier} → ${m.toTier} (${escapeMrkdwn(m.reason)})`).join("\n")}${more(digest.tierMoves.items.length, digest.tierMoves.total)}`
    : "*Tier moves*: none.";
  const blocks: KnownBlock[] = [
    header(`Weekly digest · ${digest.day.week}`),
    context(`${digest.scope === "team" ? "Your team" : "Whole workspace"} · ${week}`),
    ...(digest.quiet ? [section("Quiet week: no touches logged, nothing overdue, no new risks or tier moves.")] : [
      section(coverage),
      highlightsSection(digest),
      section(overdue),
      section(risks),
      section(moves),
      activitySection(digest),
    ]),
    ...(digest.operations ? [operationsSection(digest.operations, "week")] : []),
  ];
  const text = `Weekly digest for ${whose} (${week}): ${keyClients ? `${covered}/${keyClients} key clients covered, ` : ""}${digest.overdue.reduce((n, o) => n + o.count, 0)} overdue, ${digest.newRisks.total} new risks, ${digest.tierMoves.total} tier moves.`;
  return { text, blocks };
}
