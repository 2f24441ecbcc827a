/** The `/tier` card: tier, explainable score, owner, follow-up and the last touches. Pure. */
import type { KnownBlock } from "@slack/types";
import { daysBetween } from "../../domain/cadence.ts";
import { plural } from "../../domain/text.ts";
import { formatDateForHumans } from "../../domain/when.ts";
import type { Dimension } from "../../domain/scoring.ts";
import type { ClientCard } from "../../services/clients.ts";
import { ACTIONS } from "../ids.ts";
import { button, context, ephemeral, fields, header, mention, section, userText, type EphemeralReply } from "./blocks.ts";

const DIMENSION_LABELS: Record<Dimension, string> = {
  contribution: "contribution",
  relationship: "relationship",
  lifecycle: "lifecycle",
  risk: "risk",
  satisfaction: "satisfaction",
  strategicFit: "strategic fit",
};

const SENTIMENT_EMOJI: Record<string, string> = { positive: ":large_green_circle:", neutral: ":white_circle:", negative: ":red_circle:" };

const fmtPoints = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A link to the Slack message a touch was logged from; only a plain https URL becomes a link. */
const messageLink = (permalink: string | null) => (permalink && /^https:\/\/[^\s<>|]+$/.test(permalink) ? ` (<${permalink}|message>)` : "");

export function followUpText(card: Pick<ClientCard, "followUp">, today: string): string {
  if (!card.followUp) return "None yet: log a touch to start the cadence";
  const { dueOn } = card.followUp;
  const days = daysBetween(today, dueOn);
  const when = days < 0 ? `overdue by ${plural(-days, "day")}` : days === 0 ? "due today" : `in ${plural(days, "day")}`;
  return `${formatDateForHumans(dueOn)} (${when})`;
}

export function buildClientCard(card: ClientCard, today: string): EphemeralReply {
  const { client } = card;
  const tierText = card.overridden
    ? `*${card.tier}* (override${client.tierOverrideReason ? `: ${userText(client.tierOverrideReason, 200)}` : ""})`
    : `*${card.tier}*`;
  const breakdown = card.breakdown.map((d) => `${DIMENSION_LABELS[d.dimension]} ${fmtPoints(d.points)}/${fmtPoints(d.max)}`).join(" · ");
  const badges = [
    card.keyClient ? ":key: *Key client*" : null,
    client.relationshipType ? `*${userText(client.relationshipType, 60)}*${card.relationshipHint ? `: ${card.relationshipHint}` : ""}` : null,
    `cadence ${card.cadenceDays} days`,
  ].filter(Boolean);
  const recent = card.recent.length
    ? card.recent
        .map(
          (i) =>
            `${SENTIMENT_EMOJI[i.sentiment] ?? ""} ${formatDateForHumans(i.occurredAt.toISOString().slice(0, 10))}, ${i.type} by ${mention(i.repSlackId)}: ${userText(i.summary, 280)}${messageLink(i.permalink)}`,
        )
        .join("\n")
    : "_No touches logged yet._";

  const blocks: KnownBlock[] = [
    header(client.name),
    fields([
      ["Tier", tierText],
      ["Score", `${card.score}/100`],
      ["Owner", client.ownerSlackId ? mention(client.ownerSlackId) : "_unassigned_"],
      ["Next follow-up", followUpText(card, today)],
    ]),
    section(`*Why this score:* ${breakdown}`),
    context(badges.join("  |  ")),
    ...(card.risks.length ? [section(`*Risks*\n${card.risks.map((r) => `:warning: ${r.reason}`).join("\n")}`)] : []),
    section(`*Last touches*\n${recent}`),
    { type: "actions", elements: [button("Log a touch", ACTIONS.openLogModal, client.id, "primary")] },
  ];
  const text = `${userText(client.name, 200)}: tier ${card.tier}, score ${card.score}/100. Next follow-up: ${followUpText(card, today)}`;
  return ephemeral(text, blocks);
}
